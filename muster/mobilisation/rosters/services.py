"""Other forces of a commune's roster: entered by hand, ended when no longer available."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.text import clean_line
from muster.geo.models import Unit
from muster.mobilisation.perms import can_manage_callout
from muster.mobilisation.rosters.models import OtherForce

if TYPE_CHECKING:
    from muster.accounts.models import User


def other_force_add(
    *,
    actor: User,
    commune: Unit,
    name: str,
    organisation: str,
    headcount: int,
    available_from: dt.date,
    contact: str = "",
) -> OtherForce:
    """Put another force (a team of an agency, the youth union …) on the commune's roster."""
    require(can_manage_callout(actor))
    require_actor_area(actor, commune)
    errors: dict[str, str] = {}
    if not clean_line(name):
        errors["name"] = _("Name the force.")
    if not clean_line(organisation):
        errors["organisation"] = _("Name the organisation it belongs to.")
    if headcount < 1:
        errors["headcount"] = _("A force brings at least one person.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        force = OtherForce.objects.create(
            holder=commune,
            name=clean_line(name),
            organisation=clean_line(organisation),
            headcount=headcount,
            contact=clean_line(contact),
            available_from=available_from,
        )
        record_event(
            actor=actor,
            action="mobilisation.other_force_add",
            obj=force,
            scope_unit=commune,
            changes={
                "name": force.name,
                "organisation": force.organisation,
                "headcount": headcount,
                "available_from": available_from.isoformat(),
            },
        )
    return force


def other_force_end(*, actor: User, force: OtherForce, on: dt.date) -> OtherForce:
    """Take the force off the roster from ``on`` (the first day it is no longer available)."""
    require(can_manage_callout(actor))
    require_actor_area(actor, force.holder_id)
    with transaction.atomic():
        locked = OtherForce.objects.select_for_update().get(pk=force.pk)
        if locked.available_to is not None:
            raise ValidationError(_("This force is already off the roster."))
        if on <= locked.available_from:
            raise ValidationError(_("The last day must come after the first."))
        locked.available_to = on
        locked.save(update_fields=["available_to"])
        record_event(
            actor=actor,
            action="mobilisation.other_force_end",
            obj=locked,
            scope_unit=locked.holder,
            changes={"available_to": on.isoformat()},
        )
    return locked
