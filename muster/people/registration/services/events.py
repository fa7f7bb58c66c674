"""First registration, transfer, absence and return, and the January list: the registration
events of a citizen (đăng ký NVQS lần đầu, di chuyển, vắng mặt)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require_cap
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.core.dates import today
from muster.core.validation import not_future, raise_errors
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit
from muster.geo.scope import scope_of
from muster.law.ages import age_on, birthday
from muster.law.book import rule
from muster.law.callup import registration
from muster.people.books import common as books_common
from muster.people.books import persons as books_persons
from muster.people.models import Person, Sex
from muster.people.registration.models import EventKind, RegistrationEvent
from muster.people.registration.services.common import (
    _audit,
    _authorise,
    _bar_on,
    _dated_event,
    _deadline,
)

if TYPE_CHECKING:
    from muster.accounts.models import User


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

    Law 78/2015 Art 12, 16 (rule ``reg.who``): a man registers from the year he reaches 17; a
    woman once she is 18 and only when her trade is one the army needs (Art 7(2), 12(1)(b)):
    her occupation must be recorded first. The certificate is due within 1 day (Decree 13/2016
    Art 4); it is handed over with this record.
    """
    person = _authorise(actor, person)
    errors: dict[str, list[str]] = {}
    certificate_number = certificate_number.strip()
    not_future(errors, "event_date", event_date)
    who = rule("reg.who", event_date)
    if person.sex == Sex.FEMALE:
        min_age = who.int_param("women_min_age")
        if age_on(person.date_of_birth, event_date) < min_age:
            errors.setdefault("event_date", []).append(
                _("A woman registers once she is %(age)s (from %(day)s).")
                % {
                    "age": min_age,
                    "day": f"{birthday(person.date_of_birth, min_age):%d/%m/%Y}",
                }
            )
        if not person.occupation.strip():
            errors.setdefault("__all__", []).append(
                _(
                    "A woman registers only when her trade is one the army needs (Law 78/2015 "
                    "Art 7(2), 12): record her occupation first."
                )
            )
    elif event_date.year - person.date_of_birth.year < who.int_param("men_min_age"):
        min_age = who.int_param("men_min_age")
        errors.setdefault("event_date", []).append(
            _("The citizen reaches 17 only in %(year)s; first registration starts that year.")
            % {"year": person.date_of_birth.year + min_age}
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
    raise_errors(errors)
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
    _audit(
        actor,
        person,
        action="conscription.first_registration",
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
    raise_errors(errors)
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
        not_future(errors, field, day)
    not_future(errors, "registered_on", registered_on)
    raise_errors(errors)
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
        raise_errors({"event_date": [_("Enter the date (dd/mm/yyyy).")]})
    assert event_date is not None
    not_future(errors, "event_date", event_date)
    if _open_absence(person) is not None:
        errors.setdefault("event_date", []).append(_("This citizen is already recorded as absent."))
    raise_errors(errors)
    event = RegistrationEvent.objects.create(
        person=person,
        kind=EventKind.ABSENCE_START,
        event_date=event_date,
        unit=person.registration_unit,
        note=note.strip(),
    )
    _audit(
        actor,
        person,
        action="conscription.absence_start",
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
        raise_errors({"returned_on": [_("Enter the date of return (dd/mm/yyyy).")]})
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
    not_future(errors, "returned_on", returned_on)
    not_future(errors, "registered_on", registered_on)
    raise_errors(errors)
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
        note=note.strip(),
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
    require_cap(actor, Cap.EDIT_PEOPLE)
    errors: dict[str, list[str]] = {}
    if commune.kind not in COMMUNE_LEVEL_KINDS or not scope_of(actor).contains(commune):
        errors.setdefault("commune", []).append(_("Choose a commune in your area."))
    if list_date is None:
        raise_errors({"list_date": [_("Enter the date (dd/mm/yyyy).")]})
    assert list_date is not None
    not_future(errors, "list_date", list_date)
    if list_date.year != year:
        errors.setdefault("list_date", []).append(
            _("The January list of %(year)s must be dated in %(year)s.") % {"year": year}
        )
    elif not commune.is_valid_on(list_date):
        errors.setdefault("list_date", []).append(_("This commune did not exist on that date."))
    raise_errors(errors)
    start = dt.date(year, 1, 1)
    deadline = rule("deadline.january_list", start)
    due = dt.date(year, deadline.int_param("month"), deadline.int_param("day"))
    already = RegistrationEvent.objects.filter(
        kind=EventKind.JANUARY_LIST, unit=commune, event_date__year=year
    ).values("person_id")
    people = list(
        books_persons.january_queryset(
            actor, books_common.BookFilter(commune=commune, year=year), moved_out=False
        )
        .exclude(pk__in=already)
        .prefetch_related(None)
    )
    if not people:
        raise_errors({"list_date": [_("Nobody is left to enter on this commune's January list.")]})
    recipient = books_persons.january_recipient(commune, list_date)
    citation = books_persons.january_citation(list_date)
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
