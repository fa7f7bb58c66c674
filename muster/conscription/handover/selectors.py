"""Reads of the handover and after it, cut to the acting user's area: receiving units and the
numbers agreed, handover records and their recruits, re-examinations, returns, replacements,
and the per-commune indicators of the campaign board (the count of replacements is the
directive's headline: its target is zero)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, QuerySet

from muster.conscription.aftercare.models import StandardsRecheck
from muster.conscription.campaign.models import Campaign, CampaignCommune
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.handover.models import (
    Handover,
    HandoverPlan,
    ReceivingUnit,
    Recruit,
    RecruitReturn,
    Replacement,
)
from muster.conscription.selection.models import ListKind, SelectionEntry, SelectionState
from muster.geo.scope import scope_of
from muster.law.callup import aftercare as aftercare_rules
from muster.law.callup import selection as selection_rules

if TYPE_CHECKING:
    from muster.accounts.models import User


def receiving_units() -> QuerySet[ReceivingUnit]:
    """Receiving units are shared reference data (army and police units), visible to all."""
    return ReceivingUnit.objects.order_by("service", "name")


@dataclass
class PlanRow:
    commune: CampaignCommune
    quota: dict[str, int] = field(default_factory=dict)
    plans: dict[int, HandoverPlan] = field(default_factory=dict)  # receiving unit id → plan
    handed: dict[int, int] = field(default_factory=dict)  # receiving unit id → active recruits

    def planned(self, service: str, units: Iterable[ReceivingUnit]) -> int:
        return sum(
            self.plans[u.pk].number for u in units if u.service == service and u.pk in self.plans
        )


def plan_rows(*, user: User, campaign: Campaign) -> list[PlanRow]:
    """Per commune in the user's area: its final quotas, the numbers agreed with each unit and
    how many each already holds (recruits not returned)."""
    from muster.conscription.campaign.models import Allocation
    from muster.conscription.campaign.selectors import communes_for_user

    communes = communes_for_user(user=user, campaign=campaign)
    rows = {c.pk: PlanRow(commune=c) for c in communes}
    for alloc in Allocation.objects.filter(commune__in=communes):
        rows[alloc.commune_id].quota[alloc.service] = alloc.final
    for plan in HandoverPlan.objects.filter(commune__in=communes):
        rows[plan.commune_id].plans[plan.receiving_unit_id] = plan
    for item in (
        Recruit.objects.filter(handover__commune__in=communes, returned__isnull=True)
        .values("handover__commune_id", "handover__receiving_unit_id")
        .annotate(n=Count("id"))
    ):
        rows[item["handover__commune_id"]].handed[item["handover__receiving_unit_id"]] = item["n"]
    return list(rows.values())


def handovers_for_user(*, user: User, campaign: Campaign) -> QuerySet[Handover]:
    return (
        Handover.objects.filter(
            commune__campaign=campaign, **scope_of(user).lookup("commune__unit")
        )
        .select_related("commune__unit", "receiving_unit")
        .annotate(recruit_count=Count("recruits"))
        .order_by("-handed_on", "-id")
    )


def waiting_decisions(*, commune: CampaignCommune, service: str) -> list[CallupDecision]:
    """Valid decisions of the commune and service not yet in a handover record."""
    return list(
        CallupDecision.objects.filter(
            commune=commune, service=service, status=DecisionStatus.VALID, recruit__isnull=True
        )
        .select_related("person")
        .order_by("number")
    )


@dataclass(frozen=True)
class RecruitRow:
    recruit: Recruit
    reexam_due: dt.date
    reexam_late: bool
    reexam_overdue: bool
    replacement_due: dt.date
    #: The unit's 7-day standards re-check (TT 148/2018 Art 7(3)): None when not recorded;
    #: overdue when not recorded (and not returned) after its last day.
    standards: StandardsRecheck | None = None
    standards_due: dt.date | None = None
    standards_overdue: bool = False


def recruit_rows(handover: Handover, today: dt.date) -> list[RecruitRow]:
    """The recruits of one record with the re-examination and replacement deadlines of the
    rules in force on the handover day."""
    due = selection_rules.reexam_due(handover.handed_on)
    replace_due = selection_rules.replacement_due(handover.handed_on)
    standards_due = aftercare_rules.standards_recheck_due(handover.handed_on)
    rows = []
    for recruit in handover.recruits.select_related(
        "decision__person",
        "returned__replacement__decision__person",
        "standards_recheck",
    ).order_by("decision__number"):
        standards = getattr(recruit, "standards_recheck", None)
        returned = getattr(recruit, "returned", None)
        rows.append(
            RecruitRow(
                recruit=recruit,
                reexam_due=due,
                reexam_late=recruit.rechecked_on is not None and recruit.rechecked_on > due,
                reexam_overdue=recruit.rechecked_on is None and today > due,
                replacement_due=replace_due,
                standards=standards,
                standards_due=standards_due,
                standards_overdue=standards is None and returned is None and today > standards_due,
            )
        )
    return rows


def replacements_for_user(*, user: User, campaign: Campaign) -> QuerySet[Replacement]:
    return (
        Replacement.objects.filter(
            decision__campaign=campaign,
            **scope_of(user).lookup("decision__commune__unit"),
        )
        .select_related(
            "decision__person",
            "decision__commune__unit",
            "returned__recruit__decision__person",
            "returned__recruit__handover__receiving_unit",
        )
        .order_by("replaced_on", "id")
    )


# ----------------------------------------------------------------------------- indicators


@dataclass
class Indicators:
    """A commune's figures after selection (board columns)."""

    selected: int = 0  # citizens on frozen official lists
    handed_over: int = 0  # recruits in handover records
    returned: int = 0
    replacements: int = 0  # the headline: the directive's target is zero
    late_reexams: int = 0  # re-examined after the 10 days, or not yet and the 10 days passed
    #: Recruits handed over by service of the receiving unit: ``{"army": 3, "police": 1}``.
    handed_over_by: dict[str, int] = field(default_factory=dict)


def indicators(communes: Iterable[CampaignCommune], today: dt.date) -> dict[int, Indicators]:
    """``{campaign commune id: Indicators}`` in three queries, whatever the number of
    communes or recruits."""
    ids = [c.pk for c in communes]
    found = {pk: Indicators() for pk in ids}
    for item in (
        SelectionEntry.objects.filter(
            selection__commune_id__in=ids,
            selection__state=SelectionState.FROZEN,
            list_kind=ListKind.OFFICIAL,
        )
        .values("selection__commune_id")
        .annotate(n=Count("id"))
    ):
        found[item["selection__commune_id"]].selected += item["n"]
    dues: dict[dt.date, dt.date] = {}
    recruits = (
        Recruit.objects.filter(handover__commune_id__in=ids)
        .annotate(was_returned=Exists(RecruitReturn.objects.filter(recruit=OuterRef("pk"))))
        .values_list(
            "handover__commune_id",
            "handover__handed_on",
            "rechecked_on",
            "was_returned",
            "handover__receiving_unit__service",
        )
    )
    for commune_id, handed_on, rechecked_on, returned, service in recruits:
        row = found[commune_id]
        row.handed_over += 1
        row.handed_over_by[service] = row.handed_over_by.get(service, 0) + 1
        row.returned += int(bool(returned))
        due = dues.get(handed_on)
        if due is None:
            due = dues[handed_on] = selection_rules.reexam_due(handed_on)
        if (rechecked_on is not None and rechecked_on > due) or (
            rechecked_on is None and not returned and today > due
        ):
            row.late_reexams += 1
    for item in (
        Replacement.objects.filter(returned__recruit__handover__commune_id__in=ids)
        .values("returned__recruit__handover__commune_id")
        .annotate(n=Count("id"))
    ):
        found[item["returned__recruit__handover__commune_id"]].replacements += item["n"]
    return found
