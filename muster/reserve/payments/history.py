"""A reservist's placement history read from the placement runs.

Reading (a choice; see docs/reserve.md, "Placement history and allowances"):

* A run R that places a reservist in unit U starts a period in U on ``R.day``.
* The period lasts until the first later run S (later by when it was run) that decides about
  him differently: S places him in another unit, or refuses / leaves him unplaced, or S is a run
  of R's area or of an area containing it (it replaced R) and does not name him at all (he
  left the area). The period's last day is the day before ``S.day``. A later run that places
  him in the same unit continues the period.
* A reservist taken off the register is placed until the day before ``removed_on``.
* A period still open has no last day (``last is None``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from muster.reserve.placement.models import NotPlaced, Placement, PlacementRun
from muster.reserve.register.models import Reservist

_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Period:
    """Placed in unit ``unit_id`` from ``first`` to ``last`` (both included; None = ongoing)."""

    unit_id: int
    first: dt.date
    last: dt.date | None

    def days_between(self, start: dt.date, end: dt.date) -> int:
        """Days of the period within ``start``–``end`` (both included)."""
        lo = max(self.first, start)
        hi = end if self.last is None else min(self.last, end)
        return max(0, (hi - lo).days + 1)


def _covers(later_path: str, earlier_path: str) -> bool:
    return earlier_path.startswith(later_path)


def periods_of(reservist_ids: Iterable[int]) -> dict[int, list[Period]]:
    """``{reservist id: [Period, …]}`` in order, for the reservists given (four queries)."""
    ids = list(reservist_ids)
    placed: dict[int, dict[int, int]] = {}  # run id → {reservist id: unit id}
    for run_id, reservist_id, unit_id in Placement.objects.filter(reservist_id__in=ids).values_list(
        "run_id", "reservist_id", "unit_id"
    ):
        placed.setdefault(run_id, {})[reservist_id] = unit_id
    named: dict[int, set[int]] = {}
    for run_id, reservist_id in NotPlaced.objects.filter(reservist_id__in=ids).values_list(
        "run_id", "reservist_id"
    ):
        named.setdefault(run_id, set()).add(reservist_id)
    for run_id, who in placed.items():
        named.setdefault(run_id, set()).update(who)
    touched = set(named)
    areas = set(PlacementRun.objects.filter(pk__in=touched).values_list("area__path", flat=True))
    # Every run that could replace one of those: a run of any area whose path is a prefix of
    # (or equal to) a touched run's area path.
    prefixes = {p[: i + 1] for p in areas for i, ch in enumerate(p) if ch == "/"}
    runs = list(
        PlacementRun.objects.filter(area__path__in=prefixes | areas)
        .order_by("created_at", "pk")
        .values_list("pk", "day", "area__path")
    )
    removed = dict(
        Reservist.objects.filter(pk__in=ids, removed_on__isnull=False).values_list(
            "pk", "removed_on"
        )
    )
    result: dict[int, list[Period]] = {}
    for reservist_id in ids:
        periods: list[Period] = []
        open_unit: int | None = None
        open_first: dt.date | None = None
        open_path = ""
        for run_id, day, path in runs:
            in_run = reservist_id in named.get(run_id, ())
            if not in_run and not (open_unit is not None and _covers(path, open_path)):
                continue
            unit = placed.get(run_id, {}).get(reservist_id)
            if open_unit is not None and unit == open_unit:
                open_path = path
                continue
            if open_unit is not None and open_first is not None:
                last = day - _DAY
                if last >= open_first:
                    periods.append(Period(open_unit, open_first, last))
                open_unit = None
            if unit is not None:
                open_unit, open_first, open_path = unit, day, path
        if open_unit is not None and open_first is not None:
            periods.append(Period(open_unit, open_first, None))
        gone = removed.get(reservist_id)
        if gone is not None:
            periods = [
                Period(p.unit_id, p.first, min(p.last or gone - _DAY, gone - _DAY))
                for p in periods
                if p.first < gone
            ]
        result[reservist_id] = periods
    return result


def days_in_unit(periods: list[Period], start: dt.date, end: dt.date) -> tuple[int | None, int]:
    """The unit with the most days placed within ``start``–``end`` and those days."""
    by_unit: dict[int, int] = {}
    for p in periods:
        by_unit[p.unit_id] = by_unit.get(p.unit_id, 0) + p.days_between(start, end)
    if not by_unit or max(by_unit.values()) == 0:
        return None, 0
    unit = max(by_unit, key=lambda u: (by_unit[u], -u))
    return unit, by_unit[unit]


def _month_end(first: dt.date, months: int) -> dt.date:
    """The last day of ``months`` whole months from ``first``: the day before the same day
    ``months`` later, or the last day of that month when it has no such day (31 Jan + 1
    month: 28 Feb; Civil Code 2015 Art 147)."""
    month = first.month - 1 + months
    year, month = first.year + month // 12, month % 12 + 1
    try:
        return dt.date(year, month, first.day) - _DAY
    except ValueError:
        return dt.date(year + (month == 12), month % 12 + 1, 1) - _DAY


def whole_months(first: dt.date, last: dt.date) -> int:
    """Whole months from ``first`` to ``last`` (both included): 1 Jul–31 Dec is 6, 2 Jul–31
    Dec 5 (5 months 30 days)."""
    n = 0
    while _month_end(first, n + 1) <= last:
        n += 1
    return n


def consecutive_months(periods: list[Period], year: int) -> tuple[int | None, int]:
    """The longest unbroken stretch in one unit within ``year``, in whole months, and its
    unit. Back-to-back periods in the same unit join."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    best: tuple[int | None, int] = (None, 0)
    stretch: list[Period] = []
    for p in [*periods, None]:
        if (
            p is not None
            and stretch
            and stretch[-1].unit_id == p.unit_id
            and (stretch[-1].last is not None and stretch[-1].last + _DAY == p.first)
        ):
            stretch.append(p)
            continue
        if stretch:
            lo = max(stretch[0].first, start)
            last = stretch[-1].last
            hi = end if last is None else min(last, end)
            if hi >= lo:
                months = whole_months(lo, hi)
                if best[0] is None or months > best[1]:
                    best = (stretch[0].unit_id, months)
        stretch = [p] if p is not None else []
    return best
