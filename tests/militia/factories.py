"""Militia records for tests, written straight to the models (the services that create them
are tested on their own)."""

from __future__ import annotations

import datetime as dt

from muster.geo.models import Unit
from muster.militia.models import Membership, MilitiaUnit
from muster.people.models import Person


def make_militia_unit(
    holder: Unit,
    *,
    name: str = "Trung đội cơ động",
    component: str = "mobile",
    level: str = "platoon",
    establishment: int = 31,
    established_on: dt.date = dt.date(2020, 1, 1),
    village: Unit | None = None,
) -> MilitiaUnit:
    return MilitiaUnit.objects.create(
        holder=holder,
        name=name,
        component=component,
        level=level,
        establishment=establishment,
        established_on=established_on,
        village=village,
    )


def make_member(
    person: Person,
    *,
    holder: Unit | None = None,
    unit: MilitiaUnit | None = None,
    component: str = "mobile",
    joined_on: dt.date = dt.date(2024, 3, 1),
    years: int = 4,
) -> Membership:
    return Membership.objects.create(
        person=person,
        holder=holder if holder is not None else person.registration_unit,
        unit=unit,
        component=component,
        joined_on=joined_on,
        term_ends_on=joined_on.replace(year=joined_on.year + years),
    )
