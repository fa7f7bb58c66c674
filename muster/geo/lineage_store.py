"""The database side of the unit lineage: ``UnitChange`` rows as plain edges for the pure
``geo.lineage``: ``lineage_all`` in one query (the reports), ``lineage_upstream`` walking back
from some units one query per generation of predecessors (a scope, the registry's holding
communes), ``lineage_downstream`` forward."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from muster.geo.lineage import Edge, Lineage, Span
from muster.geo.models import Unit, UnitChange

if TYPE_CHECKING:
    from django.db.models import QuerySet


@dataclass(frozen=True)
class UnitLineage:
    """A pure ``Lineage`` and the units its edges name (loaded with them)."""

    lineage: Lineage
    units: dict[int, Unit]


def _edges(changes: QuerySet[UnitChange], units: dict[int, Unit]) -> list[Edge]:
    """The changes as edges (``changes`` selects both ends); ``units`` collects the ends."""
    edges = []
    for change in changes:
        units.setdefault(change.predecessor_id, change.predecessor)
        units.setdefault(change.successor_id, change.successor)
        edges.append(
            Edge(
                predecessor=change.predecessor_id,
                successor=change.successor_id,
                effective=change.effective_date,
                partial=change.partial,
                predecessor_parent=change.predecessor.parent_id,
                successor_parent=change.successor.parent_id,
                id=change.pk,
            )
        )
    return edges


def _lineage(edges: Iterable[Edge], units: dict[int, Unit]) -> UnitLineage:
    spans = {pk: Span(u.valid_from, u.valid_to) for pk, u in units.items()}
    return UnitLineage(lineage=Lineage(edges, spans), units=units)


def _changes() -> QuerySet[UnitChange]:
    return UnitChange.objects.select_related("predecessor", "successor").order_by("id")


def lineage_all() -> UnitLineage:
    """Every ``UnitChange`` (one query)."""
    units: dict[int, Unit] = {}
    return _lineage(_edges(_changes(), units), units)


def lineage_upstream(units: Iterable[Unit], *, villages_of_splits: bool = False) -> UnitLineage:
    """The changes leading to ``units``, transitively: one query per generation of
    predecessors; with ``villages_of_splits``, one more for the changes of the villages of
    the units that became one of ``units`` only in part (the split rule of ``holding``)."""
    known: dict[int, Unit] = {u.pk: u for u in units}
    edges: list[Edge] = []
    frontier = set(known)
    walked: set[int] = set()
    while frontier:
        walked |= frontier
        found = _edges(_changes().filter(successor_id__in=frontier), known)
        edges.extend(found)
        frontier = {e.predecessor for e in found} - walked
    if villages_of_splits:
        split = Lineage(edges).split_units(u.pk for u in units)
        if split:
            edges.extend(_edges(_changes().filter(predecessor__parent_id__in=split), known))
    return _lineage(edges, known)


def lineage_downstream(
    units: Iterable[Unit], day: dt.date, *, villages: Iterable[int] = ()
) -> UnitLineage:
    """The changes effective by ``day`` that the units not existing on ``day`` went through,
    transitively (one query per generation of successors); when one of them was split, one
    more query for the changes of the residence ``villages`` (which successor got each)."""
    known: dict[int, Unit] = {u.pk: u for u in units}
    edges: list[Edge] = []
    frontier = {pk for pk, u in known.items() if not u.is_valid_on(day)}
    walked: set[int] = set()
    while frontier:
        walked |= frontier
        found = _edges(
            _changes().filter(predecessor_id__in=frontier, effective_date__lte=day), known
        )
        edges.extend(found)
        frontier = {e.successor for e in found if not known[e.successor].is_valid_on(day)} - walked
    wanted = set(villages)
    if wanted and len({(e.predecessor) for e in edges}) < len(edges):
        edges.extend(_edges(_changes().filter(predecessor_id__in=wanted), known))
    return _lineage(edges, known)


def lineage_roots(unit: Unit) -> list[Unit]:
    """``unit`` and every unit that became it, transitively (its predecessors' lines).

    A commune formed by a merger answers for the records of the communes it absorbed, so a
    scope rooted at the new commune also covers their subtrees.
    """
    loaded = lineage_upstream([unit])
    return [loaded.units[pk] for pk in loaded.lineage.roots([unit.pk])]
