"""The militia's live figures for a directive's targets (registered in ``MilitiaConfig``):
``militia.members`` (members serving), ``militia.strength_pct`` (members as a percentage of
the strength the units are established for), ``militia.party_pct`` and ``militia.youth_pct``
(the Party and Youth Union members' share of the members).

Each reader takes the units to count in (a commune's subtree, or the directive's whole area)
and the directive's year, and counts on the year's last day, or today in the current year; a
set of units that had all ended by then (Kim Động's communes, whose 2025 directive ends with
them on 30/06/2025) is counted on its last day. ``None`` ("no data yet") when no commune of
the set holds a member or a unit on that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal

from django.db.models import Max, Q

from muster.core.dates import today
from muster.geo.models import Unit
from muster.militia.reports.figures import Figures, figures_by_commune, total

Sets = Sequence[frozenset[int]]


def reference_day(unit_ids: frozenset[int], year: int) -> dt.date:
    """The day a year's figure is read on: 31/12 (today in the current year), or the last day
    of the set's communes when all of them ended before it."""
    day = min(dt.date(year, 12, 31), today())
    communes = Unit.objects.filter(pk__in=unit_ids).commune_level()
    if communes.valid_on(day).exists():
        return day
    last = communes.filter(valid_to__year=year).aggregate(last=Max("valid_to"))["last"]
    return last if last is not None and last < day else day


def _figures_each(unit_sets: Sets, year: int) -> list[Figures | None]:
    every = frozenset().union(*unit_sets)
    day = reference_day(every, year)
    communes = list(Unit.objects.filter(pk__in=every).valid_on(day).commune_level())
    per = figures_by_commune(communes, day, Q(holder_id__in=every))
    found: list[Figures | None] = []
    for units in unit_sets:
        mine = [f for pk, f in per.items() if pk in units]
        summed = total(mine)
        found.append(summed if mine and (summed.members or summed.establishment) else None)
    return found


def _reader(
    value: Callable[[Figures], Decimal | None],
) -> Callable[[Sets, int], list[Decimal | None]]:
    def each(unit_sets: Sets, year: int) -> list[Decimal | None]:
        return [None if f is None else value(f) for f in _figures_each(unit_sets, year)]

    return each


members_each = _reader(lambda f: Decimal(f.members))
strength_pct_each = _reader(lambda f: f.strength_pct)
party_pct_each = _reader(lambda f: f.party_pct)
youth_pct_each = _reader(lambda f: f.youth_pct)


def members(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return members_each([unit_ids], year)[0]


def strength_pct(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return strength_pct_each([unit_ids], year)[0]


def party_pct(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return party_pct_each([unit_ids], year)[0]


def youth_pct(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return youth_pct_each([unit_ids], year)[0]
