"""A citizen's form submitted twice at once (issue 15, item 7): both requests pass the "ID
number already used" check before either inserts, and the unique index refuses the second.
That refusal must reach the clerk as the same message as the check's, never as a 500."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from muster.audit.models import AuditEvent
from muster.people import services
from muster.people.models import Person
from tests.concurrency import needs_postgres, run_threads
from tests.people.test_register_views import _person_form

DUPLICATE = "Số CCCD này đã thuộc về một công dân khác."  # "Another citizen already has …"


def test_a_clash_after_the_check_is_the_checks_message(client, personas, units, monkeypatch):
    """The other request commits between this one's check and its insert (made deterministic
    by inserting the clashing row right after the check)."""
    form = _person_form(units)
    validate = services._validate

    def validate_then_lose_the_race(**kwargs):
        validate(**kwargs)
        Person.objects.create(
            full_name="Phạm Văn Hùng",
            name_search="pham van hung",
            sex="M",
            date_of_birth=kwargs["person"].date_of_birth,
            national_id=form["national_id"],
            registration_unit=units["DHOP"],
        )

    monkeypatch.setattr(services, "_validate", validate_then_lose_the_race)
    audit, people = AuditEvent.objects.count(), Person.objects.count()
    client.force_login(personas["commune_clerk"])
    response = client.post(reverse("people:person_create"), form)
    assert response.status_code == 400
    assert DUPLICATE in response.content.decode()
    # Nothing of this request stays (the simulated rival's row shares its transaction here).
    assert (AuditEvent.objects.count(), Person.objects.count()) == (audit, people)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_double_submit_on_postgres_is_one_citizen_and_one_message(personas, units, monkeypatch):
    needs_postgres("two connections inserting the same ID number")
    form = _person_form(units)
    both_checked = threading.Barrier(2, timeout=30)
    validate = services._validate

    def validate_then_wait(**kwargs):
        validate(**kwargs)
        both_checked.wait()  # neither inserts before both have passed the check

    monkeypatch.setattr(services, "_validate", validate_then_wait)
    statuses: list[int] = []
    pages: list[str] = []

    def submit(_index: int) -> None:
        browser = Client(raise_request_exception=True)
        browser.force_login(personas["commune_clerk"])
        response = browser.post(reverse("people:person_create"), form)
        statuses.append(response.status_code)
        pages.append(response.content.decode())
        connection.close()

    assert run_threads(2, submit) == []
    assert sorted(statuses) == [302, 400]
    assert any(DUPLICATE in page for page in pages)
    assert Person.objects.filter(national_id=form["national_id"]).count() == 1
