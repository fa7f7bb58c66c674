"""Changes of the rear policy's records; each checks the actor's role and area, validates,
writes in one transaction and records the audit event.

The yearly caps (Decree 27/2016 Art 6: 2 house cases a year per soldier, 2 illness cases a year
per relative, one death case a person) are counted inside the transaction with the soldier's
registry row locked (``select_for_update``), so two clerks recording at once cannot both take
the last case of the year."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.conscription.handover.models import Recruit
from muster.core import lawtext
from muster.core.validation import not_future, raise_errors
from muster.law.rear import support as law
from muster.people.models import FamilyTie, Person
from muster.people.registration.services.common import holidays_from
from muster.rear.models import (
    CaseStatus,
    Entitlement,
    EntitlementKind,
    SchoolKind,
    SupportCase,
    SupportKind,
    Visit,
)
from muster.rear.perms import can_draft_case, can_record_case, can_record_visit
from muster.rear.selectors import case_counts, is_serving, relative_kind

if TYPE_CHECKING:
    from muster.accounts.models import User


def _soldier_area(actor: User, recruit: Recruit) -> Person:
    soldier = recruit.decision.person
    require_actor_area(actor, soldier.registration_unit_id, _("This soldier is outside your area."))
    return soldier


def _relative_of(errors: dict[str, list[str]], soldier: Person, tie: FamilyTie | None) -> None:
    if tie is None:
        return
    if tie.person_id != soldier.pk:
        errors.setdefault("relative", []).append(_("This relative is another citizen's."))
    elif relative_kind(tie) is None:
        errors.setdefault("relative", []).append(
            _("Brothers and sisters are not relatives covered by the rear policy.")
        )


def _deadlines(sent_on: dt.date | None, papers_missing: bool) -> tuple[dt.date | None, ...]:
    if sent_on is None:
        return None, None
    holidays = holidays_from(sent_on)
    return (
        law.decision_due(sent_on, holidays),
        law.papers_due(sent_on, holidays) if papers_missing else None,
    )


def record_case(
    *,
    actor: User,
    recruit: Recruit,
    kind: str,
    event_on: dt.date,
    relative: FamilyTie | None = None,
    ill_days: int | None = None,
    hospital_days: int | None = None,
    commune_confirmed_on: dt.date | None = None,
    sent_on: dt.date | None = None,
    papers_missing: bool = False,
    note: str = "",
) -> SupportCase:
    """Record an emergency support case of a serving soldier's family. The clerk enters a
    draft; the commander's case with a sending date is sent. Refused past the yearly cap."""
    require(can_draft_case(actor))
    if sent_on is not None:
        require(can_record_case(actor), _("Only the commune commander sends a support case."))
    soldier = _soldier_area(actor, recruit)
    errors: dict[str, list[str]] = {}
    if kind not in SupportKind.values:
        errors.setdefault("kind", []).append(_("Choose the kind of support."))
    elif kind != SupportKind.HOUSE and relative is None:
        errors.setdefault("relative", []).append(_("Choose the relative."))
    _relative_of(errors, soldier, relative)
    not_future(errors, "event_on", event_on)
    if not errors.get("event_on") and not is_serving(recruit, event_on):
        errors.setdefault("event_on", []).append(
            _("The soldier was not serving on this day (handed over later, sent back or home).")
        )
    for name, day in (("commune_confirmed_on", commune_confirmed_on), ("sent_on", sent_on)):
        if day is not None:
            not_future(errors, name, day)
            if day < event_on:
                errors.setdefault(name, []).append(_("This date cannot be before the event."))
    raise_errors(errors)
    house = kind == SupportKind.HOUSE
    with transaction.atomic():
        # The cap's lock: every case of this soldier's family is counted under his row.
        Person.objects.select_for_update().filter(pk=soldier.pk).first()
        earlier = case_counts(soldier=soldier, kind=kind, relative=None if house else relative)
        result = law.assess(
            law.SupportKind(kind),
            event_on,
            relation=None if house or relative is None else relative_kind(relative),
            earlier=earlier,
            ill_days=ill_days,
            hospital_days=hospital_days,
        )
        if not result.granted:
            raise ValidationError([lawtext.text(r) for r in result.refusals])
        due, papers_due = _deadlines(sent_on, papers_missing)
        case = SupportCase.objects.create(
            commune=soldier.registration_unit,
            recruit=recruit,
            soldier=soldier,
            relative=None if house else relative,
            kind=kind,
            event_on=event_on,
            ill_days=ill_days,
            hospital_days=hospital_days,
            amount=result.amount,
            amount_confirmed=result.confirmed,
            rule_code=result.rule.code,
            legal_citation="; ".join(c.label_vi for c in result.rule.citations)[:255],
            commune_confirmed_on=commune_confirmed_on,
            sent_on=sent_on,
            decision_due_on=due,
            papers_missing=papers_missing,
            papers_due_on=papers_due,
            status=CaseStatus.SENT if sent_on is not None else CaseStatus.DRAFT,
            note=note.strip(),
            created_by=actor,
        )
        record_event(
            actor=actor,
            action="rear.case_record",
            obj=case,
            scope_unit=soldier.registration_unit,
            changes={
                "soldier": str(soldier.public_id),
                "kind": kind,
                "event_on": event_on.isoformat(),
                "amount": result.amount,
                "status": case.status,
            },
            reason=case.legal_citation,
        )
    return case


def send_case(
    *, actor: User, case: SupportCase, sent_on: dt.date, papers_missing: bool = False
) -> SupportCase:
    """The commander sends a draft (with the commune's confirmation) to the soldier's unit."""
    require(can_record_case(actor))
    require_actor_area(actor, case.commune)
    errors: dict[str, list[str]] = {}
    if case.status != CaseStatus.DRAFT:
        errors.setdefault("__all__", []).append(_("Only a draft can be sent."))
    not_future(errors, "sent_on", sent_on)
    if sent_on < case.event_on:
        errors.setdefault("sent_on", []).append(_("This date cannot be before the event."))
    raise_errors(errors)
    with transaction.atomic():
        case.sent_on = sent_on
        case.papers_missing = papers_missing
        case.decision_due_on, case.papers_due_on = _deadlines(sent_on, papers_missing)
        case.status = CaseStatus.SENT
        case.save()
        record_event(
            actor=actor,
            action="rear.case_send",
            obj=case,
            scope_unit=case.commune,
            changes={"sent_on": sent_on.isoformat()},
        )
    return case


def decide_case(
    *,
    actor: User,
    case: SupportCase,
    granted: bool,
    decided_on: dt.date,
    decision_ref: str = "",
    reason: str = "",
) -> SupportCase:
    """Record the regiment's decision on a sent case (a refusal states its reason)."""
    require(can_record_case(actor))
    require_actor_area(actor, case.commune)
    errors: dict[str, list[str]] = {}
    if case.status != CaseStatus.SENT or case.sent_on is None:
        errors.setdefault("__all__", []).append(_("Only a case sent to the unit can be decided."))
    elif decided_on < case.sent_on:
        errors.setdefault("decided_on", []).append(_("The decision cannot be before sending."))
    not_future(errors, "decided_on", decided_on)
    if not granted and not reason.strip():
        errors.setdefault("reason", []).append(_("Give the reason for the refusal."))
    raise_errors(errors)
    with transaction.atomic():
        case.status = CaseStatus.GRANTED if granted else CaseStatus.REFUSED
        case.decided_on = decided_on
        case.decision_ref = decision_ref.strip()
        case.refusal_reason = "" if granted else reason.strip()
        case.save()
        record_event(
            actor=actor,
            action="rear.case_decide",
            obj=case,
            scope_unit=case.commune,
            changes={"status": case.status, "decided_on": decided_on.isoformat()},
            reason=case.refusal_reason,
        )
    return case


def record_entitlement(
    *,
    actor: User,
    recruit: Recruit,
    relative: FamilyTie,
    kind: str,
    reference: str,
    granted_on: dt.date,
    school_kind: str = "",
    valid_to: dt.date | None = None,
) -> Entitlement:
    """Record a health insurance card or a child's tuition exemption or reduction."""
    require(can_draft_case(actor))
    soldier = _soldier_area(actor, recruit)
    errors: dict[str, list[str]] = {}
    _relative_of(errors, soldier, relative)
    if kind not in EntitlementKind.values:
        errors.setdefault("kind", []).append(_("Choose the entitlement."))
    if kind == EntitlementKind.TUITION:
        if relative_kind(relative) not in law.CHILDREN:
            errors.setdefault("relative", []).append(
                _("Tuition exemption or reduction is for the soldier's children.")
            )
        if school_kind not in (SchoolKind.PUBLIC, SchoolKind.PRIVATE):
            errors.setdefault("school_kind", []).append(
                _("Choose a public or private general school.")
            )
    elif school_kind:
        school_kind = ""
    if not reference.strip():
        errors.setdefault("reference", []).append(_("Enter the card number or the school."))
    not_future(errors, "granted_on", granted_on)
    if valid_to is not None and valid_to < granted_on:
        errors.setdefault("valid_to", []).append(_("The end cannot be before the start."))
    raise_errors(errors)
    with transaction.atomic():
        right = Entitlement.objects.create(
            commune=soldier.registration_unit,
            recruit=recruit,
            relative=relative,
            kind=kind,
            reference=reference.strip(),
            school_kind=school_kind,
            granted_on=granted_on,
            valid_to=valid_to,
        )
        record_event(
            actor=actor,
            action="rear.entitlement",
            obj=right,
            scope_unit=soldier.registration_unit,
            changes={"kind": kind, "relative": str(relative.public_id)},
        )
    return right


def record_visit(
    *,
    actor: User,
    recruit: Recruit,
    occasion: str,
    visited_on: dt.date,
    gift: str = "",
    amount: int = 0,
    visitors: str = "",
) -> Visit:
    """Record a visit to a serving soldier's family, with the gift and its value."""
    require(can_record_visit(actor))
    soldier = _soldier_area(actor, recruit)
    errors: dict[str, list[str]] = {}
    not_future(errors, "visited_on", visited_on)
    if amount < 0:
        errors.setdefault("amount", []).append(_("The amount cannot be negative."))
    if not errors and not is_serving(recruit, visited_on):
        errors.setdefault("visited_on", []).append(
            _("The soldier was not serving on this day (handed over later, sent back or home).")
        )
    raise_errors(errors)
    with transaction.atomic():
        visit = Visit.objects.create(
            commune=soldier.registration_unit,
            recruit=recruit,
            occasion=occasion,
            visited_on=visited_on,
            gift=gift.strip(),
            amount=amount,
            visitors=visitors.strip(),
        )
        record_event(
            actor=actor,
            action="rear.visit",
            obj=visit,
            scope_unit=soldier.registration_unit,
            changes={"occasion": occasion, "visited_on": visited_on.isoformat(), "amount": amount},
        )
    return visit
