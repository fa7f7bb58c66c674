"""The database side of ``handover``: a directive's assigned units, their lineage and the
stand-ins of units that ended without a successor."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.db.models import Prefetch

from muster.directives.handover import Duties, duties
from muster.directives.models import Directive, Target, TargetKind, TargetShare
from muster.geo.lineage import Lineage, Span
from muster.geo.lineage_store import lineage_downstream
from muster.geo.models import Unit


class Reporting(NamedTuple):
    """A directive's duties and every unit they name, loaded with them."""

    duties: Duties
    units: dict[int, Unit]


def _assigned(directive: Directive) -> tuple[dict[int, list[int]], dict[int, Unit]]:
    """``{target id: unit ids}`` of the hand-reported numeric targets (the share holders, or
    the lead unit of a target that is not split) and those units."""
    assigned: dict[int, list[int]] = {}
    units: dict[int, Unit] = {}
    targets = (
        Target.objects.filter(task__directive=directive, kind=TargetKind.NUMERIC, source="")
        .select_related("lead_unit")
        .prefetch_related(Prefetch("shares", queryset=TargetShare.objects.select_related("unit")))
    )
    for target in targets:
        shares = list(target.shares.all())
        if shares:
            assigned[target.pk] = [s.unit_id for s in shares]
            units.update((s.unit_id, s.unit) for s in shares)
        elif target.lead_unit is not None:
            assigned[target.pk] = [target.lead_unit.pk]
            units[target.lead_unit.pk] = target.lead_unit
    return assigned, units


def reporting(directive: Directive) -> Reporting:
    """Who owes reports on ``directive`` and for which periods (``handover`` has the rule).

    Two queries when no assigned unit ended; when some did, one more per generation of
    successors, and two or three for the stand-ins of those without a successor."""
    assigned, units = _assigned(directive)
    year_end = dt.date(directive.year, 12, 31)
    if not any(u.valid_to is not None and u.valid_to < year_end for u in units.values()):
        spans = {pk: Span(u.valid_from, u.valid_to) for pk, u in units.items()}
        return Reporting(duties(assigned, Lineage([], spans), {}), units)
    loaded = lineage_downstream(units.values(), year_end)
    lineage = loaded.lineage
    units = dict(loaded.units)
    orphans = {
        pk
        for pk, u in units.items()
        if u.valid_to is not None and u.valid_to < year_end and not lineage.successors(pk)
    }
    stand_ins = _stand_ins(orphans, year_end) if orphans else {}
    missing = set(stand_ins.values()) - set(units)
    if missing:
        units.update((u.pk, u) for u in Unit.objects.filter(pk__in=missing))
    spans = {pk: Span(u.valid_from, u.valid_to) for pk, u in units.items()}
    return Reporting(duties(assigned, Lineage(lineage.edges, spans), stand_ins), units)


def reporting_duties(directive: Directive) -> Duties:
    return reporting(directive).duties


def _stand_ins(orphans: set[int], day: dt.date) -> dict[int, int]:
    """``{ended unit: the unit that took its place}``: the one parent, other than the unit, of
    the units its children became (Kim Động district → the regional command over the merged
    communes). None when the children went to several parents or to none."""
    children = list(Unit.objects.filter(parent_id__in=orphans))
    if not children:
        return {}
    loaded = lineage_downstream(children, day)
    parents: dict[int, set[int]] = {}
    for child in children:
        for edge in loaded.lineage.successors(child.pk):
            successor = loaded.units[edge.successor]
            if successor.parent_id is not None and successor.parent_id != child.parent_id:
                parents.setdefault(child.parent_id or 0, set()).add(successor.parent_id)
    return {unit: next(iter(found)) for unit, found in parents.items() if len(found) == 1}
