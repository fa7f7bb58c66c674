"""Who may do what in health screening and examination: ``can_<verb>_<object>`` predicates.

Each returns a bool; ``muster.accounts.access.require`` turns a refusal into a 403. Area checks
stay in ``require_actor_area``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from muster.accounts.perms import Cap, has_cap

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.health.models import HealthSession, StationResult


def can_organise_health_session(user: User, session: HealthSession | None = None) -> bool:
    """Open a screening or examination session and call citizens to it."""
    return has_cap(user, Cap.MANAGE_CAMPAIGN)


def can_record_health_result(user: User, result: StationResult | None = None) -> bool:
    """Enter a station's result (health council member)."""
    return has_cap(user, Cap.EDIT_HEALTH)


def can_handle_appeal(user: User, obj: object = None) -> bool:
    """Record a medical appeal (giám định) and its final conclusion (health council staff)."""
    return has_cap(user, Cap.EDIT_HEALTH)
