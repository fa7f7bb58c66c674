"""Live figures of defence education for a directive's targets (registered in
``EducationConfig``): the members of the groups certified this year over the plan's quota, or
over the members due plus those certified when no plan gives a quota (%). ``None`` ("no data
yet") when the set has neither members nor a quota. Groups 1–2 are sent to courses convened
above the province (``education.group12_sent_pct``)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from muster.core.dates import today
from muster.education.figures import figures, total, year_day
from muster.education.models import EducationMember, EducationPlan

Sets = Sequence[frozenset[int]]


def _each(unit_sets: Sets, year: int, groups: tuple[int, ...]) -> list[Decimal | None]:
    day = year_day(year, today())
    result: list[Decimal | None] = []
    for unit_ids in unit_sets:
        found = figures(
            EducationMember.objects.filter(unit_id__in=unit_ids, group__in=groups),
            EducationPlan.objects.filter(unit_id__in=unit_ids),
            year,
            day,
        )
        result.append(total(found, groups).pct)
    return result


def group12_pct_each(unit_sets: Sets, year: int) -> list[Decimal | None]:
    return _each(unit_sets, year, (1, 2))


def group3_pct_each(unit_sets: Sets, year: int) -> list[Decimal | None]:
    return _each(unit_sets, year, (3,))


def group4_pct_each(unit_sets: Sets, year: int) -> list[Decimal | None]:
    return _each(unit_sets, year, (4,))


def group12_pct(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return group12_pct_each([unit_ids], year)[0]


def group3_pct(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return group3_pct_each([unit_ids], year)[0]


def group4_pct(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return group4_pct_each([unit_ids], year)[0]
