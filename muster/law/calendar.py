"""muster.law.calendar"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection


def is_working_day(day: dt.date, holidays: Collection[dt.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: dt.date, count: int, holidays: Collection[dt.date]) -> dt.date:
    """The ``count``-th working day after ``start`` (``start`` itself is not counted)."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    remaining = count
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def add_days(start: dt.date, count: int, holidays: Collection[dt.date]) -> dt.date:
    """``count`` calendar days after ``start``; a last day that is a day off rolls forward."""
    day = start + dt.timedelta(days=count)
    while not is_working_day(day, holidays):
        day += dt.timedelta(days=1)
    return day
