"""Dated records on a day, in one place: a record (a membership, unit, appointment, reservist,
asset, ...) is in force from its start (``joined_on``, ``established_on``, ``registered_on``, ...)
up to the day before its end (``ended_on``, ``removed_on``: the first day it no longer holds;
empty while it lasts)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q


def not_ended_by(day: dt.date, prefix: str = "", end: str = "ended_on") -> Q:
    """Records whose end (``end`` names the field) is empty or after ``day`` (``prefix``
    reaches them through a relation, e.g. ``unit__``)."""
    return Q(**{f"{prefix}{end}__isnull": True}) | Q(**{f"{prefix}{end}__gt": day})


def open_on(day: dt.date, start: str, prefix: str = "", end: str = "ended_on") -> Q:
    """Records started by ``day`` (``start`` names the start field) and not ended by it."""
    return Q(**{f"{prefix}{start}__lte": day}) & not_ended_by(day, prefix, end)
