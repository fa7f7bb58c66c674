"""Live data sources a target can be bound to: the named readers the apps register
(``muster.core.registry``).

A bound target's achieved value is read from another module each time the board is drawn, so
its progress updates itself and the board shows where the number comes from. A source answers
``None`` ("no data yet") when its module does not hold the figure (yet).

Each reader takes the units to count in (a commune's subtree, or the whole directive area) and
the year of the directive.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from muster.core.registry import DataSource, registry


def sources() -> dict[str, DataSource]:
    return dict(registry.sources)


def read_source(name: str, unit_ids: frozenset[int], year: int) -> Decimal | None:
    source = registry.sources.get(name)
    if source is None:
        return None
    return source.read(unit_ids, year)


def read_source_each(
    name: str, unit_sets: Sequence[frozenset[int]], year: int
) -> list[Decimal | None]:
    """``read_source`` over each of ``unit_sets``, in a few queries when the source batches."""
    source = registry.sources.get(name)
    if source is None:
        return [None] * len(unit_sets)
    return source.read_each(unit_sets, year)
