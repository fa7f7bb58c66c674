"""Setting up a directive: its bodies, the directive itself and its tasks (Cap.REVIEW_DIRECTIVE)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.audit.services import record_event
from muster.directives import periods, perms
from muster.directives.models import (
    Body,
    Directive,
    Report,
    Responsibility,
    Target,
    TargetShare,
    Task,
)
from muster.directives.services.guards import editable_directive, require_in_scope
from muster.geo.models import Unit
from muster.geo.scope import scope_of

if TYPE_CHECKING:
    from muster.accounts.models import User


def refresh_concerned_units(directive: Directive) -> None:
    """Recompute the units that see the directive (issuer, leads, coordinators, shares)."""
    ids: set[int] = {directive.unit_id}
    for task in Task.objects.filter(directive=directive).prefetch_related("coordinating_units"):
        if task.lead_unit_id:
            ids.add(task.lead_unit_id)
        ids.update(u.pk for u in task.coordinating_units.all())
    targets = Target.objects.filter(task__directive=directive).prefetch_related(
        "coordinating_units"
    )
    for target in targets:
        if target.lead_unit_id:
            ids.add(target.lead_unit_id)
        ids.update(u.pk for u in target.coordinating_units.all())
    ids.update(
        TargetShare.objects.filter(target__task__directive=directive).values_list(
            "unit_id", flat=True
        )
    )
    directive.concerned_units.set(ids)


def body_create(*, actor: User, name: str, kind: str, unit: Unit) -> Body:
    require(perms.can_set_up_directives(actor))
    with transaction.atomic():
        body, created = Body.objects.get_or_create(
            unit=unit, name=name.strip(), defaults={"kind": kind}
        )
        if created:
            record_event(actor=actor, action="directives.body_create", obj=body, scope_unit=unit)
    return body


def _directive_errors(*, title: str, year: int, frequency: str) -> dict[str, list[str]]:
    """The rules a directive's title, year and reporting frequency follow, created or edited."""
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Enter the title.")]
    if not 1945 <= year <= 2100:
        errors["year"] = [_("Enter a year between 1945 and 2100.")]
    if frequency not in periods.Frequency.__members__.values():
        errors["frequency"] = [_("Choose a reporting frequency.")]
    return errors


def directive_create(
    *,
    actor: User,
    unit: Unit,
    issuer: str,
    number: str,
    issued_on: dt.date,
    year: int,
    title: str,
    full_text: str,
    signer: str = "",
    frequency: str = periods.Frequency.MONTHLY,
    report_due_working_days: int = 5,
) -> Directive:
    require(perms.can_set_up_directives(actor))
    require_in_scope(actor=actor, unit=unit)
    errors = _directive_errors(title=title, year=year, frequency=frequency)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        directive = Directive.objects.create(
            unit=unit,
            issuer=issuer.strip(),
            number=number.strip(),
            issued_on=issued_on,
            year=year,
            title=title.strip(),
            full_text=full_text,
            signer=signer,
            frequency=frequency,
            report_due_working_days=report_due_working_days,
        )
        refresh_concerned_units(directive)
        record_event(
            actor=actor, action="directives.directive_create", obj=directive, scope_unit=unit
        )
    return directive


def directive_update(
    *,
    actor: User,
    directive: Directive,
    issuer: str,
    number: str,
    issued_on: dt.date,
    year: int,
    title: str,
    full_text: str,
    signer: str = "",
    frequency: str = periods.Frequency.MONTHLY,
    report_due_working_days: int = 5,
) -> Directive:
    """Edit a directive's text and its reporting schedule (kỳ báo cáo, hạn nộp).

    Once reports exist, the year and frequency are fixed: the periods already reported on
    would no longer match.
    """
    editable_directive(actor=actor, directive=directive)
    errors = _directive_errors(title=title, year=year, frequency=frequency)
    if not issuer.strip():
        errors["issuer"] = [_("Enter the issuer.")]
    if not 0 <= report_due_working_days <= 60:
        errors["report_due_working_days"] = [_("Enter a number of working days from 0 to 60.")]
    has_reports = Report.objects.filter(directive=directive).exists()
    if has_reports and year != directive.year:
        errors["year"] = [_("Reports have already been made for this year: it cannot change.")]
    if has_reports and frequency != directive.frequency:
        errors["frequency"] = [
            _("Reports have already been made for these periods: the frequency cannot change.")
        ]
    if errors:
        raise ValidationError(errors)
    fields = {
        "issuer": issuer.strip(),
        "number": number.strip(),
        "issued_on": issued_on,
        "year": year,
        "title": title.strip(),
        "full_text": full_text,
        "signer": signer.strip(),
        "frequency": frequency,
        "report_due_working_days": report_due_working_days,
    }
    with transaction.atomic():
        locked = Directive.objects.select_for_update().get(pk=directive.pk)
        changes = {
            k: [getattr(locked, k), v]
            for k, v in fields.items()
            if getattr(locked, k) != v and k != "full_text"
        }
        if locked.full_text != full_text:
            changes["full_text"] = [len(locked.full_text), len(full_text)]
        for k, v in fields.items():
            setattr(locked, k, v)
        locked.save(update_fields=list(fields))
        record_event(
            actor=actor,
            action="directives.directive_update",
            obj=locked,
            scope_unit=locked.unit,
            changes=changes,
        )
    return locked


@dataclass(frozen=True)
class Responsible:
    """Who carries out a task or a target: its lead unit or body and the coordinating units and
    bodies, as the services receive them."""

    lead_unit: Unit | None
    lead_body: Body | None
    coordinating_units: Sequence[Unit]
    coordinating_bodies: Sequence[Body]

    def check(self, *, actor: User, directive: Directive, share_units: Iterable[Unit] = ()) -> None:
        """Responsible units must lie inside the issuing unit's area and the actor's; bodies
        inside or above the issuing unit."""
        area = set(
            Unit.objects.filter(path__startswith=directive.unit.path).values_list("pk", flat=True)
        )
        mine = scope_of(actor)
        units = [self.lead_unit, *self.coordinating_units, *share_units]
        if any(u is not None and (u.pk not in area or not mine.contains(u)) for u in units):
            raise ValidationError(_("A responsible unit is outside the directive's area."))
        if any(
            b is not None
            and not b.unit.path.startswith(directive.unit.path)
            and not directive.unit.path.startswith(b.unit.path)
            for b in [self.lead_body, *self.coordinating_bodies]
        ):
            raise ValidationError(_("A body is outside the directive's area."))

    def assign(self, item: Responsibility) -> None:
        """Save ``item`` with its lead unit and body, then set its coordinating units and bodies."""
        item.lead_unit = self.lead_unit
        item.lead_body = self.lead_body
        item.save()
        item.coordinating_units.set(self.coordinating_units)
        item.coordinating_bodies.set(self.coordinating_bodies)


def numbered_errors(
    *, title: str, order: int, siblings: QuerySet[Any], current_pk: int | None, taken: str
) -> dict[str, list[str]]:
    """The errors of a numbered item's title and number, unique among ``siblings``.

    ``taken`` is the message for a number another sibling already has.
    """
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Enter the title.")]
    if order < 1:
        errors["order"] = [_("The number must be 1 or more.")]
    elif siblings.filter(order=order).exclude(pk=current_pk or 0).exists():
        errors["order"] = [taken]
    return errors


def _validate_task(*, directive: Directive, task: Task | None, order: int, title: str) -> None:
    errors = numbered_errors(
        title=title,
        order=order,
        siblings=Task.objects.filter(directive=directive),
        current_pk=task.pk if task is not None else None,
        taken=_("Another task of this directive already has this number."),
    )
    if errors:
        raise ValidationError(errors)


def task_create(
    *,
    actor: User,
    directive: Directive,
    order: int,
    title: str,
    description: str = "",
    lead_unit: Unit | None = None,
    lead_body: Body | None = None,
    coordinating_units: Sequence[Unit] = (),
    coordinating_bodies: Sequence[Body] = (),
) -> Task:
    editable_directive(actor=actor, directive=directive)
    _validate_task(directive=directive, task=None, order=order, title=title)
    responsible = Responsible(lead_unit, lead_body, coordinating_units, coordinating_bodies)
    responsible.check(actor=actor, directive=directive)
    with transaction.atomic():
        task = Task(directive=directive, order=order, title=title.strip(), description=description)
        responsible.assign(task)
        refresh_concerned_units(directive)
        record_event(
            actor=actor, action="directives.task_create", obj=task, scope_unit=directive.unit
        )
    return task


def task_update(
    *,
    actor: User,
    task: Task,
    order: int,
    title: str,
    description: str = "",
    lead_unit: Unit | None = None,
    lead_body: Body | None = None,
    coordinating_units: Sequence[Unit] = (),
    coordinating_bodies: Sequence[Body] = (),
) -> Task:
    """Edit a task (nhiệm vụ): its number, text, lead and coordinating units and bodies."""
    directive = task.directive
    editable_directive(actor=actor, directive=directive)
    _validate_task(directive=directive, task=task, order=order, title=title)
    responsible = Responsible(lead_unit, lead_body, coordinating_units, coordinating_bodies)
    responsible.check(actor=actor, directive=directive)
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        before = (locked.order, locked.title, locked.lead_unit_id, locked.lead_body_id)
        locked.order = order
        locked.title = title.strip()
        locked.description = description
        responsible.assign(locked)
        refresh_concerned_units(directive)
        after = (locked.order, locked.title, locked.lead_unit_id, locked.lead_body_id)
        record_event(
            actor=actor,
            action="directives.task_update",
            obj=locked,
            scope_unit=directive.unit,
            changes={
                name: [b, a]
                for name, b, a in zip(
                    ("order", "title", "lead_unit", "lead_body"), before, after, strict=True
                )
                if b != a
            }
            | {
                "coordinating_units": len(coordinating_units),
                "coordinating_bodies": len(coordinating_bodies),
            },
        )
    return locked


def task_move(*, actor: User, task: Task, up: bool) -> Task:
    """Swap a task's number with the previous (``up``) or next task of the directive."""
    directive = task.directive
    editable_directive(actor=actor, directive=directive)
    with transaction.atomic():
        tasks = list(Task.objects.select_for_update().filter(directive=directive).order_by("order"))
        index = next(i for i, t in enumerate(tasks) if t.pk == task.pk)
        other_index = index - 1 if up else index + 1
        if not 0 <= other_index < len(tasks):
            raise ValidationError(
                _("This task is already first.") if up else _("This task is already last.")
            )
        mine, other = tasks[index], tasks[other_index]
        mine_order, other_order = mine.order, other.order
        # Through a free number: (directive, order) is unique at every step.
        spare = max(t.order for t in tasks) + 1
        Task.objects.filter(pk=mine.pk).update(order=spare)
        Task.objects.filter(pk=other.pk).update(order=mine_order)
        Task.objects.filter(pk=mine.pk).update(order=other_order)
        mine.order = other_order
        record_event(
            actor=actor,
            action="directives.task_move",
            obj=mine,
            scope_unit=directive.unit,
            changes={"order": [mine_order, other_order], "swapped_with": other},
        )
    return mine
