"""The call-up's live figures for a directive's targets (registered in ``ConscriptionConfig``).

Each reader takes the units to count in (a commune's subtree, or the directive's whole area)
and the directive's year, and reads the campaigns of that year (the call-up of 2025 hands over
in February 2025) through their communes that lie in those units. ``None`` ("no data yet")
when no campaign of the year has a commune there, or (for the quota) no quota was split yet.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Q, Sum

from muster.conscription.campaign.models import Allocation, CampaignCommune
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.handover.models import Recruit, RecruitReturn, Replacement


def _communes(unit_ids: frozenset[int], year: int) -> list[int]:
    return list(
        CampaignCommune.objects.filter(campaign__year=year, unit_id__in=unit_ids).values_list(
            "pk", flat=True
        )
    )


def handed_over(communes: list[int]) -> int:
    """Valid call-up decisions of the communes whose citizen joined the army: handed over at
    the ceremony and not sent back, or a replacement (bù đổi), who joins the receiving unit
    directly. A citizen with a decision who did not come (he refused or evaded) is not counted,
    nor one the unit returned and who is not replaced yet."""
    joined = Recruit.objects.filter(decision=OuterRef("pk")).exclude(
        Exists(RecruitReturn.objects.filter(recruit=OuterRef("pk")))
    )
    replacing = Replacement.objects.filter(decision=OuterRef("pk"))
    return (
        CallupDecision.objects.filter(commune_id__in=communes, status=DecisionStatus.VALID)
        .filter(Q(Exists(joined)) | Q(Exists(replacing)))
        .count()
    )


def quota_met_pct(unit_ids: frozenset[int], year: int) -> Decimal | None:
    """Recruits handed over (``handed_over``) as a percentage of the communes' final quotas
    (army and police), to one decimal."""
    communes = _communes(unit_ids, year)
    quota = Allocation.objects.filter(commune_id__in=communes).aggregate(n=Sum("final"))["n"]
    if not quota:
        return None
    share = Decimal(100 * handed_over(communes)) / Decimal(quota)
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def replacements(unit_ids: frozenset[int], year: int) -> Decimal | None:
    """Recruits replaced after the handover (bù đổi) in the communes: the directive's "no
    replacement after handover" target allows none."""
    communes = _communes(unit_ids, year)
    if not communes:
        return None
    count = Replacement.objects.filter(returned__recruit__handover__commune_id__in=communes).count()
    return Decimal(count)


def recruits(unit_ids: frozenset[int], year: int) -> Decimal | None:
    """Recruits who joined the army from the communes (``handed_over``): what a commune's
    share of the call-up quota achieves."""
    communes = _communes(unit_ids, year)
    if not communes:
        return None
    return Decimal(handed_over(communes))
