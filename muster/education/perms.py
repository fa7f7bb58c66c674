"""Who may do what in defence education: ``can_<verb>_<object>`` predicates. The commune
military command (commander and clerk) and the district / regional officer keep the members,
courses, results and certificates of their area; leaders and auditors read. Area checks stay
in ``require_actor_area``."""

from __future__ import annotations

from muster.accounts.perms import Cap, CapRule

#: Read the education pages of the units in one's area.
can_view_education = CapRule(Cap.VIEW_PEOPLE)

#: Add and import members, keep plans and courses, record results, issue certificates.
can_manage_education = CapRule(Cap.EDIT_PEOPLE)
