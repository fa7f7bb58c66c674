"""Training days as days of duty for the month's allowance list (``allowances.lines``): each
day a member attended at a session that starts in the month, counted from the session's first
day, paid there at the daily work rate of that day (Decree 72/2020 as amended by Decree
16/2025)."""

from __future__ import annotations

import datetime as dt

from muster.geo.models import Unit
from muster.law.text import Text, vi_date
from muster.militia.allowances.lines import DutyDays
from muster.militia.training.selectors import training_days


def training_duty_days(commune: Unit, first: dt.date, last: dt.date) -> list[DutyDays]:
    """The days attended at ``commune``'s sessions that start from ``first`` to ``last``."""
    out = []
    for row in training_days(commune, first, last):
        days = tuple(row.day + dt.timedelta(days=i) for i in range(row.days))
        out.append(
            DutyDays(
                row.membership,
                days,
                Text(f"Huấn luyện ngày {vi_date(row.day)}", f"Training, {row.day:%d/%m/%Y}"),
            )
        )
    return out
