"""Who may do what in the call-up: ``can_<verb>_<object>`` predicates.

Each returns a bool; ``muster.accounts.access.require`` turns a refusal into a 403. Area checks
(a record outside the actor's units) stay in ``require_actor_area``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from muster.accounts.perms import Cap, CapRule, has_cap
from muster.conscription.campaign.selectors import units_for_new_campaign
from muster.geo.scope import scope_of
from muster.law.callup import province as province_rules
from muster.law.rulebook import NoRuleInForce

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.conscription.campaign.models import Campaign
    from muster.conscription.province.models import ProvinceDecision
    from muster.conscription.selection.models import SelectionList


#: Run the campaign: quotas, decisions, lists, handover (staff officer, commander).
can_manage_campaign = CapRule(Cap.MANAGE_CAMPAIGN)


def can_create_campaign(user: User, *, on: dt.date) -> bool:
    """Open a campaign: for someone who runs campaigns and has a province, district or
    regional command in his area on ``on`` (a commune commander runs his part of one)."""
    return units_for_new_campaign(user, on).exists()


#: Open a deferral (tạm hoãn) or exemption (miễn) dossier.
can_propose_dossier = CapRule(Cap.MANAGE_CAMPAIGN)

#: Record the commune military service council's review of a dossier.
can_review_dossier = CapRule(Cap.COUNCIL_REVIEW)


def _province_decides(kind: str, day: dt.date) -> bool:
    """The provincial chairman decides ``kind`` on ``day`` (``law.callup.province.decider``)."""
    try:
        return province_rules.decider(kind, day).is_province
    except NoRuleInForce:
        return False


def can_decide_dossier(user: User, dossier: object = None, *, on: dt.date | None = None) -> bool:
    """Record the decision (grant or refuse) on a reviewed dossier:

    * whoever runs the campaign records it (``Cap.MANAGE_CAMPAIGN``), for the authority of the
      decision day (``law.callup.dossiers.authority_on``);
    * from the day the provincial chairman decides deferrals and exemptions (01/07/2025,
      ``decider("deferral", on)``), his office records his decision itself
      (``Cap.DECIDE_PROVINCE``). The area (the citizen's registration unit) is the service's.
    """
    if has_cap(user, Cap.MANAGE_CAMPAIGN):
        return True
    return (
        on is not None and has_cap(user, Cap.DECIDE_PROVINCE) and _province_decides("deferral", on)
    )


#: End a granted deferral whose ground has ended.
can_end_dossier = CapRule(Cap.MANAGE_CAMPAIGN)

#: Open a violation case (vụ vi phạm) and take it through its steps.
can_handle_violation = CapRule(Cap.MANAGE_CAMPAIGN)

#: Record the outcome of a political-standard verification (thẩm tra chính trị).
can_record_political_verification = CapRule(Cap.MANAGE_CAMPAIGN)


def _holds_province(user: User, campaign: Campaign) -> bool:
    """The user's area holds the campaign's own unit (the province), not only a commune of it."""
    return scope_of(user).contains(campaign.unit_id)


def can_receive_province_quota(user: User, campaign: Campaign) -> bool:
    """Record a quota received from above and split it (the provincial command's officer)."""
    return has_cap(user, Cap.MANAGE_CAMPAIGN) and _holds_province(user, campaign)


def can_propose_province(user: User, campaign: Campaign) -> bool:
    """Submit a proposal to the provincial chairman (the provincial military service council)."""
    return has_cap(user, Cap.PROPOSE_PROVINCE) and _holds_province(user, campaign)


def can_decide_province(user: User, decision: ProvinceDecision) -> bool:
    """Record the provincial chairman's decision on a proposal (the chairman's office)."""
    return has_cap(user, Cap.DECIDE_PROVINCE) and _holds_province(user, decision.campaign)


def can_approve_selection(user: User, selection_list: SelectionList, *, on: dt.date) -> bool:
    """Record the decision approving a frozen list of citizens called (Art 34(3)):

    * whoever runs the campaign at the level above the commune records it
      (``Cap.MANAGE_CAMPAIGN``; the area is the service's);
    * from the day the provincial chairman approves the lists (01/07/2025,
      ``decider("callup_list", on)``), his office records his decision itself
      (``Cap.DECIDE_PROVINCE``, the province in its area). Before that day the district
      chairman decided, and the province's office records nothing.
    """
    if has_cap(user, Cap.MANAGE_CAMPAIGN):
        return True
    return (
        has_cap(user, Cap.DECIDE_PROVINCE)
        and _province_decides("callup_list", on)
        and _holds_province(user, selection_list.commune.campaign)
    )


def can_print_province_decision(user: User, decision: ProvinceDecision) -> bool:
    """Download the official copy of a province decision (it names citizens and, for
    deferrals, their grounds): those who propose, decide or carry it out (the campaign's
    officers and commanders, the military service councils, the chairman's office). The
    others of the area read the decision's page."""
    return any(
        has_cap(user, cap)
        for cap in (
            Cap.MANAGE_CAMPAIGN,
            Cap.COUNCIL_REVIEW,
            Cap.PROPOSE_PROVINCE,
            Cap.DECIDE_PROVINCE,
        )
    )
