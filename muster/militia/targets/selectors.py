"""Reads of the province's militia targets: the provinces a user acts in (his area's
province, or those inside it), the targets per province and year, and the target that
applies to a commune (its province's, for the year of the day)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q

from muster.geo.models import Unit, UnitKind
from muster.geo.scope import scope_of
from muster.militia.targets.models import StrengthTarget

if TYPE_CHECKING:
    from muster.accounts.models import User

_SEGMENT = 9  # "00000012/"


def province_id_of(unit: Unit) -> int | None:
    """The root of ``unit``'s tree (the province), from its materialised path; no query."""
    head = unit.path[: _SEGMENT - 1]
    return int(head) if head.isdigit() else None


def provinces_for(user: User) -> list[Unit]:
    """The provinces ``user`` acts in: every province for the whole system, else the
    provinces at the root of (or inside) his area. One query."""
    scope = scope_of(user)
    provinces = Unit.objects.filter(kind=UnitKind.PROVINCE)
    if scope.everything:
        return list(provinces.order_by("name", "valid_from"))
    if not scope.paths:
        return []
    roots = {int(p[: _SEGMENT - 1]) for p in scope.paths if p[: _SEGMENT - 1].isdigit()}
    return list(provinces.filter(Q(pk__in=roots) | scope.q("pk")).order_by("name", "valid_from"))


def targets_for(user: User) -> list[StrengthTarget]:
    """The targets of ``user``'s provinces, newest year first."""
    ids = [p.pk for p in provinces_for(user)]
    return list(
        StrengthTarget.objects.filter(province_id__in=ids)
        .select_related("province")
        .order_by("-year", "province__name")
    )


def target_ratios(communes: list[Unit], day: dt.date) -> dict[int, StrengthTarget]:
    """The target of each commune's province for ``day``'s year, by commune id (one query)."""
    by_province = {c.pk: province_id_of(c) for c in communes}
    targets = {
        t.province_id: t
        for t in StrengthTarget.objects.filter(
            province_id__in={p for p in by_province.values() if p}, year=day.year
        )
    }
    return {c: targets[p] for c, p in by_province.items() if p in targets}


def below_target(ratio_pct: float | None, target: StrengthTarget | None) -> bool:
    """Whether the actual share falls short of the target (unknown population: not flagged)."""
    if ratio_pct is None or target is None:
        return False
    return Decimal(str(ratio_pct)) < target.ratio_pct
