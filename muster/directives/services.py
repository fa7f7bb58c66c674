"""Every change to directives, targets and reports: validated, one transaction, audited."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.conscription.models import Holiday
from muster.core.dates import today
from muster.directives import periods, perms
from muster.directives.models import (
    Body,
    Directive,
    Evidence,
    Milestone,
    Report,
    ReportLine,
    ReportStatus,
    Target,
    TargetKind,
    TargetShare,
    Task,
)
from muster.directives.sources import SOURCES
from muster.geo.models import Unit
from muster.geo.selectors import visible_unit_ids

if TYPE_CHECKING:
    from muster.accounts.models import User

#: The message a locked (approved) period answers to any edit.
LOCKED_MESSAGE = (
    "This period has been approved and is locked: it can no longer be changed. "
    "To correct it, open a new revision."
)
MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
#: Magic bytes of the evidence files we accept.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def locked_message() -> str:
    return _(LOCKED_MESSAGE)


def _in_scope(actor: User, unit: Unit) -> None:
    require_actor_area(actor, unit.pk, _("This unit is outside your area."))


def holidays_between(start: dt.date, end: dt.date) -> frozenset[dt.date]:
    return frozenset(
        Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True)
    )


def report_due(directive: Directive, period_end: dt.date) -> dt.date:
    """The due day of a period's report: working days after its end, holidays skipped."""
    holidays = holidays_between(period_end, period_end + dt.timedelta(days=90))
    return periods.due_date(period_end, directive.report_due_working_days, holidays)


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


# --- Setting up: bodies, directives, tasks, targets (Cap.REVIEW_DIRECTIVE) ---


def body_create(*, actor: User, name: str, kind: str, unit: Unit) -> Body:
    require(perms.can_set_up_directives(actor))
    with transaction.atomic():
        body, created = Body.objects.get_or_create(
            unit=unit, name=name.strip(), defaults={"kind": kind}
        )
        if created:
            record_event(actor=actor, action="directives.body_create", obj=body, scope_unit=unit)
    return body


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
    _in_scope(actor, unit)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Enter the title.")]
    if not 1945 <= year <= 2100:
        errors["year"] = [_("Enter a year between 1945 and 2100.")]
    if frequency not in periods.Frequency.__members__.values():
        errors["frequency"] = [_("Choose a reporting frequency.")]
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
    _editable_directive(actor, directive)
    _validate_task(directive=directive, task=None, order=order, title=title)
    _check_units(actor, directive, [lead_unit, *coordinating_units])
    _check_bodies(directive, [lead_body, *coordinating_bodies])
    with transaction.atomic():
        task = Task.objects.create(
            directive=directive,
            order=order,
            title=title.strip(),
            description=description,
            lead_unit=lead_unit,
            lead_body=lead_body,
        )
        task.coordinating_units.set(coordinating_units)
        task.coordinating_bodies.set(coordinating_bodies)
        refresh_concerned_units(directive)
        record_event(
            actor=actor, action="directives.task_create", obj=task, scope_unit=directive.unit
        )
    return task


def target_create(
    *,
    actor: User,
    task: Task,
    order: int,
    title: str,
    kind: str,
    start_date: dt.date,
    due_date: dt.date,
    value: Decimal | None = None,
    unit_label: str = "",
    direction: str = "at_least",
    source: str = "",
    lead_unit: Unit | None = None,
    lead_body: Body | None = None,
    coordinating_units: Sequence[Unit] = (),
    coordinating_bodies: Sequence[Body] = (),
    shares: Sequence[tuple[Unit, Decimal]] = (),
    milestones: Sequence[str] = (),
) -> Target:
    """Create a target with its commune shares or its milestone checklist."""
    require(perms.can_set_up_directives(actor))
    _in_scope(actor, task.directive.unit)
    _validate_target(
        task=task,
        target=None,
        order=order,
        title=title,
        kind=kind,
        start_date=start_date,
        due_date=due_date,
        value=value,
        direction=direction,
        source=source,
        shares=shares,
        milestones=milestones,
    )
    _check_units(actor, task.directive, [lead_unit, *coordinating_units, *(u for u, _v in shares)])
    _check_bodies(task.directive, [lead_body, *coordinating_bodies])
    with transaction.atomic():
        target = Target.objects.create(
            task=task,
            order=order,
            title=title.strip(),
            kind=kind,
            value=value,
            unit_label=unit_label,
            direction=direction,
            start_date=start_date,
            due_date=due_date,
            source=source,
            lead_unit=lead_unit,
            lead_body=lead_body,
        )
        target.coordinating_units.set(coordinating_units)
        target.coordinating_bodies.set(coordinating_bodies)
        TargetShare.objects.bulk_create(
            TargetShare(target=target, unit=unit, value=v) for unit, v in shares
        )
        Milestone.objects.bulk_create(
            Milestone(target=target, order=i, title=t) for i, t in enumerate(milestones, 1)
        )
        refresh_concerned_units(task.directive)
        record_event(
            actor=actor,
            action="directives.target_create",
            obj=target,
            scope_unit=task.directive.unit,
            changes={"value": value, "due_date": due_date, "shares": len(shares)},
        )
    return target


def _validate_target(
    *,
    task: Task,
    target: Target | None,
    order: int,
    title: str,
    kind: str,
    start_date: dt.date,
    due_date: dt.date,
    value: Decimal | None,
    direction: str,
    source: str,
    shares: Sequence[tuple[Unit, Decimal]],
    milestones: Sequence[str],
) -> None:
    """Every rule of a target, reported together (field → messages)."""
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Enter the title.")]
    if order < 1:
        errors["order"] = [_("The number must be 1 or more.")]
    elif (
        Target.objects.filter(task=task, order=order)
        .exclude(pk=target.pk if target is not None else 0)
        .exists()
    ):
        errors["order"] = [_("Another target of this task already has this number.")]
    if kind not in TargetKind.values:
        errors["kind"] = [_("Choose the kind of target.")]
    if direction not in ("at_least", "at_most"):
        errors["direction"] = [_("Choose the direction of the target.")]
    if kind == TargetKind.NUMERIC and (value is None or value < 0):
        errors["value"] = [_("A numeric target needs a planned value of 0 or more.")]
    if kind == TargetKind.MILESTONES:
        if not [m for m in milestones if m.strip()]:
            errors["milestones"] = [_("A milestone checklist needs at least one milestone.")]
        if shares:
            errors["shares"] = [_("A milestone checklist cannot be split into commune shares.")]
        if source:
            errors["source"] = [_("Only a numeric target can be bound to a live data source.")]
    if due_date < start_date:
        errors["due_date"] = [_("The due date cannot be before the start date.")]
    if source and source not in SOURCES:
        errors["source"] = [_("Unknown live data source.")]
    if any(v < 0 for _u, v in shares):
        errors["shares"] = [_("A share cannot be negative.")]
    elif len({u.pk for u, _v in shares}) != len(shares):
        errors["shares"] = [_("A commune can have only one share of a target.")]
    elif kind == TargetKind.NUMERIC and shares and value is not None and value >= 0:
        total = sum((v for _u, v in shares), Decimal(0))
        if total != value:
            errors["shares"] = [
                _(
                    "The commune shares add up to %(total)s but the target is %(value)s: "
                    "they must add up to the target's planned value."
                )
                % {"total": _number(total), "value": _number(value)}
            ]
    if errors:
        raise ValidationError(errors)


def _number(value: Decimal) -> str:
    """A figure in the user's format (1.234,5), without trailing zeros."""
    from django.utils.formats import number_format

    exponent = value.normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def _check_units(actor: User, directive: Directive, units: Iterable[Unit | None]) -> None:
    """Responsible units must lie inside the issuing unit's area and the actor's."""
    area = set(
        Unit.objects.filter(path__startswith=directive.unit.path).values_list("pk", flat=True)
    )
    allowed = area & set(visible_unit_ids(actor))
    if any(u is not None and u.pk not in allowed for u in units):
        raise ValidationError(_("A responsible unit is outside the directive's area."))


def _check_bodies(directive: Directive, bodies: Iterable[Body | None]) -> None:
    if any(
        b is not None
        and not b.unit.path.startswith(directive.unit.path)
        and not directive.unit.path.startswith(b.unit.path)
        for b in bodies
    ):
        raise ValidationError(_("A body is outside the directive's area."))


def _editable_directive(actor: User, directive: Directive) -> None:
    require(perms.can_set_up_directives(actor))
    _in_scope(actor, directive.unit)


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
    _editable_directive(actor, directive)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Enter the title.")]
    if not issuer.strip():
        errors["issuer"] = [_("Enter the issuer.")]
    if not 1945 <= year <= 2100:
        errors["year"] = [_("Enter a year between 1945 and 2100.")]
    if frequency not in periods.Frequency.__members__.values():
        errors["frequency"] = [_("Choose a reporting frequency.")]
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


def _validate_task(*, directive: Directive, task: Task | None, order: int, title: str) -> None:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Enter the title.")]
    if order < 1:
        errors["order"] = [_("The number must be 1 or more.")]
    elif (
        Task.objects.filter(directive=directive, order=order)
        .exclude(pk=task.pk if task is not None else 0)
        .exists()
    ):
        errors["order"] = [_("Another task of this directive already has this number.")]
    if errors:
        raise ValidationError(errors)


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
    _editable_directive(actor, directive)
    _validate_task(directive=directive, task=task, order=order, title=title)
    _check_units(actor, directive, [lead_unit, *coordinating_units])
    _check_bodies(directive, [lead_body, *coordinating_bodies])
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        before = (locked.order, locked.title, locked.lead_unit_id, locked.lead_body_id)
        locked.order = order
        locked.title = title.strip()
        locked.description = description
        locked.lead_unit = lead_unit
        locked.lead_body = lead_body
        locked.save()
        locked.coordinating_units.set(coordinating_units)
        locked.coordinating_bodies.set(coordinating_bodies)
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
    _editable_directive(actor, directive)
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


def target_update(
    *,
    actor: User,
    target: Target,
    order: int,
    title: str,
    kind: str,
    start_date: dt.date,
    due_date: dt.date,
    value: Decimal | None = None,
    unit_label: str = "",
    direction: str = "at_least",
    source: str = "",
    lead_unit: Unit | None = None,
    lead_body: Body | None = None,
    coordinating_units: Sequence[Unit] = (),
    coordinating_bodies: Sequence[Body] = (),
    shares: Sequence[tuple[Unit, Decimal]] = (),
    milestones: Sequence[str] = (),
) -> Target:
    """Edit a target (chỉ tiêu): its figures, binding, responsibility, shares or checklist.

    Shares are replaced by the given list. Milestones are matched by position: an item keeps
    its "done" day while its title stays the same.
    """
    task = target.task
    directive = task.directive
    _editable_directive(actor, directive)
    milestones = [m.strip() for m in milestones if m.strip()]
    if kind != target.kind and ReportLine.objects.filter(target=target).exists():
        raise ValidationError(
            {
                "kind": [
                    _("Units have already reported figures on this target: its kind cannot change.")
                ]
            }
        )
    _validate_target(
        task=task,
        target=target,
        order=order,
        title=title,
        kind=kind,
        start_date=start_date,
        due_date=due_date,
        value=value,
        direction=direction,
        source=source,
        shares=shares,
        milestones=milestones,
    )
    _check_units(actor, directive, [lead_unit, *coordinating_units, *(u for u, _v in shares)])
    _check_bodies(directive, [lead_body, *coordinating_bodies])
    with transaction.atomic():
        locked = Target.objects.select_for_update().get(pk=target.pk)
        before = {
            "value": locked.value,
            "due_date": locked.due_date,
            "kind": locked.kind,
            "source": locked.source,
            "shares": {s.unit_id: str(s.value) for s in TargetShare.objects.filter(target=locked)},
        }
        locked.order = order
        locked.title = title.strip()
        locked.kind = kind
        locked.value = value if kind == TargetKind.NUMERIC else None
        locked.unit_label = unit_label.strip() if kind == TargetKind.NUMERIC else ""
        locked.direction = direction
        locked.start_date = start_date
        locked.due_date = due_date
        locked.source = source if kind == TargetKind.NUMERIC else ""
        locked.lead_unit = lead_unit
        locked.lead_body = lead_body
        locked.save()
        locked.coordinating_units.set(coordinating_units)
        locked.coordinating_bodies.set(coordinating_bodies)
        TargetShare.objects.filter(target=locked).delete()
        TargetShare.objects.bulk_create(
            TargetShare(target=locked, unit=unit, value=v) for unit, v in shares
        )
        existing = list(Milestone.objects.filter(target=locked).order_by("order"))
        wanted = milestones if kind == TargetKind.MILESTONES else []
        for item in existing[len(wanted) :]:
            item.delete()
        for position, (item, title_) in enumerate(zip(existing, wanted, strict=False), 1):
            if item.title != title_ or item.order != position:
                item.done_on = item.done_on if item.title == title_ else None
                item.title = title_
                item.order = position
                item.save(update_fields=["title", "order", "done_on"])
        Milestone.objects.bulk_create(
            Milestone(target=locked, order=i, title=t)
            for i, t in enumerate(wanted[len(existing) :], len(existing) + 1)
        )
        refresh_concerned_units(directive)
        after = {
            "value": locked.value,
            "due_date": locked.due_date,
            "kind": locked.kind,
            "source": locked.source,
            "shares": {unit.pk: str(v) for unit, v in shares},
        }
        record_event(
            actor=actor,
            action="directives.target_update",
            obj=locked,
            scope_unit=directive.unit,
            changes={k: [before[k], after[k]] for k in before if before[k] != after[k]},
        )
    return locked


def milestone_set_done(*, actor: User, milestone: Milestone, done_on: dt.date | None) -> Milestone:
    """Tick (``done_on`` set) or untick a milestone of a checklist target."""
    require(perms.can_set_up_directives(actor))
    if done_on is not None and done_on > today():
        raise ValidationError({"done_on": [_("The date cannot be in the future.")]})
    with transaction.atomic():
        locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
        before = locked.done_on
        locked.done_on = done_on
        locked.save(update_fields=["done_on"])
        directive = Directive.objects.get(tasks__targets__milestones=locked)
        record_event(
            actor=actor,
            action="directives.milestone_set",
            obj=locked,
            scope_unit=directive.unit,
            changes={"done_on": [before, done_on]},
        )
    return locked


# --- Reports: the maker (Cap.REPORT_DIRECTIVE) and the checker (Cap.REVIEW_DIRECTIVE) ---


def reportable_targets(directive: Directive, unit: Unit) -> list[Target]:
    """The hand-reported numeric targets ``unit`` answers for: its shares, or targets it leads
    that are not split."""
    targets = (
        Target.objects.filter(task__directive=directive, kind=TargetKind.NUMERIC, source="")
        .select_related("task")
        .prefetch_related("shares")
        .order_by("task__order", "order")
    )
    result = []
    for target in targets:
        share_units = {s.unit_id for s in target.shares.all()}
        if unit.pk in share_units or (not share_units and target.lead_unit_id == unit.pk):
            result.append(target)
    return result


def _lock_report(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("directive", "unit").get(pk=report.pk)


def _refuse_if_not_editable(report: Report) -> None:
    if report.is_locked:
        raise ValidationError(locked_message())
    if report.status == ReportStatus.SUBMITTED:
        raise ValidationError(
            _("This report has been submitted and awaits approval: it cannot be changed now.")
        )


def report_create(
    *, actor: User, directive: Directive, unit: Unit, period_start: dt.date
) -> Report:
    """Open the report of ``unit`` for the period that begins on ``period_start``."""
    require(perms.can_draft_report(actor))
    _in_scope(actor, unit)
    if not reportable_targets(directive, unit):
        raise ValidationError({"unit": [_("This unit has no target to report on.")]})
    period = periods.period_containing(directive.frequency, period_start)
    if period.start != period_start or period.start.year != directive.year:
        raise ValidationError({"period": [_("Choose a reporting period of the directive.")]})
    with transaction.atomic():
        if Report.objects.filter(
            directive=directive, unit=unit, period_start=period.start
        ).exists():
            raise ValidationError(
                {"period": [_("A report for this unit and period already exists.")]}
            )
        report = Report.objects.create(
            directive=directive,
            unit=unit,
            period_start=period.start,
            period_end=period.end,
            due_on=report_due(directive, period.end),
            created_by=actor,
        )
        record_event(
            actor=actor,
            action="directives.report_create",
            obj=report,
            scope_unit=unit,
            changes={"period": period.label(), "due_on": report.due_on},
        )
    return report


def report_update(
    *,
    actor: User,
    report: Report,
    results: str,
    shortcomings: str,
    figures: Mapping[int, tuple[Decimal | None, str]],
) -> Report:
    """Save the narrative and the figures (``{target id: (value to date, note)}``).

    A locked period refuses with ``LOCKED_MESSAGE``; a submitted one waits for its review.
    """
    require(perms.can_draft_report(actor))
    _in_scope(actor, report.unit)
    with transaction.atomic():
        locked = _lock_report(report)
        _refuse_if_not_editable(locked)
        allowed = {t.pk: t for t in reportable_targets(locked.directive, locked.unit)}
        errors: dict[str, list[str]] = {}
        for target_id, (value, _note) in figures.items():
            if target_id not in allowed:
                errors.setdefault("__all__", []).append(
                    _("A figure was given for a target this unit does not report on.")
                )
            elif value is not None and value < 0:
                errors[f"target_{target_id}"] = [_("A figure cannot be negative.")]
        if errors:
            raise ValidationError(errors)
        before = {
            line.target_id: str(line.value) for line in ReportLine.objects.filter(report=locked)
        }
        locked.results = results.strip()
        locked.shortcomings = shortcomings.strip()
        locked.save(update_fields=["results", "shortcomings"])
        for target_id, (value, note) in figures.items():
            if value is None:
                ReportLine.objects.filter(report=locked, target_id=target_id).delete()
                continue
            ReportLine.objects.update_or_create(
                report=locked, target_id=target_id, defaults={"value": value, "note": note}
            )
        after = {
            line.target_id: str(line.value) for line in ReportLine.objects.filter(report=locked)
        }
        record_event(
            actor=actor,
            action="directives.report_update",
            obj=locked,
            scope_unit=locked.unit,
            changes={
                f"target {k}": [before.get(k), after.get(k)]
                for k in sorted(set(before) | set(after))
                if before.get(k) != after.get(k)
            },
        )
    return locked


def sniff_content_type(data: bytes) -> str | None:
    for magic, content_type in _MAGIC:
        if data.startswith(magic):
            return content_type
    return None


def evidence_add(*, actor: User, report: Report, filename: str, data: bytes) -> Evidence:
    """Attach a PDF, JPEG or PNG file; the type is read from the file's first bytes."""
    require(perms.can_draft_report(actor))
    _in_scope(actor, report.unit)
    content_type = sniff_content_type(data)
    if content_type is None:
        raise ValidationError({"file": [_("Evidence must be a PDF, JPEG or PNG file.")]})
    if len(data) > MAX_EVIDENCE_BYTES:
        raise ValidationError({"file": [_("The file is larger than 5 MB.")]})
    with transaction.atomic():
        locked = _lock_report(report)
        _refuse_if_not_editable(locked)
        digest = hashlib.sha256(data).hexdigest()
        evidence = Evidence.objects.create(
            report=locked,
            filename=(filename or "evidence").strip()[:200],
            content_type=content_type,
            size=len(data),
            sha256=digest,
            data=data,
            uploaded_by=actor,
        )
        record_event(
            actor=actor,
            action="directives.evidence_add",
            obj=evidence,
            scope_unit=locked.unit,
            changes={"report": locked, "sha256": digest, "size": len(data)},
        )
    return evidence


def report_submit(*, actor: User, report: Report, on: dt.date | None = None) -> Report:
    require(perms.can_draft_report(actor))
    _in_scope(actor, report.unit)
    day = on or today()
    with transaction.atomic():
        locked = _lock_report(report)
        _refuse_if_not_editable(locked)
        if not locked.lines.exists():
            raise ValidationError(_("Enter at least one figure before submitting."))
        if not locked.results.strip():
            raise ValidationError({"results": [_("Describe the results before submitting.")]})
        locked.status = ReportStatus.SUBMITTED
        locked.submitted_by = actor
        locked.submitted_on = day
        locked.save(update_fields=["status", "submitted_by", "submitted_on"])
        record_event(
            actor=actor,
            action="directives.report_submit",
            obj=locked,
            scope_unit=locked.unit,
            changes={"status": [ReportStatus.DRAFT, ReportStatus.SUBMITTED]},
        )
    return locked


def report_review(
    *,
    actor: User,
    report: Report,
    approve: bool,
    comment: str = "",
    on: dt.date | None = None,
) -> Report:
    """The checker's step: approve (the period locks) or send back with a comment.

    The checker must not be the maker, and must sit above the reporting unit (a commune cannot
    approve its own report: only users whose scope strictly contains the unit may review).
    """
    require(perms.can_approve_report(actor))
    _in_scope(actor, report.unit)
    if actor.scope_unit_id == report.unit_id:
        raise ValidationError(_("A unit cannot approve its own report."))
    day = on or today()
    with transaction.atomic():
        locked = _lock_report(report)
        if locked.status != ReportStatus.SUBMITTED:
            if locked.is_locked:
                raise ValidationError(locked_message())
            raise ValidationError(_("Only a submitted report can be reviewed."))
        if locked.submitted_by_id == actor.pk:
            raise ValidationError(_("The person who submitted a report cannot approve it."))
        if not approve and not comment.strip():
            raise ValidationError(
                {"comment": [_("Say what must be corrected when sending a report back.")]}
            )
        old = locked.status
        locked.status = ReportStatus.APPROVED if approve else ReportStatus.RETURNED
        locked.reviewed_by = actor
        locked.reviewed_on = day
        locked.review_comment = comment.strip()
        locked.save(update_fields=["status", "reviewed_by", "reviewed_on", "review_comment"])
        if approve and locked.supersedes_id is not None:
            Report.objects.filter(pk=locked.supersedes_id).update(status=ReportStatus.SUPERSEDED)
        record_event(
            actor=actor,
            action="directives.report_approve" if approve else "directives.report_return",
            obj=locked,
            scope_unit=locked.unit,
            changes={"status": [old, locked.status]},
            reason=comment.strip(),
        )
    return locked


def report_revise(*, actor: User, report: Report, reason: str) -> Report:
    """A correction after lock: a new draft revision that copies the figures and evidence.

    The approved revision stays as it was, visible, until the new one is approved.
    """
    require(perms.can_draft_report(actor))
    _in_scope(actor, report.unit)
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the correction.")]})
    with transaction.atomic():
        locked = _lock_report(report)
        if locked.status != ReportStatus.APPROVED:
            raise ValidationError(_("Only an approved report can be corrected by a revision."))
        if Report.objects.filter(supersedes=locked).exists():
            raise ValidationError(_("A revision of this report is already open."))
        revision = Report.objects.create(
            directive=locked.directive,
            unit=locked.unit,
            period_start=locked.period_start,
            period_end=locked.period_end,
            due_on=locked.due_on,
            revision=locked.revision + 1,
            supersedes=locked,
            results=locked.results,
            shortcomings=locked.shortcomings,
            created_by=actor,
        )
        ReportLine.objects.bulk_create(
            ReportLine(report=revision, target_id=line.target_id, value=line.value, note=line.note)
            for line in locked.lines.all()
        )
        _copy_evidence(locked.evidence.all(), revision)
        record_event(
            actor=actor,
            action="directives.report_revise",
            obj=revision,
            scope_unit=locked.unit,
            changes={"corrects": locked, "revision": revision.revision},
            reason=reason.strip(),
        )
    return revision


def _copy_evidence(items: Iterable[Evidence], report: Report) -> None:
    Evidence.objects.bulk_create(
        Evidence(
            report=report,
            filename=e.filename,
            content_type=e.content_type,
            size=e.size,
            sha256=e.sha256,
            data=e.data,
            uploaded_by=e.uploaded_by,
        )
        for e in items
    )
