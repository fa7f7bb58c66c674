"""State changes of military-service registration (đăng ký NVQS).

Each service checks the actor's role and area, validates, then writes the registration events,
moves the citizen if needed and records the audit event, all in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.perms import Cap, has_cap
from muster.audit.services import record_event
from muster.conscription import registration
from muster.conscription import registration_grounds as grounds
from muster.conscription.models import (
    BarKind,
    EventKind,
    Holiday,
    RegistrationBar,
    RegistrationEvent,
)
from muster.core.ages import age_on
from muster.core.dates import today
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit
from muster.geo.scope import scope_of
from muster.health.rules import exempt_illness, normalise_icd
from muster.people import books
from muster.people.models import Person

if TYPE_CHECKING:
    from muster.accounts.models import User

#: Far enough ahead to hold any registration deadline (15 working days plus Tết).
_HOLIDAY_WINDOW = dt.timedelta(days=120)


def holidays_from(start: dt.date) -> frozenset[dt.date]:
    """The public holidays from ``start`` on, far enough to count any registration deadline."""
    return frozenset(
        Holiday.objects.filter(date__gte=start, date__lte=start + _HOLIDAY_WINDOW).values_list(
            "date", flat=True
        )
    )


def _deadline(trigger: registration.Trigger, day: dt.date, field: str) -> registration.Deadline:
    try:
        return registration.deadline(trigger, day, holidays_from(day))
    except registration.NoRuleError:
        raise ValidationError(
            {field: [_("No registration rule is in force on this date.")]}
        ) from None


def _authorise(actor: User, person: Person) -> Person:
    """Lock and return ``person`` after checking role (403) and area (validation error)."""
    if not has_cap(actor, Cap.EDIT_PEOPLE):
        raise PermissionDenied(_("Your role does not allow this."))
    if not scope_of(actor).contains(person.registration_unit_id):
        raise ValidationError(_("This citizen is outside your area."))
    return Person.objects.select_for_update().select_related("registration_unit").get(pk=person.pk)


def _not_future(errors: dict[str, list[str]], field: str, day: dt.date) -> None:
    if day > today():
        errors.setdefault(field, []).append(_("This date cannot be in the future."))


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _dated_event(
    *,
    actor: User,
    person: Person,
    kind: EventKind,
    trigger: registration.Trigger,
    triggered_on: dt.date,
    done_on: dt.date,
    field: str,
    action: str,
    changes: dict[str, list[object]],
    event_note: str,
    user_note: str,
    **extra: object,
) -> RegistrationEvent:
    """Write a registration event that has a legal deadline, and its audit event.

    The deadline is the rule in force on ``triggered_on`` (the arrival, return, change or
    confirmation); the event is late when ``done_on`` is after it. The audit event carries
    ``changes`` plus the due date and the late flag; its reason is the user's note, or else the
    rule's citation.
    """
    due = _deadline(trigger, triggered_on, field)
    event = RegistrationEvent.objects.create(
        person=person,
        kind=kind,
        event_date=done_on,
        trigger_date=triggered_on,
        unit=person.registration_unit,
        due_date=due.due,
        is_late=registration.is_late(due.due, done_on),
        legal_citation=due.rule.citation,
        note=event_note,
        **extra,
    )
    record_event(
        actor=actor,
        action=action,
        obj=person,
        scope_unit=person.registration_unit,
        changes={**changes, "due": [None, due.due], "is_late": [None, event.is_late]},
        reason=user_note or due.rule.citation,
    )
    return event


def _bar_on(person: Person, day: dt.date) -> RegistrationBar | None:
    return (
        RegistrationBar.objects.filter(person=person, start_date__lte=day)
        .exclude(end_date__lt=day)
        .first()
    )


@transaction.atomic
def register_first(
    *,
    actor: User,
    person: Person,
    event_date: dt.date,
    certificate_number: str,
    note: str = "",
) -> RegistrationEvent:
    """First registration (đăng ký NVQS lần đầu) and its registration certificate.

    Law 78/2015 Art 12, 16: a man registers from the year he reaches 17. The certificate is
    due within 1 day (Decree 13/2016 Art 4); it is handed over with this record.
    """
    person = _authorise(actor, person)
    errors: dict[str, list[str]] = {}
    certificate_number = certificate_number.strip()
    _not_future(errors, "event_date", event_date)
    if event_date.year - person.date_of_birth.year < 17:
        errors.setdefault("event_date", []).append(
            _("The citizen reaches 17 only in %(year)s; first registration starts that year.")
            % {"year": person.date_of_birth.year + 17}
        )
    if not person.registration_unit.is_valid_on(event_date):
        errors.setdefault("event_date", []).append(
            _("The registration commune did not exist on this date.")
        )
    if not certificate_number:
        errors.setdefault("certificate_number", []).append(
            _("Enter the registration certificate number.")
        )
    if RegistrationEvent.objects.filter(person=person, kind=EventKind.FIRST_REGISTRATION).exists():
        errors.setdefault("event_date", []).append(
            _("This citizen already has a first registration.")
        )
    bar = _bar_on(person, event_date)
    if bar is not None:
        errors.setdefault("event_date", []).append(
            _("This citizen may not register on this date: %(bar)s.") % {"bar": bar}
        )
    _raise(errors)
    due = _deadline(registration.Trigger.CERTIFICATE, event_date, "event_date")
    event = RegistrationEvent.objects.create(
        person=person,
        kind=EventKind.FIRST_REGISTRATION,
        event_date=event_date,
        trigger_date=event_date,
        unit=person.registration_unit,
        certificate_number=certificate_number,
        due_date=due.due,
        is_late=False,
        legal_citation=due.rule.citation,
        note=note.strip(),
    )
    record_event(
        actor=actor,
        action="conscription.first_registration",
        obj=person,
        scope_unit=person.registration_unit,
        changes={
            "first_registration": [None, event_date],
            "certificate_number": [None, certificate_number],
        },
        reason=note.strip(),
    )
    return event


@transaction.atomic
def transfer_person(
    *,
    actor: User,
    person: Person,
    to_unit: Unit | None,
    left_on: dt.date | None,
    arrived_on: dt.date | None,
    registered_on: dt.date | None = None,
    note: str = "",
) -> tuple[RegistrationEvent, RegistrationEvent]:
    """Move a citizen's registration: transfer out (đăng ký di chuyển) at the old commune,
    transfer in at the new one, and move ``person.registration_unit``.

    The transfer-in is due ``N`` working days after arrival by the rule in force on the day of
    arrival (10 before 1 July 2025, 5 from then: Law 98/2025); it is late when ``registered_on``
    (default: today) is after that. The destination may lie outside the actor's area.
    """
    person = _authorise(actor, person)
    registered_on = registered_on or today()
    errors: dict[str, list[str]] = {}
    if left_on is None:
        errors.setdefault("left_on", []).append(_("Enter the date of leaving (dd/mm/yyyy)."))
    if arrived_on is None:
        errors.setdefault("arrived_on", []).append(_("Enter the date of arrival (dd/mm/yyyy)."))
    if to_unit is None:
        errors.setdefault("to_unit", []).append(_("Choose the destination commune."))
    _raise(errors)
    assert left_on is not None and arrived_on is not None and to_unit is not None
    old_unit = person.registration_unit
    if to_unit.kind not in COMMUNE_LEVEL_KINDS:
        errors.setdefault("to_unit", []).append(
            _("The registration unit must be a commune, ward or town.")
        )
    elif not to_unit.is_valid_on(arrived_on):
        errors.setdefault("to_unit", []).append(_("This commune did not exist on that date."))
    if to_unit.pk == old_unit.pk:
        errors.setdefault("to_unit", []).append(
            _("The citizen is already registered in this commune.")
        )
    if arrived_on < left_on:
        errors.setdefault("arrived_on", []).append(
            _("The date of arrival cannot be before the date of leaving.")
        )
    if registered_on < arrived_on:
        errors.setdefault("registered_on", []).append(
            _("The registration cannot be before the arrival.")
        )
    for field, day in (("left_on", left_on), ("arrived_on", arrived_on)):
        _not_future(errors, field, day)
    _not_future(errors, "registered_on", registered_on)
    _raise(errors)
    due = _deadline(registration.Trigger.TRANSFER_IN, arrived_on, "arrived_on")
    note = note.strip()
    out_event = RegistrationEvent.objects.create(
        person=person,
        kind=EventKind.TRANSFER_OUT,
        event_date=left_on,
        unit=old_unit,
        from_unit=old_unit,
        to_unit=to_unit,
        note=note,
    )
    in_event = RegistrationEvent.objects.create(
        person=person,
        kind=EventKind.TRANSFER_IN,
        event_date=registered_on,
        trigger_date=arrived_on,
        unit=to_unit,
        from_unit=old_unit,
        to_unit=to_unit,
        due_date=due.due,
        is_late=registration.is_late(due.due, registered_on),
        legal_citation=due.rule.citation,
        note=note,
    )
    old_residence = person.residence_unit.code if person.residence_unit is not None else None
    person.registration_unit = to_unit
    person.residence_unit = None
    person.save(update_fields=["registration_unit", "residence_unit", "updated_at"])
    record_event(
        actor=actor,
        action="conscription.transfer",
        obj=person,
        scope_unit=old_unit,
        changes={
            "registration_unit": [old_unit.code, to_unit.code],
            "residence_unit": [old_residence, None],
            "arrived_on": [None, arrived_on],
            "transfer_in_due": [None, due.due],
            "is_late": [None, in_event.is_late],
        },
        reason=note or due.rule.citation,
    )
    return out_event, in_event


def _open_absence(person: Person) -> RegistrationEvent | None:
    last = (
        RegistrationEvent.objects.filter(
            person=person, kind__in=[EventKind.ABSENCE_START, EventKind.ABSENCE_RETURN]
        )
        .order_by("-event_date", "-id")
        .first()
    )
    return last if last is not None and last.kind == EventKind.ABSENCE_START else None


@transaction.atomic
def absence_start(
    *, actor: User, person: Person, event_date: dt.date | None, note: str = ""
) -> RegistrationEvent:
    """Registration of a temporary absence (đăng ký tạm vắng) of 3 months or more (Art 17)."""
    person = _authorise(actor, person)
    errors: dict[str, list[str]] = {}
    if event_date is None:
        _raise({"event_date": [_("Enter the date (dd/mm/yyyy).")]})
    assert event_date is not None
    _not_future(errors, "event_date", event_date)
    if _open_absence(person) is not None:
        errors.setdefault("event_date", []).append(_("This citizen is already recorded as absent."))
    _raise(errors)
    event = RegistrationEvent.objects.create(
        person=person,
        kind=EventKind.ABSENCE_START,
        event_date=event_date,
        unit=person.registration_unit,
        note=note.strip(),
    )
    record_event(
        actor=actor,
        action="conscription.absence_start",
        obj=person,
        scope_unit=person.registration_unit,
        changes={"absent_from": [None, event_date]},
        reason=note.strip(),
    )
    return event


@transaction.atomic
def absence_return(
    *,
    actor: User,
    person: Person,
    returned_on: dt.date | None,
    registered_on: dt.date | None = None,
    note: str = "",
) -> RegistrationEvent:
    """Re-registration after a temporary absence: due ``N`` working days after the return by
    the rule in force on that day (10 before 1 July 2025, 5 from then: Law 98/2025)."""
    person = _authorise(actor, person)
    registered_on = registered_on or today()
    errors: dict[str, list[str]] = {}
    if returned_on is None:
        _raise({"returned_on": [_("Enter the date of return (dd/mm/yyyy).")]})
    assert returned_on is not None
    opened = _open_absence(person)
    if opened is None:
        errors.setdefault("returned_on", []).append(_("This citizen is not recorded as absent."))
    elif returned_on < opened.event_date:
        errors.setdefault("returned_on", []).append(
            _("The return cannot be before the start of the absence.")
        )
    if registered_on < returned_on:
        errors.setdefault("registered_on", []).append(
            _("The registration cannot be before the return.")
        )
    _not_future(errors, "returned_on", returned_on)
    _not_future(errors, "registered_on", registered_on)
    _raise(errors)
    return _dated_event(
        actor=actor,
        person=person,
        kind=EventKind.ABSENCE_RETURN,
        trigger=registration.Trigger.ABSENCE_RETURN,
        triggered_on=returned_on,
        done_on=registered_on,
        field="returned_on",
        action="conscription.absence_return",
        changes={"returned_on": [None, returned_on]},
        event_note=note.strip(),
        user_note=note.strip(),
    )


@transaction.atomic
def record_january_list(
    *, actor: User, commune: Unit, year: int, list_date: dt.date | None
) -> list[RegistrationEvent]:
    """Record the January list (Law 78/2015 Art 16(1)) of ``commune`` for ``year``.

    One ``january_list`` event per man on the list (men reaching 17 in ``year`` and men of
    NVQS age not yet registered), dated ``list_date``, due by 31 January, with the authority the
    list is reported to on that day: the district military command before 1 July 2025, the
    commune chairman from then (Law 98/2025). Men already on this commune's list for ``year``
    are not entered twice.
    """
    if not has_cap(actor, Cap.EDIT_PEOPLE):
        raise PermissionDenied(_("Your role does not allow this."))
    errors: dict[str, list[str]] = {}
    if commune.kind not in COMMUNE_LEVEL_KINDS or not scope_of(actor).contains(commune):
        errors.setdefault("commune", []).append(_("Choose a commune in your area."))
    if list_date is None:
        _raise({"list_date": [_("Enter the date (dd/mm/yyyy).")]})
    assert list_date is not None
    _not_future(errors, "list_date", list_date)
    if list_date.year != year:
        errors.setdefault("list_date", []).append(
            _("The January list of %(year)s must be dated in %(year)s.") % {"year": year}
        )
    elif not commune.is_valid_on(list_date):
        errors.setdefault("list_date", []).append(_("This commune did not exist on that date."))
    _raise(errors)
    start, due = dt.date(year, 1, 1), dt.date(year, 1, 31)
    already = RegistrationEvent.objects.filter(
        kind=EventKind.JANUARY_LIST, unit=commune, event_date__year=year
    ).values("person_id")
    people = list(
        books.january_queryset(actor, books.BookFilter(commune=commune, year=year), moved_out=False)
        .exclude(pk__in=already)
        .prefetch_related(None)
    )
    if not people:
        _raise({"list_date": [_("Nobody is left to enter on this commune's January list.")]})
    recipient = books.january_recipient(commune, list_date)
    citation = books.january_citation(list_date)
    events = RegistrationEvent.objects.bulk_create(
        RegistrationEvent(
            person=person,
            kind=EventKind.JANUARY_LIST,
            event_date=list_date,
            trigger_date=start,
            unit=commune,
            due_date=due,
            is_late=registration.is_late(due, list_date),
            legal_citation=citation,
            note=f"Báo cáo: {recipient}",
        )
        for person in people
    )
    record_event(
        actor=actor,
        action="conscription.january_list",
        obj=commune,
        scope_unit=commune,
        changes={
            "january_list": [None, year],
            "list_date": [None, list_date],
            "people": [None, len(events)],
            "report_to": [None, recipient],
        },
        reason=citation,
    )
    return events


# --- Additional and reserve registration, removal, Art 13 / Art 14 bars ---


def _removed(person: Person) -> RegistrationEvent | None:
    return RegistrationEvent.objects.filter(person=person, kind=EventKind.REMOVAL).first()


def _not_removed(errors: dict[str, list[str]], field: str, person: Person) -> None:
    removed = _removed(person)
    if removed is not None:
        errors.setdefault(field, []).append(
            _("This citizen was removed from the register on %(date)s.")
            % {"date": f"{removed.event_date:%d/%m/%Y}"}
        )


def _report_dates(
    errors: dict[str, list[str]],
    *,
    trigger_field: str,
    trigger: dt.date | None,
    registered_on: dt.date,
    before_message: str,
) -> None:
    if trigger is None:
        errors.setdefault(trigger_field, []).append(_("Enter the date (dd/mm/yyyy)."))
        return
    _not_future(errors, trigger_field, trigger)
    _not_future(errors, "registered_on", registered_on)
    if registered_on < trigger:
        errors.setdefault("registered_on", []).append(before_message)


@transaction.atomic
def additional_registration(
    *,
    actor: User,
    person: Person,
    changed_on: dt.date | None,
    change: str,
    registered_on: dt.date | None = None,
    note: str = "",
) -> RegistrationEvent:
    """Additional registration (đăng ký bổ sung) of a change of post, education, qualification,
    health or other NVQS-relevant data (Law 78/2015 Art 17; Decree 13/2016 Art 6: 10 days from
    the change). Needs a registration to add to and a citizen still on the register."""
    person = _authorise(actor, person)
    registered_on = registered_on or today()
    change = change.strip()
    errors: dict[str, list[str]] = {}
    _report_dates(
        errors,
        trigger_field="changed_on",
        trigger=changed_on,
        registered_on=registered_on,
        before_message=_("The registration cannot be before the change."),
    )
    if not change:
        errors.setdefault("change", []).append(_("Describe what changed."))
    if not RegistrationEvent.objects.filter(
        person=person,
        kind__in=[
            EventKind.FIRST_REGISTRATION,
            EventKind.TRANSFER_IN,
            EventKind.RESERVE_REGISTRATION,
        ],
    ).exists():
        errors.setdefault("changed_on", []).append(
            _("This citizen has no registration to add to: record the first registration first.")
        )
    _not_removed(errors, "changed_on", person)
    _raise(errors)
    assert changed_on is not None
    return _dated_event(
        actor=actor,
        person=person,
        kind=EventKind.ADDITIONAL,
        trigger=registration.Trigger.ADDITIONAL,
        triggered_on=changed_on,
        done_on=registered_on,
        field="changed_on",
        action="conscription.additional_registration",
        changes={"changed_on": [None, changed_on], "change": [None, change]},
        event_note=(change + (f" — {note.strip()}" if note.strip() else ""))[:255],
        user_note=note.strip(),
    )


@transaction.atomic
def reserve_registration(
    *,
    actor: User,
    person: Person,
    arrived_home_on: dt.date | None,
    certificate_number: str,
    registered_on: dt.date | None = None,
    note: str = "",
) -> RegistrationEvent:
    """Reserve registration (đăng ký quân nhân dự bị) of a discharged soldier: due 15 working days
    after reaching home (Law 78/2015 Art 45, the rule in force on the day of arrival; Law 98/2025
    did not change it). The reserve registration certificate is recorded with it."""
    person = _authorise(actor, person)
    registered_on = registered_on or today()
    certificate_number = certificate_number.strip()
    errors: dict[str, list[str]] = {}
    _report_dates(
        errors,
        trigger_field="arrived_home_on",
        trigger=arrived_home_on,
        registered_on=registered_on,
        before_message=_("The registration cannot be before the arrival."),
    )
    if not certificate_number:
        errors.setdefault("certificate_number", []).append(
            _("Enter the reserve registration certificate number.")
        )
    if arrived_home_on is not None and arrived_home_on <= person.date_of_birth:
        errors.setdefault("arrived_home_on", []).append(
            _("This date is before the citizen's birth.")
        )
    if RegistrationEvent.objects.filter(
        person=person, kind=EventKind.RESERVE_REGISTRATION
    ).exists():
        errors.setdefault("arrived_home_on", []).append(
            _("This citizen already has a reserve registration.")
        )
    _not_removed(errors, "arrived_home_on", person)
    _raise(errors)
    assert arrived_home_on is not None
    return _dated_event(
        actor=actor,
        person=person,
        kind=EventKind.RESERVE_REGISTRATION,
        trigger=registration.Trigger.RESERVE_REGISTRATION,
        triggered_on=arrived_home_on,
        done_on=registered_on,
        field="arrived_home_on",
        action="conscription.reserve_registration",
        changes={
            "arrived_home_on": [None, arrived_home_on],
            "certificate_number": [None, certificate_number],
        },
        event_note=note.strip(),
        user_note=note.strip(),
        certificate_number=certificate_number,
    )


@transaction.atomic
def removal(
    *,
    actor: User,
    person: Person,
    reason: str,
    confirmed_on: dt.date | None,
    reported_on: dt.date | None = None,
    note: str = "",
) -> RegistrationEvent:
    """Removal from the register (xóa tên khỏi danh sách đăng ký NVQS), Art 17: death, over
    reserve age, an Art 13 or Art 14 case. The commune reports within 10 days to the district
    military command (confirmation before 1 July 2025) or within 5 days to the commune chairman
    (from then: Law 98/2025); a report after the due day is flagged late."""
    person = _authorise(actor, person)
    reported_on = reported_on or today()
    errors: dict[str, list[str]] = {}
    if reason not in set(grounds.RemovalReason):
        errors.setdefault("reason", []).append(_("Choose the reason for the removal."))
    _report_dates(
        errors,
        trigger_field="confirmed_on",
        trigger=confirmed_on,
        registered_on=reported_on,
        before_message=_("The report cannot be before the confirmation."),
    )
    if "reported_on" not in errors and "registered_on" in errors:
        errors["reported_on"] = errors.pop("registered_on")
    _not_removed(errors, "confirmed_on", person)
    if confirmed_on is not None and reason in set(grounds.RemovalReason):
        if reason == grounds.RemovalReason.OVER_AGE:
            age = age_on(person.date_of_birth, confirmed_on)
            if not grounds.is_over_reserve_age(person.sex, age):
                errors.setdefault("reason", []).append(
                    _("On this date the citizen is %(age)s, still within reserve age.")
                    % {"age": age}
                )
        elif reason in (grounds.RemovalReason.ART13, grounds.RemovalReason.ART14):
            kind = (
                BarKind.BARRED_ART13
                if reason == grounds.RemovalReason.ART13
                else BarKind.EXEMPT_ART14
            )
            if not any(bar.kind == kind for bar in bars_in_force(person, confirmed_on)):
                errors.setdefault("reason", []).append(
                    _("Record the Art 13 or Art 14 status in force on this date first.")
                )
    _raise(errors)
    assert confirmed_on is not None
    recipient = grounds.removal_recipient(confirmed_on)
    return _dated_event(
        actor=actor,
        person=person,
        kind=EventKind.REMOVAL,
        trigger=registration.Trigger.REMOVAL_REPORT,
        triggered_on=confirmed_on,
        done_on=reported_on,
        field="confirmed_on",
        action="conscription.removal",
        changes={
            "removal_reason": [None, reason],
            "confirmed_on": [None, confirmed_on],
            "report_to": [None, recipient],
        },
        event_note=f"{reason}; Báo cáo: {recipient}"
        + (f" — {note.strip()}" if note.strip() else ""),
        user_note=note.strip(),
    )


def bars_in_force(person: Person, day: dt.date) -> list[RegistrationBar]:
    return list(
        RegistrationBar.objects.filter(person=person, start_date__lte=day).exclude(end_date__lt=day)
    )


@transaction.atomic
def registration_bar_add(
    *,
    actor: User,
    person: Person,
    kind: str,
    start_date: dt.date | None,
    end_date: dt.date | None = None,
    art13_point: str = "",
    icd_code: str = "",
    detail: str = "",
) -> RegistrationBar:
    """Record that a citizen may not register (Art 13: prosecution, sentence, measures) or is
    exempt from registration (Art 14: an illness of TT 105 App. I Part III, by ICD-10 code),
    from ``start_date`` to ``end_date`` (open while the measure lasts)."""
    person = _authorise(actor, person)
    detail = detail.strip()
    errors: dict[str, list[str]] = {}
    if start_date is None:
        errors.setdefault("start_date", []).append(_("Enter the date (dd/mm/yyyy)."))
    else:
        _not_future(errors, "start_date", start_date)
        if end_date is not None and end_date < start_date:
            errors.setdefault("end_date", []).append(
                _("The end date cannot be before the start date.")
            )
    ground = citation = ""
    if kind == BarKind.BARRED_ART13:
        point = grounds.ART13_BY_POINT.get(art13_point)
        if point is None:
            errors.setdefault("art13_point", []).append(_("Choose the point of Art 13(1)."))
        elif start_date is not None:
            ground = point.label
            citation = grounds.art13_citation(point.point, start_date)
    elif kind == BarKind.EXEMPT_ART14:
        illness = exempt_illness(icd_code) if icd_code.strip() else None
        if illness is None:
            errors.setdefault("icd_code", []).append(
                _("This ICD code is not on the TT 105 App. I Part III list.")
            )
        else:
            ground = f"{illness.label} — {normalise_icd(icd_code)}"
            citation = grounds.art14_citation(illness.item)
    else:
        errors.setdefault("kind", []).append(_("Choose Art 13 or Art 14."))
    if start_date is not None and kind in BarKind.values:
        overlapping = RegistrationBar.objects.filter(person=person, kind=kind).exclude(
            end_date__lt=start_date
        )
        if end_date is not None:
            overlapping = overlapping.filter(start_date__lte=end_date)
        if overlapping.exists():
            errors.setdefault("start_date", []).append(
                _("A status of this kind already covers this period.")
            )
    _raise(errors)
    assert start_date is not None
    if detail:
        ground = f"{ground} ({detail})"
    bar = RegistrationBar.objects.create(
        person=person,
        kind=kind,
        ground=ground[:255],
        legal_citation=citation,
        start_date=start_date,
        end_date=end_date,
    )
    record_event(
        actor=actor,
        action="conscription.registration_bar_add",
        obj=person,
        scope_unit=person.registration_unit,
        changes={
            "bar_kind": [None, kind],
            "ground": [None, bar.ground],
            "start_date": [None, start_date],
            "end_date": [None, end_date],
        },
        reason=citation,
    )
    return bar


@transaction.atomic
def registration_bar_end(
    *, actor: User, bar: RegistrationBar, end_date: dt.date | None, note: str = ""
) -> RegistrationBar:
    """End an Art 13 / Art 14 status (the measure ended, the sentence was served): the citizen
    registers again (Art 13(2))."""
    person = _authorise(actor, bar.person)
    bar = RegistrationBar.objects.select_for_update().get(pk=bar.pk)
    errors: dict[str, list[str]] = {}
    if end_date is None:
        _raise({"end_date": [_("Enter the date (dd/mm/yyyy).")]})
    assert end_date is not None
    _not_future(errors, "end_date", end_date)
    if bar.end_date is not None:
        errors.setdefault("end_date", []).append(
            _("This status already ended on %(date)s.") % {"date": f"{bar.end_date:%d/%m/%Y}"}
        )
    if end_date < bar.start_date:
        errors.setdefault("end_date", []).append(_("The end date cannot be before the start date."))
    _raise(errors)
    bar.end_date = end_date
    bar.save(update_fields=["end_date"])
    record_event(
        actor=actor,
        action="conscription.registration_bar_end",
        obj=person,
        scope_unit=person.registration_unit,
        changes={"bar": [None, str(bar.public_id)], "end_date": [None, end_date]},
        reason=note.strip() or bar.legal_citation,
    )
    return bar
