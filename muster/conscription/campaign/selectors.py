"""Reads of the call-up campaign, cut to the acting user's area.

A campaign is visible to a user whose area holds at least one of its communes (a commune
commander sees his district's campaign, with his commune's rows only).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from muster.accounts.access import get_for_user
from muster.accounts.perms import Cap, has_cap
from muster.conscription.campaign.models import CAMPAIGN_UNIT_KINDS, Campaign, CampaignCommune
from muster.core import lawtext
from muster.geo.models import Unit, UnitQuerySet
from muster.geo.scope import scope_of
from muster.law.callup import campaign as campaign_rules

if TYPE_CHECKING:
    from muster.accounts.models import User


def campaigns_for_user(user: User) -> QuerySet[Campaign]:
    area = scope_of(user)
    return (
        Campaign.objects.filter(
            pk__in=CampaignCommune.objects.filter(**area.lookup("unit")).values("campaign_id")
        )
        .select_related("unit")
        .order_by("-year", "call")
    )


def campaign_for_user(user: User, public_id: uuid.UUID, cap: Cap = Cap.VIEW_PEOPLE) -> Campaign:
    """The campaign ``public_id`` when a commune of it lies in the user's area (404 otherwise)
    and the role has ``cap`` (403 otherwise): the one fetch of a campaign for its pages."""
    return get_for_user(
        user,
        Campaign.objects.select_related("unit"),
        unit_field="communes__unit",
        cap=cap,
        public_id=public_id,
    )


def communes_for_user(*, user: User, campaign: Campaign) -> list[CampaignCommune]:
    area = scope_of(user)
    return list(
        campaign.communes.filter(**area.lookup("unit"))
        .select_related("unit")
        .order_by("unit__path")
    )


_WARNINGS = {
    "exam_outside_window": gettext_lazy(
        "The examinations (%(day)s) fall outside the window of 1 November to 31 December of "
        "the year before the handover."
    ),
    "handover_outside_window": gettext_lazy(
        "The handover (%(day)s) falls outside February and March."
    ),
}


def calendar_warnings(campaign: Campaign) -> list[tuple[str, str]]:
    """``(message, legal basis)`` for each campaign date outside its legal window."""
    return [
        (
            str(_WARNINGS[w.key]) % {"day": f"{w.day:%d/%m/%Y}"},
            lawtext.cite_all(w.rule.citations),
        )
        for w in campaign_rules.calendar_warnings(
            calendar_of(campaign), second_call=campaign.call == 2
        )
    ]


def calendar_of(campaign: Campaign) -> campaign_rules.Calendar:
    return campaign_rules.Calendar(
        year=campaign.year,
        handover=campaign.handover_start,
        pool_review_by=campaign.pool_review_by,
        screening_start=campaign.screening_start,
        screening_end=campaign.screening_end,
        exam_start=campaign.exam_start,
        exam_end=campaign.exam_end,
        nomination_by=campaign.nomination_by,
        decisions_by=campaign.decisions_by,
        first_approval_by=campaign.first_approval_by,
        second_approval_by=campaign.second_approval_by,
    )


def units_for_new_campaign(user: User, on: dt.date) -> UnitQuerySet:
    """The units ``user`` may open a campaign for on ``on``: the province, district and
    regional commands of his area that exist that day (a commune user has none)."""
    if not has_cap(user, Cap.MANAGE_CAMPAIGN):
        return Unit.objects.none()
    return scope_of(user).units().filter(kind__in=CAMPAIGN_UNIT_KINDS).valid_on(on).order_by("path")
