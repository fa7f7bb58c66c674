"""The reserve's live figures for a directive's targets (registered in ``ReserveConfig``):
``reserve.reservists`` (reservists on the registers), ``reserve.class_one_pct`` (class 1
among the NCOs and soldiers, %) and ``reserve.group_a_pct`` (group A among all, %).

Each reader takes the units to count in and the directive's year and counts on the year's
last day, or today in the current year (the militia's ``reference_day``). ``None`` ("no data
yet") when no reservist of the set is on a register that day."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from muster.militia.sources import reference_day
from muster.reserve.reports.selectors import Strength, total_of

Sets = Sequence[frozenset[int]]


def _pct(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _reader(
    value: Callable[[Strength], Decimal | None],
) -> Callable[[Sets, int], list[Decimal | None]]:
    def each(unit_sets: Sets, year: int) -> list[Decimal | None]:
        if not unit_sets:
            return []
        day = reference_day(frozenset().union(*unit_sets), year)
        return [None if not s.total else value(s) for s in total_of(unit_sets, day)]

    return each


reservists_each = _reader(lambda s: Decimal(s.total))
class_one_pct_each = _reader(lambda s: _pct(s.class_one, s.class_one + s.class_two))
group_a_pct_each = _reader(lambda s: _pct(s.group_a, s.total))


def reservists(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return reservists_each([unit_ids], year)[0]


def class_one_pct(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return class_one_pct_each([unit_ids], year)[0]


def group_a_pct(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return group_a_pct_each([unit_ids], year)[0]
