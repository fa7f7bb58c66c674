"""The registry's write pages, driven through the test client as a commune clerk would."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from muster.accounts.models import Role
from muster.audit.models import AuditEvent
from muster.people import national_id
from muster.people.models import Person
from muster.people.registration.models import EventKind, RegistrationEvent
from tests.conftest import make_user
from tests.core.factories import make_person

WRITE_URLS = ("people:person_edit", "people:person_transfer", "people:person_absence")


def _person_form(units, **overrides):
    data = {
        "full_name": "Phạm Văn Hùng",
        "sex": "M",
        "date_of_birth": "10/05/2007",
        "national_id": national_id.make(
            province_code="033", male=True, birth_year=2007, serial=777001
        ),
        "registration_unit": str(units["DHOP"].public_id),
        "ethnicity": "01",
        "school_grade": "11",
        "marital_status": "single",
        "first_registration_date": "16/04/2024",
        "certificate_number": "DH-2024-015",
    }
    data.update(overrides)
    return data


def _rows():
    return Person.objects.count(), RegistrationEvent.objects.count(), AuditEvent.objects.count()


def _listed(client, user, person) -> bool:
    client.force_login(user)
    return person.full_name in client.get(reverse("people:person_list")).content.decode()


def _transfer(client, person, to_unit, left_on: str, arrived_on: str, **fields):
    """Post the transfer form of ``person`` (dates as the clerk types them)."""
    return client.post(
        reverse("people:person_transfer", args=[person.public_id]),
        {"to_unit": str(to_unit.public_id), "left_on": left_on, "arrived_on": arrived_on, **fields},
    )


def test_clerk_registers_a_17_year_old_and_records_his_move_to_dong_thanh(client, personas, units):
    clerk = personas["commune_clerk"]
    client.force_login(clerk)
    assert client.get(reverse("people:person_create")).status_code == 200
    response = client.post(reverse("people:person_create"), _person_form(units))
    person = Person.objects.get(full_name="Phạm Văn Hùng")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person_detail", args=[person.public_id])
    first = RegistrationEvent.objects.get(person=person, kind=EventKind.FIRST_REGISTRATION)
    assert first.certificate_number == "DH-2024-015"
    assert first.unit == units["DHOP"]

    # Arrived Thu 27/3/2025: 10 working days (before Law 98/2025), Hùng Kings day Mon 7/4
    # skipped → due Fri 11/4; registered Mon 14/4 → late.
    response = _transfer(
        client, person, units["DT"], "25/03/2025", "27/03/2025", registered_on="14/04/2025"
    )
    assert response.status_code == 302
    # He left the clerk's area: back to her registry (his page would now be a 404 for her).
    assert response.url == reverse("people:person_list")
    person.refresh_from_db()
    assert person.registration_unit == units["DT"]
    out = RegistrationEvent.objects.get(person=person, kind=EventKind.TRANSFER_OUT)
    arrival = RegistrationEvent.objects.get(person=person, kind=EventKind.TRANSFER_IN)
    assert (out.unit, out.from_unit, out.to_unit) == (units["DHOP"], units["DHOP"], units["DT"])
    assert arrival.unit == units["DT"]
    assert arrival.due_date == dt.date(2025, 4, 11)
    assert arrival.is_late
    assert "78/2015" in arrival.legal_citation
    assert AuditEvent.objects.filter(action="conscription.transfer").count() == 1

    assert not _listed(client, clerk, person)
    assert _listed(client, personas["other_commander"], person)
    # The new commune sees the history with the red "late" badge.
    page = client.get(reverse("people:person_detail", args=[person.public_id])).content.decode()
    assert "11/04/2025" in page
    assert "text-bg-danger" in page
    # The clerk has lost the record: out of scope now.
    client.force_login(clerk)
    assert client.get(reverse("people:person_detail", args=[person.public_id])).status_code == 404


def test_august_2025_arrival_has_five_working_days_across_weekend_and_holiday(
    client, personas, units
):
    person = make_person(units["DHOP"], full_name="Đỗ Văn Tài")
    client.force_login(personas["commune_clerk"])
    # Thu 28/8/2025 + 5 working days, skipping the weekend and 1–2/9 → Mon 8/9.
    response = _transfer(
        client, person, units["ND25"], "26/08/2025", "28/08/2025", registered_on="08/09/2025"
    )
    assert response.status_code == 302
    arrival = RegistrationEvent.objects.get(person=person, kind=EventKind.TRANSFER_IN)
    assert arrival.due_date == dt.date(2025, 9, 8)
    assert not arrival.is_late
    assert "98/2025" in arrival.legal_citation
    nghia_dan = make_user("p.nd25", Role.COMMUNE_COMMANDER, units["ND25"])
    assert _listed(client, nghia_dan, person)


def test_transfer_to_a_commune_that_no_longer_exists_is_refused(client, personas, units):
    person = make_person(units["DHOP"])
    client.force_login(personas["commune_clerk"])
    before = _rows()
    response = _transfer(client, person, units["DT"], "26/08/2025", "28/08/2025")
    assert response.status_code == 400
    assert "Xã này không tồn tại vào ngày đó." in response.content.decode()
    assert _rows() == before
    person.refresh_from_db()
    assert person.registration_unit == units["DHOP"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"national_id": "0331071234"}, "Số CCCD phải có đúng 12 chữ số."),
        ({"national_id": "abc"}, "Số CCCD chỉ gồm chữ số."),
        ({"date_of_birth": "01/01/2099"}, "Ngày sinh không được ở tương lai."),
        ({"date_of_birth": "31/02/2007"}, "dd/mm/yyyy"),
        ({"first_registration_date": "16/04/2023"}, "2024"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(
    client, personas, units, overrides, message
):
    client.force_login(personas["commune_clerk"])
    before = _rows()
    response = client.post(reverse("people:person_create"), _person_form(units, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _rows() == before


def test_edit_changes_the_record_with_a_reason(client, personas, units):
    person = make_person(units["DHOP"])
    client.force_login(personas["commune_clerk"])
    url = reverse("people:person_edit", args=[person.public_id])
    assert client.get(url).status_code == 200
    data = {
        "full_name": person.full_name,
        "sex": "M",
        "date_of_birth": "14/03/2005",
        "national_id": person.national_id,
        "registration_unit": str(units["DHOP"].public_id),
        "ethnicity": "01",
        "school_grade": "12",
        "marital_status": "single",
        "phone": "0912000111",
    }
    assert client.post(url, data).status_code == 400  # no reason
    response = client.post(url, {**data, "reason": "Bổ sung"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.school_grade) == ("0912000111", 12)


def test_absence_and_late_return(client, personas, units):
    person = make_person(units["DHOP"])
    client.force_login(personas["commune_clerk"])
    url = reverse("people:person_absence", args=[person.public_id])
    ret = {"action": "return", "event_date": "28/08/2025", "registered_on": "09/09/2025"}
    response = client.post(url, ret)
    assert response.status_code == 400  # not recorded as absent
    assert client.post(url, {"action": "start", "event_date": "03/02/2025"}).status_code == 302
    assert client.post(url, ret).status_code == 302
    back = RegistrationEvent.objects.get(person=person, kind=EventKind.ABSENCE_RETURN)
    assert back.due_date == dt.date(2025, 9, 8)
    assert back.is_late


@pytest.mark.parametrize("name", ("people:person_create", *WRITE_URLS))
def test_anonymous_is_sent_to_login(client, units, name):
    person = make_person(units["DHOP"])
    url = (
        reverse(name) if name == "people:person_create" else reverse(name, args=[person.public_id])
    )
    for response in (client.get(url), client.post(url, {})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["leader", "auditor", "health_council", "service_council"])
@pytest.mark.parametrize("name", ("people:person_create", *WRITE_URLS))
def test_read_only_roles_get_403_and_write_nothing(client, personas, units, persona, name):
    person = make_person(units["DHOP"])
    url = (
        reverse(name) if name == "people:person_create" else reverse(name, args=[person.public_id])
    )
    client.force_login(personas[persona])
    before = _rows()
    assert client.get(url).status_code == 403
    assert client.post(url, _person_form(units)).status_code == 403
    assert _rows() == before


@pytest.mark.parametrize("name", WRITE_URLS)
def test_neighbour_commander_gets_404_and_own_commander_200(client, personas, units, name):
    person = make_person(units["DHOP"])
    url = reverse(name, args=[person.public_id])
    client.force_login(personas["other_commander"])
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404
    client.force_login(personas["commune_commander"])
    assert client.get(url).status_code == 200


def test_relative_birth_year_is_not_shown_with_a_thousands_separator(personas, units, login):
    from muster.people.models import FamilyTie, Person
    from muster.people.national_id import make

    person = Person.objects.create(
        full_name="Ngô Huy Công",
        name_search="ngo huy cong",
        sex="M",
        date_of_birth="1998-05-05",
        national_id=make(province_code="033", male=True, birth_year=1998, serial=4242),
        registration_unit=units["DHOP"],
    )
    FamilyTie.objects.create(
        person=person, relation="father", relative_name="Ngô Đình Khoa", relative_birth_year=1969
    )
    page = login(personas["commune_commander"]).get(f"/people/{person.public_id}/")
    text = page.content.decode()
    assert "1969" in text and "1.969" not in text
