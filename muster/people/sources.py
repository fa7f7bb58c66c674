"""The registry's figures for other pages (registered in ``PeopleConfig``): a directive's live
targets and the unit pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.db.models import Count

from muster.people.models import Person, Sex
from muster.people.registration.models import EventKind, RegistrationEvent


def men_turning_17_each(unit_sets: Sequence[frozenset[int]], year: int) -> list[Decimal | None]:
    """Men of the registry who turn 17 in ``year`` (the cohort of the first registration), in
    each set of units (one grouped query)."""
    every = frozenset().union(*unit_sets)
    per_unit = dict(
        Person.objects.in_units(every)
        .filter(sex=Sex.MALE, date_of_birth__year=year - 17)
        .values_list("registration_unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [Decimal(sum(per_unit.get(unit, 0) for unit in units)) for units in unit_sets]


def men_turning_17(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return men_turning_17_each([unit_ids], year)[0]


def registered_per_unit(unit_ids: list[int]) -> Mapping[int, int]:
    """Citizens registered at each of ``unit_ids`` (one grouped query)."""
    return dict(
        Person.objects.filter(registration_unit_id__in=unit_ids)
        .values_list("registration_unit_id")
        .annotate(n=Count("id"))
    )


def men_first_registered_each(
    unit_sets: Sequence[frozenset[int]], year: int
) -> list[Decimal | None]:
    """Men registered for military service for the first time in ``year`` at one of the units
    of each set (their first-registration events, a man counted once): what a registration
    target achieves, where ``men_turning_17`` is only the cohort it aims at."""
    every = frozenset().union(*unit_sets)
    pairs = set(
        RegistrationEvent.objects.filter(
            kind=EventKind.FIRST_REGISTRATION,
            event_date__year=year,
            unit_id__in=every,
            person__sex=Sex.MALE,
        ).values_list("unit_id", "person_id")
    )
    return [
        Decimal(len({person for unit, person in pairs if unit in units})) for units in unit_sets
    ]


def men_first_registered(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return men_first_registered_each([unit_ids], year)[0]
