"""Which commune holds a citizen's registration after his commune was merged or split.

The registry keeps ``Person.registration_unit`` where the citizen registered. When that unit
ceases to exist, its records pass to its successor (``geo.UnitChange``), the same lineage that
``geo.scope.Scope`` follows: the new Đức Hợp commune (from 1 July 2025)
answers for the citizens registered at Phú Thọ, Mai Động and the old Đức Hợp. So a commune
**holds** the citizens registered at it and at every unit that became it, transitively.

When only part of a unit went to a commune (a split, ``UnitChange.partial``: Ngọc Thanh went
partly to Hiệp Cường commune and partly to Sơn Nam ward on 1 July 2025), the citizen follows his
residence village (thôn): he is held by the commune that received his village, i.e. the parent
of the village's successor. A citizen of a split unit without a residence village is held by no
successor (the page counting him cannot tell which one).

The rules live in the pure ``geo.lineage``; this module loads the edges they need.

Nothing is moved in the registry: the 2025 campaign keeps finding its citizens under the units
of 2025, and the 2027 campaign finds the same citizens under the 2025 successors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from muster.geo import lineage
from muster.geo.lineage_store import lineage_downstream, lineage_upstream
from muster.geo.models import Unit


@dataclass(frozen=True)
class Holding(lineage.Holding):
    """For a set of communes: which one holds a citizen, by registration unit and village."""

    @classmethod
    def of(cls, found: lineage.Holding) -> Holding:
        return cls(whole=found.whole, villages=found.villages, split_units=found.split_units)

    def q(self, prefix: str = "") -> Q:
        """A filter on ``Person`` (or on a model reaching it through ``prefix``, e.g.
        ``"person__"``) selecting every citizen one of the communes holds."""
        condition = Q(**{f"{prefix}registration_unit_id__in": list(self.whole)})
        if self.split_units:
            condition |= Q(
                **{
                    f"{prefix}registration_unit_id__in": list(self.split_units),
                    f"{prefix}residence_unit_id__in": list(self.villages),
                }
            )
        return condition


def holding(communes: Iterable[Unit]) -> Holding:
    """Walk the communes' predecessors (``UnitChange``), all communes at once, one query per
    generation of predecessors (plus one for the villages of split units)."""
    communes = list(communes)
    loaded = lineage_upstream(communes, villages_of_splits=True)
    return Holding.of(loaded.lineage.holding(c.pk for c in communes))


def populations_held(communes: Iterable[Unit]) -> tuple[dict[int, int | None], bool]:
    """Each commune's population: its own figure, else the sum of the units that wholly
    became it (transitively, each taking its own figure first); None when nothing is known.
    A unit that became it only in part (a split) adds nothing: its people cannot be divided
    by the figure alone. The flag says whether a figure used is synthetic (the demo's)."""
    communes = list(communes)
    loaded = lineage_upstream(communes)
    units, lin = loaded.units, loaded.lineage

    synthetic = False

    def of(unit_id: int, depth: int) -> int | None:
        nonlocal synthetic
        own = units[unit_id].population
        if own is not None:
            synthetic = synthetic or units[unit_id].population_synthetic
            return own
        if depth >= lineage.MAX_STEPS:
            return None
        parts = [of(e.predecessor, depth + 1) for e in lin.predecessors(unit_id) if not e.partial]
        known = [p for p in parts if p is not None]
        return sum(known) if known else None

    figures = {c.pk: of(c.pk, 0) for c in communes}
    return figures, synthetic


def communes_on(
    pairs: Iterable[tuple[int, int | None]], day: dt.date
) -> dict[tuple[int, int | None], Unit]:
    """The commune-level unit that holds each (registration unit, residence village) on
    ``day``: the registration unit while it exists, then its successor (for a split, the one
    that received the village), transitively. A pair whose line ends before ``day`` without a
    successor keeps its last unit."""
    wanted = set(pairs)
    registered = Unit.objects.filter(pk__in={reg for reg, _res in wanted})
    loaded = lineage_downstream(
        registered, day, villages={res for _reg, res in wanted if res is not None}
    )
    return {
        (reg, res): loaded.units[loaded.lineage.holder_on(reg, res, day)] for reg, res in wanted
    }
