"""Reads behind the printed registration forms (``forms_printed``): a commune's transfers out
and reserve registrations of a year, the numbers of its transfer letters, and the citizens'
registration histories the letters quote. The callers have already found the commune or the
event in the actor's scope (``accounts.access.get_for_user``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from muster.geo.models import Unit
from muster.people.registration.models import EventKind, RegistrationEvent

_PRINTED = ("person", "person__registration_unit", "unit", "unit__parent", "from_unit",
            "from_unit__parent", "to_unit", "to_unit__parent")  # fmt: skip


def events_of_year(
    commune: Unit, kind: EventKind, year: int, *, chosen: Iterable[str] = ()
) -> list[RegistrationEvent]:
    """The commune's events of ``kind`` in ``year`` (or those whose public ids are ``chosen``,
    whatever their year), in the order they happened."""
    events = RegistrationEvent.objects.select_related(*_PRINTED).filter(unit=commune, kind=kind)
    chosen = list(chosen)
    events = events.filter(public_id__in=chosen) if chosen else events.filter(event_date__year=year)
    return list(events.order_by("event_date", "id"))


def transfer_numbers(events: Iterable[RegistrationEvent]) -> dict[int, int]:
    """The number of each transfer letter: its place among its commune's transfers out of the
    year, by date (one query per commune and year, whatever the number of letters)."""
    wanted: dict[tuple[int, int], set[int]] = defaultdict(set)
    for event in events:
        wanted[(event.unit_id, event.event_date.year)].add(event.pk)
    numbers: dict[int, int] = {}
    for (unit_id, year), ids in wanted.items():
        ordered = (
            RegistrationEvent.objects.filter(
                unit_id=unit_id, kind=EventKind.TRANSFER_OUT, event_date__year=year
            )
            .order_by("event_date", "id")
            .values_list("id", flat=True)
        )
        for n, pk in enumerate(ordered, start=1):
            if pk in ids:
                numbers[pk] = n
    return numbers


def histories(person_ids: Iterable[int]) -> dict[int, list[RegistrationEvent]]:
    """Each citizen's registrations (first and reserve), oldest first, in one query."""
    found: dict[int, list[RegistrationEvent]] = defaultdict(list)
    rows = (
        RegistrationEvent.objects.select_related("unit", "unit__parent")
        .filter(
            Q(kind=EventKind.FIRST_REGISTRATION) | Q(kind=EventKind.RESERVE_REGISTRATION),
            person_id__in=set(person_ids),
        )
        .order_by("event_date", "id")
    )
    for event in rows:
        found[event.person_id].append(event)
    return found


#: The registration events that have a printed paper of their own: the NVQS certificate, the
#: transfer letter, the reserve certificate.
PRINTED_KINDS = (
    EventKind.FIRST_REGISTRATION,
    EventKind.TRANSFER_OUT,
    EventKind.RESERVE_REGISTRATION,
)
PRINTED_RELATED = _PRINTED
