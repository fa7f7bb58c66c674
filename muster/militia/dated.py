"""The militia's dated records on a day, in one place: a membership, unit or appointment is in
force from its start (``joined_on``, ``established_on``, ``appointed_on``) up to the day
before ``ended_on`` (the first day it no longer holds; empty while it lasts)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q


def not_ended_by(day: dt.date, prefix: str = "") -> Q:
    """Records whose ``ended_on`` is empty or after ``day``."""
    return Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": day})


def open_on(day: dt.date, start: str, prefix: str = "") -> Q:
    """Records started by ``day`` (``start`` names the start field) and not ended by it."""
    return Q(**{f"{prefix}{start}__lte": day}) & not_ended_by(day, prefix)


def serving_on(day: dt.date, prefix: str = "") -> Q:
    """Memberships in the force on ``day``: joined by then and not ended (``prefix`` reaches
    them through a relation, e.g. ``members__``)."""
    return open_on(day, "joined_on", prefix)
