"""Who may do what in call-outs: ``can_<verb>_<object>`` predicates. A call-out calls
reservists, militia members and assets: the commune military command (commander and clerk)
and the district / regional officer of the area, who hold the reserve's (or the militia's)
manage capability, draft, issue, mark and close it; every reader of the area reads it. Area
checks stay in ``require_actor_area``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from muster.accounts.perms import Cap, CapRule, has_cap

if TYPE_CHECKING:
    from muster.accounts.models import User


#: Read the rosters, orders, boards and reports of the units in one's area.
can_view_callout = CapRule(Cap.VIEW_PEOPLE)


def can_manage_callout(user: User, obj: object = None) -> bool:
    """Enter other forces, draft, issue, mark and close call-out orders."""
    return has_cap(user, Cap.MANAGE_RESERVE) or has_cap(user, Cap.MANAGE_MILITIA)
