"""State changes after the handover and of the entitlements during registration and exams:
the receiving unit's 7-day standards re-check (TT 148/2018 Art 7(3)), the commune's record of
the families notified, and the food and travel allowance lines (Decree 13/2016 Art 12 as
amended by Decree 220/2025).

The dated rules come from ``law.callup.aftercare`` on the day of the handover (re-check) or of
the attendance (allowance). A re-check past the 7 days is recorded with a warning and ``late``,
never refused. A recruit found not to meet the standards is returned through the existing
return path (``handover.services.recruit_return`` with the reason ``standards``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.conscription.aftercare.models import (
    Activity,
    AllowanceLine,
    FamilyNotice,
    NoticeMethod,
    Payer,
    StandardsRecheck,
)
from muster.conscription.handover.models import Recruit
from muster.conscription.perms import can_manage_campaign
from muster.core import lawtext
from muster.geo.models import Unit
from muster.health.models import HealthCall, SessionKind
from muster.law.callup import aftercare as rules
from muster.people.models import FamilyTie, Person
from muster.people.registration.models import EventKind, RegistrationEvent

if TYPE_CHECKING:
    from muster.accounts.models import User


# ----------------------------------------------------------------------------- 7-day re-check


def standards_recheck_record(
    *,
    actor: User,
    recruit: Recruit,
    checked_on: dt.date,
    meets: bool,
    finding: str = "",
    document_ref: str = "",
) -> list[str]:
    """Record (or correct) the receiving unit's standards re-check of ``recruit``; returns the
    warnings (past the 7 days of TT 148/2018 Art 7(3))."""
    require(can_manage_campaign(actor))
    handover = recruit.handover
    require_actor_area(actor, handover.commune.unit_id)
    errors: dict[str, list[str]] = {}
    finding, document_ref = finding.strip(), document_ref.strip()
    if checked_on < handover.handed_on:
        errors["checked_on"] = [_("The re-check cannot precede the handover.")]
    if checked_on > timezone.localdate():
        errors.setdefault("checked_on", []).append(_("The date cannot be in the future."))
    if not meets and not finding:
        errors["finding"] = [_("Say which standard the recruit does not meet.")]
    if not meets and not document_ref:
        errors["document_ref"] = [_("Give the reference of the unit's re-check document.")]
    if hasattr(recruit, "returned"):
        errors.setdefault("__all__", []).append(_("This recruit has been returned."))
    if errors:
        raise ValidationError(errors)
    item = rules.rule("handover.standards_recheck", handover.handed_on)
    due = rules.standards_recheck_due(handover.handed_on)
    late = rules.standards_recheck_late(handover.handed_on, checked_on)
    warnings: list[str] = []
    if late:
        warnings.append(
            _("Re-checked after the 7 days that end on %(due)s (%(law)s): recorded as late.")
            % {"due": f"{due:%d/%m/%Y}", "law": lawtext.cite_rules([item])}
        )
    with transaction.atomic():
        Recruit.objects.select_for_update().get(pk=recruit.pk)
        old = (
            StandardsRecheck.objects.filter(recruit=recruit)
            .values_list("checked_on", "meets")
            .first()
        )
        StandardsRecheck.objects.update_or_create(
            recruit=recruit,
            defaults={
                "checked_on": checked_on,
                "meets": meets,
                "finding": finding,
                "document_ref": document_ref,
                "due_on": due,
                "late": late,
                "legal_citation": rules.citation_text_vi(item),
            },
        )
        record_event(
            actor=actor,
            action="handover.standards_recheck",
            obj=recruit,
            scope_unit=handover.commune.unit,
            changes={
                "checked": [
                    [old[0].isoformat(), old[1]] if old else None,
                    [checked_on.isoformat(), meets],
                ],
                "late": late,
                "document": document_ref,
            },
            reason=finding,
        )
    return warnings


# ----------------------------------------------------------------------------- families


def family_notice_record(
    *,
    actor: User,
    recruit: Recruit,
    tie: FamilyTie,
    notified_on: dt.date,
    method: str,
    notified_by: str,
    note: str = "",
) -> FamilyNotice:
    """Record that the commune notified ``tie`` (a relative of the recruit in the registry)."""
    require(can_manage_campaign(actor))
    handover = recruit.handover
    require_actor_area(actor, handover.commune.unit_id)
    errors: dict[str, list[str]] = {}
    if tie.person_id != recruit.decision.person_id:
        errors["tie"] = [_("Choose a family member of this recruit.")]
    if method not in NoticeMethod.values:
        errors["method"] = [_("Choose how the family was notified.")]
    if not notified_by.strip():
        errors["notified_by"] = [_("Name who notified the family.")]
    if notified_on > timezone.localdate():
        errors["notified_on"] = [_("The date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        notice = FamilyNotice.objects.create(
            recruit=recruit,
            tie=tie,
            relative_name=tie.relative_name,
            relation=tie.relation,
            notified_on=notified_on,
            method=method,
            notified_by=notified_by.strip(),
            note=note.strip(),
        )
        record_event(
            actor=actor,
            action="handover.family_notice",
            obj=notice,
            scope_unit=handover.commune.unit,
            changes={
                "recruit": str(recruit.public_id),
                "relative": tie.relative_name,
                "notified_on": notified_on.isoformat(),
                "method": method,
            },
        )
    return notice


# ----------------------------------------------------------------------------- allowance


def _payer(person: Person) -> tuple[str, str]:
    """The commune command pays a citizen without an employer or school; the employer or
    school pays the others (Art 12)."""
    employer = person.workplace.strip()
    return (Payer.EMPLOYER, employer) if employer else (Payer.COMMUNE, "")


def attendance(unit: Unit, start: dt.date, end: dt.date) -> list[tuple[Person, dt.date, str]]:
    """Who of ``unit``'s registry attended registration, screening or an examination between
    ``start`` and ``end``: first and reserve registrations recorded by the unit, and health
    calls with a station result or a class."""
    seen: list[tuple[Person, dt.date, str]] = []
    events = RegistrationEvent.objects.filter(
        unit=unit,
        kind__in=[EventKind.FIRST_REGISTRATION, EventKind.RESERVE_REGISTRATION],
        event_date__range=(start, end),
    ).select_related("person")
    seen += [(e.person, e.event_date, Activity.REGISTRATION) for e in events]
    calls = (
        HealthCall.objects.filter(person__registration_unit=unit, session__date__range=(start, end))
        .filter(Q(results__isnull=False) | Q(health_class__isnull=False))
        .select_related("person", "session")
        .distinct()
    )
    for call in calls:
        kind = (
            Activity.SCREENING
            if call.session.kind == SessionKind.SCREENING
            else Activity.EXAMINATION
        )
        seen.append((call.person, call.session.date, kind))
    return seen


def allowance_collect(*, actor: User, unit: Unit, start: dt.date, end: dt.date) -> int:
    """Build ``unit``'s allowance lines for the days attended between ``start`` and ``end``
    (a day already listed is kept as corrected). Each new line counts a full day (the hours
    are not in the attendance data; the commune corrects them with ``allowance_line_set``).
    Returns the number of lines added."""
    require(can_manage_campaign(actor))
    require_actor_area(actor, unit)
    if end < start:
        raise ValidationError({"end": [_("The end of the period precedes its start.")]})
    if (end - start).days > 366:
        raise ValidationError({"end": [_("A payment period is at most one year.")]})
    added = 0
    with transaction.atomic():
        for person, day, activity in attendance(unit, start, end):
            if AllowanceLine.objects.filter(person=person, day=day, activity=activity).exists():
                continue
            item = rules.rule("entitlement.allowance", day)
            hours = Decimal(item.int_param("full_day_hours"))
            payer, employer = _payer(person)
            AllowanceLine.objects.create(
                unit=unit,
                person=person,
                day=day,
                activity=activity,
                hours=hours,
                food=rules.food_amount(hours, day),
                payer=payer,
                employer=employer,
                legal_citation=rules.citation_text_vi(item),
            )
            added += 1
        record_event(
            actor=actor,
            action="allowance.collect",
            obj=unit,
            scope_unit=unit,
            changes={"start": start.isoformat(), "end": end.isoformat(), "added": added},
        )
    return added


def allowance_line_set(
    *, actor: User, line: AllowanceLine, hours: Decimal, travel: int, payer: str
) -> AllowanceLine:
    """Correct the hours attended, the travel costs and who pays one line; the food allowance
    is recomputed from the rule in force on the day."""
    require(can_manage_campaign(actor))
    require_actor_area(actor, line.unit_id)
    errors: dict[str, list[str]] = {}
    if not Decimal(0) <= hours <= Decimal(24):
        errors["hours"] = [_("The hours attended are 0 to 24.")]
    if travel < 0:
        errors["travel"] = [_("The travel costs cannot be negative.")]
    if payer not in Payer.values:
        errors["payer"] = [_("Choose who pays.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        line = AllowanceLine.objects.select_for_update().get(pk=line.pk)
        old = [str(line.hours), line.travel, line.payer]
        line.hours = hours
        line.food = rules.food_amount(hours, line.day)
        line.travel = travel
        line.payer = payer
        line.save(update_fields=["hours", "food", "travel", "payer"])
        record_event(
            actor=actor,
            action="allowance.line",
            obj=line,
            scope_unit=line.unit,
            changes={"line": [old, [str(hours), travel, payer]]},
        )
    return line
