"""The registry's figures for other pages (registered in ``PeopleConfig``): a directive's live
targets and the unit pages."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db.models import Count

from muster.people.models import Person, Sex
from muster.people.registration.models import EventKind, RegistrationEvent


def men_turning_17(unit_ids: frozenset[int], year: int) -> Decimal | None:
    """Men of the registry who turn 17 in ``year`` (the cohort of the first registration)."""
    count = (
        Person.objects.in_units(unit_ids)
        .filter(sex=Sex.MALE, date_of_birth__year=year - 17)
        .count()
    )
    return Decimal(count)


def registered_per_unit(unit_ids: list[int]) -> Mapping[int, int]:
    """Citizens registered at each of ``unit_ids`` (one grouped query)."""
    return dict(
        Person.objects.filter(registration_unit_id__in=unit_ids)
        .values_list("registration_unit_id")
        .annotate(n=Count("id"))
    )


def men_first_registered(unit_ids: frozenset[int], year: int) -> Decimal | None:
    """Men registered for military service for the first time in ``year`` at one of
    ``unit_ids`` (their first-registration events): what a registration target achieves, where
    ``men_turning_17`` is only the cohort it aims at."""
    count = (
        RegistrationEvent.objects.filter(
            kind=EventKind.FIRST_REGISTRATION,
            event_date__year=year,
            unit_id__in=unit_ids,
            person__sex=Sex.MALE,
        )
        .values("person_id")
        .distinct()
        .count()
    )
    return Decimal(count)
