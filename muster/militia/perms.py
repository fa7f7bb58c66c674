"""Who may do what in the militia: ``can_<verb>_<object>`` predicates. The commune military
command (commander and clerk) runs the militia of its commune; officers of the regional
command and the province read their area. Area checks stay in ``require_actor_area``."""

from __future__ import annotations

from muster.accounts.perms import Cap, CapRule

#: Read the militia pages of the units in one's area.
can_view_militia = CapRule(Cap.VIEW_PEOPLE)

#: Register, select, organise, train and pay the militia (the commune military command).
can_manage_militia = CapRule(Cap.MANAGE_MILITIA)
