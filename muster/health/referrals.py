"""The referral of a temporary (T) class for treatment (TT 105/2023 Art 9(3)): where the
council sent the citizen and the day he is to be examined again. A T class is not callable
(the decision gate); the follow-up day tells the commune when to call him back."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.text import clean_line
from muster.core.validation import raise_errors
from muster.health import perms
from muster.health.models import HealthCall

if TYPE_CHECKING:
    from muster.accounts.models import User


def referral_record(
    *, actor: User, call: HealthCall, referred_to: str, recheck_by: dt.date
) -> HealthCall:
    """Record where a T-class citizen was referred for treatment and his follow-up day."""
    require(perms.can_record_health_result(actor))
    require_actor_area(actor, call.person.registration_unit_id)
    referred_to = clean_line(referred_to)
    errors: dict[str, list[str]] = {}
    if call.health_class is None or not call.class_temporary:
        errors["__all__"] = [_("Only a concluded class with T is referred for treatment.")]
    if not referred_to:
        errors["referred_to"] = [_("Say where the citizen was referred for treatment.")]
    if call.concluded_on is not None and recheck_by <= call.concluded_on:
        errors["recheck_by"] = [_("The follow-up day must come after the conclusion.")]
    raise_errors(errors)
    with transaction.atomic():
        locked = HealthCall.objects.select_for_update().get(pk=call.pk)
        locked.referred_to = referred_to[:200]
        locked.recheck_by = recheck_by
        locked.save(update_fields=["referred_to", "recheck_by"])
        record_event(
            actor=actor,
            action="health.referral",
            obj=locked,
            scope_unit=call.person.registration_unit,
            changes={"referred_to": locked.referred_to, "recheck_by": recheck_by.isoformat()},
        )
    return locked
