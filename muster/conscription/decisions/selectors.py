"""muster.conscription.decisions.selectors"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from muster.conscription.campaign.models import Campaign
from muster.conscription.decisions.models import CallupDecision
from muster.law.callup import campaign as campaign_rules
from muster.people.models import Person

if TYPE_CHECKING:
    from muster.accounts.models import User


from typing import TYPE_CHECKING

from muster.conscription.selection.models import Volunteer
from muster.conscription.violations.models import ViolationCase
from muster.geo.scope import scope_of

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.people.models import Person
if TYPE_CHECKING:
    from muster.accounts.models import User


def delivery_late(decision: CallupDecision) -> bool:
    if decision.delivered_on is None:
        return False
    return campaign_rules.notice_is_late(
        "campaign.notice.callup", decision.delivered_on, decision.enlist_on
    )


def decisions_for_user(*, user: User, campaign: Campaign) -> QuerySet[CallupDecision]:
    return (
        CallupDecision.objects.filter(campaign=campaign, **scope_of(user).lookup("commune__unit"))
        .select_related("person", "commune__unit")
        .order_by("authority", "number")
    )


@dataclass(frozen=True)
class PersonCallup:
    """What the campaigns hold about one citizen, for his registry page: call-up decisions
    (with handover, return and replacement), volunteer applications and violation cases."""

    decisions: list[CallupDecision]
    volunteers: list[Volunteer]
    violations: list[ViolationCase]


def person_callup(*, person: Person) -> PersonCallup:
    """Three queries whatever the number of campaigns. The person was fetched and authorised
    by the caller (his page); the linked pages authorise again."""
    decisions = list(
        CallupDecision.objects.filter(person=person)
        .select_related(
            "campaign__unit",
            "commune__unit",
            "recruit__handover__receiving_unit",
            "recruit__returned",
            "replacing__returned__recruit__decision__person",
        )
        .order_by("-campaign__year", "-campaign__call", "-issued_on", "-id")
    )
    volunteers = list(
        Volunteer.objects.filter(person=person)
        .select_related("campaign__unit")
        .order_by("-campaign__year", "-applied_on", "-id")
    )
    violations = list(
        ViolationCase.objects.filter(person=person)
        .select_related("unit", "campaign")
        .order_by("-occurred_on", "-id")
    )
    return PersonCallup(decisions=decisions, volunteers=volunteers, violations=violations)
