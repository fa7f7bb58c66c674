"""Which commune holds a citizen's registration after his commune was merged or split.

The registry keeps ``Person.registration_unit`` where the citizen registered. When that unit
ceases to exist, its records pass to its successor (``geo.UnitChange``), the same lineage that
``geo.selectors.visible_unit_ids`` follows for scope: the new Đức Hợp commune (from 1 July 2025)
answers for the citizens registered at Phú Thọ, Mai Động and the old Đức Hợp. So a commune
**holds** the citizens registered at it and at every unit that became it, transitively.

When only part of a unit went to a commune (a split, ``UnitChange.partial``: Ngọc Thanh went
partly to Hiệp Cường commune and partly to Sơn Nam ward on 1 July 2025), the citizen follows his
residence village (thôn): he is held by the commune that received his village, i.e. the parent
of the village's successor. A citizen of a split unit without a residence village is held by no
successor (the page counting him cannot tell which one).

Nothing is moved in the registry: the 2025 campaign keeps finding its citizens under the units
of 2025, and the 2027 campaign finds the same citizens under the 2025 successors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from muster.geo.models import Unit, UnitChange


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
    whole: dict[int, int] = {}
    split: dict[int, set[int]] = {}
    # (unit id, holding commune id, reached through a partial link)
    frontier: list[tuple[int, int, bool]] = []
    seen: set[tuple[int, int]] = set()
    for commune in communes:
        whole.setdefault(commune.pk, commune.pk)
        frontier.append((commune.pk, commune.pk, False))
        seen.add((commune.pk, commune.pk))
    while frontier:
        by_successor: dict[int, list[tuple[int, bool]]] = {}
        for unit_id, root, part in frontier:
            by_successor.setdefault(unit_id, []).append((root, part))
        frontier = []
        changes = UnitChange.objects.filter(successor_id__in=list(by_successor)).order_by("id")
        for change in changes:
            pred = change.predecessor_id
            for root, part in by_successor[change.successor_id]:
                if (pred, root) in seen:
                    continue
                seen.add((pred, root))
                through_part = part or change.partial
                if through_part:
                    split.setdefault(pred, set()).add(root)
                else:
                    whole.setdefault(pred, root)
                frontier.append((pred, root, through_part))
    villages: dict[int, int] = {}
    if split:
        village_changes = (
            UnitChange.objects.filter(predecessor__parent_id__in=list(split))
            .select_related("predecessor", "successor")
            .order_by("id")
        )
        for change in village_changes:
            parent_id = change.predecessor.parent_id
            successor_parent = change.successor.parent_id
            if parent_id is None or successor_parent is None:
                continue
            if successor_parent in split[parent_id]:
                villages.setdefault(change.predecessor_id, successor_parent)
    return Holding(whole=whole, villages=villages, split_units=frozenset(split))


def communes_on(
    pairs: Iterable[tuple[int, int | None]], day: dt.date
) -> dict[tuple[int, int | None], Unit]:
    """The commune-level unit that holds each (registration unit, residence village) on
    ``day``: the registration unit while it exists, then its successor (for a split, the one
    that received the village), transitively. A pair whose line ends before ``day`` without a
    successor keeps its last unit."""
    wanted = set(pairs)
    units: dict[int, Unit] = {
        u.pk: u for u in Unit.objects.filter(pk__in={reg for reg, _res in wanted})
    }
    successors: dict[int, list[UnitChange]] = {}
    frontier = {pk for pk, unit in units.items() if not unit.is_valid_on(day)}
    while frontier:
        changes = list(
            UnitChange.objects.filter(predecessor_id__in=frontier, effective_date__lte=day)
            .select_related("successor")
            .order_by("id")
        )
        frontier = set()
        for change in changes:
            successors.setdefault(change.predecessor_id, []).append(change)
            units.setdefault(change.successor_id, change.successor)
            if not change.successor.is_valid_on(day) and change.successor_id not in successors:
                frontier.add(change.successor_id)
    village_parent: dict[int, int] = {}
    residences = {res for _reg, res in wanted if res is not None}
    if any(len(v) > 1 for v in successors.values()) and residences:
        village_parent = {
            change.predecessor_id: change.successor.parent_id
            for change in UnitChange.objects.filter(predecessor_id__in=residences)
            .select_related("successor")
            .order_by("id")
            if change.successor.parent_id is not None
        }
    result: dict[tuple[int, int | None], Unit] = {}
    for reg, res in wanted:
        unit_id = reg
        for _step in range(8):  # a few generations of mergers at most
            unit = units[unit_id]
            if unit.is_valid_on(day) or unit_id not in successors:
                break
            options = successors[unit_id]
            chosen = options[0]
            if len(options) > 1 and res is not None:
                parent = village_parent.get(res)
                chosen = next((c for c in options if c.successor_id == parent), chosen)
            unit_id = chosen.successor_id
        result[(reg, res)] = units[unit_id]
    return result
