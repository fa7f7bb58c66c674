"""Unit lineage across mergers and splits (sáp nhập, chia tách), without Django.

The 2024 mergers and the 1 July 2025 reform are ``geo.UnitChange`` rows: one edge per
(predecessor, successor), effective on one date, ``partial`` when only part of the predecessor
moved (a split: Ngọc Thanh went partly to Hiệp Cường commune and partly to Sơn Nam ward).
This module answers every lineage question from those edges given as plain data, so the
scope (``geo.scope``), the registry's succession (``people.succession``) and the reports'
"last year" (``reports.selectors``) share one set of rules:

* ``ancestors``: a unit and every unit that became it, transitively (the lineage roots a
  scope covers); ``roots`` says in addition whether a root was reached only in part.
* ``descendants``: a unit and every unit it became, transitively.
* ``holding``: which of some communes holds a citizen registered at a unit that became one of
  them (whole predecessors by registration unit; a split unit's citizens by their village,
  held by the commune that received the village).
* ``holder_on``: the unit that holds a registration (unit, residence village) on a date.
* ``successor_on``: the one unit a unit became by a date through whole mergers (last year's
  commune folded into this year's).

The adapters in ``geo.selectors`` load the edges from the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: Generations of mergers followed when walking forward in time (a guard against bad data).
MAX_STEPS = 10


@dataclass(frozen=True)
class Edge:
    """One predecessor → successor link (a ``UnitChange``)."""

    predecessor: int
    successor: int
    effective: dt.date
    partial: bool = False
    #: the parents of both ends (a village's commune), for the split rule
    predecessor_parent: int | None = None
    successor_parent: int | None = None
    #: the change's id: edges are considered in this order (first recorded wins)
    id: int = 0


@dataclass(frozen=True)
class Span:
    """The dates a unit exists (``Unit.valid_from`` / ``valid_to``)."""

    valid_from: dt.date
    valid_to: dt.date | None = None

    def contains(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)


@dataclass(frozen=True)
class Holding:
    """For a set of communes: which one holds a citizen, by registration unit and village."""

    #: registration unit id → holding commune id (the commune itself and whole predecessors)
    whole: dict[int, int]
    #: residence village id → holding commune id, for citizens of a split predecessor
    villages: dict[int, int]
    #: the split predecessors (their citizens are placed by village)
    split_units: frozenset[int]

    def commune_of(self, registration_unit_id: int, residence_unit_id: int | None) -> int | None:
        """The holding commune's id, or None when none of the communes holds the citizen."""
        if registration_unit_id in self.split_units:
            if residence_unit_id is None:
                return None
            return self.villages.get(residence_unit_id)
        return self.whole.get(registration_unit_id)


class Lineage:
    """The edges of a lineage, indexed both ways. ``spans`` gives the dates of the units the
    dated questions need; a unit without a span is taken as existing."""

    def __init__(self, edges: Iterable[Edge], spans: Mapping[int, Span] | None = None) -> None:
        unique: dict[tuple[int, int], Edge] = {}
        for edge in edges:
            unique.setdefault((edge.predecessor, edge.successor), edge)
        self.edges: list[Edge] = sorted(unique.values(), key=lambda e: e.id)
        self.spans: dict[int, Span] = dict(spans or {})
        self._successors: dict[int, list[Edge]] = {}
        self._predecessors: dict[int, list[Edge]] = {}
        for edge in self.edges:
            self._successors.setdefault(edge.predecessor, []).append(edge)
            self._predecessors.setdefault(edge.successor, []).append(edge)

    def successors(self, unit_id: int) -> list[Edge]:
        return self._successors.get(unit_id, [])

    def predecessors(self, unit_id: int) -> list[Edge]:
        return self._predecessors.get(unit_id, [])

    def valid_on(self, unit_id: int, day: dt.date) -> bool:
        span = self.spans.get(unit_id)
        return span is None or span.contains(day)

    # ------------------------------------------------------------------ closures

    def ancestors(self, unit_ids: Iterable[int]) -> set[int]:
        """The units and every unit that became them, transitively (cycle-safe)."""
        return set(self.roots(unit_ids))

    def roots(self, unit_ids: Iterable[int]) -> dict[int, bool]:
        """The units and every unit that became them, transitively; the value says whether the
        units reached it only in part (a split: Ngọc Thanh into Hiệp Cường and Sơn Nam)."""
        seen: dict[int, bool] = dict.fromkeys(unit_ids, False)
        frontier = list(seen)
        while frontier:
            following: list[int] = []
            for unit_id in frontier:
                for edge in self.predecessors(unit_id):
                    part = edge.partial or seen[unit_id]
                    pred = edge.predecessor
                    if pred not in seen:
                        seen[pred] = part
                        following.append(pred)
                    elif seen[pred] and not part:
                        seen[pred] = False
            frontier = following
        return seen

    def descendants(self, unit_ids: Iterable[int]) -> set[int]:
        """The units and every unit they became, transitively (cycle-safe)."""
        seen = set(unit_ids)
        frontier = list(seen)
        while frontier:
            following: list[int] = []
            for unit_id in frontier:
                for edge in self.successors(unit_id):
                    if edge.successor not in seen:
                        seen.add(edge.successor)
                        following.append(edge.successor)
            frontier = following
        return seen

    # ------------------------------------------------------------------ who holds whom

    def split_units(self, communes: Iterable[int]) -> set[int]:
        """The units that became one of ``communes`` only in part (their villages decide)."""
        return set(self._walk_back(communes)[1])

    def _walk_back(self, communes: Iterable[int]) -> tuple[dict[int, int], dict[int, set[int]]]:
        whole: dict[int, int] = {}
        split: dict[int, set[int]] = {}
        # (unit id, holding commune id, reached through a partial link)
        frontier: list[tuple[int, int, bool]] = []
        seen: set[tuple[int, int]] = set()
        for commune in communes:
            whole.setdefault(commune, commune)
            frontier.append((commune, commune, False))
            seen.add((commune, commune))
        while frontier:
            by_successor: dict[int, list[tuple[int, bool]]] = {}
            for unit_id, root, part in frontier:
                by_successor.setdefault(unit_id, []).append((root, part))
            frontier = []
            edges = sorted(
                (e for unit_id in by_successor for e in self.predecessors(unit_id)),
                key=lambda e: e.id,
            )
            for edge in edges:
                pred = edge.predecessor
                for root, part in by_successor[edge.successor]:
                    if (pred, root) in seen:
                        continue
                    seen.add((pred, root))
                    through_part = part or edge.partial
                    if through_part:
                        split.setdefault(pred, set()).add(root)
                    else:
                        whole.setdefault(pred, root)
                    frontier.append((pred, root, through_part))
        return whole, split

    def holding(self, communes: Iterable[int]) -> Holding:
        """Which of ``communes`` holds a citizen: those registered at a commune or at any unit
        that wholly became it, transitively; for a unit that became it only in part, those
        whose residence village went to it (the village's successor lies in the commune).
        The split rule needs the edges of the split units' villages."""
        whole, split = self._walk_back(communes)
        villages: dict[int, int] = {}
        if split:
            for edge in self.edges:
                parent, successor_parent = edge.predecessor_parent, edge.successor_parent
                if parent is None or successor_parent is None or parent not in split:
                    continue
                if successor_parent in split[parent]:
                    villages.setdefault(edge.predecessor, successor_parent)
        return Holding(whole=whole, villages=villages, split_units=frozenset(split))

    def holder_on(self, registration: int, residence: int | None, day: dt.date) -> int:
        """The unit that holds a citizen registered at ``registration`` (living in the village
        ``residence``) on ``day``: the registration unit while it exists, then its successor
        by ``day`` (for a split, the one that received the village), transitively. A line
        that ends before ``day`` without a successor keeps its last unit."""
        unit_id = registration
        for _step in range(MAX_STEPS):
            if self.valid_on(unit_id, day):
                break
            options = [e for e in self.successors(unit_id) if e.effective <= day]
            if not options:
                break
            chosen = options[0]
            if len(options) > 1 and residence is not None:
                parent = self.village_commune(residence)
                chosen = next((e for e in options if e.successor == parent), chosen)
            unit_id = chosen.successor
        return unit_id

    def village_commune(self, village: int) -> int | None:
        """The commune that received ``village`` (its successor's parent; the last recorded)."""
        found: int | None = None
        for edge in self.successors(village):
            if edge.successor_parent is not None:
                found = edge.successor_parent
        return found

    def successor_on(self, unit_id: int, day: dt.date) -> int | None:
        """The one unit that ``unit_id`` became by ``day`` through whole mergers, existing on
        ``day`` (last year's commune folded into this year's); ``None`` when it still exists,
        was split or did not end."""
        current = unit_id
        for _step in range(MAX_STEPS):
            if self.valid_on(current, day):
                return None if current == unit_id else current
            nexts = [
                e.successor
                for e in self.successors(current)
                if not e.partial and self._starts_by(e.successor, day)
            ]
            if len(nexts) != 1:
                return None
            current = nexts[0]
        return None

    def _starts_by(self, unit_id: int, day: dt.date) -> bool:
        span = self.spans.get(unit_id)
        return span is None or span.valid_from <= day
