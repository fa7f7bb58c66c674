"""Training call-ups and meetings of the reserve: the caps refused with their citation, nothing
half-written, deferrals, attendance and the training total on the reservist's page, the
meeting rules, the payment list and minutes opened back, denied paths and scope."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from muster.audit.labels import ACTION_LABELS
from muster.audit.models import AuditEvent
from muster.reserve.models import CallEntry, Meeting, ReserveUnit, Reservist, TrainingCall
from muster.reserve.training import services
from muster.reserve.training.models import EntryStatus
from tests.core.factories import make_person

pytestmark = pytest.mark.django_db


def _reservist(unit, name, *, klass=1, kind="nco_soldier"):
    person = make_person(unit, full_name=name, date_of_birth=dt.date(1998, 4, 2))
    return Reservist.objects.create(
        person=person,
        holder=unit,
        kind=kind,
        reserve_class=klass if kind == "nco_soldier" else None,
        registered_on=dt.date(2020, 1, 10),
        certificate_number=f"DB-{name[-3:]}",
    )


def _call(actor, commune, reservists, *, first, last, kind="training"):
    return services.create_call(
        actor=actor,
        commune=commune,
        kind=kind,
        title="Huấn luyện năm 2025",
        starts_on=first,
        ends_on=last,
        reservists=reservists,
    )


@pytest.fixture
def people(units):
    dh = units["DHOP"]
    return {
        "an": _reservist(dh, "Lê Văn An"),
        "binh": _reservist(dh, "Phạm Văn Bình"),
        "cuong": _reservist(dh, "Trần Văn Cường", kind="officer"),
        "dung": _reservist(dh, "Đỗ Văn Dũng", klass=2),
        "other": _reservist(units["DT"], "Vũ Văn Em"),
    }


def _past_training(actor, commune, reservist, days):
    """``days`` days attended in a past call (2021)."""
    first = dt.date(2021, 3, 1)
    call = _call(actor, commune, [reservist], first=first, last=first + dt.timedelta(days - 1))
    entry = call.entries.get()
    services.record_attendance(
        actor=actor,
        call=call,
        rows=[services.AttendanceRow(entry, True, None, None, False)],
    )
    return call


@pytest.mark.parametrize(("done", "refused"), [(350, False), (351, True)])
def test_class_one_total_cap_refuses_with_citation_and_writes_nothing(
    personas, units, people, done, refused
):
    commander = personas["commune_commander"]
    _past_training(commander, units["DHOP"], people["an"], done)
    before = TrainingCall.objects.count()
    make = lambda: _call(  # noqa: E731
        commander,
        units["DHOP"],
        [people["binh"], people["an"]],
        first=dt.date(2025, 5, 5),
        last=dt.date(2025, 5, 14),
    )
    if refused:
        with pytest.raises(ValidationError) as error:
            make()
        text = " ".join(error.value.messages)
        assert "Lê Văn An" in text and "vượt 1 ngày" in text and "Điều 22" in text
        assert "Phạm Văn Bình" not in text
        assert TrainingCall.objects.count() == before
    else:
        assert make().entries.count() == 2


@pytest.mark.parametrize(("last_day", "ok"), [(7, True), (8, False)])
def test_readiness_check_is_at_most_7_days(personas, units, people, last_day, ok):
    make = lambda: _call(  # noqa: E731
        personas["commune_commander"],
        units["DHOP"],
        [people["an"]],
        first=dt.date(2025, 9, 1),
        last=dt.date(2025, 9, last_day),
        kind="check",
    )
    if ok:
        assert make().days == 7
    else:
        with pytest.raises(ValidationError, match="7"):
            make()


def test_bad_dates_other_communes_and_readers_are_refused(personas, units, people):
    commander = personas["commune_commander"]
    with pytest.raises(ValidationError):
        _call(
            commander,
            units["DHOP"],
            [people["an"]],
            first=dt.date(2025, 5, 5),
            last=dt.date(2025, 5, 1),
        )
    with pytest.raises(ValidationError, match="danh sách quân nhân dự bị"):
        _call(
            commander,
            units["DHOP"],
            [people["other"]],
            first=dt.date(2025, 5, 5),
            last=dt.date(2025, 5, 6),
        )
    with pytest.raises(ValidationError):
        _call(
            personas["other_commander"],
            units["DHOP"],
            [people["an"]],
            first=dt.date(2025, 5, 5),
            last=dt.date(2025, 5, 6),
        )
    with pytest.raises(PermissionDenied):
        _call(
            personas["leader"],
            units["DHOP"],
            [people["an"]],
            first=dt.date(2025, 5, 5),
            last=dt.date(2025, 5, 6),
        )
    assert not TrainingCall.objects.exists()


def test_class_two_gets_at_most_two_training_calls_a_year(personas, units, people):
    commander = personas["commune_commander"]
    for month in (3, 6):
        _call(
            commander,
            units["DHOP"],
            [people["dung"]],
            first=dt.date(2025, month, 2),
            last=dt.date(2025, month, 6),
        )
    with pytest.raises(ValidationError, match="2 đợt"):
        _call(
            commander,
            units["DHOP"],
            [people["dung"]],
            first=dt.date(2025, 9, 2),
            last=dt.date(2025, 9, 6),
        )


def test_deferral_frees_the_days_and_is_cited(personas, units, people):
    commander = personas["commune_commander"]
    call = _call(
        commander,
        units["DHOP"],
        [people["an"]],
        first=dt.date(2025, 5, 5),
        last=dt.date(2025, 5, 14),
    )
    entry = call.entries.get()
    with pytest.raises(ValidationError):
        services.defer_entry(
            actor=commander, entry=entry, ground="exam", confirmed_by=" ", on=dt.date(2025, 5, 1)
        )
    services.defer_entry(
        actor=commander,
        entry=entry,
        ground="exam",
        confirmed_by="Trường ĐH Hùng Vương",
        on=dt.date(2025, 5, 1),
    )
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DEFERRED
    assert "khoản 4 Điều 22" in entry.deferral_reason_vi
    event = AuditEvent.objects.filter(action="reserve.training_defer").get()
    assert "khoản 4 Điều 22" in event.reason


def test_attendance_and_the_total_on_the_reservist_page(login, personas, units, people):
    commander = personas["commune_commander"]
    _past_training(commander, units["DHOP"], people["an"], 20)
    client = login(personas["commune_clerk"])
    page = client.get(reverse("reserve:reservist", args=[people["an"].public_id])).content
    assert "20 ngày" in page.decode() and "340" in page.decode()  # 360 − 20 left
    call = _call(
        commander,
        units["DHOP"],
        [people["an"], people["binh"]],
        first=dt.date(2025, 5, 5),
        last=dt.date(2025, 5, 14),
    )
    url = reverse("reserve:training_call", args=[call.public_id])
    an, binh = people["an"].public_id, people["binh"].public_id
    data = {
        "action": "attendance",
        f"att-present_{an}": "on",
        f"att-days_{an}": "8",
        f"att-coef_{an}": "0,4",
        f"att-present_{binh}": "",
    }
    bad = client.post(url, {**data, f"att-days_{an}": "11"})
    assert bad.status_code == 400
    assert client.post(url, data).status_code == 302
    entry = CallEntry.objects.get(call=call, reservist=people["an"])
    assert (entry.status, entry.days, entry.coefficient) == ("present", 8, Decimal("0.4"))
    assert CallEntry.objects.get(call=call, reservist=people["binh"]).status == "absent"
    page = client.get(reverse("reserve:reservist", args=[people["an"].public_id])).content
    assert "28 ngày" in page.decode()


def test_payment_list_opened_back_from_excel_and_pdf(login, personas, units, people, tmp_path):
    commander = personas["commune_commander"]
    call = _call(
        commander,
        units["DHOP"],
        [people["an"], people["cuong"], people["binh"]],
        first=dt.date(2025, 5, 5),
        last=dt.date(2025, 5, 11),
    )
    rows = {e.reservist_id: e for e in call.entries.all()}
    services.record_attendance(
        actor=commander,
        call=call,
        rows=[
            services.AttendanceRow(rows[people["an"].pk], True, None, Decimal("0.4"), False),
            services.AttendanceRow(rows[people["cuong"].pk], True, None, Decimal("4.2"), False),
            services.AttendanceRow(rows[people["binh"].pk], True, None, Decimal("0.5"), True),
        ],
    )
    # An: 7 days, half a month of 0,4 × 2.340.000 = 468.000; Cường: 7 × 378.000 = 2.646.000;
    # Bình is paid from the state budget: 0.
    total = 468_000 + 2_646_000
    client = login(commander)
    page = client.get(reverse("reserve:training_call", args=[call.public_id])).content.decode()
    assert "3.114.000" in page and "text-bg-warning" in page  # Decree 79 amounts unverified
    xlsx = client.get(reverse("reserve:training_payment_xlsx", args=[call.public_id]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    flat = [str(c) for row in values for c in row if c is not None]
    assert "DANH SÁCH CHI TRẢ CHẾ ĐỘ CHO QUÂN NHÂN DỰ BỊ TẬP TRUNG" in flat
    amounts = [row[5] for row in values if row and isinstance(row[0], int)]
    assert sorted(amounts) == [0, 468_000, 2_646_000]
    total_row = next(row for row in values if row and row[1] == "Tổng cộng")
    assert total_row[5] == sum(amounts) == total
    pdf = client.get(reverse("reserve:training_payment_pdf", args=[call.public_id]))
    path = tmp_path / "list.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "DANH SÁCH CHI TRẢ" in text and "3.114.000" in text and "Trần Văn Cường" in text
    assert "79/2020" in text and "chưa xác minh" in text
    other = login(personas["other_commander"])
    assert other.get(
        reverse("reserve:training_payment_pdf", args=[call.public_id])
    ).status_code == (404)


@pytest.fixture
def company(units):
    return ReserveUnit.objects.create(
        area=units["DHOP"],
        code="C1",
        name="Đại đội 1",
        role="combat",
        force="local",
        established_on=dt.date(2021, 1, 1),
    )


def test_meetings_follow_their_month_and_length(personas, units, people, company):
    commander = personas["commune_commander"]
    kw = {"actor": commander, "commune": units["DHOP"], "attendees": [people["an"]]}
    with pytest.raises(ValidationError, match="tháng cuối quý"):
        services.create_meeting(
            kind="khung_b",
            reserve_unit=company,
            held_on=dt.date(2025, 2, 27),
            hours=Decimal(3),
            **kw,
        )
    with pytest.raises(ValidationError, match="1/2 ngày"):
        services.create_meeting(
            kind="khung_b",
            reserve_unit=company,
            held_on=dt.date(2025, 3, 27),
            hours=Decimal("4.5"),
            **kw,
        )
    with pytest.raises(ValidationError):
        services.create_meeting(
            kind="khung_b", held_on=dt.date(2025, 3, 27), hours=Decimal(3), **kw
        )
    services.create_meeting(
        kind="khung_b", reserve_unit=company, held_on=dt.date(2025, 3, 27), hours=Decimal(4), **kw
    )
    with pytest.raises(ValidationError):  # one per quarter
        services.create_meeting(
            kind="khung_b",
            reserve_unit=company,
            held_on=dt.date(2025, 3, 30),
            hours=Decimal(2),
            **kw,
        )
    with pytest.raises(ValidationError, match="tháng 12"):
        services.create_meeting(
            kind="december", held_on=dt.date(2025, 11, 28), hours=Decimal(3), **kw
        )
    assert Meeting.objects.count() == 1


def test_december_meeting_minutes_opened_back_in_pdf_and_word(
    login, personas, units, people, tmp_path
):
    commander = personas["commune_commander"]
    meeting = services.create_meeting(
        actor=commander,
        kind="december",
        commune=units["DHOP"],
        held_on=dt.date(2025, 12, 20),
        hours=Decimal("3.5"),
        attendees=[people["an"], people["binh"]],
        place="Hội trường xã",
    )
    client = login(personas["commune_clerk"])
    url = reverse("reserve:meeting", args=[meeting.public_id])
    posted = client.post(
        url,
        {
            "chair": "Nguyễn Văn Đức",
            "secretary": "Lê Thị Hoa",
            "content": "Quán triệt nhiệm vụ năm 2026.",
            "conclusions": "Sẵn sàng động viên.",
            "present": [str(people["an"].public_id)],
        },
    )
    assert posted.status_code == 302
    assert meeting.attendance.get(reservist=people["binh"]).present is False
    pdf = client.get(reverse("reserve:meeting_minutes_pdf", args=[meeting.public_id]))
    path = tmp_path / "minutes.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "BIÊN BẢN SINH HOẠT QUÂN NHÂN DỰ BỊ" in text and "Quán triệt nhiệm vụ" in text
    assert "Có mặt 1/2" in text and "84/2020" in text
    word = client.get(reverse("reserve:meeting_minutes_docx", args=[meeting.public_id]))
    doc = Document(io.BytesIO(word.content))
    body = "\n".join(p.text for p in doc.paragraphs)
    cells = " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "BIÊN BẢN SINH HOẠT QUÂN NHÂN DỰ BỊ" in body + cells
    assert "Sẵn sàng động viên." in body and "Phạm Văn Bình" in cells


def test_pages_deny_readers_writing_and_other_communes(login, personas, units, people):
    commander = personas["commune_commander"]
    call = _call(
        commander,
        units["DHOP"],
        [people["an"]],
        first=dt.date(2025, 5, 5),
        last=dt.date(2025, 5, 6),
    )
    url = reverse("reserve:training_call", args=[call.public_id])
    assert login(personas["other_commander"]).get(url).status_code == 404
    reader = login(personas["leader"])
    assert reader.get(url).status_code == 200
    assert reader.post(url, {"action": "add", "add-reservists": []}).status_code == 403
    year = reverse("reserve:training", args=[units["DHOP"].public_id])
    assert login(personas["other_commander"]).get(year).status_code == 404


def test_call_page_form_creates_a_call_and_shows_refusals(login, personas, units, people):
    _past_training(personas["commune_commander"], units["DHOP"], people["an"], 355)
    client = login(personas["commune_commander"])
    url = reverse("reserve:training", args=[units["DHOP"].public_id]) + "?on=01/05/2025"
    form = {
        "action": "call",
        "call-kind": "training",
        "call-title": "Huấn luyện",
        "call-starts_on": "05/05/2025",
        "call-ends_on": "14/05/2025",
        "call-reservists": [str(people["an"].public_id), str(people["binh"].public_id)],
    }
    bad = client.post(url, form)
    assert bad.status_code == 400 and "Lê Văn An" in bad.content.decode()
    good = client.post(url, {**form, "call-reservists": [str(people["binh"].public_id)]})
    assert good.status_code == 302
    assert TrainingCall.objects.filter(starts_on=dt.date(2025, 5, 5)).count() == 1


def test_new_audit_actions_have_labels():
    for action in (
        "training_call",
        "training_add",
        "training_defer",
        "training_attendance",
        "meeting",
        "meeting_minutes",
    ):
        assert f"reserve.{action}" in ACTION_LABELS


def test_call_page_queries_do_not_grow_with_reservists(
    login, personas, units, people, django_assert_max_num_queries
):
    commander = personas["commune_commander"]
    few = [people["an"], people["binh"]]
    call = _call(commander, units["DHOP"], few, first=dt.date(2025, 5, 5), last=dt.date(2025, 5, 9))
    client = login(commander)
    url = reverse("reserve:training_call", args=[call.public_id])
    with django_assert_max_num_queries(30) as first:
        assert client.get(url).status_code == 200
    more = [_reservist(units["DHOP"], f"Hoàng Văn {i:03d}") for i in range(12)]
    services.add_to_call(actor=commander, call=call, reservists=more)
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(url).status_code == 200
