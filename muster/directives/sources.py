"""Live data sources a target can be bound to: a small registry of named readers.

A bound target's achieved value is read from another module each time the board is drawn, so
its progress updates itself and the board shows where the number comes from. A source answers
``None`` ("no data yet") when its module does not hold the figure (yet).

Each reader takes the units to count in (a commune's subtree, or the whole directive area) and
the year of the directive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from muster.people.models import Person, Sex

Reader = Callable[[frozenset[int], int], Decimal | None]


@dataclass(frozen=True)
class Source:
    name: str
    label: str | Promise
    module: str | Promise
    read: Reader


def _men_turning_17(unit_ids: frozenset[int], year: int) -> Decimal | None:
    """Men of the registry who turn 17 in ``year`` (the cohort of the first registration)."""
    count = (
        Person.objects.in_units(unit_ids)
        .filter(sex=Sex.MALE, date_of_birth__year=year - 17)
        .count()
    )
    return Decimal(count)


def _no_data_yet(unit_ids: frozenset[int], year: int) -> Decimal | None:
    """The call-up module is not built yet: no figure."""
    return None


SOURCES: dict[str, Source] = {
    source.name: source
    for source in (
        Source(
            "registry.men_turning_17",
            _("Men turning 17 in the year, in the citizen registry"),
            _("Citizen registry"),
            _men_turning_17,
        ),
        Source(
            "callup.quota_met_pct",
            _("Call-up quota met (%)"),
            _("Call-up"),
            _no_data_yet,
        ),
        Source(
            "callup.replacements",
            _("Replacements after handover"),
            _("Call-up"),
            _no_data_yet,
        ),
    )
}


def read_source(name: str, unit_ids: frozenset[int], year: int) -> Decimal | None:
    source = SOURCES.get(name)
    if source is None:
        return None
    return source.read(unit_ids, year)
