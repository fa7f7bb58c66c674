"""Directives for the API: the directives concerning the area, and one directive's targets with
their live value, their shares per unit and the reports the units owe, as the directive board
computes them (``directives.selectors.board``: the API and the board are one computation).

A directive is visible when a unit it concerns lies in the actor's area (404 otherwise); a
commune user sees the targets its units answer for, the issuing level the whole directive.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from ninja import Schema

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap
from muster.api.resources.common import UnitRef, as_of, bind_scope, number, unit_ref
from muster.directives import selectors as directive_selectors
from muster.directives.models import Directive
from muster.directives.views import STATUS_LABELS

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.geo.scope import Scope


class DirectiveOut(Schema):
    public_id: uuid.UUID
    issuer: str
    number: str
    title: str
    issued_on: dt.date
    year: int
    signer: str
    #: The issuing unit.
    unit: UnitRef
    #: How often the units report (monthly, quarterly, …) and the working days they have.
    frequency: str
    report_due_working_days: int

    @classmethod
    def of(cls, directive: Directive) -> DirectiveOut:
        return cls(
            public_id=directive.public_id,
            issuer=directive.issuer,
            number=directive.number,
            title=directive.title,
            issued_on=directive.issued_on,
            year=directive.year,
            signer=directive.signer,
            unit=unit_ref(directive.unit),
            frequency=directive.frequency,
            report_due_working_days=directive.report_due_working_days,
        )


def directive_list(*, actor: User, scope: Scope, year: int | None = None) -> QuerySet[Directive]:
    """The directives concerning a unit of the area, newest first (the list page's); ``year``
    keeps one year. One query, to page and map with ``DirectiveOut.of``."""
    bind_scope(actor, scope)
    require_cap(actor, Cap.VIEW_REPORTS)
    rows = directive_selectors.directives_for_user(actor)
    if year is not None:
        rows = rows.filter(year=year)
    return rows.order_by("-year", "-issued_on", "-pk")


class ShareOut(Schema):
    """A unit's share of a target: planned, achieved to date (live, or its approved report)
    and progress (per cent of the share, 0–100)."""

    unit: UnitRef
    planned: float
    achieved: float | None
    progress: float | None


class TargetOut(Schema):
    public_id: uuid.UUID
    task_order: int
    task_title: str
    order: int
    title: str
    kind: str
    direction: str
    unit_label: str
    start_date: dt.date
    due_date: dt.date
    #: The live data source the target reads (empty: reported by hand).
    source: str
    planned: float | None
    #: The live value (or the approved reports' value) on the day.
    achieved: float | None
    progress: float | None
    status: str
    status_label: str
    shares: list[ShareOut]
    milestones: int
    milestones_done: int


class ObligationOut(Schema):
    """A report a unit owes for a period, and where it stands (``missing`` when none was
    begun; else the report's status), overdue or not. ``ended_on``: the unit's last day when
    it had ended by the day asked about; the obligation is then history, never overdue."""

    unit: UnitRef
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date
    state: str
    report: uuid.UUID | None
    overdue: bool
    days_late: int
    ended_on: dt.date | None = None


class DirectiveTargetsOut(Schema):
    directive: DirectiveOut
    #: The day the values are read on.
    day: dt.date
    #: The whole directive (the issuing level) or only the targets of the area's units.
    full_view: bool
    targets: list[TargetOut]
    reports: list[ObligationOut]


def directive_get(*, actor: User, scope: Scope, public_id: uuid.UUID) -> Directive:
    """One directive, fetched as its board does (404 when it concerns no unit of the area)."""
    bind_scope(actor, scope)
    return get_for_user(
        actor,
        Directive.objects.select_related("unit"),
        unit_field="concerned_units",
        cap=Cap.VIEW_REPORTS,
        public_id=public_id,
    )


def _decimal(value: Decimal | None) -> float | None:
    return number(value)


def directive_targets(
    *, actor: User, scope: Scope, public_id: uuid.UUID, on: dt.date | None = None
) -> DirectiveTargetsOut:
    """Every target of the directive the area answers for, with its value on ``on`` (the
    board's day: today, kept inside the directive's year, unless told), its shares and the
    reports owed."""
    directive = directive_get(actor=actor, scope=scope, public_id=public_id)
    day = on if on is not None else min(as_of(None), dt.date(directive.year, 12, 31))
    board = directive_selectors.board(user=actor, directive=directive, on=day)
    targets = [
        TargetOut(
            public_id=row.target.public_id,
            task_order=task.task.order,
            task_title=task.task.title,
            order=row.target.order,
            title=row.target.title,
            kind=row.target.kind,
            direction=row.target.direction,
            unit_label=row.target.unit_label,
            start_date=row.target.start_date,
            due_date=row.target.due_date,
            source=row.target.source,
            planned=_decimal(row.planned),
            achieved=_decimal(row.achieved),
            progress=_decimal(row.progress),
            status=row.status.value,
            status_label=str(STATUS_LABELS[row.status][0]),
            shares=[
                ShareOut(
                    unit=unit_ref(s.share.unit),
                    planned=float(s.share.value),
                    achieved=_decimal(s.achieved),
                    progress=_decimal(s.progress),
                )
                for s in row.shares
            ],
            milestones=len(row.milestones),
            milestones_done=row.milestones_done,
        )
        for task in board.tasks
        for row in task.targets
    ]
    reports = [
        ObligationOut(
            unit=unit_ref(o.unit),
            period_start=o.period.start,
            period_end=o.period.end,
            due_on=o.due_on,
            state=o.state,
            report=o.report.public_id if o.report is not None else None,
            overdue=o.overdue,
            days_late=o.days_late,
            ended_on=o.ended_on,
        )
        for o in board.obligations
    ]
    return DirectiveTargetsOut(
        directive=DirectiveOut.of(directive),
        day=day,
        full_view=board.full_view,
        targets=targets,
        reports=reports,
    )
