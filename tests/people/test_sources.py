"""The registry's live figure for a directive's registration target (issue 15, item 13): men
registered for military service for the first time in the year, not men turning 17."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from muster.directives.sources import read_source, read_source_each
from muster.geo.models import Unit
from muster.people.models import Sex
from muster.people.registration.services.events import register_first
from tests.core.factories import make_person


def _area(unit: Unit) -> frozenset[int]:
    return frozenset(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))


def test_first_registrations_of_men_in_the_year(units, personas, django_assert_num_queries):
    clerk = personas["commune_clerk"]
    registered = make_person(units["DHOP"], date_of_birth=dt.date(2008, 3, 1))
    make_person(units["DHOP"], date_of_birth=dt.date(2008, 9, 9))  # turns 17, not registered
    late = make_person(units["DHOP"], date_of_birth=dt.date(2007, 1, 5))  # a year late
    earlier = make_person(units["DHOP"], date_of_birth=dt.date(2007, 2, 2))
    make_person(units["DT"], sex=Sex.MALE, date_of_birth=dt.date(2008, 5, 5))  # other commune
    for number, (person, day) in enumerate(
        (
            (registered, dt.date(2025, 4, 10)),
            (late, dt.date(2025, 4, 11)),
            (earlier, dt.date(2024, 4, 12)),  # registered in 2024: not this year's
        )
    ):
        register_first(
            actor=clerk, person=person, event_date=day, certificate_number=f"DH-{number}"
        )
    figure = read_source("registry.first_registered", _area(units["DHOP"]), 2025)
    assert figure == Decimal(2)
    assert read_source("registry.men_turning_17", _area(units["DHOP"]), 2025) == Decimal(2)
    assert read_source("registry.first_registered", _area(units["DT"]), 2025) == Decimal(0)
    # The directive board reads every share at once: one query a source, the same figures.
    areas = [_area(units[code]) for code in ("DHOP", "DT", "KD")]
    for name, expected in (
        ("registry.first_registered", [2, 0, 2]),
        ("registry.men_turning_17", [2, 1, 3]),
    ):
        with django_assert_num_queries(1):
            assert read_source_each(name, areas, 2025) == [Decimal(n) for n in expected]
