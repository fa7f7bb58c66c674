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
