"""The year calendar read from live data: a commune's year, the area's year over its
communes, the home page's reminders grouped per step, and the plan's dates from the
campaign."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from muster.accounts.models import Role
from muster.conscription.campaign import services as cs
from muster.conscription.year import selectors
from muster.people.registration.models import EventKind, RegistrationEvent
from muster.people.registration.services.police import record_police_report
from tests.conftest import make_user
from tests.conscription.campaign_factories import make_campaign
from tests.core.factories import make_person

D = dt.date
TODAY = D(2026, 10, 1)
Status = selectors.Status


@pytest.fixture
def officer(units):
    return make_user("c.officer.ptkv", Role.DISTRICT_OFFICER, units["PTKV1"])


@pytest.fixture
def year_data(units, officer):
    """Đức Hợp made its January list and received the police's Q1 report on time and the Q3
    one a day late; Lương Bằng did neither."""
    dh, lb = units["DHOP25"], units["LB25"]
    person = make_person(dh)
    RegistrationEvent.objects.create(
        person=person,
        kind=EventKind.JANUARY_LIST,
        event_date=D(2026, 1, 20),
        trigger_date=D(2026, 1, 1),
        unit=dh,
    )
    record_police_report(
        actor=officer, commune=dh, year=2026, quarter=1, received_on=D(2026, 3, 28)
    )
    record_police_report(
        actor=officer, commune=dh, year=2026, quarter=3, received_on=D(2026, 10, 1)
    )
    return dh, lb


@pytest.fixture
def on_today(monkeypatch):
    for module in ("muster.conscription.year.views", "muster.conscription.templatetags.year_tags"):
        monkeypatch.setattr(f"{module}.today", lambda: TODAY)


def by_code(entries):
    return {e.step.code: e for e in entries}


def test_commune_status_from_live_data(year_data):
    dh, lb = year_data
    mine = by_code(selectors.commune_calendar(dh, 2026, TODAY))
    assert mine["january_list.2026"].status == Status.DONE
    assert mine["january_list.2026"].done_on == D(2026, 1, 20)
    assert mine["police_report.2026Q1"].status == Status.DONE
    assert mine["police_report.2026Q2"].status == Status.LATE
    assert mine["police_report.2026Q3"].status == Status.DONE_LATE
    assert mine["police_report.2026Q4"].status == Status.UPCOMING
    # The April registration is read from the 10-day report: none recorded, so late.
    assert mine["april_registration.2026"].status == Status.LATE
    theirs = by_code(selectors.commune_calendar(lb, 2026, TODAY))
    assert theirs["january_list.2026"].status == Status.LATE
    assert theirs["police_report.2026Q3"].status == Status.LATE


def test_the_police_report_boundary_on_live_data(units, officer):
    lb = units["LB25"]
    for day, expected in (
        (D(2026, 9, 29), Status.DUE),
        (D(2026, 9, 30), Status.DUE),
        (D(2026, 10, 1), Status.LATE),
    ):
        entry = by_code(selectors.commune_calendar(lb, 2026, day))["police_report.2026Q3"]
        assert entry.status == expected, day


def test_reminders_are_grouped_per_step(year_data):
    dh, lb = year_data
    lines = selectors.reminders([dh, lb], TODAY)
    codes = [line.row.step.code for line in lines]
    assert len(codes) == len(set(codes))  # one line per step, never one per commune
    found = {line.row.step.code: (line.late, line.due) for line in lines}
    assert found["police_report.2026Q2"] == (2, 0)
    assert found["police_report.2026Q3"] == (1, 0)
    assert found["january_list.2026"] == (1, 0)
    assert "police_report.2026Q1" in found  # Lương Bằng's is missing
    assert found["police_report.2026Q1"] == (1, 0)
    assert "police_report.2026Q4" not in found
    # Neither commune reported an April registration.
    assert found["april_registration.2026"] == (2, 0)
    # The most late first, the earlier last day first among equals (among the call-up's
    # steps: other modules, such as the defence work plan, add steps of their own).
    callup = [c for c in codes if not c.startswith("defence_")]
    assert callup[:2] == ["april_registration.2026", "police_report.2026Q2"]


def test_plan_dates_come_from_the_campaign(units, officer, year_data):
    dh, _lb = year_data
    cal = cs.CalendarInput(
        exam_start=D(2026, 11, 2),
        exam_end=D(2026, 12, 20),
        handover_start=D(2027, 3, 4),
        pool_review_by=D(2026, 8, 15),
        screening_start=D(2026, 10, 5),
        screening_end=D(2026, 10, 20),
    )
    make_campaign(officer, units["PTKV1"], year=2027, cal=cal)
    mine = by_code(selectors.commune_calendar(dh, 2026, TODAY))
    assert mine["examination.2027"].step.start == D(2026, 11, 2)
    assert mine["screening.2027"].status == Status.UPCOMING  # from 05/10
    # No pool review held: the reader tracks it, so it is late rather than passed.
    assert mine["pool_review.2027"].status == Status.LATE
    next_year = by_code(selectors.commune_calendar(dh, 2027, D(2027, 2, 18)))
    assert next_year["callup_decisions.2027"].step.due == D(2027, 2, 17)


def test_commune_page_shows_late_in_red(login, officer, year_data, on_today):
    _dh, lb = year_data
    client = login(officer)
    page = client.get(reverse("yearcal:unit_calendar", kwargs={"public_id": lb.public_id}))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-step="police_report" data-status="late"' in html
    assert "table-danger" in html
    assert "Điều 16" in html  # the citation in the interface's language (Vietnamese)


def test_area_page_counts_late_communes(login, officer, year_data, on_today, units):
    client = login(officer)
    page = client.get(reverse("yearcal:year_calendar"), {"year": "2026"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="calendar-area"' in html
    assert units["LB25"].name in html


def test_home_page_reminders(login, officer, year_data, on_today):
    page = login(officer).get(reverse("portal:dashboard"))
    html = page.content.decode()
    assert 'data-testid="calendar-reminders"' in html
    assert html.count('data-step="police_report"') == 3  # Q1, Q2 and Q3: one line each


def test_a_dissolved_districts_year_lists_its_communes_of_that_year(login, personas, on_today):
    # Kim Động ended on 30/06/2025: its officer's 2025 calendar is over its 2025 communes.
    page = login(personas["district_officer"]).get(
        reverse("yearcal:year_calendar"), {"year": "2025"}
    )
    assert page.status_code == 200
    assert "Đức Hợp" in page.content.decode()
    assert 'data-step="january_list"' in page.content.decode()


def test_the_year_is_written_without_a_thousands_separator(login, officer, on_today):
    html = login(officer).get(reverse("yearcal:year_calendar"), {"year": "2026"}).content.decode()
    assert "2.026" not in html and "?year=2027" in html
