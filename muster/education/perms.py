"""Who may do what in defence education: ``can_<verb>_<object>`` predicates. The commune
military command (commander and clerk) and the district / regional officer keep the members,
courses, results and certificates of their area; leaders and auditors read. Area checks stay
in ``require_actor_area``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from muster.accounts.perms import Cap, has_cap

if TYPE_CHECKING:
    from muster.accounts.models import User


def can_view_education(user: User, obj: object = None) -> bool:
    """Read the education pages of the units in one's area."""
    return has_cap(user, Cap.VIEW_PEOPLE)


def can_manage_education(user: User, obj: object = None) -> bool:
    """Add and import members, keep plans and courses, record results, issue certificates."""
    return has_cap(user, Cap.EDIT_PEOPLE)
