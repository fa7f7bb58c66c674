"""The April registration calls (lệnh / quyết định gọi đăng ký NVQS), their delivery, the
registration of the men who come with their certificates, and the commune's 10-day report
(Decree 13/2016 Arts 3–4; Law 78/2015 Art 16). Each service checks the actor's role and area,
validates every citizen of the batch, writes in one transaction and records its audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from muster.accounts.access import require_cap
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.core.validation import not_future, raise_errors
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit
from muster.geo.scope import scope_of
from muster.law.callup import registration, registration_calls, reserve
from muster.people.models import Person, Sex
from muster.people.registration.models import (
    CallKind,
    EventKind,
    RegistrationCall,
    RegistrationEvent,
    RegistrationReport,
)
from muster.people.registration.services.common import holidays_from
from muster.people.registration.services.events import register_first

if TYPE_CHECKING:
    from muster.accounts.models import User


def _commune(actor: User, commune: Unit) -> Unit:
    """Check role (403) and area; lock the commune row so numbers are given out one at a time."""
    require_cap(actor, Cap.EDIT_PEOPLE)
    if commune.kind not in COMMUNE_LEVEL_KINDS or not scope_of(actor).contains(commune):
        raise_errors({"commune": [_("Choose a commune in your area.")]})
    return Unit.objects.select_for_update().get(pk=commune.pk)


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [str(m) for msgs in error.message_dict.values() for m in msgs]
    return [str(m) for m in error.messages]


@transaction.atomic
def issue_calls(
    *,
    actor: User,
    commune: Unit,
    people: Sequence[Person],
    kind: CallKind | str,
    issued_on: dt.date,
    registration_date: dt.date,
    registration_place: str,
    signer_name: str,
) -> list[RegistrationCall]:
    """Issue one registration call per citizen of ``people``, numbered in the commune's year.

    The signer is the authority in force on ``issued_on`` (the district commander until
    30/06/2025, the commune chairman from 01/07/2025); each call must reach its citizen by
    ``deliver_by`` (10 days before the registration day, rule in force on that day). A first
    registration call goes to men reaching 17 in the year who are not registered yet; a reserve
    call to a citizen of reserve age on the registration day (Law 78/2015 Arts 18, 25) on no
    reserve register and not removed from the register; nobody is called twice for the same
    kind in one year. One bad citizen refuses the whole batch.
    """
    commune = _commune(actor, commune)
    kind = CallKind(kind)
    errors: dict[str, list[str]] = {}
    registration_place = registration_place.strip()
    signer_name = signer_name.strip()
    if not people:
        errors.setdefault("people", []).append(_("Choose at least one citizen."))
    if not registration_place:
        errors.setdefault("registration_place", []).append(_("Enter the registration place."))
    if not signer_name:
        errors.setdefault("signer_name", []).append(_("Enter the name of the signer."))
    if registration_date <= issued_on:
        errors.setdefault("registration_date", []).append(
            _("The registration day must be after the day the call is issued.")
        )
    not_future(errors, "issued_on", issued_on)
    try:
        signer = registration_calls.call_signer(issued_on)
        notice = registration.notice_deadline(registration_date)
    except (registration.NoRuleError, registration_calls.NoAuthorityError):
        raise_errors({"issued_on": [_("No registration rule is in force on this date.")]})
        raise  # unreachable: raise_errors raised
    year = registration_date.year
    called = set(
        RegistrationCall.objects.filter(person__in=people, kind=kind, year=year).values_list(
            "person_id", flat=True
        )
    )
    registered = set(
        RegistrationEvent.objects.filter(
            person__in=people, kind=EventKind.FIRST_REGISTRATION
        ).values_list("person_id", flat=True)
    )
    on_reserve: dict[int, set[str]] = {}
    for person_id, event_kind in RegistrationEvent.objects.filter(
        person__in=people, kind__in=[EventKind.RESERVE_REGISTRATION, EventKind.REMOVAL]
    ).values_list("person_id", "kind"):
        on_reserve.setdefault(person_id, set()).add(event_kind)
    for person in people:
        problem = ""
        if person.registration_unit_id != commune.pk:
            problem = _("is not registered in this commune")
        elif person.pk in called:
            problem = _("already has a call of this kind this year")
        elif kind == CallKind.FIRST and person.pk in registered:
            problem = _("is already registered")
        elif kind == CallKind.FIRST and (
            person.sex != Sex.MALE or year - person.date_of_birth.year < 17
        ):
            problem = _("is not a man reaching 17 by this year")
        elif kind == CallKind.RESERVE and EventKind.REMOVAL in on_reserve.get(person.pk, ()):
            problem = _("was removed from the register")
        elif kind == CallKind.RESERVE and person.pk in on_reserve:
            problem = _("is already on the reserve register")
        elif kind == CallKind.RESERVE and not reserve.within_reserve_age(
            person.sex, person.date_of_birth, registration_date
        ):
            problem = _("is not of reserve age on the registration day")
        if problem:
            errors.setdefault("people", []).append(f"{person.full_name}: {problem}")
    raise_errors(errors)
    last = RegistrationCall.objects.filter(unit=commune, year=year).aggregate(n=Max("number"))
    start = (last["n"] or 0) + 1
    calls = [
        RegistrationCall.objects.create(
            person=person,
            unit=commune,
            kind=kind,
            year=year,
            number=start + i,
            issued_on=issued_on,
            signer_role=signer.role,
            signer_name=signer_name,
            signer_citation=signer.citation,
            registration_date=registration_date,
            registration_place=registration_place,
            deliver_by=notice.due,
            notice_citation=notice.rule.citation,
        )
        for i, person in enumerate(sorted(people, key=lambda p: (p.name_search, p.pk)))
    ]
    record_event(
        actor=actor,
        action="conscription.registration_calls",
        obj=commune,
        scope_unit=commune,
        changes={
            "kind": [None, str(kind)],
            "calls": [None, len(calls)],
            "numbers": [None, f"{start}–{start + len(calls) - 1}/{year}"],
            "registration_date": [None, registration_date],
            "deliver_by": [None, notice.due],
        },
        reason=notice.rule.citation,
    )
    return calls


def _calls_of(actor: User, calls: Sequence[RegistrationCall]) -> list[RegistrationCall]:
    require_cap(actor, Cap.EDIT_PEOPLE)
    if not calls:
        raise_errors({"calls": [_("Choose at least one call.")]})
    scope = scope_of(actor)
    if any(not scope.contains(call.unit_id) for call in calls):
        raise_errors({"calls": [_("This record is outside your area.")]})
    return list(
        RegistrationCall.objects.select_for_update()
        .select_related("person", "unit")
        .filter(pk__in=[c.pk for c in calls])
        .order_by("number")
    )


@transaction.atomic
def record_delivery(
    *, actor: User, calls: Sequence[RegistrationCall], delivered_on: dt.date
) -> list[RegistrationCall]:
    """Record the day each call reached its citizen; a delivery after ``deliver_by`` is late."""
    locked = _calls_of(actor, calls)
    errors: dict[str, list[str]] = {}
    not_future(errors, "delivered_on", delivered_on)
    for call in locked:
        if delivered_on < call.issued_on:
            errors.setdefault("delivered_on", []).append(
                _("%(name)s: the call cannot reach the citizen before it is issued.")
                % {"name": call.person.full_name}
            )
        if call.registration_id is not None:
            errors.setdefault("calls", []).append(
                _("%(name)s is already registered.") % {"name": call.person.full_name}
            )
    raise_errors(errors)
    for call in locked:
        call.delivered_on = delivered_on
        call.delivery_late = registration.is_late(call.deliver_by, delivered_on)
        call.save(update_fields=["delivered_on", "delivery_late"])
        record_event(
            actor=actor,
            action="conscription.registration_call_delivered",
            obj=call.person,
            scope_unit=call.unit,
            changes={
                "call": [None, call.number_line],
                "delivered_on": [None, delivered_on],
                "deliver_by": [None, call.deliver_by],
                "is_late": [None, call.delivery_late],
            },
            reason=call.notice_citation,
        )
    return locked


def _next_certificate(commune: Unit, year: int) -> int:
    numbers = RegistrationEvent.objects.filter(
        unit=commune, kind=EventKind.FIRST_REGISTRATION, event_date__year=year
    ).values_list("certificate_number", flat=True)
    taken = [int(n.split("/")[0]) for n in numbers if n.split("/")[0].isdigit()]
    return max(taken, default=0) + 1


@transaction.atomic
def register_called(
    *,
    actor: User,
    calls: Sequence[RegistrationCall],
    registered_on: dt.date,
    certificate_on: dt.date,
) -> list[RegistrationEvent]:
    """Register the citizens who came on their call (first registration) and hand over their
    registration certificates, numbered ``N/year`` in the commune. The certificate is due the
    day after registration (Decree 13/2016 Art 4); one handed over later is flagged late. One
    citizen who cannot be registered refuses the whole batch, with every reason listed."""
    locked = _calls_of(actor, calls)
    errors: dict[str, list[str]] = {}
    not_future(errors, "certificate_on", certificate_on)
    if certificate_on < registered_on:
        errors.setdefault("certificate_on", []).append(
            _("The certificate cannot be handed over before the registration.")
        )
    for call in locked:
        if call.kind != CallKind.FIRST:
            errors.setdefault("calls", []).append(
                _("%(name)s: a reserve call is registered on the citizen's page.")
                % {"name": call.person.full_name}
            )
    raise_errors(errors)
    events: list[RegistrationEvent] = []
    problems: list[str] = []
    commune_numbers: dict[int, int] = {}
    for call in locked:
        n = commune_numbers.get(call.unit_id) or _next_certificate(call.unit, registered_on.year)
        commune_numbers[call.unit_id] = n + 1
        try:
            with transaction.atomic():
                event = register_first(
                    actor=actor,
                    person=call.person,
                    event_date=registered_on,
                    certificate_number=f"{n}/{registered_on.year}",
                    note=call.number_line,
                )
        except ValidationError as error:
            problems.extend(f"{call.person.full_name}: {m}" for m in _messages(error))
            continue
        assert event.due_date is not None
        event.certificate_handed_on = certificate_on
        event.is_late = registration.is_late(event.due_date, certificate_on)
        event.save(update_fields=["certificate_handed_on", "is_late"])
        call.registration = event
        call.save(update_fields=["registration"])
        events.append(event)
    if problems:
        raise ValidationError({"calls": problems})
    return events


@transaction.atomic
def record_report(
    *,
    actor: User,
    commune: Unit,
    registration_date: dt.date,
    reported_on: dt.date,
    number: str,
) -> RegistrationReport:
    """Record the commune's report to the level above on the registration held on
    ``registration_date``: due 10 days after it (rule in force that day, a last day off rolls
    to the next working day), sent to the recipient in force that day, late when after."""
    commune = _commune(actor, commune)
    errors: dict[str, list[str]] = {}
    number = number.strip()
    not_future(errors, "reported_on", reported_on)
    if not number:
        errors.setdefault("number", []).append(_("Enter the report's number."))
    if reported_on < registration_date:
        errors.setdefault("reported_on", []).append(
            _("The report cannot be sent before the registration day.")
        )
    registered = RegistrationEvent.objects.filter(
        unit=commune, kind=EventKind.FIRST_REGISTRATION, event_date=registration_date
    ).count()
    if not registered:
        errors.setdefault("registration_date", []).append(
            _("Nobody was registered in this commune on that day.")
        )
    if RegistrationReport.objects.filter(
        unit=commune, registration_date=registration_date
    ).exists():
        errors.setdefault("registration_date", []).append(
            _("The report on this registration day is already recorded.")
        )
    raise_errors(errors)
    try:
        due = registration.deadline(
            registration.Trigger.REGISTRATION_REPORT,
            registration_date,
            holidays_from(registration_date),
        )
        recipient = registration_calls.report_recipient(registration_date)
    except (registration.NoRuleError, registration_calls.NoAuthorityError):
        raise_errors({"registration_date": [_("No registration rule is in force on this date.")]})
        raise
    report = RegistrationReport.objects.create(
        unit=commune,
        registration_date=registration_date,
        number=number,
        reported_on=reported_on,
        recipient=recipient_name(recipient, commune),
        registered=registered,
        due_date=due.due,
        is_late=registration.is_late(due.due, reported_on),
        legal_citation=f"{due.rule.citation}; {recipient.citation}",
    )
    record_event(
        actor=actor,
        action="conscription.registration_report",
        obj=commune,
        scope_unit=commune,
        changes={
            "registration_date": [None, registration_date],
            "reported_on": [None, reported_on],
            "due": [None, due.due],
            "is_late": [None, report.is_late],
            "recipient": [None, report.recipient],
        },
        reason=due.rule.citation,
    )
    return report


def recipient_name(recipient: registration_calls.Authority, commune: Unit) -> str:
    """ "Ban Chỉ huy quân sự huyện Kim Động" or "Chủ tịch UBND xã Đức Hợp"."""
    if recipient.role == registration_calls.Role.DISTRICT_COMMAND:
        parent = commune.parent
        return f"{recipient.issuer_vi} {parent.name if parent else ''}".strip()
    from muster.geo.models import LEVEL_WORD_VI

    return f"{recipient.issuer_vi} {LEVEL_WORD_VI.get(commune.kind, 'xã')} {commune.name}"


def report_due(registration_date: dt.date) -> dt.date | None:
    """When the report on ``registration_date`` is due (None where no rule is in force)."""
    try:
        return registration.deadline(
            registration.Trigger.REGISTRATION_REPORT,
            registration_date,
            holidays_from(registration_date),
        ).due
    except registration.NoRuleError:
        return None
