"""Ages and birth-date ranges. Pure: no Django, so the rule engines can use it too."""

from __future__ import annotations

import datetime as dt


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years of age on ``day`` (a 29 February birthday counts from 1 March)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (29 Feb → 28 Feb in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def birth_range(day: dt.date, youngest: int, oldest: int) -> tuple[dt.date, dt.date]:
    """Earliest and latest birth dates of people aged ``youngest``..``oldest`` on ``day``."""
    return years_before(day, oldest + 1) + dt.timedelta(days=1), years_before(day, youngest)


def birthday(birth: dt.date, years: int) -> dt.date:
    """The day the ``years``-th birthday is reached (a 29 February birthday: 1 March in a
    common year, as ``age_on`` counts it)."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return dt.date(birth.year + years, 3, 1)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` earlier, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))
