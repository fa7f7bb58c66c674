"""Reporting periods and overdue reports across month ends, weekends and holidays."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from muster.core.models import Holiday
from muster.directives import periods
from muster.directives.services.reports import report_due
from tests.directives.factories import make_directive


def test_periods_cover_the_year_without_gaps():
    for frequency in periods.Frequency:
        plist = periods.periods_of_year(frequency, 2024)
        assert plist[0].start == dt.date(2024, 1, 1)
        assert plist[-1].end == dt.date(2024, 12, 31)
        for before, after in itertools.pairwise(plist):
            assert after.start == before.end + dt.timedelta(days=1)
    feb = periods.periods_of_year("monthly", 2024)[1]
    assert feb.end == dt.date(2024, 2, 29)  # leap year


def test_due_date_crosses_a_month_end_and_skips_holidays():
    # January 2025 ends on Friday 31/01; Tết 2025 holidays run 25/01–02/02.
    tet = {dt.date(2025, 1, 25) + dt.timedelta(days=i) for i in range(9)}
    assert periods.due_date(dt.date(2025, 1, 31), 5, frozenset()) == dt.date(2025, 2, 7)
    assert periods.due_date(dt.date(2025, 1, 31), 5, tet) == dt.date(2025, 2, 7)
    # Two days off right after the month end push the due day over the next weekend.
    days_off = {dt.date(2025, 2, 3), dt.date(2025, 2, 4)}
    assert periods.due_date(dt.date(2025, 1, 31), 5, days_off) == dt.date(2025, 2, 11)
    # April 2025 ends Wednesday 30/04; Thursday 01/05 is a holiday: five working days → 08/05.
    holidays = {dt.date(2025, 4, 30), dt.date(2025, 5, 1)}
    assert periods.due_date(dt.date(2025, 4, 30), 5, holidays) == dt.date(2025, 5, 8)
    assert periods.due_date(dt.date(2025, 4, 30), 5, frozenset()) == dt.date(2025, 5, 7)


def test_overdue_rule():
    due = dt.date(2025, 5, 9)
    assert not periods.is_overdue(due=due, on=due, submitted_on=None)
    assert periods.is_overdue(due=due, on=dt.date(2025, 5, 10), submitted_on=None)
    assert not periods.is_overdue(due=due, on=dt.date(2025, 6, 1), submitted_on=dt.date(2025, 5, 9))
    # Submitted late still counts as submitted from that day on.
    assert not periods.is_overdue(
        due=due, on=dt.date(2025, 6, 1), submitted_on=dt.date(2025, 5, 20)
    )
    assert periods.is_overdue(due=due, on=dt.date(2025, 5, 15), submitted_on=dt.date(2025, 5, 20))


@pytest.mark.django_db
def test_report_due_reads_the_holiday_calendar(units):
    directive, _target = make_directive(units["DHOP"])
    # The seeded calendar holds 30/04, 01/05 and the 2025 bridge day 02/05.
    assert report_due(directive, dt.date(2025, 4, 30)) == dt.date(2025, 5, 9)
    # May ends on a Saturday: Monday 02/06 to Friday 06/06 ...
    assert report_due(directive, dt.date(2025, 5, 31)) == dt.date(2025, 6, 6)
    # ... and a day off added to the calendar moves the due day over the weekend.
    Holiday.objects.create(date=dt.date(2025, 6, 2), name="Ngày nghỉ thử nghiệm")
    assert report_due(directive, dt.date(2025, 5, 31)) == dt.date(2025, 6, 9)
