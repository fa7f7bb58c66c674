"""Who owes a directive's reports when a unit ends (giải thể, sáp nhập), without Django.

A target is assigned to units (its shares' communes, or its lead unit). The unit hierarchy is
dated: on 1 July 2025 Kim Động district and its communes ended (``valid_to`` 30/06/2025) and
their work passed to the merged communes and the regional command. The rule:

* **A unit owes the periods it existed in.** No period that starts after its ``valid_to`` is
  expected of it, nor one that ends before its ``valid_from``; a period straddling either day
  is still expected (the unit existed for part of it).
* **Its successors take over the rest.** Every unit it became through the lineage
  (``geo.UnitChange``, whole or partial) owes the remaining periods for the targets the ended
  unit was assigned, from the day after the end, unless it has its own assignment for that
  target (it owes them already). A successor that ends in turn hands on the same way.
* **A unit without a successor** (a district abolished, its communes merged under another
  parent) hands over to its *stand-in*: the unit that took its place in the hierarchy, which
  the loader (``handover_store``) finds as the one parent of the units its children became —
  the addressee a review of those children goes to (``docs/reports.md``, Limits).
* **Nobody to take over**: the periods after the end are not expected of anyone, and the board
  says "unit dissolved on dd/mm/yyyy" instead of "missing" (``Duties.dissolved``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from muster.directives.periods import Period
from muster.geo.lineage import MAX_STEPS, Lineage

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Duty:
    """A unit's duty to report on one target between two days (``None``: open)."""

    unit_id: int
    start: dt.date | None = None
    end: dt.date | None = None
    #: the assigned unit whose remaining periods this unit took over (None: its own target)
    took_over_from: int | None = None

    def expects(self, period: Period) -> bool:
        """Whether the period is owed: it overlaps the days the duty runs."""
        if self.end is not None and period.start > self.end:
            return False
        return self.start is None or period.end >= self.start


@dataclass
class Duties:
    """The duties of a directive's reported targets, and the units that ended with nobody to
    take over (unit id → last day)."""

    by_target: dict[int, list[Duty]] = field(default_factory=dict)
    dissolved: dict[int, dt.date] = field(default_factory=dict)

    def unit_ids(self) -> set[int]:
        return {d.unit_id for duties in self.by_target.values() for d in duties}

    def of_unit(self, unit_id: int) -> dict[int, Duty]:
        """``{target id: duty}`` of one unit."""
        return {
            target_id: duty
            for target_id, duties in self.by_target.items()
            for duty in duties
            if duty.unit_id == unit_id
        }

    def expects(self, unit_id: int, period: Period) -> bool:
        """Whether ``unit_id`` owes a report for ``period`` (on any target)."""
        return any(d.expects(period) for d in self.of_unit(unit_id).values())

    def targets_of(self, unit_id: int, period: Period | None = None) -> set[int]:
        """The targets ``unit_id`` reports on (in ``period``, when given)."""
        return {
            target_id
            for target_id, duty in self.of_unit(unit_id).items()
            if period is None or duty.expects(period)
        }


def duties(
    assigned: Mapping[int, Iterable[int]], lineage: Lineage, stand_ins: Mapping[int, int]
) -> Duties:
    """The duties for ``assigned`` (``{target id: assigned unit ids}``), handed over through
    ``lineage`` (with the units' spans) and ``stand_ins`` (``{ended unit id: the unit that took
    its place}``, for units without a successor). See the module docstring for the rule."""
    result = Duties()
    for target_id, unit_ids in assigned.items():
        own = set(unit_ids)
        found: dict[int, Duty] = {}
        for unit_id in sorted(own):
            span = lineage.spans.get(unit_id)
            found[unit_id] = Duty(
                unit_id,
                start=span.valid_from if span else None,
                end=span.valid_to if span else None,
            )
        for unit_id in sorted(own):
            _hand_over(unit_id, own, lineage, stand_ins, found, result.dissolved)
        result.by_target[target_id] = sorted(found.values(), key=lambda d: d.unit_id)
    return result


def _hand_over(
    assigned: int,
    own: set[int],
    lineage: Lineage,
    stand_ins: Mapping[int, int],
    found: dict[int, Duty],
    dissolved: dict[int, dt.date],
) -> None:
    """Walk forward from an assigned unit that ended, adding its takers' duties to ``found``."""
    end = found[assigned].end
    frontier = [(assigned, end)] if end is not None else []
    seen = {assigned}
    for _step in range(MAX_STEPS):
        following: list[tuple[int, dt.date]] = []
        for unit_id, ended in frontier:
            takers = [e.successor for e in lineage.successors(unit_id)]
            if not takers and unit_id in stand_ins:
                takers = [stand_ins[unit_id]]
            if not takers:
                dissolved[unit_id] = ended
            for taker in takers:
                if taker in seen or taker in own:
                    continue  # its own assignment already covers it
                seen.add(taker)
                span = lineage.spans.get(taker)
                start = ended + ONE_DAY
                if span is not None and span.valid_from > start:
                    start = span.valid_from
                duty = Duty(
                    taker,
                    start=start,
                    end=span.valid_to if span else None,
                    took_over_from=assigned,
                )
                known = found.get(taker)
                if known is None or (known.start or dt.date.min) > start:
                    found[taker] = duty
                if duty.end is not None:
                    following.append((taker, duty.end))
        frontier = following
        if not frontier:
            return
