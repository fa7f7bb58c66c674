"""Registering on today's date (issue 16): a clerk of a commune formed on 1 July 2025 registers
today's 17-year-old; the form offers the units that exist on the date; a refusal names the
date and the successor; the school grade is empty unless entered."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from muster.accounts.models import Role
from muster.people import national_id
from muster.people.models import Person
from muster.people.services import check_registration_unit
from tests.conftest import make_user

TODAY = dt.date(2026, 12, 7)


@pytest.fixture
def today_is(monkeypatch):
    monkeypatch.setattr("muster.people.services.today", lambda: TODAY)
    monkeypatch.setattr("muster.people.views.today", lambda: TODAY, raising=False)


def _form(unit, **overrides):
    data = {
        "full_name": "Đỗ Minh Khang",
        "sex": "M",
        "date_of_birth": "07/12/2009",
        "national_id": national_id.make(
            province_code="033", male=True, birth_year=2009, serial=424242
        ),
        "registration_unit": str(unit.public_id),
        "ethnicity": "01",
        "marital_status": "single",
    }
    data.update(overrides)
    return data


def test_the_clerk_of_the_new_duc_hop_registers_todays_17_year_old(client, units, today_is):
    clerk = make_user("dh25.clerk", Role.COMMUNE_CLERK, units["DHOP25"])
    client.force_login(clerk)
    page = client.get(reverse("people:person_create"))
    form = page.context["form"]
    # only the commune that exists today, preselected
    assert list(form.fields["registration_unit"].queryset) == [units["DHOP25"]]
    assert form["registration_unit"].value() == units["DHOP25"].public_id
    assert form["school_grade"].value() in (None, "")
    response = client.post(reverse("people:person_create"), _form(units["DHOP25"]))
    assert response.status_code == 302, response.content.decode()[:3000]
    person = Person.objects.get(full_name="Đỗ Minh Khang")
    assert person.registration_unit == units["DHOP25"]
    assert person.school_grade is None  # not entered


def test_a_unit_that_ended_is_refused_with_the_date_and_what_it_became(units, today_is):
    clerk = make_user("dh25.clerk", Role.COMMUNE_CLERK, units["DHOP25"])
    problems = check_registration_unit(actor=clerk, unit=units["DHOP"], on=None)
    with_vi = " ".join(problems)
    assert "07/12/2026" in with_vi
    assert "01/07/2025" in with_vi
    assert "Đức Hợp (1997–2025)" in with_vi


def test_the_refusal_in_vietnamese(client, units, today_is):
    clerk = make_user("dh25.clerk", Role.COMMUNE_CLERK, units["DHOP25"])
    client.force_login(clerk)
    response = client.post(
        reverse("people:person_create"), _form(units["DHOP"]), HTTP_ACCEPT_LANGUAGE="vi"
    )
    # the ended commune is not even offered on today's date
    assert response.status_code == 400
    assert Person.objects.count() == 0


def test_a_past_first_registration_date_offers_the_units_of_that_date(client, units, today_is):
    clerk = make_user("dh25.clerk", Role.COMMUNE_CLERK, units["DHOP25"])
    client.force_login(clerk)
    response = client.post(
        reverse("people:person_create"),
        _form(
            units["DHOP"],
            date_of_birth="07/12/2006",
            national_id=national_id.make(
                province_code="033", male=True, birth_year=2006, serial=424243
            ),
            first_registration_date="10/04/2024",
            certificate_number="DH-2024-099",
        ),
    )
    assert response.status_code == 302
    assert Person.objects.get().registration_unit == units["DHOP"]


def test_the_refusal_reads_in_vietnamese(units, today_is):
    from django.utils import translation

    clerk = make_user("dh25.clerk", Role.COMMUNE_CLERK, units["DHOP25"])
    with translation.override("vi"):
        problems = check_registration_unit(actor=clerk, unit=units["DHOP"], on=None)
    assert problems == [
        "Xã Đức Hợp (1997–2025) không còn tồn tại ngày 07/12/2026; từ 01/07/2025 là Xã Đức Hợp."
    ]
