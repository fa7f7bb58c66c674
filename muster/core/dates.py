"""Parsing of dates typed by users (dd/mm/yyyy) and read from query strings."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()


def parse_user_date(raw: str | None) -> dt.date | None:
    """``dd/mm/yyyy`` (the form users type) or ISO ``yyyy-mm-dd``; None when blank or bad."""
    if not raw:
        return None
    raw = raw.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a date, not a time
        except ValueError:
            continue
    return None


def prefill_day(
    start: dt.date | None, end: dt.date | None, *, on: dt.date | None = None
) -> dt.date | None:
    """The default of a form's date that must fall in a window (a campaign's decision or
    handover days): today (``on``) when it lies within ``start``–``end`` (an open end when
    None), else None, so a closed or future campaign's form is left empty rather than
    prefilled with a day outside it."""
    day = on or today()
    if (start is not None and day < start) or (end is not None and day > end):
        return None
    return day
