"""Who may do what in the militia: ``can_<verb>_<object>`` predicates. The commune military
command (commander and clerk) runs the militia of its commune; officers of the regional
command and the province read their area. Area checks stay in ``require_actor_area``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from muster.accounts.perms import Cap, has_cap

if TYPE_CHECKING:
    from muster.accounts.models import User


def can_view_militia(user: User, obj: object = None) -> bool:
    """Read the militia pages of the units in one's area."""
    return has_cap(user, Cap.VIEW_PEOPLE)


def can_manage_militia(user: User, obj: object = None) -> bool:
    """Register, select, organise, train and pay the militia (the commune military command)."""
    return has_cap(user, Cap.MANAGE_MILITIA)
