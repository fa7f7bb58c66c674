"""Who may do what in health screening and examination: ``can_<verb>_<object>`` predicates.

Each returns a bool; ``muster.accounts.access.require`` turns a refusal into a 403. Area checks
stay in ``require_actor_area``.
"""

from __future__ import annotations

from muster.accounts.perms import Cap, CapRule

#: Open a screening or examination session and call citizens to it.
can_organise_health_session = CapRule(Cap.MANAGE_CAMPAIGN)

#: Enter a station's result (health council member).
can_record_health_result = CapRule(Cap.EDIT_HEALTH)

#: Record a medical appeal (giám định) and its final conclusion (health council staff).
can_handle_appeal = CapRule(Cap.EDIT_HEALTH)
