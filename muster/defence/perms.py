"""Who may do what with defence works, plans and drills: ``can_<verb>_<object>`` predicates.

* Every reader of an area (leader, auditor included) reads its works, plans and drills.
* The commune military command (commander and clerk: the militia's manage capability) records
  works, milestones, evidence, plans and drills of its commune.
* The district / regional officer (the directives' checker capability) approves the milestones
  of the works in its area; the approval needs evidence (``services``).

Area checks stay in ``require_actor_area`` and the scoped fetches (404 out of the area)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from muster.accounts.perms import Cap, has_cap

if TYPE_CHECKING:
    from muster.accounts.models import User


def can_view_defence(user: User, obj: object = None) -> bool:
    return has_cap(user, Cap.VIEW_UNITS)


def can_record_defence(user: User, obj: object = None) -> bool:
    """Record works, milestones, evidence, plans and drills (the commune military command)."""
    return has_cap(user, Cap.MANAGE_MILITIA)


def can_approve_milestone(user: User, obj: object = None) -> bool:
    """Approve a work's milestone (the district or regional staff officer)."""
    return has_cap(user, Cap.REVIEW_DIRECTIVE)
