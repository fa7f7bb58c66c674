"""Reads across the militia's sub-domains, scoped to the acting user's area: the strength of
each commune (members serving against the units' established strength, and the share of the
population), and a commune's units with the members each counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Sum

from muster.core.dated import open_on
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.geo.selectors import communes_on
from muster.militia.dated import serving_on
from muster.militia.members.models import Membership
from muster.militia.organisation.models import MilitiaUnit
from muster.militia.targets.selectors import target_ratios

if TYPE_CHECKING:
    from muster.accounts.models import User


@dataclass(frozen=True)
class CommuneStrength:
    """One commune's militia on a day. ``ratio_pct``: members per 100 inhabitants (None when
    the population is not known); ``target_pct`` the share the province set for the year
    (None when it set none), ``target_ref`` its decision."""

    commune: Unit
    members: int
    establishment: int
    population: int | None
    target_pct: Decimal | None = None
    target_ref: str = ""

    @property
    def shortfall(self) -> int:
        return max(self.establishment - self.members, 0)

    @property
    def ratio_pct(self) -> float | None:
        if not self.population:
            return None
        return round(100 * self.members / self.population, 2)

    @property
    def below_target(self) -> bool:
        ratio = self.ratio_pct
        return ratio is not None and self.target_pct is not None and ratio < self.target_pct


def strength_by_commune(*, user: User, day: dt.date) -> list[CommuneStrength]:
    """Every commune in ``user``'s area on ``day`` with its serving members and the strength
    its open units are established for, and the province's target for the year; four queries
    whatever the number of communes."""
    communes = list(communes_on(user=user, day=day))
    ids = [c.pk for c in communes]
    members = dict(
        Membership.objects.filter(serving_on(day), holder_id__in=ids)
        .values_list("holder_id")
        .annotate(n=Count("pk"))
        .values_list("holder_id", "n")
    )
    establishment = dict(
        MilitiaUnit.objects.filter(
            open_on(day, "established_on"), holder_id__in=ids, parent__isnull=True
        )
        .values_list("holder_id")
        .annotate(n=Sum("establishment"))
        .values_list("holder_id", "n")
    )
    targets = target_ratios(communes, day)
    return [
        CommuneStrength(
            commune=c,
            members=members.get(c.pk, 0),
            establishment=establishment.get(c.pk) or 0,
            population=c.population,
            target_pct=targets[c.pk].ratio_pct if c.pk in targets else None,
            target_ref=targets[c.pk].decision_ref if c.pk in targets else "",
        )
        for c in communes
    ]


@dataclass(frozen=True)
class UnitRow:
    unit: MilitiaUnit
    members: int

    @property
    def shortfall(self) -> int:
        return max(self.unit.establishment - self.members, 0)


def units_of_commune(*, user: User, commune: Unit, day: dt.date) -> list[UnitRow]:
    """The units the commune holds on ``day`` (in ``user``'s area) with their serving
    members, in one query."""
    units = (
        MilitiaUnit.objects.filter(
            scope_of(user).q("holder"), open_on(day, "established_on"), holder=commune
        )
        .select_related("village", "parent")
        .annotate(
            n=Count(
                "members",
                filter=serving_on(day, "members__"),
            )
        )
        .order_by("component", "name")
    )
    return [UnitRow(unit=u, members=u.n) for u in units]


def members_of_commune(*, user: User, commune: Unit, day: dt.date) -> list[Membership]:
    """The members serving in the commune on ``day``, with their person and unit."""
    return list(
        Membership.objects.filter(scope_of(user).q("holder"), serving_on(day), holder=commune)
        .select_related("person", "unit")
        .order_by("component", "person__name_search")
    )
