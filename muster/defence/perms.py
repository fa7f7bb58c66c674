"""Who may do what with defence works, plans and drills: ``can_<verb>_<object>`` predicates.

* Every reader of an area (leader, auditor included) reads its works, plans and drills.
* The commune military command (commander and clerk: the militia's manage capability) records
  works, milestones, evidence, plans and drills of its commune.
* The district / regional officer (the directives' checker capability) approves the milestones
  of the works in its area; the approval needs evidence (``services``).

Area checks stay in ``require_actor_area`` and the scoped fetches (404 out of the area)."""

from __future__ import annotations

from muster.accounts.perms import Cap, CapRule

can_view_defence = CapRule(Cap.VIEW_UNITS)

#: Record works, milestones, evidence, plans and drills (the commune military command).
can_record_defence = CapRule(Cap.MANAGE_MILITIA)

#: Approve a work's milestone (the district or regional staff officer).
can_approve_milestone = CapRule(Cap.REVIEW_DIRECTIVE)
