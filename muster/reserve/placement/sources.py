"""The placement's live figure for a directive's target (registered in ``ReserveConfig``):
``reserve.unit_strength_pct``, the full-strength posts filled over the establishment (%) of
the reserve units whose mobilisation area is in the set ("sắp xếp đủ quân nhân dự bị vào các
đơn vị dự bị động viên").

Each unit counts with the latest placement that placed into it on or before the day the year is
read on (31/12, or today in the current year: the militia's ``reference_day``), and only when
the unit is in force that day. ``None`` ("no data yet") when no unit of the set has been
placed."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from muster.core.dated import not_ended_by
from muster.militia.sources import reference_day
from muster.reserve.placement.models import UnitStrength

Sets = Sequence[frozenset[int]]


def unit_strength_pct_each(unit_sets: Sets, year: int) -> list[Decimal | None]:
    if not unit_sets:
        return []
    every = frozenset().union(*unit_sets)
    day = reference_day(every, year)
    latest: dict[int, tuple[int, int, int]] = {}  # unit id -> (area id, strength, establishment)
    rows = (
        UnitStrength.objects.filter(
            unit__area_id__in=every,
            run__day__lte=day,
            unit__established_on__lte=day,
        )
        .filter(not_ended_by(day, "unit__"))
        .order_by("run__day", "run__created_at", "run_id")
        .values_list("unit_id", "unit__area_id", "strength", "establishment")
    )
    for unit_id, area_id, strength, establishment in rows:
        latest[unit_id] = (area_id, strength, establishment)
    result: list[Decimal | None] = []
    for unit_ids in unit_sets:
        filled = posts = 0
        for area_id, strength, establishment in latest.values():
            if area_id in unit_ids:
                filled += strength
                posts += establishment
        result.append(
            (Decimal(filled) * 100 / Decimal(posts)).quantize(Decimal("0.1"), ROUND_HALF_UP)
            if posts
            else None
        )
    return result


def unit_strength_pct(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return unit_strength_pct_each([unit_ids], year)[0]
