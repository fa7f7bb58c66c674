"""Every change to defence works, milestones, evidence, plans and drills: keyword-only
functions with an actor, checked by ``perms``, validated, written in one transaction with
their audit event."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.defence import perms
from muster.defence.models import (
    AreaUnit,
    DefenceWork,
    Drill,
    Milestone,
    MilestoneEvidence,
    Plan,
    PlanUpdate,
    WorkStatus,
)
from muster.directives.services.evidence import evidence_file
from muster.geo.models import Unit
from muster.law.defence import cycles, works

if TYPE_CHECKING:
    from muster.accounts.models import User


def _recorder(actor: User, unit: Unit | int) -> None:
    require(perms.can_record_defence(actor))
    require_actor_area(actor, unit)


def work_create(
    *,
    actor: User,
    unit: Unit,
    kind: str,
    name: str,
    location: str = "",
    area: Decimal | None = None,
    area_unit: str = AreaUnit.HECTARE,
    budget_planned: Decimal = Decimal(0),
    planned: dict[str, dt.date] | None = None,
) -> DefenceWork:
    """Create a work with one milestone per legal step of its kind (``planned``: step → day)."""
    _recorder(actor, unit)
    if kind not in works.WorkKind.__members__.values():
        raise ValidationError({"kind": [_("Choose a kind of work.")]})
    if not name.strip():
        raise ValidationError({"name": [_("Enter the name of the work.")]})
    if area is not None and area <= 0:
        raise ValidationError({"area": [_("The area must be more than zero.")]})
    if area_unit not in AreaUnit.values:
        raise ValidationError({"area_unit": [_("Choose ha or m².")]})
    if budget_planned < 0:
        raise ValidationError({"budget_planned": [_("The budget cannot be negative.")]})
    with transaction.atomic():
        work = DefenceWork.objects.create(
            unit=unit,
            kind=kind,
            name=name.strip(),
            location=location.strip(),
            area=area,
            area_unit=area_unit,
            budget_planned=budget_planned,
        )
        for order, step in enumerate(works.steps_of(kind), 1):
            Milestone.objects.create(
                work=work, step=step, order=order, planned_on=(planned or {}).get(step)
            )
        record_event(
            actor=actor,
            action="defence.work_create",
            obj=work,
            scope_unit=unit,
            changes={"kind": kind, "name": work.name, "area": str(area or ""), "unit": area_unit},
        )
    return work


def work_update(
    *, actor: User, work: DefenceWork, budget_spent: Decimal, status: str
) -> DefenceWork:
    """Record the budget spent so far and the work's status."""
    _recorder(actor, work.unit_id)
    if budget_spent < 0:
        raise ValidationError({"budget_spent": [_("The budget cannot be negative.")]})
    if status not in WorkStatus.values:
        raise ValidationError({"status": [_("Choose a status.")]})
    with transaction.atomic():
        locked = DefenceWork.objects.select_for_update().get(pk=work.pk)
        before = {"budget_spent": str(locked.budget_spent), "status": locked.status}
        locked.budget_spent = budget_spent
        locked.status = status
        locked.save(update_fields=["budget_spent", "status"])
        record_event(
            actor=actor,
            action="defence.work_update",
            obj=locked,
            scope_unit=locked.unit,
            changes={"before": before, "budget_spent": str(budget_spent), "status": status},
        )
    return locked


def _open_milestone(milestone: Milestone) -> Milestone:
    """The step locked for a change (inside the caller's transaction); refused once approved."""
    locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if locked.approved_on is not None:
        raise ValidationError(_("This step is approved: it can no longer be changed."))
    return locked


def milestone_record(
    *,
    actor: User,
    milestone: Milestone,
    planned_on: dt.date | None,
    done_on: dt.date | None,
    today: dt.date,
) -> Milestone:
    """Record a step's planned and done dates (not once it is approved)."""
    _recorder(actor, milestone.work.unit_id)
    if done_on is not None and done_on > today:
        raise ValidationError({"done_on": [_("The done date cannot be in the future.")]})
    with transaction.atomic():
        locked = _open_milestone(milestone)
        locked.planned_on = planned_on
        locked.done_on = done_on
        locked.save(update_fields=["planned_on", "done_on"])
        record_event(
            actor=actor,
            action="defence.milestone_record",
            obj=locked,
            scope_unit=milestone.work.unit,
            changes={"planned_on": planned_on, "done_on": done_on},
        )
    return locked


def evidence_add(
    *, actor: User, milestone: Milestone, filename: str, data: bytes
) -> MilestoneEvidence:
    """Attach a PDF, JPEG or PNG file (type read from its first bytes, at most 5 MB) to a step
    not yet approved."""
    _recorder(actor, milestone.work.unit_id)
    checked = evidence_file(filename, data)
    with transaction.atomic():
        locked = _open_milestone(milestone)
        evidence = MilestoneEvidence.objects.create(
            milestone=locked, data=data, uploaded_by=actor, **checked.fields()
        )
        record_event(
            actor=actor,
            action="defence.evidence_add",
            obj=evidence,
            scope_unit=milestone.work.unit,
            changes={"milestone": locked.step, "sha256": checked.sha256, "size": checked.size},
        )
    return evidence


def milestone_approve(*, actor: User, milestone: Milestone, on: dt.date) -> Milestone:
    """The officer of the area approves a done step; refused without evidence."""
    require(perms.can_approve_milestone(actor))
    require_actor_area(actor, milestone.work.unit_id)
    with transaction.atomic():
        locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
        if locked.approved_on is not None:
            raise ValidationError(_("This step is already approved."))
        if locked.done_on is None:
            raise ValidationError(_("Record the day the step was done before approving it."))
        if not locked.evidence.exists():
            raise ValidationError(_("A step cannot be approved without evidence."))
        if on < locked.done_on:
            raise ValidationError(_("The approval cannot come before the step was done."))
        locked.approved_on = on
        locked.approved_by = actor
        locked.save(update_fields=["approved_on", "approved_by"])
        record_event(
            actor=actor,
            action="defence.milestone_approve",
            obj=locked,
            scope_unit=milestone.work.unit,
            changes={"step": locked.step, "approved_on": on},
        )
    return locked


def plan_create(
    *,
    actor: User,
    unit: Unit,
    kind: str,
    first_year: int,
    title: str,
    approved_on: dt.date | None = None,
) -> Plan:
    """A yearly defence work plan, or a civil defence plan over its 5-year cycle."""
    _recorder(actor, unit)
    if kind not in cycles.PlanKind.__members__.values():
        raise ValidationError({"kind": [_("Choose a kind of plan.")]})
    if not 2000 <= first_year <= 2100:
        raise ValidationError({"first_year": [_("Enter a year between 2000 and 2100.")]})
    last = first_year if kind == cycles.PlanKind.WORK_PLAN else cycles.plan_cycle_end(first_year)
    if Plan.objects.filter(unit=unit, kind=kind, first_year=first_year).exists():
        raise ValidationError(_("This plan is already recorded."))
    with transaction.atomic():
        plan = Plan.objects.create(
            unit=unit,
            kind=kind,
            first_year=first_year,
            last_year=last,
            approved_on=approved_on,
            title=title.strip()[:200] or str(cycles.PLAN_TITLES[cycles.PlanKind(kind)].vi),
        )
        record_event(
            actor=actor,
            action="defence.plan_create",
            obj=plan,
            scope_unit=unit,
            changes={"kind": kind, "first_year": first_year, "approved_on": approved_on},
        )
    return plan


def plan_update_add(
    *, actor: User, plan: Plan, year: int, approved_on: dt.date, note: str = ""
) -> PlanUpdate:
    """The yearly adjustment of a civil defence plan, within its cycle."""
    _recorder(actor, plan.unit_id)
    if plan.kind != cycles.PlanKind.CIVIL_DEFENCE:
        raise ValidationError(_("Only a civil defence plan is adjusted yearly."))
    if not plan.first_year <= year <= plan.last_year:
        raise ValidationError({"year": [_("The year is outside the plan's cycle.")]})
    if PlanUpdate.objects.filter(plan=plan, year=year).exists():
        raise ValidationError({"year": [_("This year's adjustment is already recorded.")]})
    with transaction.atomic():
        update = PlanUpdate.objects.create(
            plan=plan, year=year, approved_on=approved_on, note=note.strip()[:300]
        )
        record_event(
            actor=actor,
            action="defence.plan_update",
            obj=plan,
            scope_unit=plan.unit,
            changes={"year": year, "approved_on": approved_on},
        )
    return update


def drill_record(
    *,
    actor: User,
    unit: Unit,
    kind: str,
    planned_on: dt.date,
    held_on: dt.date | None = None,
    note: str = "",
    drill: Drill | None = None,
) -> Drill:
    """Plan a drill, or record the day a planned one was held (``drill``)."""
    _recorder(actor, unit)
    if kind not in cycles.DrillKind.__members__.values():
        raise ValidationError({"kind": [_("Choose a kind of drill.")]})
    with transaction.atomic():
        if drill is None:
            drill = Drill.objects.create(
                unit=unit, kind=kind, planned_on=planned_on, held_on=held_on, note=note[:300]
            )
        else:
            drill = Drill.objects.select_for_update().get(pk=drill.pk, unit=unit)
            drill.planned_on = planned_on
            drill.held_on = held_on
            drill.save(update_fields=["planned_on", "held_on"])
        record_event(
            actor=actor,
            action="defence.drill_record",
            obj=drill,
            scope_unit=unit,
            changes={"kind": kind, "planned_on": planned_on, "held_on": held_on},
        )
    return drill
