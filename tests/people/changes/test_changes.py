"""The changes after registration of a commune: the list with each dated deadline (late, due,
done), a pending police item at its boundary across a weekend and National Day, the filters,
who may read it (404 out of area, 403 for the councils), the citizen links, the bounded
queries; and the calendar's running step with its one grouped reminder."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from muster.accounts.models import Role
from muster.conscription.year import selectors as year_selectors
from muster.law.callup.year import Status
from muster.people.registration import selectors_changes as selectors
from muster.people.registration.services.events import (
    absence_return,
    absence_start,
    register_first,
    transfer_person,
)
from muster.people.registration.services.police import add_police_item, record_police_report
from muster.people.registration.services.records import additional_registration
from tests.conftest import make_user
from tests.core.factories import make_person

D = dt.date
K = selectors.ChangeKind


@pytest.fixture
def officer(units):
    return make_user("c.officer.changes", Role.DISTRICT_OFFICER, units["PTKV1"])


@pytest.fixture
def clerk(units):
    return make_user("c.clerk.changes", Role.COMMUNE_CLERK, units["DHOP25"])


@pytest.fixture
def moved(units, officer):
    """A citizen of Lương Bằng who moved to Đức Hợp on Thu 28/08/2025, reported by Đức Hợp's
    police in its Q3 report received on 29/09/2025 and not applied yet: due as a transfer on
    Mon 08/09/2025 (5 working days past the weekend and National Day, 1–2/09)."""
    dh = units["DHOP25"]
    person = make_person(dh, full_name="Trần Văn Chuyển")
    report = record_police_report(
        actor=officer, commune=dh, year=2025, quarter=3, received_on=D(2025, 9, 29)
    )
    add_police_item(
        actor=officer,
        report=report,
        person=person,
        kind="residence",
        event_date=D(2025, 8, 28),
        to_unit=units["LB25"],
    )
    return person


def changes_on(units, officer, day):
    return selectors.commune_changes(actor=officer, commune=units["DHOP25"], year=2025, today=day)


def police_item(found):
    (item,) = [c for c in found if c.kind == K.POLICE_ITEM]
    return item


@pytest.mark.parametrize(
    ("day", "expected"),
    [(D(2025, 9, 7), Status.DUE), (D(2025, 9, 8), Status.DUE), (D(2025, 9, 9), Status.LATE)],
)
def test_pending_transfer_at_its_boundary(units, officer, moved, day, expected):
    item = police_item(changes_on(units, officer, day))
    assert item.due == D(2025, 9, 8)
    assert item.status == expected
    assert "98/2025" in item.citation


def test_recorded_changes_keep_their_deadline(units, officer):
    dh, lb = units["DHOP25"], units["LB25"]
    added = make_person(dh, full_name="Lê Văn Bổ Sung")
    register_first(
        actor=officer, person=added, event_date=D(2025, 7, 10), certificate_number="GCN-1"
    )
    # Changed 22/08/2025 → due Wed 03/09 (10 days, 01–02/09 off); recorded 04/09: done late.
    additional_registration(
        actor=officer,
        person=added,
        changed_on=D(2025, 8, 22),
        change="Trình độ học vấn",
        registered_on=D(2025, 9, 4),
    )
    arrived = make_person(lb, full_name="Phạm Văn Đến")
    transfer_person(
        actor=officer,
        person=arrived,
        to_unit=dh,
        left_on=D(2025, 8, 27),
        arrived_on=D(2025, 8, 28),
        registered_on=D(2025, 9, 8),
    )
    found = {c.kind: c for c in changes_on(units, officer, D(2025, 10, 1))}
    assert found[K.ADDITIONAL].status == Status.DONE_LATE
    assert found[K.ADDITIONAL].due == D(2025, 9, 3)
    assert not found[K.ADDITIONAL].confirmed  # after Decree 220/2025
    assert found[K.TRANSFER].status == Status.DONE
    assert found[K.TRANSFER].due == D(2025, 9, 8)
    assert found[K.TRANSFER].confirmed


def test_police_quarterly_report_in_the_list(units, officer):
    found = changes_on(units, officer, D(2025, 10, 1))
    reports = [c for c in found if c.kind == K.POLICE_REPORT]
    # Q3 2025 is the first window after Decree 220/2025; not received: late on 01/10.
    assert [(c.detail, c.status) for c in reports] == [("3", Status.LATE)]
    assert reports[0].due == D(2025, 9, 30)


@pytest.fixture
def on_day(monkeypatch):
    def set_day(day):
        monkeypatch.setattr("muster.people.changes.views.today", lambda: day)

    return set_day


def url(unit, **query):
    base = reverse("people:registration_changes", args=[unit.public_id])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_page_filters_and_flags(client, units, officer, clerk, moved, on_day):
    on_day(D(2025, 9, 9))
    client.force_login(clerk)
    page = client.get(url(units["DHOP25"], year=2025)).content.decode()
    assert 'data-kind="police_item" data-status="late"' in page
    assert "08/09/2025" in page and "list-group-item-danger" in page
    late = client.get(url(units["DHOP25"], year=2025, show="late")).content.decode()
    assert "Trần Văn Chuyển" in late
    done = client.get(url(units["DHOP25"], year=2025, show="done")).content.decode()
    assert "Trần Văn Chuyển" not in done
    on_day(D(2025, 9, 8))
    due = client.get(url(units["DHOP25"], year=2025, show="due")).content.decode()
    assert 'data-kind="police_item" data-status="due"' in due


def test_out_of_area_is_404_and_councils_403(client, units, moved):
    dh = units["DHOP25"]
    client.force_login(make_user("c.cmd.lb", Role.COMMUNE_COMMANDER, units["LB25"]))
    assert client.get(url(dh)).status_code == 404
    for role in (Role.HEALTH_COUNCIL, Role.SERVICE_COUNCIL):
        client.force_login(make_user(f"c.{role}", role, dh))
        assert client.get(url(dh)).status_code == 403
    for role in (Role.LEADER, Role.AUDITOR, Role.COMMUNE_COMMANDER):
        client.force_login(make_user(f"c.ok.{role}", role, dh))
        assert client.get(url(dh)).status_code == 200


def test_citizen_linked_only_inside_the_readers_area(client, units, officer, clerk, on_day):
    """A citizen who came to Đức Hợp and moved on to a commune outside the clerk's area keeps
    his row there, without a link the clerk could not follow."""
    dh, lb = units["DHOP25"], units["LB25"]
    person = make_person(lb, full_name="Đỗ Văn Qua")
    transfer_person(
        actor=officer, person=person, to_unit=dh, left_on=D(2025, 8, 1),
        arrived_on=D(2025, 8, 4), registered_on=D(2025, 8, 5),
    )  # fmt: skip
    stays = make_person(dh, full_name="Vũ Văn Ở")
    transfer_person(
        actor=officer, person=stays, to_unit=lb, left_on=D(2025, 8, 1),
        arrived_on=D(2025, 8, 4), registered_on=D(2025, 8, 5),
    )  # fmt: skip
    transfer_person(
        actor=officer, person=stays, to_unit=dh, left_on=D(2025, 8, 10),
        arrived_on=D(2025, 8, 11), registered_on=D(2025, 8, 12),
    )  # fmt: skip
    transfer_person(
        actor=officer, person=person, to_unit=lb, left_on=D(2025, 8, 20),
        arrived_on=D(2025, 8, 21), registered_on=D(2025, 8, 22),
    )  # fmt: skip
    on_day(D(2025, 10, 1))
    client.force_login(clerk)
    page = client.get(url(dh, year=2025)).content.decode()
    assert "Đỗ Văn Qua" in page and str(person.public_id) not in page
    assert str(stays.public_id) in page


def test_queries_do_not_grow_with_rows(
    client, units, officer, clerk, on_day, django_assert_max_num_queries
):
    on_day(D(2025, 10, 1))
    client.force_login(clerk)
    dh = units["DHOP25"]
    client.get(url(dh, year=2025))  # warm the session and caches
    with django_assert_max_num_queries(15) as few:
        assert client.get(url(dh, year=2025)).status_code == 200
    report = record_police_report(
        actor=officer, commune=dh, year=2025, quarter=4, received_on=D(2025, 12, 28)
    )
    for i in range(6):
        add_police_item(
            actor=officer, report=report, person=make_person(dh, full_name=f"Công dân {i}"),
            kind="residence", event_date=D(2025, 12, 1), to_unit=units["LB25"],
        )  # fmt: skip
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url(dh, year=2025)).content.decode()
    assert page.count('data-kind="police_item"') == 6


def test_calendar_running_step_and_one_grouped_reminder(units, officer, moved):
    dh, lb = units["DHOP25"], units["LB25"]
    code = "registration_changes.2025"
    mine = {e.step.code: e for e in year_selectors.commune_calendar(dh, 2025, D(2025, 9, 8))}
    assert mine[code].status == Status.DUE
    mine = {e.step.code: e for e in year_selectors.commune_calendar(dh, 2025, D(2025, 9, 9))}
    assert mine[code].status == Status.LATE
    theirs = {e.step.code: e for e in year_selectors.commune_calendar(lb, 2025, D(2025, 9, 9))}
    assert theirs[code].status == Status.DONE  # nothing open in Lương Bằng
    lines = [
        r for r in year_selectors.reminders([dh, lb], D(2025, 9, 9)) if r.row.step.code == code
    ]
    assert [(r.late, r.due) for r in lines] == [(1, 0)]


def test_commune_calendar_links_to_the_changes(client, units, clerk):
    client.force_login(clerk)
    dh = units["DHOP25"]
    page = client.get(
        reverse("yearcal:unit_calendar", args=[dh.public_id]) + "?year=2025"
    ).content.decode()
    assert reverse("people:registration_changes", args=[dh.public_id]) in page


def test_home_page_shows_the_late_changes_as_one_line(client, monkeypatch, officer, moved):
    monkeypatch.setattr("muster.conscription.templatetags.year_tags.today", lambda: D(2025, 9, 9))
    client.force_login(officer)
    page = client.get("/").content.decode()
    lines = re.findall(r'data-testid="calendar-reminder" data-step="registration_changes"', page)
    assert len(lines) == 1
    block = page[page.index('data-step="registration_changes"') :].split("</li>")[0]
    assert 'data-testid="reminder-late"' in block


def test_absence_is_open_until_the_return_then_judged(units, officer):
    dh = units["DHOP25"]
    person = make_person(dh, full_name="Hoàng Văn Vắng")
    absence_start(actor=officer, person=person, event_date=D(2025, 7, 2))
    (open_,) = [c for c in changes_on(units, officer, D(2025, 8, 1)) if c.kind == K.ABSENCE]
    assert (open_.status, open_.due) == (selectors.OPEN, None)
    assert open_.status in selectors.FILTERS["due"]
    # Back on Thu 28/08: due Mon 08/09 (weekend, 01–02/09 off); registered on Tue 09/09.
    absence_return(
        actor=officer, person=person, returned_on=D(2025, 8, 28), registered_on=D(2025, 9, 9)
    )
    (back,) = [c for c in changes_on(units, officer, D(2025, 10, 1)) if c.kind == K.ABSENCE]
    assert (back.status, back.due) == (Status.DONE_LATE, D(2025, 9, 8))


def test_calendar_hides_the_link_from_the_councils(client, units):
    dh = units["DHOP25"]
    client.force_login(make_user("c.health.cal", Role.HEALTH_COUNCIL, dh))
    page = client.get(
        reverse("yearcal:unit_calendar", args=[dh.public_id]) + "?year=2025"
    ).content.decode()
    assert 'data-step="registration_changes"' in page
    assert reverse("people:registration_changes", args=[dh.public_id]) not in page
