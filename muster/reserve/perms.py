"""Who may do what in the reserve: ``can_<verb>_<object>`` predicates. The commune military
command (commander and clerk) and the district / regional officer receive discharged soldiers
and keep the reservist register; every reader of the area reads it. Area checks stay in
``require_actor_area``."""

from __future__ import annotations

from muster.accounts.perms import Cap, CapRule

#: Read the reserve pages of the units in one's area.
can_view_reserve = CapRule(Cap.VIEW_PEOPLE)

#: Receive discharged soldiers, register and remove reservists.
can_manage_reserve = CapRule(Cap.MANAGE_RESERVE)

#: Register, edit and remove reserve technical assets, hold their yearly registration, record
#: units' needs and confirm assignments (the commune command, the district / regional officer).
can_manage_assets = CapRule(Cap.MANAGE_RESERVE)
