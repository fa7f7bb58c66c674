"""Who may do what in the reserve: ``can_<verb>_<object>`` predicates. The commune military
command (commander and clerk) and the district / regional officer receive discharged soldiers
and keep the reservist register; every reader of the area reads it. Area checks stay in
``require_actor_area``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from muster.accounts.perms import Cap, has_cap

if TYPE_CHECKING:
    from muster.accounts.models import User


def can_view_reserve(user: User, obj: object = None) -> bool:
    """Read the reserve pages of the units in one's area."""
    return has_cap(user, Cap.VIEW_PEOPLE)


def can_manage_reserve(user: User, obj: object = None) -> bool:
    """Receive discharged soldiers, register and remove reservists."""
    return has_cap(user, Cap.MANAGE_RESERVE)


def can_manage_assets(user: User, obj: object = None) -> bool:
    """Register, edit and remove reserve technical assets, hold their yearly registration,
    record units' needs and confirm assignments (the commune command, the district / regional
    officer)."""
    return has_cap(user, Cap.MANAGE_RESERVE)
