"""Who may do what in the rear policy: ``can_<verb>_<object>`` predicates.

* Every reader of the area (commune, district / regional officer, leader, auditor) reads the
  families, cases, entitlements and visits (``Cap.VIEW_PEOPLE``).
* The commune military command keeps the records: the commander (who holds both the
  call-up's ``MANAGE_CAMPAIGN`` and the command's ``MANAGE_MILITIA``) records and sends
  support cases and the unit's decisions; the clerk (``MANAGE_MILITIA`` without
  ``MANAGE_CAMPAIGN``) enters drafts, entitlements and visits. The district / regional officer
  holds ``MANAGE_CAMPAIGN`` but not ``MANAGE_MILITIA``: he reads his area.
Area checks stay in ``require_actor_area``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from muster.accounts.perms import Cap, CapRule, has_cap

if TYPE_CHECKING:
    from muster.accounts.models import User


can_view_rear = CapRule(Cap.VIEW_PEOPLE)

#: Enter a support case as a draft, entitlements and visits (commander and clerk).
can_draft_case = CapRule(Cap.MANAGE_MILITIA)


def can_record_case(user: User, obj: object = None) -> bool:
    """Record and send a support case, record the unit's decision (the commander)."""
    return has_cap(user, Cap.MANAGE_MILITIA) and has_cap(user, Cap.MANAGE_CAMPAIGN)


can_record_visit = CapRule(Cap.MANAGE_MILITIA)
