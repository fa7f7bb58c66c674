"""Changes to a reservist on the register: the yearly health check (TT 105/2023 Form 1), the
concentrated training that converts class 2 to class 1 (Decree 14/2016; the Art 24 engine
decides), the yearly review (phúc tra) of a reserve officer (Decree 78/2020) and the transfer
of his registration to another commune (Law 78/2015 Art 17), accepted by the receiving
commune. Each is permission-checked, validated, written in one transaction and audited."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.validation import not_future, raise_errors
from muster.geo.models import Unit
from muster.law.reserve.classes import conversion_of, reserve_class
from muster.law.reserve.enums import ReserveClass, ReservistKind, Sex
from muster.law.reserve.register_rules import RemovalReason
from muster.reserve.perms import can_manage_reserve
from muster.reserve.register.facts import Inputs, service_facts
from muster.reserve.register.models import HealthCheck, OfficerReview, Reservist, Transfer
from muster.reserve.register.services import removal_text

if TYPE_CHECKING:
    from muster.accounts.models import User

#: How an officer was met at the review (Decree 78/2020: in person, or his family or employer).
REVIEW_MET = ("in_person", "family", "employer", "not_found")


def _open(errors: dict[str, list[str]], reservist: Reservist) -> None:
    if reservist.removed_on is not None:
        errors.setdefault("on", []).append(_("This reservist is already off the register."))


def record_health_check(
    *, actor: User, reservist: Reservist, checked_on: dt.date, grade: int, notes: str = ""
) -> HealthCheck:
    """Write the yearly check on his health card (Form 1): the day, the grade 1–6, notes."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, reservist.holder_id)
    errors: dict[str, list[str]] = {}
    not_future(errors, "checked_on", checked_on)
    _open(errors, reservist)
    if not 1 <= grade <= 6:
        errors.setdefault("grade", []).append(_("The health grade is 1 to 6."))
    if HealthCheck.objects.filter(reservist=reservist, checked_on=checked_on).exists():
        errors.setdefault("checked_on", []).append(_("A check of that day is already recorded."))
    raise_errors(errors)
    with transaction.atomic():
        check = HealthCheck.objects.create(
            reservist=reservist, checked_on=checked_on, grade=grade, notes=notes.strip()[:255]
        )
        record_event(
            actor=actor,
            action="reserve.health",
            obj=check,
            scope_unit=reservist.holder,
            changes={"checked_on": checked_on.isoformat(), "grade": grade},
        )
    return check


def record_training(*, actor: User, reservist: Reservist, months: int, on: dt.date) -> Reservist:
    """Add ``months`` of concentrated training to a class 2 reservist; once the Art 24 engine
    finds 6 months he is class 1, with the cited ground stored (Decree 14/2016 Arts 13–15)."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, reservist.holder_id)
    errors: dict[str, list[str]] = {}
    not_future(errors, "on", on)
    _open(errors, reservist)
    if not 1 <= months <= 6:
        errors.setdefault("months", []).append(_("Enter 1 to 6 months."))
    raise_errors(errors)
    if reservist.kind != ReservistKind.NCO_SOLDIER or reservist.reserve_class != 2:
        raise_errors({"months": [_("Only a class 2 NCO or soldier converts to class 1.")]})
    person = reservist.person
    sex = Sex.MALE if person.sex == "M" else Sex.FEMALE
    verdict = conversion_of(
        sex, person.date_of_birth, ReserveClass.TWO, reservist.training_months, on
    )
    if not verdict.eligible:
        raise_errors({"months": [verdict.reason.vi]})
    total = reservist.training_months + months
    after = reserve_class(
        service_facts(person, reservist.reception, Inputs(concentrated_training_months=total)), on
    )
    fields = ["training_months"]
    reservist.training_months = total
    if after.reserve_class is ReserveClass.ONE:
        reservist.reserve_class = 1
        reservist.class_reason_vi = after.explanation.vi
        reservist.class_reason_en = after.explanation.en
        reservist.class_confirmed = after.confirmed and verdict.rule.confirmed
        fields += ["reserve_class", "class_reason_vi", "class_reason_en", "class_confirmed"]
    with transaction.atomic():
        reservist.save(update_fields=fields)
        record_event(
            actor=actor,
            action="reserve.training",
            obj=reservist,
            scope_unit=reservist.holder,
            changes={"months": months, "total": total, "class": reservist.reserve_class},
            reason=after.explanation.vi if reservist.reserve_class == 1 else verdict.reason.vi,
        )
    return reservist


def record_officer_review(
    *,
    actor: User,
    reservist: Reservist,
    reviewed_on: dt.date,
    met: str,
    matches_file: bool,
    notes: str = "",
) -> OfficerReview:
    """The year's review (phúc tra) of a reserve officer: one per officer and year."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, reservist.holder_id)
    errors: dict[str, list[str]] = {}
    not_future(errors, "reviewed_on", reviewed_on)
    _open(errors, reservist)
    if reservist.kind != ReservistKind.OFFICER:
        errors.setdefault("met", []).append(_("Only reserve officers are reviewed."))
    if met not in REVIEW_MET:
        errors.setdefault("met", []).append(_("Choose how he was met."))
    if OfficerReview.objects.filter(reservist=reservist, year=reviewed_on.year).exists():
        errors.setdefault("reviewed_on", []).append(_("This year's review is already recorded."))
    raise_errors(errors)
    with transaction.atomic():
        review = OfficerReview.objects.create(
            reservist=reservist,
            year=reviewed_on.year,
            reviewed_on=reviewed_on,
            met=met,
            matches_file=matches_file,
            notes=notes.strip()[:255],
        )
        record_event(
            actor=actor,
            action="reserve.review",
            obj=review,
            scope_unit=reservist.holder,
            changes={"year": reviewed_on.year, "met": met, "matches_file": matches_file},
        )
    return review


def request_transfer(
    *, actor: User, reservist: Reservist, to_commune: Unit, on: dt.date, note: str = ""
) -> Transfer:
    """The commune he leaves asks to move his registration to ``to_commune`` (any commune:
    the receiving one need not be in the sender's area)."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, reservist.holder_id)
    errors: dict[str, list[str]] = {}
    not_future(errors, "on", on)
    _open(errors, reservist)
    if on < reservist.registered_on:
        errors.setdefault("on", []).append(_("The transfer cannot be before the registration."))
    if to_commune.pk == reservist.holder_id:
        errors.setdefault("to_commune", []).append(_("Choose another commune."))
    if Transfer.objects.filter(reservist=reservist, accepted_on__isnull=True).exists():
        errors.setdefault("to_commune", []).append(_("A transfer is already waiting."))
    raise_errors(errors)
    with transaction.atomic():
        transfer = Transfer.objects.create(
            reservist=reservist,
            from_holder_id=reservist.holder_id,
            to_holder=to_commune,
            requested_on=on,
            note=note.strip()[:255],
        )
        record_event(
            actor=actor,
            action="reserve.transfer_out",
            obj=transfer,
            scope_unit=reservist.holder,
            changes={"to": str(to_commune.public_id), "on": on.isoformat()},
            reason=transfer.note,
        )
    return transfer


def accept_transfer(*, actor: User, transfer: Transfer, on: dt.date) -> Reservist:
    """The receiving commune accepts: the old row closes on ``on`` (reason "transferred") and
    a new row opens on its register with the same class, grounds, specialty and records."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, transfer.to_holder_id)
    old = transfer.reservist
    errors: dict[str, list[str]] = {}
    not_future(errors, "on", on)
    if transfer.accepted_on is not None:
        errors.setdefault("on", []).append(_("This transfer has already been accepted."))
    elif old.removed_on is not None:
        errors.setdefault("on", []).append(_("This reservist is already off the register."))
    if on < transfer.requested_on:
        errors.setdefault("on", []).append(_("The acceptance cannot be before the request."))
    raise_errors(errors)
    with transaction.atomic():
        old.removed_on = on
        old.removal_code = RemovalReason.TRANSFERRED.value
        old.removal_reason = removal_text(RemovalReason.TRANSFERRED, on)
        old.save(update_fields=["removed_on", "removal_code", "removal_reason"])
        new = Reservist.objects.create(
            person_id=old.person_id,
            holder_id=transfer.to_holder_id,
            reception_id=old.reception_id,
            kind=old.kind,
            reserve_class=old.reserve_class,
            class_reason_vi=old.class_reason_vi,
            class_reason_en=old.class_reason_en,
            class_confirmed=old.class_confirmed,
            specialty_code=old.specialty_code,
            specialty_name=old.specialty_name,
            rank=old.rank,
            officer_specialty=old.officer_specialty,
            training_months=old.training_months,
            registered_on=on,
            certificate_number=old.certificate_number,
        )
        transfer.accepted_on = on
        transfer.new_reservist = new
        transfer.save(update_fields=["accepted_on", "new_reservist"])
        record_event(
            actor=actor,
            action="reserve.transfer_in",
            obj=new,
            scope_unit=transfer.to_holder,
            changes={
                "from": transfer.from_holder_id,
                "old": str(old.public_id),
                "on": on.isoformat(),
            },
        )
    return new
