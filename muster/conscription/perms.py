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

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.conscription.campaign.models import Campaign
    from muster.conscription.province.models import ProvinceDecision


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

#: Record the decision (grant or refuse) on a reviewed dossier.
can_decide_dossier = CapRule(Cap.MANAGE_CAMPAIGN)

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
