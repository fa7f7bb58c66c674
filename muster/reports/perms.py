"""Who may do what with the reviews sent between agencies (``AgencyReport``)."""

from __future__ import annotations

from muster.accounts.models import User
from muster.accounts.perms import Cap, has_cap
from muster.geo.scope import scope_of
from muster.reports.models import AgencyReport


def can_draft_review(user: User, review: AgencyReport) -> bool:
    """The reporting unit's command (a campaign manager whose area holds the unit) drafts,
    edits and sends its review."""
    return has_cap(user, Cap.MANAGE_CAMPAIGN) and scope_of(user).contains(review.unit_id)


def can_receive_review(user: User, review: AgencyReport) -> bool:
    """The level above (a campaign manager whose area holds the unit the review was sent to)
    records its receipt and acknowledges it."""
    return (
        has_cap(user, Cap.MANAGE_CAMPAIGN)
        and review.sent_to_id is not None
        and scope_of(user).contains(review.sent_to_id)
    )
