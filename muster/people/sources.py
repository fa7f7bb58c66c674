"""The registry's figures for other pages (registered in ``PeopleConfig``): a directive's live
targets and the unit pages."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db.models import Count

from muster.people.models import Person, Sex


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
