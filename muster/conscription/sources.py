"""The call-up's live figures for a directive's targets (registered in ``ConscriptionConfig``).

Each reader takes the units to count in (a commune's subtree, or the directive's whole area)
and the directive's year, and reads the campaigns of that year (the call-up of 2025 hands over
in February 2025) through their communes that lie in those units. ``None`` ("no data yet")
when no campaign of the year has a commune there, or (for the quota) no quota was split yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum

from muster.conscription.campaign.models import Allocation, CampaignCommune
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.handover.models import Recruit, RecruitReturn, Replacement

Sets = Sequence[frozenset[int]]


def _communes(unit_sets: Sets, year: int) -> dict[int, int]:
    """The campaign communes of ``year`` in any of ``unit_sets``: their id and their unit's."""
    every = frozenset().union(*unit_sets)
    return dict(
        CampaignCommune.objects.filter(campaign__year=year, unit_id__in=every).values_list(
            "pk", "unit_id"
        )
    )


def _in(communes: Mapping[int, int], units: frozenset[int]) -> list[int]:
    return [pk for pk, unit_id in communes.items() if unit_id in units]


def handed_over(communes: Iterable[int]) -> dict[int, int]:
    """Per commune, valid call-up decisions whose citizen joined the army: handed over at the
    ceremony and not sent back, or a replacement (bù đổi), who joins the receiving unit
    directly. A citizen with a decision who did not come (he refused or evaded) is not counted,
    nor one the unit returned and who is not replaced yet."""
    joined = Recruit.objects.filter(decision=OuterRef("pk")).exclude(
        Exists(RecruitReturn.objects.filter(recruit=OuterRef("pk")))
    )
    replacing = Replacement.objects.filter(decision=OuterRef("pk"))
    return dict(
        CallupDecision.objects.filter(commune_id__in=list(communes), status=DecisionStatus.VALID)
        .filter(Q(Exists(joined)) | Q(Exists(replacing)))
        .values_list("commune_id")
        .annotate(n=Count("pk"))
        .order_by()
    )


def quota_met_pct_each(unit_sets: Sets, year: int) -> list[Decimal | None]:
    """Recruits handed over (``handed_over``) as a percentage of the communes' final quotas
    (army and police), to one decimal, over each set of units."""
    communes = _communes(unit_sets, year)
    quotas = dict(
        Allocation.objects.filter(commune_id__in=list(communes))
        .values_list("commune_id")
        .annotate(n=Sum("final"))
        .order_by()
    )
    joined = handed_over(communes)
    figures: list[Decimal | None] = []
    for units in unit_sets:
        mine = _in(communes, units)
        quota = sum(quotas.get(pk) or 0 for pk in mine)
        if not quota:
            figures.append(None)
            continue
        share = Decimal(100 * sum(joined.get(pk, 0) for pk in mine)) / Decimal(quota)
        figures.append(share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return figures


def replacements_each(unit_sets: Sets, year: int) -> list[Decimal | None]:
    """Recruits replaced after the handover (bù đổi) in the communes of each set: the
    directive's "no replacement after handover" target allows none."""
    communes = _communes(unit_sets, year)
    commune = "returned__recruit__handover__commune_id"
    counts = dict(
        Replacement.objects.filter(**{f"{commune}__in": list(communes)})
        .values_list(commune)
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        Decimal(sum(counts.get(pk, 0) for pk in mine)) if (mine := _in(communes, units)) else None
        for units in unit_sets
    ]


def recruits_each(unit_sets: Sets, year: int) -> list[Decimal | None]:
    """Recruits who joined the army from the communes of each set (``handed_over``): what a
    commune's share of the call-up quota achieves."""
    communes = _communes(unit_sets, year)
    joined = handed_over(communes)
    return [
        Decimal(sum(joined.get(pk, 0) for pk in mine)) if (mine := _in(communes, units)) else None
        for units in unit_sets
    ]


def quota_met_pct(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return quota_met_pct_each([unit_ids], year)[0]


def replacements(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return replacements_each([unit_ids], year)[0]


def recruits(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return recruits_each([unit_ids], year)[0]
