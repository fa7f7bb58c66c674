"""The registry's live figures for a directive's targets (registered in ``PeopleConfig``)."""

from __future__ import annotations

from decimal import Decimal

from muster.people.models import Person, Sex


def men_turning_17(unit_ids: frozenset[int], year: int) -> Decimal | None:
    """Men of the registry who turn 17 in ``year`` (the cohort of the first registration)."""
    count = (
        Person.objects.in_units(unit_ids)
        .filter(sex=Sex.MALE, date_of_birth__year=year - 17)
        .count()
    )
    return Decimal(count)
