"""Targets (chỉ tiêu) of a task: figures, commune shares, live sources and milestone checklists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.audit.services import record_event
from muster.core.dates import today
from muster.directives import perms
from muster.directives.models import (
    Body,
    Directive,
    Milestone,
    ReportLine,
    Target,
    TargetKind,
    TargetShare,
    Task,
)
from muster.directives.services.guards import editable_directive
from muster.directives.services.setup import (
    Responsible,
    numbered_errors,
    refresh_concerned_units,
)
from muster.directives.sources import sources
from muster.geo.models import Unit

if TYPE_CHECKING:
    from muster.accounts.models import User


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
    editable_directive(actor=actor, directive=task.directive)
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
    responsible = Responsible(lead_unit, lead_body, coordinating_units, coordinating_bodies)
    responsible.check(actor=actor, directive=task.directive, share_units=[u for u, _v in shares])
    with transaction.atomic():
        target = Target(
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
        )
        responsible.assign(target)
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
    editable_directive(actor=actor, directive=directive)
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
    responsible = Responsible(lead_unit, lead_body, coordinating_units, coordinating_bodies)
    responsible.check(actor=actor, directive=directive, share_units=[u for u, _v in shares])
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
        responsible.assign(locked)
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
    errors = numbered_errors(
        title=title,
        order=order,
        siblings=Target.objects.filter(task=task),
        current_pk=target.pk if target is not None else None,
        taken=_("Another target of this task already has this number."),
    )
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
    if source and source not in sources():
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
