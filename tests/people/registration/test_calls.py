"""The April registration calls, their delivery, registration with certificates and the 10-day
report: legal boundaries (day before, the day, the day after; a holiday), the batch refused
whole, the pages and the printed papers opened back."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from muster.audit.models import AuditEvent
from muster.law.callup import registration, registration_calls
from muster.people.registration.models import RegistrationCall, RegistrationEvent
from muster.people.registration.services import calls as services
from tests.core.factories import make_person

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


# ------------------------------------------------------------------ pure rules at their boundary
def test_call_reaches_citizen_at_least_ten_days_before():
    due = registration.notice_deadline(D(2025, 4, 15))
    assert due.due == D(2025, 4, 5)  # a Saturday: a lead time does not move
    assert due.rule.confirmed
    assert not registration.is_late(due.due, D(2025, 4, 4))
    assert not registration.is_late(due.due, D(2025, 4, 5))
    assert registration.is_late(due.due, D(2025, 4, 6))
    after = registration.notice_deadline(D(2026, 4, 20))
    assert after.due == D(2026, 4, 10)
    assert not after.rule.confirmed  # Decree 220/2025 not verified
    assert "chưa xác minh" in after.rule.citation
    assert "not verified" in after.rule.citation_en


def test_report_due_ten_days_after_rolls_over_holidays():
    holidays = {D(2026, 4, 30), D(2026, 5, 1)}
    # 20/04/2026 + 10 = 30/04 (holiday), 01/05 (holiday), 02–03/05 weekend → Monday 04/05.
    due = registration.deadline(registration.Trigger.REGISTRATION_REPORT, D(2026, 4, 20), holidays)
    assert due.due == D(2026, 5, 4)
    assert not registration.is_late(due.due, D(2026, 5, 3))
    assert not registration.is_late(due.due, D(2026, 5, 4))
    assert registration.is_late(due.due, D(2026, 5, 5))
    # A working last day stays: 14/04/2025 + 10 = Thursday 24/04/2025.
    plain = registration.deadline(registration.Trigger.REGISTRATION_REPORT, D(2025, 4, 14), ())
    assert plain.due == D(2025, 4, 24)


def test_signer_and_recipient_change_on_1_july_2025():
    assert registration_calls.call_signer(D(2025, 6, 30)).role == "district_commander"
    assert registration_calls.call_signer(D(2025, 7, 1)).role == "commune_chairman"
    assert registration_calls.report_recipient(D(2025, 6, 30)).role == "district_command"
    late = registration_calls.report_recipient(D(2025, 7, 1))
    assert late.role == "commune_chairman" and not late.confirmed


# ------------------------------------------------------------------ services
@pytest.fixture
def clerk(personas):
    return personas["commune_clerk"]


@pytest.fixture
def men(units):
    return [
        make_person(units["DHOP"], full_name=name, date_of_birth=D(2008, m, 3))
        for m, name in ((1, "Trần Văn An"), (5, "Lê Văn Bình"), (9, "Phạm Văn Cường"))
    ]


def _issue(clerk, units, people, **over):
    data = {
        "actor": clerk,
        "commune": units["DHOP"],
        "people": people,
        "kind": "first",
        "issued_on": D(2025, 4, 1),
        "registration_date": D(2025, 4, 15),
        "registration_place": "Trụ sở Ban CHQS xã Đức Hợp",
        "signer_name": "Nguyễn Văn Hùng",
    }
    data.update(over)
    return services.issue_calls(**data)


def test_issue_batch_numbers_and_signer(clerk, units, men):
    calls = _issue(clerk, units, men)
    assert [c.number for c in calls] == [1, 2, 3]
    assert {c.deliver_by for c in calls} == {D(2025, 4, 5)}
    assert all(c.signer_role == "district_commander" for c in calls)  # signed 01/04/2025
    assert AuditEvent.objects.filter(action="conscription.registration_calls").count() == 1
    # Nobody is called twice in a year; one bad citizen refuses the whole batch.
    other = make_person(units["DHOP"], full_name="Đỗ Văn Dũng", date_of_birth=D(2008, 2, 2))
    before = RegistrationCall.objects.count()
    with pytest.raises(ValidationError) as exc:
        _issue(clerk, units, [other, men[0]])
    assert any("Trần Văn An" in m for m in exc.value.message_dict["people"])
    assert RegistrationCall.objects.count() == before


def test_too_young_and_out_of_area_refused(clerk, units):
    young = make_person(units["DHOP"], date_of_birth=D(2009, 1, 1))
    with pytest.raises(ValidationError) as exc:
        _issue(clerk, units, [young])
    assert "people" in exc.value.message_dict
    with pytest.raises(ValidationError):
        _issue(clerk, units, [young], commune=units["DT"])


@pytest.mark.parametrize(
    ("delivered", "late"), [(D(2025, 4, 4), False), (D(2025, 4, 5), False), (D(2025, 4, 6), True)]
)
def test_delivery_late_at_the_boundary(clerk, units, men, delivered, late):
    calls = _issue(clerk, units, men[:1])
    (call,) = services.record_delivery(actor=clerk, calls=calls, delivered_on=delivered)
    assert call.delivery_late is late
    call.refresh_from_db()
    assert call.delivered_on == delivered


@pytest.mark.parametrize(
    ("handed", "late"), [(D(2025, 4, 15), False), (D(2025, 4, 16), False), (D(2025, 4, 17), True)]
)
def test_certificate_within_one_day(clerk, units, men, handed, late):
    calls = _issue(clerk, units, men)
    events = services.register_called(
        actor=clerk, calls=calls, registered_on=D(2025, 4, 15), certificate_on=handed
    )
    assert [e.certificate_number for e in events] == ["1/2025", "2/2025", "3/2025"]
    assert {e.due_date for e in events} == {D(2025, 4, 16)}
    assert all(e.is_late is late for e in events)
    assert RegistrationCall.objects.filter(registration__isnull=False).count() == 3


def test_register_batch_refused_whole(clerk, units, men):
    calls = _issue(clerk, units, men)
    services.register_called(
        actor=clerk, calls=calls[:1], registered_on=D(2025, 4, 15), certificate_on=D(2025, 4, 15)
    )
    before = RegistrationEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.register_called(
            actor=clerk, calls=calls, registered_on=D(2025, 4, 15), certificate_on=D(2025, 4, 15)
        )
    first = calls[0].person.full_name
    assert any(first in m for m in exc.value.message_dict["calls"])
    assert RegistrationEvent.objects.count() == before


@pytest.mark.parametrize(
    ("reported", "late"), [(D(2025, 4, 24), False), (D(2025, 4, 25), False), (D(2025, 4, 26), True)]
)
def test_report_within_ten_days(clerk, units, men, reported, late):
    calls = _issue(clerk, units, men)
    services.register_called(
        actor=clerk, calls=calls, registered_on=D(2025, 4, 15), certificate_on=D(2025, 4, 15)
    )
    report = services.record_report(
        actor=clerk,
        commune=units["DHOP"],
        registration_date=D(2025, 4, 15),
        reported_on=reported,
        number="12/BC-BCHQS",
    )
    assert report.due_date == D(2025, 4, 25)
    assert report.is_late is late
    assert report.registered == 3
    assert report.recipient.startswith("Ban Chỉ huy quân sự huyện")


# ------------------------------------------------------------------ pages and papers
def _pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_page_batch_and_printed_papers(client, personas, units, men):
    client.force_login(personas["commune_clerk"])
    url = reverse("people:registration_commune", args=[units["DHOP"].public_id]) + "?year=2025"
    page = client.get(url)
    assert page.status_code == 200
    assert "Trần Văn An" in page.content.decode()
    response = client.post(
        url,
        {
            "action": "issue",
            "person": [str(p.public_id) for p in men],
            "issued_on": "01/04/2025",
            "registration_date": "15/04/2025",
            "registration_place": "Trụ sở Ban CHQS xã",
            "signer_name": "Nguyễn Văn Hùng",
        },
    )
    assert response.status_code == 302
    ids = [str(c.public_id) for c in RegistrationCall.objects.order_by("number")]
    assert len(ids) == 3
    client.post(url, {"action": "deliver", "call": ids, "delivered_on": "07/04/2025"})
    assert set(RegistrationCall.objects.values_list("delivery_late", flat=True)) == {True}
    assert 'data-late="1"' in client.get(url).content.decode()
    client.post(
        url,
        {"action": "register", "call": ids, "registered_on": "15/04/2025",
         "certificate_on": "16/04/2025"},
    )  # fmt: skip
    assert RegistrationEvent.objects.filter(certificate_handed_on=D(2025, 4, 16)).count() == 3
    printer = reverse("people:registration_print", args=[units["DHOP"].public_id])
    pdf = client.get(printer, {"doc": "call", "call": ids})
    assert pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    assert text.count("LỆNH GỌI CÔNG DÂN ĐĂNG KÝ NGHĨA VỤ QUÂN SỰ") == 3
    assert "Phạm Văn Cường" in text and "15/04/2025" in text
    cert = client.post(printer, {"doc": "certificate-docx", "call": ids})  # the page's button
    document = docx.Document(io.BytesIO(cert.content))
    body = "\n".join(p.text for p in document.paragraphs)
    assert body.count("GIẤY CHỨNG NHẬN ĐĂNG KÝ NGHĨA VỤ QUÂN SỰ") == 3
    assert (
        "Số: 2/2025"
        in "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells) + body
    )
    client.post(
        url,
        {"action": "report", "registration_date": "15/04/2025", "reported_on": "30/04/2025",
         "number": "5/BC"},
    )  # fmt: skip
    report = units["DHOP"]
    from muster.people.registration.models import RegistrationReport

    saved = RegistrationReport.objects.get(unit=report)
    assert saved.is_late
    printed = client.get(reverse("people:registration_report_print", args=[saved.public_id]))
    assert "BÁO CÁO KẾT QUẢ ĐĂNG KÝ" in _pdf_text(printed.content)


def test_viewer_cannot_issue(client, personas, units, men):
    viewer = next(
        (u for k, u in personas.items() if k in {"commune_viewer", "viewer", "auditor"}), None
    )
    if viewer is None:
        pytest.skip("no read-only persona")
    client.force_login(viewer)
    url = reverse("people:registration_commune", args=[units["DHOP"].public_id])
    response = client.post(url, {"action": "issue", "person": [str(men[0].public_id)]})
    assert response.status_code in {403, 404}
    assert not RegistrationCall.objects.exists()


@pytest.mark.parametrize(
    ("reported", "late"), [(D(2025, 5, 4), False), (D(2025, 5, 5), False), (D(2025, 5, 6), True)]
)
def test_report_due_across_the_may_holidays_and_a_weekend(clerk, units, men, reported, late):
    from muster.core.models import Holiday

    for day in (D(2025, 4, 30), D(2025, 5, 1), D(2025, 5, 2)):
        Holiday.objects.get_or_create(date=day, defaults={"name": "Nghỉ lễ"})
    calls = _issue(clerk, units, men[:1], registration_date=D(2025, 4, 21))
    services.register_called(
        actor=clerk, calls=calls, registered_on=D(2025, 4, 21), certificate_on=D(2025, 4, 22)
    )
    # 21/04 + 10 = Thursday 01/05 (holiday), 02/05 (day off), 03–04/05 weekend → Monday 05/05.
    report = services.record_report(
        actor=clerk,
        commune=units["DHOP"],
        registration_date=D(2025, 4, 21),
        reported_on=reported,
        number="7/BC",
    )
    assert report.due_date == D(2025, 5, 5)
    assert report.is_late is late
