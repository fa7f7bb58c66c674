"""Registering a reservist (đăng ký quân nhân dự bị) and taking him off the register.

The class of an NCO or soldier (hạng một / hạng hai) is computed by the Art 24 engine
(:mod:`muster.law.reserve.classes`) from the facts of :mod:`muster.reserve.register.facts` on
the day of registration, and its grounds are stored with their citations. A discharged soldier
(with a reception) also gets the people-side reserve registration event through
``people.registration.services.records.reserve_registration`` (due 15 working days after
reaching home, late flagged there), unless one was recorded before."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.validation import not_future, raise_errors
from muster.geo.models import Unit
from muster.law import book
from muster.law.reserve.classes import reserve_class
from muster.law.reserve.enums import ReservistKind
from muster.law.reserve.register_rules import (
    CHOSEN_REASONS,
    REMOVAL_LABELS,
    RemovalReason,
    removal_code,
)
from muster.people.models import Person
from muster.people.registration.models import EventKind, RegistrationEvent
from muster.people.registration.services.records import reserve_registration
from muster.reserve.discharge.models import DischargeReception
from muster.reserve.perms import can_manage_reserve
from muster.reserve.register.facts import Inputs, latest_reception, service_facts
from muster.reserve.register.models import Reservist

if TYPE_CHECKING:
    from muster.accounts.models import User


def register_reservist(
    *,
    actor: User,
    person: Person,
    commune: Unit,
    kind: str,
    certificate_number: str,
    on: dt.date,
    specialty_code: str = "",
    specialty_name: str = "",
    rank: str = "",
    officer_specialty: str = "",
    reception: DischargeReception | None = None,
    inputs: Inputs | None = None,
) -> Reservist:
    """Put ``person`` on ``commune``'s reservist register on ``on``; an NCO or soldier gets his
    class with its cited grounds. ``reception`` defaults to his latest discharge reception."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, commune)
    require_actor_area(actor, person.registration_unit_id, _("This citizen is outside your area."))
    inputs = inputs or Inputs()
    certificate_number = certificate_number.strip()
    reception = reception or latest_reception(person)
    errors: dict[str, list[str]] = {}
    not_future(errors, "on", on)
    if kind not in set(ReservistKind):
        errors.setdefault("kind", []).append(_("Choose the kind of reservist."))
    if not certificate_number:
        errors.setdefault("certificate_number", []).append(
            _("Enter the reserve registration certificate number.")
        )
    if reception is not None and reception.person_id != person.pk:
        errors.setdefault("person", []).append(_("This reception is another citizen's."))
    if reception is not None and on < reception.arrived_home_on:
        errors.setdefault("on", []).append(_("The registration cannot be before the arrival."))
    if Reservist.objects.filter(person=person, removed_on__isnull=True).exists():
        errors.setdefault("person", []).append(_("This citizen is already a reservist."))
    raise_errors(errors)
    reservist = Reservist(
        person=person,
        holder=commune,
        reception=reception,
        kind=kind,
        specialty_code=specialty_code.strip(),
        specialty_name=specialty_name.strip(),
        rank=rank.strip(),
        officer_specialty=officer_specialty.strip()[:120],
        registered_on=on,
        certificate_number=certificate_number,
        training_months=inputs.concentrated_training_months,
    )
    group = reservist.group_on(on)
    if group.group is None:
        errors.setdefault("person", []).append(group.reason.vi)
    if kind == ReservistKind.NCO_SOLDIER:
        verdict = reserve_class(service_facts(person, reception, inputs), on)
        if verdict.reserve_class is None:
            errors.setdefault("person", []).append(verdict.explanation.vi)
        else:
            reservist.reserve_class = int(verdict.reserve_class)
            reservist.class_reason_vi = verdict.explanation.vi
            reservist.class_reason_en = verdict.explanation.en
            reservist.class_confirmed = verdict.confirmed
    raise_errors(errors)
    with transaction.atomic():
        reservist.save()
        if (
            reception is not None
            and not RegistrationEvent.objects.filter(
                person=person, kind=EventKind.RESERVE_REGISTRATION
            ).exists()
        ):
            reserve_registration(
                actor=actor,
                person=person,
                arrived_home_on=reception.arrived_home_on,
                certificate_number=certificate_number,
                registered_on=on,
            )
        record_event(
            actor=actor,
            action="reserve.register",
            obj=reservist,
            scope_unit=commune,
            changes={
                "person": str(person.public_id),
                "kind": kind,
                "class": reservist.reserve_class,
                "specialty": reservist.specialty_code,
                "on": on.isoformat(),
            },
            reason=reservist.class_reason_vi,
        )
    return reservist


def removal_text(code: RemovalReason, on: dt.date, note: str = "") -> str:
    """``Chết (Điều 17 Luật Nghĩa vụ quân sự …): note`` — the reason with its citation."""
    item = book.rule(removal_code(code), on)
    cites = "; ".join(c.label_vi for c in item.citations)
    text = f"{REMOVAL_LABELS[code].vi} ({cites})"
    return (f"{text}: {note}" if note else text)[:255]


def remove_reservist(
    *, actor: User, reservist: Reservist, on: dt.date, code: str, note: str = ""
) -> Reservist:
    """Take a reservist off the register on ``on`` for a reason of the dated list (over age,
    died, unfit, Art 13/14 case); a move is a transfer (:mod:`.changes`)."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, reservist.holder_id)
    note = note.strip()
    errors: dict[str, list[str]] = {}
    not_future(errors, "on", on)
    if reservist.removed_on is not None:
        errors.setdefault("on", []).append(_("This reservist is already off the register."))
    elif on < reservist.registered_on:
        errors.setdefault("on", []).append(_("The removal cannot be before the registration."))
    reason = RemovalReason(code) if code in set(CHOSEN_REASONS) else None
    if reason is None:
        errors.setdefault("code", []).append(_("Choose the reason."))
    elif book.rule_or_none(removal_code(reason), on) is None:
        errors.setdefault("code", []).append(_("This reason is not in force on that day."))
    raise_errors(errors)
    assert reason is not None
    text = removal_text(reason, on, note)
    with transaction.atomic():
        reservist.removed_on = on
        reservist.removal_code = reason.value
        reservist.removal_reason = text
        reservist.save(update_fields=["removed_on", "removal_code", "removal_reason"])
        record_event(
            actor=actor,
            action="reserve.remove",
            obj=reservist,
            scope_unit=reservist.holder,
            changes={"removed_on": on.isoformat(), "code": reason.value},
            reason=text,
        )
    return reservist
