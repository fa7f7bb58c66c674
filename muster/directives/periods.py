"""Reporting periods, due days and overdue reports (pure: no Django).

A directive is reported on every month, quarter, half-year or year (kỳ báo cáo). The report for
a period is due a set number of **working days** after the period ends: weekends and the public
holidays of the calendar (``core.Holiday``, Tết included) are not counted, using the same
``add_working_days`` as the registration deadlines. A report is overdue when the due day has
passed and it has not been submitted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from muster.law.calendar import add_working_days


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"


_MONTHS = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
    Frequency.YEARLY: 12,
}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def label(self) -> str:
        return f"{self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def periods_of_year(frequency: Frequency | str, year: int) -> list[Period]:
    """The reporting periods of ``year`` for ``frequency``, in order."""
    step = _MONTHS[Frequency(frequency)]
    return [
        Period(dt.date(year, month, 1), _month_end(year, month + step - 1))
        for month in range(1, 13, step)
    ]


def period_containing(frequency: Frequency | str, day: dt.date) -> Period:
    for period in periods_of_year(frequency, day.year):
        if period.start <= day <= period.end:
            return period
    raise AssertionError("unreachable: the periods of a year cover it")


def due_date(period_end: dt.date, working_days: int, holidays: Collection[dt.date]) -> dt.date:
    """The last day to submit the report of a period ending on ``period_end``."""
    return add_working_days(period_end, working_days, holidays)


def is_overdue(*, due: dt.date, on: dt.date, submitted_on: dt.date | None) -> bool:
    """Overdue on ``on``: past its due day and not submitted by then."""
    if submitted_on is not None and submitted_on <= on:
        return False
    return on > due


def days_late(*, due: dt.date, on: dt.date) -> int:
    return max(0, (on - due).days)
