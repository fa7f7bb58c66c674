"""Event books: first registrations and transfers (đăng ký di chuyển) in a period."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from muster.documents.tables import Column, Kind
from muster.people.models import FamilyTie, Relation
from muster.people.registration.models import EventKind, RegistrationEvent

if TYPE_CHECKING:
    from muster.accounts.models import User
from muster.people.books.common import BookFilter, Row, person_line, person_line_columns, scope_ids
from muster.people.books.persons import person_row

# --- Event books (registrations, transfers) ------------------------------------------------


def _events_base(user: User, f: BookFilter, kinds: Sequence[str]) -> QuerySet[RegistrationEvent]:
    start, end = f.period
    qs = RegistrationEvent.objects.filter(
        unit_id__in=scope_ids(user, f.commune),
        kind__in=kinds,
        event_date__gte=start,
        event_date__lte=end,
    )
    if f.village is not None:
        qs = qs.filter(person__residence_unit=f.village)
    return qs.select_related("person", "person__residence_unit", "unit", "from_unit", "to_unit")


def registrations_queryset(user: User, f: BookFilter) -> QuerySet[RegistrationEvent]:
    return (
        _events_base(user, f, [EventKind.FIRST_REGISTRATION])
        .prefetch_related(
            Prefetch(
                "person__family_ties",
                queryset=FamilyTie.objects.filter(relation__in=[Relation.FATHER, Relation.MOTHER]),
                to_attr="parent_ties",
            )
        )
        .order_by("event_date", "id")
    )


def transfers_queryset(user: User, f: BookFilter) -> QuerySet[RegistrationEvent]:
    return _events_base(user, f, [EventKind.TRANSFER_OUT, EventKind.TRANSFER_IN]).order_by(
        "event_date", "id"
    )


def registration_row(event: RegistrationEvent, number: int) -> Row:
    person = event.person
    person.first_registrations = [event]  # type: ignore[attr-defined]
    note = event.note
    if event.is_late:
        note = f"{_('Late')}. {note}".strip(". ")
    return person_row(person, number, note)


def transfer_columns() -> list[Column]:
    return person_line_columns(
        Column(_("Movement"), Kind.TEXT, 10),
        Column(_("Date"), Kind.DATE, 11),
        Column(_("From"), Kind.TEXT, 16),
        Column(_("To"), Kind.TEXT, 16),
        Column(_("Arrival date"), Kind.DATE, 11),
        Column(_("Registration due"), Kind.DATE, 11),
        Column(_("Note"), Kind.TEXT, 18),
    )


def transfer_row(event: RegistrationEvent, number: int) -> Row:
    person = event.person
    incoming = event.kind == EventKind.TRANSFER_IN
    note = event.note
    if event.is_late:
        note = f"{_('Late')}. {note}".strip(". ")
    return person_line(
        person,
        number,
        _("In") if incoming else _("Out"),
        event.event_date,
        event.from_unit.name if event.from_unit else "",
        event.to_unit.name if event.to_unit else "",
        event.trigger_date if incoming else None,
        event.due_date,
        note,
    )
