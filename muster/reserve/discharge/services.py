"""Receiving a discharged soldier (tiếp nhận quân nhân xuất ngũ, Law 78/2015 Art 44(4)).

The commune records the day he reached home; the reserve registration is due 15 working days
later (Law 78/2015 Art 45, the rule ``reserve.discharge.registration`` in force on the day of
arrival, counted on the shared working-day calendar with the public holidays). The people-side
reserve registration event (``people.registration``) is written when he is registered in the
reserve (:func:`muster.reserve.register.services.register_reservist`), with the certificate."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.conscription.handover.models import Recruit
from muster.core.validation import not_future, raise_errors
from muster.geo.models import Unit
from muster.law import book
from muster.law.calendar import add_working_days
from muster.people.models import Person
from muster.people.registration.services.common import holidays_from
from muster.reserve.discharge.models import DischargeReception
from muster.reserve.perms import can_manage_reserve

if TYPE_CHECKING:
    from muster.accounts.models import User


def registration_due(arrived_home_on: dt.date) -> tuple[dt.date, str]:
    """The last day to register in the reserve after reaching home on ``arrived_home_on``,
    and the rule's citation in Vietnamese."""
    item = book.rule("reserve.discharge.registration", arrived_home_on)
    due = add_working_days(
        arrived_home_on, item.int_param("working_days"), holidays_from(arrived_home_on)
    )
    return due, "; ".join(c.label_vi for c in item.citations)[:255]


def receive_discharged(
    *,
    actor: User,
    person: Person,
    commune: Unit,
    discharged_on: dt.date,
    arrived_home_on: dt.date,
    service_started_on: dt.date | None = None,
    recruit: Recruit | None = None,
    return_note: str = "",
    on: dt.date,
) -> DischargeReception:
    """Record that ``person``, discharged on ``discharged_on`` (his last day of service), reached
    home in ``commune`` on ``arrived_home_on``; received on ``on``. The service start is the
    handover of his call-up (``recruit``) unless given."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, commune)
    require_actor_area(actor, person.registration_unit_id, _("This citizen is outside your area."))
    errors: dict[str, list[str]] = {}
    if recruit is not None:
        if recruit.decision.person_id != person.pk:
            errors.setdefault("recruit", []).append(_("This handover record is another citizen's."))
        elif service_started_on is None:
            service_started_on = recruit.handover.handed_on
    if service_started_on is None:
        errors.setdefault("service_started_on", []).append(_("Enter the date (dd/mm/yyyy)."))
    elif discharged_on < service_started_on:
        errors.setdefault("discharged_on", []).append(
            _("The discharge cannot be before the start of service.")
        )
    if arrived_home_on < discharged_on:
        errors.setdefault("arrived_home_on", []).append(
            _("The arrival home cannot be before the discharge.")
        )
    if on < arrived_home_on:
        errors.setdefault("on", []).append(_("The reception cannot be before the arrival."))
    not_future(errors, "arrived_home_on", arrived_home_on)
    not_future(errors, "on", on)
    if DischargeReception.objects.filter(person=person, discharged_on=discharged_on).exists():
        errors.setdefault("discharged_on", []).append(
            _("This discharge has already been received.")
        )
    raise_errors(errors)
    assert service_started_on is not None
    due, citation = registration_due(arrived_home_on)
    with transaction.atomic():
        reception = DischargeReception.objects.create(
            person=person,
            holder=commune,
            recruit=recruit,
            service_started_on=service_started_on,
            discharged_on=discharged_on,
            arrived_home_on=arrived_home_on,
            registration_due_on=due,
            legal_citation=citation,
            return_note=return_note.strip(),
            received_on=on,
        )
        record_event(
            actor=actor,
            action="reserve.receive",
            obj=reception,
            scope_unit=commune,
            changes={
                "person": str(person.public_id),
                "service_started_on": service_started_on.isoformat(),
                "discharged_on": discharged_on.isoformat(),
                "arrived_home_on": arrived_home_on.isoformat(),
                "registration_due_on": due.isoformat(),
            },
            reason=citation,
        )
    return reception
