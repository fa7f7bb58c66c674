"""Live figures of defence education for a directive's targets (registered in
``EducationConfig``): the members of the groups certified this year over the plan's quota, or
over the members due plus those certified when no plan gives a quota (%). ``None`` ("no data
yet") when the set has neither members nor a quota. Groups 1–2 are sent to courses convened
above the province (``education.group12_sent_pct``).

The figures of every group are read once for all the unit sets asked for (a few queries, not a
few per set), and shared by the three sources within a page view (``core.memo``)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from muster.core.dates import today
from muster.core.memo import remember
from muster.education.figures import Figure, figures, year_day
from muster.education.models import EducationMember, EducationPlan

Sets = Sequence[frozenset[int]]


def _each(unit_sets: Sets, year: int, groups: tuple[int, ...]) -> list[Decimal | None]:
    if not unit_sets:
        return []
    every = frozenset().union(*unit_sets)
    day = year_day(year, today())
    found = remember(
        ("education.figures", every, year, day),
        lambda: figures(
            EducationMember.objects.filter(unit_id__in=every),
            EducationPlan.objects.filter(unit_id__in=every),
            year,
            day,
        ),
    )
    result: list[Decimal | None] = []
    for unit_ids in unit_sets:
        out = Figure()
        for (unit_id, group), figure in found.items():
            if unit_id in unit_ids and group in groups:
                out.add(figure)
        result.append(out.pct)
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
