"""The militia's memberships on a day (the generic open/ended conditions are
``muster.core.dated``'s): a membership is in force from ``joined_on`` up to the day before
``ended_on`` (the first day it no longer holds; empty while it lasts)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from muster.core.dated import open_on


def serving_on(day: dt.date, prefix: str = "") -> Q:
    """Memberships in the force on ``day``: joined by then and not ended (``prefix`` reaches
    them through a relation, e.g. ``members__``)."""
    return open_on(day, "joined_on", prefix)
