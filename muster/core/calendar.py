"""The working calendar's one reader: the public holidays of a span of days, for the pure day
counting of ``muster.law.calendar`` (registration deadlines, report due days, …)."""

from __future__ import annotations

import datetime as dt

from muster.core.models import Holiday


def holidays_between(start: dt.date, end: dt.date) -> frozenset[dt.date]:
    """The public holidays and days off from ``start`` to ``end`` (both included)."""
    return frozenset(
        Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True)
    )
