"""The defence works' live figures for a directive's targets (registered in ``DefenceConfig``):

* ``defence.land_ha`` / ``defence.land_m2``: the area of the land works of the set whose land
  step (recovery and allocation) was done in the year and approved, with evidence;
* ``defence.hq_started``: the commune military headquarters of the set whose construction
  started in the year, the start approved.

A step counts for the year it was done in (the fact), once approved (the check): land
recovered in December and approved in January counts for December's year.

``None`` ("no data yet") when the set holds no work of the kind. The land rows are read once
for both units (ha and m²) within a page view (``core.memo``)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Exists, OuterRef

from muster.core.memo import remember
from muster.defence.models import AreaUnit, DefenceWork, Milestone
from muster.law.defence.works import HQ_STARTED_STEP, LAND_STEP, M2_PER_HA, WorkKind

Sets = Sequence[frozenset[int]]


def _land_rows(
    every: frozenset[int], year: int
) -> tuple[set[int], list[tuple[int, Decimal | None, str]]]:
    """The units holding a land work, and the area of each work whose land step was done in
    ``year`` and approved (one query)."""
    works = (
        DefenceWork.objects.filter(kind=WorkKind.LAND, unit_id__in=every)
        .annotate(
            done=Exists(
                Milestone.objects.filter(
                    work=OuterRef("pk"),
                    step=LAND_STEP,
                    approved_on__isnull=False,
                    done_on__year=year,
                )
            )
        )
        .values_list("unit_id", "area", "area_unit", "done")
    )
    having: set[int] = set()
    rows: list[tuple[int, Decimal | None, str]] = []
    for unit_id, area, area_unit, done in works:
        having.add(unit_id)
        if done and area is not None:
            rows.append((unit_id, area, area_unit))
    return having, rows


def _land_each(unit_sets: Sets, year: int, unit: str) -> list[Decimal | None]:
    if not unit_sets:
        return []
    every = frozenset().union(*unit_sets)
    having, rows = remember(("defence.land", every, year), lambda: _land_rows(every, year))
    result: list[Decimal | None] = []
    for unit_ids in unit_sets:
        if not having & unit_ids:
            result.append(None)
            continue
        total = Decimal(0)
        for unit_id, area, area_unit in rows:
            if unit_id not in unit_ids or area is None:
                continue
            in_m2 = area if area_unit == AreaUnit.SQUARE_METRE else area * M2_PER_HA
            total += in_m2
        value = total if unit == AreaUnit.SQUARE_METRE else total / M2_PER_HA
        result.append(value.quantize(Decimal("0.001")).normalize())
    return result


def land_ha_each(unit_sets: Sets, year: int) -> list[Decimal | None]:
    return _land_each(unit_sets, year, AreaUnit.HECTARE)


def land_m2_each(unit_sets: Sets, year: int) -> list[Decimal | None]:
    return _land_each(unit_sets, year, AreaUnit.SQUARE_METRE)


def land_ha(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return land_ha_each([unit_ids], year)[0]


def land_m2(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return land_m2_each([unit_ids], year)[0]


def hq_started_each(unit_sets: Sets, year: int) -> list[Decimal | None]:
    if not unit_sets:
        return []
    every = frozenset().union(*unit_sets)
    works = list(
        DefenceWork.objects.filter(kind=WorkKind.COMMUNE_HQ, unit_id__in=every)
        .annotate(
            started=Exists(
                Milestone.objects.filter(
                    work=OuterRef("pk"),
                    step=HQ_STARTED_STEP,
                    approved_on__isnull=False,
                    done_on__year=year,
                )
            )
        )
        .values_list("unit_id", "started")
    )
    having = {unit_id for unit_id, _started in works}
    return [
        Decimal(sum(1 for u, started in works if started and u in unit_ids))
        if having & unit_ids
        else None
        for unit_ids in unit_sets
    ]


def hq_started(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return hq_started_each([unit_ids], year)[0]
