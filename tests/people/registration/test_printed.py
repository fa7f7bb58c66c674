"""The registration forms beside the call and the certificate (Decree 13/2016 Art 3(2)): the
self-declared health form, the transfer letters (NVQS and reservist) and the reserve
registration certificate, printed for one citizen and for a commune's year in one file, opened
back (pdftotext, python-docx); the signer and the transfer period at 30/06 and 01/07/2025; the
denied paths (404 out of the area or for a paper that does not exist, 403 for a reader)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from muster.people.registration import forms_printed
from muster.people.registration.models import EventKind, RegistrationCall, RegistrationEvent
from muster.people.registration.services import calls as call_services
from muster.people.registration.services.events import register_first, transfer_person
from muster.people.registration.services.records import reserve_registration
from tests.core.factories import make_person

pytestmark = pytest.mark.django_db

D = dt.date
NAMES = ("Trần Văn An", "Lê Văn Bình", "Phạm Văn Cường")


def _pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def _pdf_pages(data: bytes) -> int:
    info = subprocess.run(
        ["pdfinfo", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


@pytest.fixture
def clerk(personas):
    return personas["commune_clerk"]


@pytest.fixture
def men(units):
    return [
        make_person(units["DHOP"], full_name=name, date_of_birth=D(2008, m, 3))
        for m, name in zip((1, 5, 9), NAMES, strict=True)
    ]


@pytest.fixture
def calls(clerk, units, men):
    return call_services.issue_calls(
        actor=clerk,
        commune=units["DHOP"],
        people=men,
        kind="first",
        issued_on=D(2025, 4, 1),
        registration_date=D(2025, 4, 15),
        registration_place="Trụ sở Ban CHQS xã Đức Hợp",
        signer_name="Nguyễn Văn Hùng",
    )


# ------------------------------------------------------------------ the health form
def _call_of(calls, name):
    return next(c for c in calls if c.person.full_name == name)


def test_health_form_of_one_call_pdf_and_word(client, clerk, calls):
    client.force_login(clerk)
    call = _call_of(calls, "Trần Văn An")
    url = reverse("people:registration_call_print", args=[call.public_id])
    pdf = client.get(url, {"doc": "health"})
    assert pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    assert forms_printed.HEALTH_TITLE in text
    assert "Trần Văn An" in text
    assert "03/01/2008" in text  # date of birth, dd/mm/yyyy
    assert "15/04/2025" in text  # the registration day it is filled in on
    assert "Bệnh lao" in text and "NGƯỜI KHAI" in text
    word = _docx_text(client.get(url, {"doc": "health-docx"}).content)
    assert forms_printed.HEALTH_TITLE in word
    assert "Trần Văn An" in word and "03/01/2008" in word and "15/04/2025" in word
    assert "Đức Hợp, ngày 15 tháng 04 năm 2025" in word


def test_health_form_from_the_citizen_page_without_a_call(client, clerk, units):
    person = make_person(units["DHOP"], full_name="Đỗ Thị Hằng", date_of_birth=D(2001, 12, 31))
    client.force_login(clerk)
    url = reverse("people:person_health_form", args=[person.public_id])
    text = _pdf_text(client.get(url).content)
    assert forms_printed.HEALTH_TITLE in text
    assert "Đỗ Thị Hằng" in text and "31/12/2001" in text
    word = _docx_text(client.get(url, {"format": "docx"}).content)
    assert "Đỗ Thị Hằng" in word and "ngày ..... tháng" in word  # undated: no call


def test_batch_of_health_forms_one_page_per_citizen(client, clerk, units, calls):
    client.force_login(clerk)
    url = reverse("people:registration_forms_print", args=[units["DHOP"].public_id])
    # Nothing ticked: every call of the year, in the order of their numbers.
    pdf = client.post(url, {"doc": "health", "year": "2025"})
    assert _pdf_pages(pdf.content) == 3
    text = _pdf_text(pdf.content)
    assert text.count(forms_printed.HEALTH_TITLE) == 3
    assert all(name in text for name in NAMES)
    # Two ticked: two forms, in Word.
    chosen = [str(_call_of(calls, n).public_id) for n in NAMES[1:]]
    word = _docx_text(client.post(url, {"doc": "health-docx", "call": chosen}).content)
    assert word.count(forms_printed.HEALTH_TITLE) == 2
    assert "Trần Văn An" not in word and "Phạm Văn Cường" in word


# ------------------------------------------------------------------ transfer letters
def _register(clerk, person, number="1/2025"):
    return register_first(
        actor=clerk, person=person, event_date=D(2025, 4, 15), certificate_number=number
    )


def _transfer(actor, person, to_unit, left_on):
    out, _in = transfer_person(
        actor=actor,
        person=person,
        to_unit=to_unit,
        left_on=left_on,
        arrived_on=left_on,
        registered_on=left_on,
    )
    return out


def test_transfer_letter_printed_by_the_commune_left(client, personas, clerk, units, men):
    _register(clerk, men[0])
    out = _transfer(clerk, men[0], units["DT"], D(2025, 6, 2))
    client.force_login(clerk)
    url = reverse("people:registration_event_print", args=[out.public_id])
    text = _pdf_text(client.get(url).content)
    assert forms_printed.TRANSFER_TITLE in text
    assert "Trần Văn An" in text and "03/01/2008" in text
    assert "02/06/2025" in text  # the day he left
    assert "15/04/2025" in text and "1/2025" in text  # where and when he first registered
    assert "xã Đồng Thanh, huyện Kim Động" in text
    assert "Số: 1/2025/GGT" in text
    assert "10 ngày làm việc" in text  # the period before Law 98/2025
    word = _docx_text(client.get(url, {"format": "docx"}).content)
    assert forms_printed.TRANSFER_TITLE in word and "Trần Văn An" in word and "02/06/2025" in word
    # The citizen now belongs to Đồng Thanh: its commander sees him, not Đức Hợp's letter.
    client.force_login(personas["other_commander"])
    assert client.get(url).status_code == 404
    # A reader of the registry in the area may not print it.
    client.force_login(personas["commune_auditor"])
    assert client.get(url).status_code == 403


def test_transfer_letter_signer_and_period_change_on_1_july_2025(units, system):
    before = make_person(units["DHOP"], full_name="Vũ Văn Tài", date_of_birth=D(2000, 2, 2))
    after = make_person(units["DHOP25"], full_name="Vũ Văn Lộc", date_of_birth=D(2000, 3, 3))
    old = forms_printed.transfer_letter(
        _transfer(system, before, units["DT"], D(2025, 6, 30)), number=1
    )
    new = forms_printed.transfer_letter(
        _transfer(system, after, units["ND25"], D(2025, 7, 1)), number=1
    )
    assert old.issuer == ("BAN CHỈ HUY QUÂN SỰ HUYỆN KIM ĐỘNG",)
    assert any("10 ngày làm việc" in p for s in old.sections for p in s.paragraphs)
    assert new.issuer[0].startswith("ỦY BAN NHÂN DÂN XÃ")
    assert new.signature[0] == "CHỦ TỊCH"
    assert any("5 ngày làm việc" in p for s in new.sections for p in s.paragraphs)
    assert "01/07/2025" in "\n".join(p for s in new.sections for p in s.paragraphs)


def test_reservist_transfer_is_the_reserve_letter(clerk, units, men):
    reserve_registration(
        actor=clerk,
        person=men[1],
        arrived_home_on=D(2025, 3, 1),
        certificate_number="7/2025",
        registered_on=D(2025, 3, 10),
    )
    out = _transfer(clerk, men[1], units["DT"], D(2025, 5, 5))
    event = RegistrationEvent.objects.select_related("person", "unit").get(pk=out.pk)
    history = list(RegistrationEvent.objects.filter(person=men[1]))
    letter = forms_printed.transfer_letter(event, number=1, history=history)
    assert letter.title == forms_printed.RESERVE_TRANSFER_TITLE
    body = "\n".join(p for s in letter.sections for p in s.paragraphs)
    assert "Giấy chứng nhận số 7/2025" in body
    # The day before his reserve registration he was not a reservist yet.
    assert not forms_printed.is_reservist_on(history, D(2025, 3, 9))
    assert forms_printed.is_reservist_on(history, D(2025, 3, 10))


def test_batch_of_transfer_letters_numbered_in_the_year(client, clerk, units, men):
    for i, person in enumerate(men):
        _transfer(clerk, person, units["DT"], D(2025, 5, 5 + i))
    client.force_login(clerk)
    url = reverse("people:registration_forms_print", args=[units["DHOP"].public_id])
    first = RegistrationEvent.objects.get(person=men[0], kind=EventKind.TRANSFER_OUT)
    with CaptureQueriesContext(connection) as three:
        pdf = client.post(url, {"doc": "transfer", "year": "2025"})
    with CaptureQueriesContext(connection) as one:
        client.post(url, {"doc": "transfer", "event": [str(first.public_id)]})
    assert len(three) <= len(one)  # not one query per letter
    assert _pdf_pages(pdf.content) == 3
    text = _pdf_text(pdf.content)
    assert text.count(forms_printed.TRANSFER_TITLE) == 3
    assert all(f"Số: {n}/2025/GGT" in text for n in (1, 2, 3))
    last = RegistrationEvent.objects.get(person=men[2], kind=EventKind.TRANSFER_OUT)
    word = _docx_text(
        client.post(url, {"doc": "transfer-docx", "event": [str(last.public_id)]}).content
    )
    assert word.count(forms_printed.TRANSFER_TITLE) == 1
    assert "Phạm Văn Cường" in word and "Số: 3/2025/GGT" in word and "07/05/2025" in word


# ------------------------------------------------------------------ reserve certificates
def _reserve(clerk, person, number, day):
    return reserve_registration(
        actor=clerk,
        person=person,
        arrived_home_on=day - dt.timedelta(days=5),
        certificate_number=number,
        registered_on=day,
    )


def test_reserve_certificate_one_and_batch(client, personas, clerk, units, men):
    first = _reserve(clerk, men[0], "3/2025", D(2025, 3, 17))
    _reserve(clerk, men[1], "4/2025", D(2025, 3, 18))
    client.force_login(clerk)
    url = reverse("people:registration_event_print", args=[first.public_id])
    text = _pdf_text(client.get(url).content)
    assert forms_printed.RESERVE_CERTIFICATE_TITLE in text
    assert "Trần Văn An" in text and "Số: 3/2025" in text
    assert "17/03/2025" in text and "12/03/2025" in text  # registered; reached home
    word = _docx_text(client.get(url, {"format": "docx"}).content)
    assert forms_printed.RESERVE_CERTIFICATE_TITLE in word and "03/01/2008" in word
    batch = reverse("people:registration_forms_print", args=[units["DHOP"].public_id])
    pdf = client.get(batch, {"doc": "reserve", "year": "2025"})
    assert _pdf_pages(pdf.content) == 2
    word = _docx_text(client.get(batch, {"doc": "reserve-docx", "year": "2025"}).content)
    assert word.count(forms_printed.RESERVE_CERTIFICATE_TITLE) == 2
    assert "Lê Văn Bình" in word and "Số: 4/2025" in word
    client.force_login(personas["leader"])
    assert client.get(url).status_code == 403
    assert client.get(batch, {"doc": "reserve"}).status_code == 403


# ------------------------------------------------------------------ denied and missing papers
def test_papers_that_do_not_exist_are_404(client, clerk, units, men, calls):
    client.force_login(clerk)
    call_url = reverse("people:registration_call_print", args=[calls[0].public_id])
    assert client.get(call_url, {"doc": "certificate"}).status_code == 404  # not registered
    assert client.get(call_url, {"doc": "nonsense"}).status_code == 404
    assert client.get(call_url, {"doc": "call", "format": "odt"}).status_code == 404
    from muster.people.registration.services.events import absence_start

    absence = absence_start(actor=clerk, person=men[0], event_date=D(2025, 5, 1))
    event_url = reverse("people:registration_event_print", args=[absence.public_id])
    assert client.get(event_url).status_code == 404  # an absence has no paper of its own
    batch = reverse("people:registration_forms_print", args=[units["DHOP"].public_id])
    assert client.get(batch, {"doc": "absence"}).status_code == 404
    # Nothing to print: the page says so.
    empty = client.get(batch, {"doc": "transfer", "year": "2025"})
    assert empty.status_code == 200 and b"alert-info" in empty.content
    # Another commune's call and another commune's forms: outside the area.
    other = reverse("people:registration_forms_print", args=[units["DT"].public_id])
    assert client.get(other, {"doc": "health"}).status_code == 404


def test_called_and_registered_certificate_from_the_event(client, clerk, calls):
    call_services.register_called(
        actor=clerk, calls=calls[:1], registered_on=D(2025, 4, 15), certificate_on=D(2025, 4, 16)
    )
    call = RegistrationCall.objects.select_related("registration").get(pk=calls[0].pk)
    client.force_login(clerk)
    url = reverse("people:registration_event_print", args=[call.registration.public_id])
    text = _pdf_text(client.get(url).content)
    assert "GIẤY CHỨNG NHẬN ĐĂNG KÝ NGHĨA VỤ QUÂN SỰ" in text
    assert "Nguyễn Văn Hùng" in text  # the signer named on the call
    assert "15/04/2025" in text and "Số: 1/2025" in text


# ------------------------------------------------------------------ the citizen's page
def test_citizen_page_lists_calls_and_links_the_papers(client, personas, clerk, units, calls):
    person = calls[0].person
    _transfer(clerk, person, units["DT"], D(2025, 6, 2))
    # Now in Đồng Thanh: the page belongs to its commander, who does not print Đức Hợp's papers.
    client.force_login(personas["district_officer"])
    page = client.get(reverse("people:person_detail", args=[person.public_id])).content.decode()
    assert 'id="registration-calls"' in page
    assert f'data-call="{calls[0].public_id}"' in page and "1/2025" in page
    assert reverse("people:registration_call_print", args=[calls[0].public_id]) in page
    assert 'data-paper="transfer_out"' in page
    assert reverse("people:person_health_form", args=[person.public_id]) in page
    client.force_login(personas["other_commander"])
    page = client.get(reverse("people:person_detail", args=[person.public_id])).content.decode()
    assert f'data-call="{calls[0].public_id}"' in page  # he sees the call …
    assert reverse("people:registration_call_print", args=[calls[0].public_id]) not in page
    assert 'data-paper="transfer_out"' not in page  # … but not Đức Hợp's papers
    client.force_login(personas["leader"])
    page = client.get(reverse("people:person_detail", args=[person.public_id])).content.decode()
    assert 'id="health-form"' not in page


def test_reserve_call_printed_with_its_health_form(client, clerk, units):
    """A reserve registration call (form 1, kind reserve: Law 78/2015 Art 18) prints through the
    same builder as the first-registration call; issuing one has no page yet (the service takes
    ``kind="reserve"``)."""
    man = make_person(units["DHOP"], full_name="Hoàng Văn Dũng", date_of_birth=D(1998, 7, 20))
    (call,) = call_services.issue_calls(
        actor=clerk,
        commune=units["DHOP"],
        people=[man],
        kind="reserve",
        issued_on=D(2025, 4, 1),
        registration_date=D(2025, 4, 21),
        registration_place="Trụ sở Ban CHQS xã Đức Hợp",
        signer_name="Nguyễn Văn Hùng",
    )
    client.force_login(clerk)
    url = reverse("people:registration_call_print", args=[call.public_id])
    text = _pdf_text(client.get(url, {"doc": "call"}).content)
    assert "LỆNH GỌI CÔNG DÂN ĐĂNG KÝ NGHĨA VỤ QUÂN SỰ" in text
    assert "ngạch dự bị" in text and "Hoàng Văn Dũng" in text and "20/07/1998" in text
    assert "21/04/2025" in text
    word = _docx_text(client.get(url, {"doc": "health-docx"}).content)
    assert forms_printed.HEALTH_TITLE in word and "Hoàng Văn Dũng" in word
    assert client.get(url, {"doc": "certificate"}).status_code == 404  # not registered yet
