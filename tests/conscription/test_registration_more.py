"""Additional and reserve registration, removal, Art 13 / Art 14 status: legal boundaries,
Vietnamese messages with nothing written, and access to their pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from muster.audit.models import AuditEvent
from muster.core.models import Holiday
from muster.people.registration.models import BarKind, EventKind, RegistrationBar, RegistrationEvent
from muster.people.registration.services.events import register_first
from muster.people.registration.services.records import (
    additional_registration,
    registration_bar_add,
    registration_bar_end,
    removal,
    reserve_registration,
)
from tests.core.factories import make_person

pytestmark = pytest.mark.django_db


def _rows() -> tuple[int, int, int]:
    return (
        RegistrationEvent.objects.count(),
        RegistrationBar.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def clerk(personas):
    return personas["commune_clerk"]


@pytest.fixture
def person(units, clerk):
    p = make_person(units["DHOP"], date_of_birth=dt.date(2003, 2, 1))
    register_first(
        actor=clerk, person=p, event_date=dt.date(2020, 4, 16), certificate_number="DH-20-1"
    )
    return p


def _bar(clerk, person, *, point: str = "a", start: dt.date = dt.date(2025, 5, 1), **fields):
    """An Art 13 status of ``person`` (point a, from 01/05/2025 unless told)."""
    return registration_bar_add(
        actor=clerk,
        person=person,
        kind=BarKind.BARRED_ART13,
        art13_point=point,
        start_date=start,
        **fields,
    )


def _art14(clerk, person, icd_code: str):
    """An Art 14 exemption of ``person`` from 01/03/2025 for ``icd_code``."""
    return registration_bar_add(
        actor=clerk,
        person=person,
        kind=BarKind.EXEMPT_ART14,
        icd_code=icd_code,
        start_date=dt.date(2025, 3, 1),
    )


# --- Additional registration: 10 calendar days from the change; a day off rolls forward ---


def test_additional_registration_due_rolls_past_the_weekend(clerk, person):
    # 18/06/2025 (Wed) + 10 days = 28/06/2025 (Sat) → Monday 30/06/2025.
    event = additional_registration(
        actor=clerk,
        person=person,
        changed_on=dt.date(2025, 6, 18),
        change="Tốt nghiệp đại học",
        registered_on=dt.date(2025, 6, 30),
    )
    assert event.kind == EventKind.ADDITIONAL
    assert event.due_date == dt.date(2025, 6, 30)
    assert not event.is_late
    assert "Điều 6" in event.legal_citation
    late = additional_registration(
        actor=clerk,
        person=person,
        changed_on=dt.date(2025, 6, 18),
        change="Đổi nơi làm việc",
        registered_on=dt.date(2025, 7, 1),
    )
    assert late.is_late


def test_additional_registration_needs_a_registration(clerk, units):
    unregistered = make_person(units["DHOP"], full_name="Lê Văn Nam")
    before = _rows()
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        additional_registration(
            actor=clerk, person=unregistered, changed_on=dt.date(2025, 3, 1), change=""
        )
    messages = caught.value.message_dict
    assert messages["change"] == ["Hãy ghi nội dung thay đổi."]
    assert "đăng ký lần đầu" in messages["changed_on"][0]
    assert _rows() == before


# --- Reserve registration: 15 working days after reaching home, either side of 1 July 2025 ---


@pytest.mark.parametrize(
    ("arrived", "due"),
    [
        (dt.date(2025, 6, 30), dt.date(2025, 7, 21)),  # Mon; Law 98/2025 not yet in force
        (dt.date(2025, 7, 1), dt.date(2025, 7, 22)),  # Tue; Law 98/2025 in force: still 15
    ],
)
def test_reserve_registration_is_15_working_days_both_sides_of_law_98(clerk, person, arrived, due):
    event = reserve_registration(
        actor=clerk,
        person=person,
        arrived_home_on=arrived,
        certificate_number="DB-25-7",
        registered_on=due,
    )
    assert event.due_date == due
    assert not event.is_late
    assert "15 ngày làm việc" in event.legal_citation
    assert event.certificate_number == "DB-25-7"


def test_reserve_registration_skips_public_holidays_and_flags_late(clerk, person):
    Holiday.objects.get_or_create(date=dt.date(2025, 9, 1), defaults={"name": "Quốc khánh"})
    Holiday.objects.get_or_create(date=dt.date(2025, 9, 2), defaults={"name": "Quốc khánh"})
    # 28/08/2025 (Thu): 29/08 then 3/9 ... 22/9 is the 15th working day (18/9 without holidays).
    event = reserve_registration(
        actor=clerk,
        person=person,
        arrived_home_on=dt.date(2025, 8, 28),
        certificate_number="DB-25-8",
        registered_on=dt.date(2025, 9, 23),
    )
    assert event.due_date == dt.date(2025, 9, 22)
    assert event.is_late


def test_reserve_registration_bad_input_is_refused_in_vietnamese(clerk, person):
    before = _rows()
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        reserve_registration(
            actor=clerk,
            person=person,
            arrived_home_on=dt.date(2025, 8, 28),
            certificate_number=" ",
            registered_on=dt.date(2025, 8, 1),
        )
    messages = caught.value.message_dict
    assert messages["certificate_number"] == [
        "Hãy nhập số giấy chứng nhận đăng ký quân nhân dự bị."
    ]
    assert messages["registered_on"] == ["Ngày đăng ký không được trước ngày đến."]
    assert _rows() == before


# --- Removal: 10 days to the district before 1 July 2025, 5 days to the commune chairman after ---


def test_removal_confirmed_30_june_2025_reports_to_the_district_within_10_days(clerk, person):
    event = removal(
        actor=clerk,
        person=person,
        reason="death",
        confirmed_on=dt.date(2025, 6, 30),
        reported_on=dt.date(2025, 7, 8),
    )
    assert event.due_date == dt.date(2025, 7, 10)
    assert not event.is_late
    assert "huyện" in event.note
    assert "10 ngày" in event.legal_citation


def test_removal_confirmed_1_july_2025_reports_to_the_commune_chairman_within_5_days(clerk, person):
    # 01/07/2025 + 5 days = Sunday 06/07 → Monday 07/07; reported 08/07 is late.
    event = removal(
        actor=clerk,
        person=person,
        reason="death",
        confirmed_on=dt.date(2025, 7, 1),
        reported_on=dt.date(2025, 7, 8),
    )
    assert event.due_date == dt.date(2025, 7, 7)
    assert event.is_late
    assert "Chủ tịch UBND cấp xã" in event.note
    with pytest.raises(ValidationError):  # removed once only
        removal(actor=clerk, person=person, reason="death", confirmed_on=dt.date(2025, 7, 2))


def test_removal_over_age_only_after_the_end_of_45(clerk, units):
    man = make_person(units["DHOP"], date_of_birth=dt.date(1979, 7, 2))
    before = _rows()
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        removal(actor=clerk, person=man, reason="over_age", confirmed_on=dt.date(2025, 7, 1))
    assert caught.value.message_dict["reason"] == [
        "Vào ngày này công dân 45 tuổi, vẫn trong độ tuổi dự bị."
    ]
    assert _rows() == before
    event = removal(actor=clerk, person=man, reason="over_age", confirmed_on=dt.date(2025, 7, 2))
    assert event.kind == EventKind.REMOVAL


def test_removal_for_art13_needs_the_status_in_force(clerk, person):
    with pytest.raises(ValidationError) as caught:
        removal(actor=clerk, person=person, reason="art13", confirmed_on=dt.date(2025, 8, 1))
    assert "reason" in caught.value.message_dict
    _bar(clerk, person, start=dt.date(2025, 7, 15))
    event = removal(actor=clerk, person=person, reason="art13", confirmed_on=dt.date(2025, 8, 1))
    assert event.note.startswith("art13")


# --- Art 13 / Art 14 status ---


def test_art13_point_b_cites_law_98_only_from_1_july_2025(clerk, person):
    before = _bar(
        clerk, person, point="b", start=dt.date(2025, 6, 30), end_date=dt.date(2025, 6, 30)
    )
    after = _bar(clerk, person, point="b", start=dt.date(2025, 7, 1))
    assert "98/2025" not in before.legal_citation
    assert "Điều 13(1)(b)" in before.legal_citation
    assert "Luật 98/2025/QH15" in after.legal_citation
    assert "giáo dưỡng" in after.ground


def test_art14_takes_a_tt105_part_iii_icd_code(clerk, person):
    before = _rows()
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        _art14(clerk, person, "J45")  # asthma: not on the Part III list
    assert caught.value.message_dict["icd_code"] == [
        "Mã ICD này không thuộc danh mục Phụ lục I Phần III TT 105."
    ]
    assert _rows() == before
    bar = _art14(clerk, person, "f20.1")
    assert "F20.1" in bar.ground
    assert bar.legal_citation.endswith("Phần III mục 1")


def test_bar_overlap_and_end_boundaries(clerk, person):
    bar = _bar(clerk, person)
    with pytest.raises(ValidationError):  # an open Art 13 status already covers June
        _bar(clerk, person, point="c", start=dt.date(2025, 6, 1))
    before = _rows()
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        registration_bar_end(actor=clerk, bar=bar, end_date=dt.date(2025, 4, 30))
    assert caught.value.message_dict["end_date"] == ["Ngày kết thúc không được trước ngày bắt đầu."]
    assert _rows() == before
    registration_bar_end(actor=clerk, bar=bar, end_date=dt.date(2025, 5, 1))
    bar.refresh_from_db()
    assert bar.end_date == dt.date(2025, 5, 1)
    with pytest.raises(ValidationError):
        registration_bar_end(actor=clerk, bar=bar, end_date=dt.date(2025, 6, 1))


def test_wrong_role_cannot_call_the_services(personas, person):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        removal(
            actor=personas["leader"],
            person=person,
            reason="death",
            confirmed_on=dt.date(2025, 7, 1),
        )


# --- Pages: anonymous, out of scope, wrong role, allowed, and a round trip each ---


PERSON_URLS = (
    "people:person_additional",
    "people:person_reserve",
    "people:person_removal",
    "people:person_bar",
)


@pytest.mark.parametrize("name", [*PERSON_URLS, "people:bar_end"])
def test_page_access(client, personas, clerk, person, name):
    obj = _bar(clerk, person) if name == "people:bar_end" else person
    url = reverse(name, args=[obj.public_id])
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response["Location"]
    client.force_login(personas["other_commander"])  # Đồng Thanh: Đức Hợp is out of scope
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404
    client.force_login(personas["leader"])  # in scope, read-only role
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    client.force_login(clerk)
    assert client.get(url).status_code == 200


POSTS = {
    "people:person_additional": {"changed_on": "18/06/2025", "change": "Tốt nghiệp"},
    "people:person_reserve": {"arrived_home_on": "01/07/2025", "certificate_number": "DB-1"},
    "people:person_removal": {"reason": "death", "confirmed_on": "01/07/2025"},
    "people:person_bar": {"kind": "exempt_art14", "icd_code": "G40", "start_date": "01/03/2025"},
}


@pytest.mark.parametrize("name", PERSON_URLS)
def test_page_round_trip_and_bad_input(client, clerk, person, name):
    client.force_login(clerk)
    url = reverse(name, args=[person.public_id])
    before = _rows()
    bad = {**POSTS[name]}
    first_date_field = next(k for k, v in bad.items() if "/" in v)
    bad[first_date_field] = "31/02/2025"
    response = client.post(url, bad, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    assert "Nhập ngày theo dạng dd/mm/yyyy." in response.content.decode()
    assert _rows() == before
    response = client.post(url, POSTS[name])
    assert response.status_code == 302
    assert _rows() != before
    page = client.get(reverse("people:person_detail", args=[person.public_id])).content.decode()
    assert "registration-bars" in page


def test_bar_end_page_round_trip(client, clerk, person):
    bar = _bar(clerk, person)
    client.force_login(clerk)
    url = reverse("people:bar_end", args=[bar.public_id])
    assert client.post(url, {"end_date": "30/04/2025"}).status_code == 400
    assert client.post(url, {"end_date": "30/06/2025"}).status_code == 302
    bar.refresh_from_db()
    assert bar.end_date == dt.date(2025, 6, 30)


# --- Art 12: women register from 18, and only with a trade the army needs ---


def test_a_woman_registers_at_18_with_a_recorded_trade(clerk, units):
    woman = make_person(
        units["DHOP"], full_name="Lê Thị Mai", sex="F", date_of_birth=dt.date(2006, 5, 10)
    )
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        register_first(
            actor=clerk, person=woman, event_date=dt.date(2024, 5, 9), certificate_number="N1"
        )
    messages = " ".join(caught.value.messages)
    assert "đủ 18 tuổi (từ ngày 10/05/2024)" in messages
    assert "ngành, nghề chuyên môn" in messages
    woman.occupation = "Y sĩ"
    woman.save(update_fields=["occupation"])
    event = register_first(
        actor=clerk, person=woman, event_date=dt.date(2024, 5, 10), certificate_number="N1"
    )
    assert event.kind == EventKind.FIRST_REGISTRATION
