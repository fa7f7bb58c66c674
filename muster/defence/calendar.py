"""The defence steps' live status on the year calendar (``CalendarSource``s registered in
``DefenceConfig``; the steps themselves are ``muster.law.defence.cycles.year_steps``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from muster.defence.models import Drill, Plan, PlanUpdate
from muster.law.callup.year import WARN_DAYS, Status
from muster.law.defence.cycles import PlanKind


def work_plan_done(step: Any, commune_ids: Sequence[int]) -> dict[int, dt.date]:
    """``{commune id: approval day}`` of the communes whose defence work plan of the step's
    year is approved."""
    rows = Plan.objects.filter(
        unit_id__in=commune_ids,
        kind=PlanKind.WORK_PLAN,
        first_year=step.due.year,
        approved_on__isnull=False,
    ).values_list("unit_id", "approved_on")
    return {unit_id: day for unit_id, day in rows if day is not None}


def civil_plan_done(step: Any, commune_ids: Sequence[int]) -> dict[int, dt.date]:
    """``{commune id: day}``: the civil defence plan was adjusted in the step's year, or a new
    plan starting that year was approved."""
    year = step.due.year
    found: dict[int, dt.date] = {}
    for unit_id, day in PlanUpdate.objects.filter(
        plan__unit_id__in=commune_ids, plan__kind=PlanKind.CIVIL_DEFENCE, year=year
    ).values_list("plan__unit_id", "approved_on"):
        found[unit_id] = min(day, found.get(unit_id, day))
    for unit_id, approved in Plan.objects.filter(
        unit_id__in=commune_ids,
        kind=PlanKind.CIVIL_DEFENCE,
        first_year=year,
        approved_on__isnull=False,
    ).values_list("unit_id", "approved_on"):
        if approved is not None:
            found[unit_id] = min(approved, found.get(unit_id, approved))
    return found


def drills_status(step: Any, commune_ids: Sequence[int], today: dt.date) -> dict[int, str]:
    """``late`` for a commune with a drill of the year planned before ``today`` and not held;
    ``due`` for one with a drill planned within the next days; the others have nothing open."""
    year = step.due.year
    result: dict[int, str] = {}
    for unit_id, planned in Drill.objects.filter(
        unit_id__in=commune_ids, planned_on__year=year, held_on__isnull=True
    ).values_list("unit_id", "planned_on"):
        if planned < today:
            result[unit_id] = Status.LATE
        elif planned <= today + dt.timedelta(days=WARN_DAYS):
            result.setdefault(unit_id, Status.DUE)
    return result
