"""The commune police's quarterly report: recorded, flagged when late, and applied through the
registration services (a detention opens an Art 13 bar, a release ends it, a residence change
records the transfer)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from muster.accounts.models import Role
from muster.core.models import Holiday
from muster.people.registration.models import (
    BarKind,
    EventKind,
    PoliceReport,
    RegistrationBar,
    RegistrationEvent,
)
from muster.people.registration.selectors_police import report_rows
from muster.people.registration.services.police import (
    add_police_item,
    apply_police_item,
    record_police_report,
)
from tests.conftest import make_user
from tests.core.factories import make_person

D = dt.date


@pytest.fixture
def clerk(units):
    """The clerk of Đức Hợp after the 2025 merger (the report exists from Decree 220/2025)."""
    return make_user("c.clerk.dh25", Role.COMMUNE_CLERK, units["DHOP25"])


@pytest.fixture
def report(clerk, units):
    return record_police_report(
        actor=clerk, commune=units["DHOP25"], year=2026, quarter=3, received_on=D(2026, 9, 29)
    )


def test_report_on_the_30th_is_on_time_the_day_after_late(clerk, units):
    on_time = record_police_report(
        actor=clerk, commune=units["DHOP25"], year=2026, quarter=2, received_on=D(2026, 6, 30)
    )
    late = record_police_report(
        actor=clerk, commune=units["DHOP25"], year=2026, quarter=3, received_on=D(2026, 10, 1)
    )
    rows = {r.report.pk: r for r in report_rows([on_time, late])}
    assert not rows[on_time.pk].late
    assert rows[late.pk].late
    assert rows[late.pk].due == D(2026, 9, 30)


def test_a_holiday_on_the_30th_moves_the_last_day(clerk, units):
    Holiday.objects.create(date=D(2026, 6, 30), name="Ngày nghỉ thử nghiệm")
    report = record_police_report(
        actor=clerk, commune=units["DHOP25"], year=2026, quarter=2, received_on=D(2026, 7, 1)
    )
    (row,) = report_rows([report])
    assert row.due == D(2026, 7, 1) and not row.late


def test_one_report_per_commune_and_quarter(clerk, units, report):
    with pytest.raises(ValidationError) as error:
        record_police_report(
            actor=clerk, commune=units["DHOP25"], year=2026, quarter=3, received_on=D(2026, 9, 30)
        )
    assert "quarter" in error.value.message_dict
    assert PoliceReport.objects.count() == 1


def test_refused_to_a_leader_and_outside_the_area(personas, units):
    with pytest.raises(PermissionDenied):
        record_police_report(
            actor=personas["leader"],
            commune=units["DHOP25"],
            year=2026,
            quarter=3,
            received_on=D(2026, 9, 29),
        )
    with pytest.raises(ValidationError):
        record_police_report(
            actor=make_user("c.clerk.dh", Role.COMMUNE_CLERK, units["DHOP25"]),
            commune=units["LB25"],
            year=2026,
            quarter=3,
            received_on=D(2026, 9, 29),
        )
    assert not PoliceReport.objects.exists()


def test_detention_opens_a_bar_and_release_ends_it(clerk, units, report):
    person = make_person(units["DHOP25"])
    held = add_police_item(
        actor=clerk, report=report, person=person, kind="detention", event_date=D(2026, 8, 1)
    )
    applied = apply_police_item(actor=clerk, item=held, applied_on=D(2026, 9, 30))
    bar = RegistrationBar.objects.get(person=person)
    assert applied.bar == bar and applied.applied_on == D(2026, 9, 30)
    assert (bar.kind, bar.start_date, bar.end_date) == (BarKind.BARRED_ART13, D(2026, 8, 1), None)
    assert "13(1)(a)" in bar.legal_citation
    # Applied once only.
    with pytest.raises(ValidationError):
        apply_police_item(actor=clerk, item=held)
    freed = add_police_item(
        actor=clerk, report=report, person=person, kind="release", event_date=D(2026, 9, 15)
    )
    apply_police_item(actor=clerk, item=freed)
    bar.refresh_from_db()
    assert bar.end_date == D(2026, 9, 15)
    assert RegistrationBar.objects.count() == 1


def test_release_without_an_open_bar_is_refused_and_nothing_is_written(clerk, units, report):
    person = make_person(units["DHOP25"])
    item = add_police_item(
        actor=clerk, report=report, person=person, kind="release", event_date=D(2026, 9, 15)
    )
    with pytest.raises(ValidationError):
        apply_police_item(actor=clerk, item=item)
    item.refresh_from_db()
    assert item.applied_on is None and not RegistrationBar.objects.exists()


def test_residence_change_records_the_transfer(clerk, units, report):
    person = make_person(units["DHOP25"])
    item = add_police_item(
        actor=clerk,
        report=report,
        person=person,
        kind="residence",
        event_date=D(2026, 9, 10),
        to_unit=units["LB25"],
    )
    applied = apply_police_item(actor=clerk, item=item, applied_on=D(2026, 9, 30))
    person.refresh_from_db()
    assert person.registration_unit == units["LB25"]
    arrival = RegistrationEvent.objects.get(person=person, kind=EventKind.TRANSFER_IN)
    assert applied.transfer == arrival
    assert arrival.trigger_date == D(2026, 9, 10)
    # 5 working days from Thursday 10/09/2026: Thursday 17/09; registered on 30/09: late.
    assert arrival.due_date == D(2026, 9, 17) and arrival.is_late
    assert RegistrationEvent.objects.filter(person=person, kind=EventKind.TRANSFER_OUT).exists()


def test_item_checks(clerk, units, report):
    outsider = make_person(units["LB25"])
    with pytest.raises(ValidationError) as error:
        add_police_item(
            actor=clerk, report=report, person=outsider, kind="residence", event_date=D(2026, 10, 1)
        )
    fields = error.value.message_dict
    assert {"person", "event_date", "to_unit"} <= set(fields)


def test_pages_record_enter_and_apply(login, clerk, units):
    client = login(clerk)
    person = make_person(units["DHOP25"])
    response = client.post(
        reverse("people:police_report_list"),
        {
            "commune": units["DHOP25"].public_id,
            "year": 2026,
            "quarter": 3,
            "received_on": "01/10/2026",
        },
    )
    assert response.status_code == 302
    report = PoliceReport.objects.get()
    page = client.get(reverse("people:police_report_list"))
    assert b"table-danger" in page.content  # received after the 30th: late
    assert "3/2026" in page.content.decode()  # no thousands separator in the year
    detail = reverse("people:police_report_detail", kwargs={"public_id": report.public_id})
    response = client.post(
        detail,
        {"national_id": person.national_id, "kind": "detention", "event_date": "01/08/2026"},
    )
    assert response.status_code == 302
    item = report.items.get()
    apply = reverse("people:police_item_apply", kwargs={"public_id": item.public_id})
    assert client.post(apply).status_code == 302
    assert RegistrationBar.objects.filter(person=person, end_date__isnull=True).exists()
    # An unknown ID number is a message on the form, not a 500.
    response = client.post(
        detail, {"national_id": "000000000000", "kind": "release", "event_date": "01/09/2026"}
    )
    assert response.status_code == 400
    assert report.items.count() == 1


def test_a_leader_reads_but_cannot_post(login, units, report):
    client = login(make_user("c.leader25", Role.LEADER, units["PTKV1"]))
    assert client.get(reverse("people:police_report_list")).status_code == 200
    assert client.post(reverse("people:police_report_list"), {}).status_code == 403
