"""The database side of ``handover``: a directive's assigned units, their lineage and the
stand-ins of units that ended without a successor."""

from __future__ import annotations

import datetime as dt

from muster.directives.handover import Duties, duties
from muster.directives.models import Directive, Target, TargetKind
from muster.geo.lineage import Lineage, Span
from muster.geo.lineage_store import lineage_downstream
from muster.geo.models import Unit


def assigned_units(directive: Directive) -> dict[int, list[int]]:
    """``{target id: unit ids}`` of the hand-reported numeric targets: the share holders, or
    the lead unit of a target that is not split."""
    assigned: dict[int, list[int]] = {}
    targets = Target.objects.filter(
        task__directive=directive, kind=TargetKind.NUMERIC, source=""
    ).prefetch_related("shares")
    for target in targets:
        share_units = [s.unit_id for s in target.shares.all()]
        if share_units:
            assigned[target.pk] = share_units
        elif target.lead_unit_id is not None:
            assigned[target.pk] = [target.lead_unit_id]
    return assigned


def reporting_duties(directive: Directive) -> Duties:
    """Who owes reports on ``directive`` and for which periods (``handover`` has the rule).

    Two queries when no assigned unit ended; when some did, one more per generation of
    successors and two for the stand-ins of those without a successor."""
    assigned = assigned_units(directive)
    unit_ids = {pk for ids in assigned.values() for pk in ids}
    units = list(Unit.objects.filter(pk__in=unit_ids).only("pk", "valid_from", "valid_to"))
    year_end = dt.date(directive.year, 12, 31)
    if not any(u.valid_to is not None and u.valid_to < year_end for u in units):
        spans = {u.pk: Span(u.valid_from, u.valid_to) for u in units}
        return duties(assigned, Lineage([], spans), {})
    loaded = lineage_downstream(units, year_end)
    lineage = loaded.lineage
    orphans = {
        pk
        for pk, u in loaded.units.items()
        if u.valid_to is not None and u.valid_to < year_end and not lineage.successors(pk)
    }
    stand_ins = _stand_ins(orphans, year_end) if orphans else {}
    spans = dict(lineage.spans)
    for pk, valid_from, valid_to in (
        Unit.objects.filter(pk__in=set(stand_ins.values()) - set(spans))
        .values_list("pk", "valid_from", "valid_to")
        .iterator()
    ):
        spans[pk] = Span(valid_from, valid_to)
    return duties(assigned, Lineage(lineage.edges, spans), stand_ins)


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
