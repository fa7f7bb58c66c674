"""Khung B cadre appointments: appoint a reservist to a command post of a reserve unit and end
the appointment. The commune command or the district / regional officer of the unit's area.

* The unit is in force on the day of appointment; the reservist is on the register that day
  and holds no other Khung B post then (one post at a time).
* An appointment ends on the day he leaves the post (not counted), after the day appointed,
  not in the future; it is not ended twice.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.validation import not_future, raise_errors
from muster.law.reserve.training_enums import KhungBPost
from muster.reserve.payments.models import KhungBAppointment
from muster.reserve.perms import can_manage_reserve
from muster.reserve.register.models import Reservist
from muster.reserve.units.models import ReserveUnit

if TYPE_CHECKING:
    from muster.accounts.models import User


def appoint(
    *,
    actor: User,
    unit: ReserveUnit,
    reservist: Reservist,
    post: str,
    appointed_on: dt.date,
    decision: str = "",
) -> KhungBAppointment:
    require(can_manage_reserve(actor))
    require_actor_area(actor, unit.area)
    require_actor_area(actor, reservist.holder)
    errors: dict[str, list[str]] = {}
    if post not in {p.value for p in KhungBPost}:
        errors.setdefault("post", []).append(_("Choose a Khung B post."))
    not_future(errors, "appointed_on", appointed_on)
    if appointed_on < unit.established_on or (unit.ended_on and appointed_on >= unit.ended_on):
        errors.setdefault("appointed_on", []).append(
            _("The reserve unit is not in force on this day.")
        )
    if reservist.registered_on > appointed_on or (
        reservist.removed_on is not None and reservist.removed_on <= appointed_on
    ):
        errors.setdefault("reservist", []).append(
            _("The reservist is not on the register on this day.")
        )
    raise_errors(errors)
    with transaction.atomic():
        Reservist.objects.select_for_update().filter(pk=reservist.pk).first()
        held = (
            KhungBAppointment.objects.filter(reservist=reservist)
            .exclude(ended_on__lte=appointed_on)
            .select_related("unit")
            .first()
        )
        if held is not None:
            raise_errors(
                {
                    "reservist": [
                        _("%(name)s already holds %(post)s in %(unit)s from %(day)s.")
                        % {
                            "name": reservist.person.full_name,
                            "post": held.post_label,
                            "unit": held.unit.code,
                            "day": f"{held.appointed_on:%d/%m/%Y}",
                        }
                    ]
                }
            )
        row = KhungBAppointment.objects.create(
            reservist=reservist,
            unit=unit,
            post=post,
            appointed_on=appointed_on,
            decision=decision,
            actor=actor,
        )
        record_event(
            actor=actor,
            action="reserve.khung_b_appoint",
            obj=row,
            scope_unit=unit.area,
            changes={
                "reservist": str(reservist.public_id),
                "unit": str(unit.public_id),
                "post": post,
                "appointed_on": appointed_on.isoformat(),
                "decision": decision,
            },
        )
    return row


def end_appointment(
    *, actor: User, appointment: KhungBAppointment, ended_on: dt.date, decision: str = ""
) -> KhungBAppointment:
    require(can_manage_reserve(actor))
    require_actor_area(actor, appointment.unit.area)
    errors: dict[str, list[str]] = {}
    if appointment.ended_on is not None:
        errors["__all__"] = [_("This appointment has already ended.")]
    not_future(errors, "ended_on", ended_on)
    if ended_on <= appointment.appointed_on:
        errors.setdefault("ended_on", []).append(_("The end comes after the day appointed."))
    raise_errors(errors)
    with transaction.atomic():
        changed = KhungBAppointment.objects.filter(pk=appointment.pk, ended_on__isnull=True).update(
            ended_on=ended_on, end_decision=decision
        )
        if not changed:
            raise_errors({"__all__": [_("This appointment has already ended.")]})
        appointment.ended_on, appointment.end_decision = ended_on, decision
        record_event(
            actor=actor,
            action="reserve.khung_b_end",
            obj=appointment,
            scope_unit=appointment.unit.area,
            changes={"ended_on": ended_on.isoformat(), "decision": decision},
        )
    return appointment
