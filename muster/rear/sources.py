"""The rear policy's live figure for a directive's target (registered in ``RearConfig``):
``rear.families_visited_pct``, the families of serving soldiers visited at Tết over the
families of soldiers serving on 31 December of the year (%), for the communes in the set.

The Tết of year Y is the one at the turn of Y and Y+1 (Tết 2025/26 for 2025): a Tết visit
counts when made from 1 December Y to the end of February Y+1. ``None`` ("no data yet") when no
soldier of the set is serving on 31 December."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef

from muster.conscription.handover.models import Recruit
from muster.rear.models import Occasion, Visit
from muster.reserve.discharge.models import DischargeReception


def _serving(unit_ids: frozenset[int], day: dt.date) -> list[tuple[int, int]]:
    """(recruit id, registration unit id) of the soldiers serving on ``day``."""
    home = DischargeReception.objects.filter(
        person_id=OuterRef("decision__person_id"),
        discharged_on__gte=OuterRef("handover__handed_on"),
        discharged_on__lte=day,
    )
    return list(
        Recruit.objects.filter(
            decision__person__registration_unit_id__in=unit_ids,
            handover__handed_on__lte=day,
            returned__isnull=True,
        )
        .exclude(Exists(home))
        .values_list("pk", "decision__person__registration_unit_id")
    )


def families_visited_pct_each(
    unit_sets: Sequence[frozenset[int]], year: int
) -> list[Decimal | None]:
    if not unit_sets:
        return []
    every = frozenset().union(*unit_sets)
    serving = _serving(every, dt.date(year, 12, 31))
    visited = set(
        Visit.objects.filter(
            recruit_id__in=[pk for pk, _unit in serving],
            occasion=Occasion.TET,
            visited_on__gte=dt.date(year, 12, 1),
            visited_on__lt=dt.date(year + 1, 3, 1),
        ).values_list("recruit_id", flat=True)
    )
    result: list[Decimal | None] = []
    for unit_ids in unit_sets:
        mine = [pk for pk, unit in serving if unit in unit_ids]
        if not mine:
            result.append(None)
            continue
        share = Decimal(sum(1 for pk in mine if pk in visited)) * 100 / Decimal(len(mine))
        result.append(share.quantize(Decimal("0.1"), ROUND_HALF_UP))
    return result


def families_visited_pct(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return families_visited_pct_each([unit_ids], year)[0]
