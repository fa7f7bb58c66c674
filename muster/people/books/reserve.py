"""The reserve soldier register (sổ đăng ký quân nhân dự bị, form 10 of Decree 13/2016 Art
3(2)): the reservists registered in the book's units on a day, from their reserve registration
events (``EventKind.RESERVE_REGISTRATION``, Law 78/2015 Art 18): registered on or before the
day, not removed from the register by then. A reservist past the reserve age on the day keeps
his line, flagged for removal (Art 17, Art 25)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext as _

from muster.documents.tables import Column, Kind
from muster.law.ages import age_on
from muster.law.callup import reserve
from muster.people.books.common import (
    BookFilter,
    Row,
    person_line,
    person_line_columns,
    scope_ids,
)
from muster.people.models import Person
from muster.people.registration.models import EventKind, RegistrationEvent

if TYPE_CHECKING:
    from muster.accounts.models import User


#: The fields a row reads: the rest of a citizen's record is not loaded for the register.
_FIELDS = (
    "id", "public_id", "full_name", "name_search", "sex", "date_of_birth", "national_id",
    "registration_unit_id", "residence_unit__name", "occupation",
)  # fmt: skip


#: The fields a row reads: the rest of a citizen's record is not loaded for the register.
_FIELDS = (
    "id", "public_id", "full_name", "name_search", "sex", "date_of_birth", "national_id",
    "registration_unit_id", "residence_unit__name", "occupation",
)  # fmt: skip


def reserve_columns() -> list[Column]:
    return person_line_columns(
        Column(_("Village"), Kind.TEXT, 12),
        Column(_("Occupation"), Kind.TEXT, 14),
        Column(_("Reached home on"), Kind.DATE, 11),
        Column(_("Registration due"), Kind.DATE, 11),
        Column(_("Registration date"), Kind.DATE, 11),
        Column(_("Certificate number"), Kind.TEXT, 11),
        Column(_("Note"), Kind.TEXT, 18),
    )


def reserve_queryset(user: User, f: BookFilter) -> QuerySet[Person]:
    """The reservists (men and women) registered in the book's units on ``f.day`` (one query,
    and one for their reserve registrations)."""
    day = f.day
    registered = Exists(
        RegistrationEvent.objects.filter(
            person=OuterRef("pk"), kind=EventKind.RESERVE_REGISTRATION, event_date__lte=day
        )
    )
    removed = Exists(
        RegistrationEvent.objects.filter(
            person=OuterRef("pk"), kind=EventKind.REMOVAL, event_date__lte=day
        )
    )
    people = Person.objects.filter(registration_unit_id__in=scope_ids(user, f.commune))
    if f.village is not None:
        people = people.filter(residence_unit=f.village)
    return (
        people.filter(registered)
        .exclude(removed)
        .select_related("residence_unit")
        .only(*_FIELDS)
        .prefetch_related(
            Prefetch(
                "registration_events",
                queryset=RegistrationEvent.objects.filter(
                    kind=EventKind.RESERVE_REGISTRATION, event_date__lte=day
                ).order_by("event_date", "id"),
                to_attr="reserve_registrations",
            )
        )
        .order_by("name_search", "id")
    )


def reserve_row(person: Person, number: int, f: BookFilter) -> Row:
    events = getattr(person, "reserve_registrations", [])
    event = events[-1] if events else None
    notes: list[str] = []
    if event is not None and event.is_late:
        notes.append(_("Late"))
    try:
        over = age_on(person.date_of_birth, f.day) > reserve.reserve_last_age(person.sex, f.day)
    except reserve.NoRuleInForce:
        over = False
    if over:
        notes.append(_("Past the reserve age: to be removed"))
    if event is not None and event.note:
        notes.append(event.note)
    return person_line(
        person,
        number,
        person.residence_unit.name if person.residence_unit else "",
        person.occupation,
        event.trigger_date if event else None,
        event.due_date if event else None,
        event.event_date if event else None,
        event.certificate_number if event else "",
        ". ".join(notes),
    )
