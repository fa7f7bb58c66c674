"""Reads of directives, cut to the acting user's units: the board, obligations, reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from muster.core.calendar import holidays_between
from muster.core.registry import DataSource
from muster.directives import periods, rollup
from muster.directives.handover_store import Reporting, reporting
from muster.directives.models import (
    Directive,
    Milestone,
    Report,
    ReportLine,
    ReportStatus,
    Target,
    TargetKind,
    TargetShare,
    Task,
)
from muster.directives.sources import read_source, read_source_each, sources
from muster.geo.models import Unit
from muster.geo.scope import scope_of

if TYPE_CHECKING:
    from muster.accounts.models import User

#: Reminders start this many days before a report's due day.
REMIND_DAYS_BEFORE = 7


def directives_for_user(user: User) -> QuerySet[Directive]:
    return (
        Directive.objects.filter(**scope_of(user).lookup("concerned_units"))
        .distinct()
        .select_related("unit")
    )


def reports_for_user(user: User) -> QuerySet[Report]:
    return Report.objects.filter(**scope_of(user).lookup("unit")).select_related(
        "directive", "unit", "submitted_by", "reviewed_by"
    )


@dataclass
class ShareRow:
    share: TargetShare
    achieved: Decimal | None
    progress: Decimal | None


@dataclass
class TargetRow:
    target: Target
    source: DataSource | None
    planned: Decimal | None
    achieved: Decimal | None
    progress: Decimal | None
    status: rollup.Status
    shares: list[ShareRow]
    shares_sum: Decimal
    shares_mismatch: Decimal
    milestones: list[Milestone]
    milestones_done: int


@dataclass
class TaskRow:
    task: Task
    targets: list[TargetRow]
    status: rollup.Status


@dataclass(frozen=True)
class Obligation:
    """One report a unit owes for one period, and where it stands."""

    directive: Directive
    unit: Unit
    period: periods.Period
    due_on: dt.date
    report: Report | None
    overdue: bool
    days_late: int
    #: the unit's last day when it had ended by the day asked about: the obligation is history
    #: (shown with the dissolution date), never overdue
    ended_on: dt.date | None = None

    @property
    def state(self) -> str:
        return self.report.status if self.report is not None else "missing"

    @property
    def history(self) -> bool:
        return self.ended_on is not None


@dataclass(frozen=True)
class Dissolution:
    """A reporting unit that ended with nobody to take its remaining periods over: the board
    says "unit dissolved on dd/mm/yyyy" instead of listing them as missing."""

    unit: Unit
    ended_on: dt.date


@dataclass
class Board:
    directive: Directive
    on: dt.date
    full_view: bool
    tasks: list[TaskRow]
    obligations: list[Obligation] = field(default_factory=list)
    dissolved: list[Dissolution] = field(default_factory=list)

    @property
    def overdue(self) -> list[Obligation]:
        return [o for o in self.obligations if o.overdue]

    @property
    def current(self) -> list[Obligation]:
        """The obligations of units that still exist (history excluded)."""
        return [o for o in self.obligations if not o.history]

    @property
    def history(self) -> list[Obligation]:
        """The obligations of units that had ended by the board's day."""
        return [o for o in self.obligations if o.history]

    def count(self, status: rollup.Status) -> int:
        return sum(1 for t in self.tasks for r in t.targets if r.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {s.value: self.count(s) for s in rollup.Status}


class UnitIndex:
    """The visible units with their paths, to expand a unit into its subtree without queries."""

    def __init__(self, unit_ids: frozenset[int]) -> None:
        self.units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids).only("pk", "path")}

    def subtree(self, unit_id: int) -> frozenset[int]:
        root = self.units.get(unit_id)
        if root is None:
            return frozenset()
        return frozenset(pk for pk, u in self.units.items() if u.path.startswith(root.path))


def approved_values(directive: Directive, *, until: dt.date) -> dict[tuple[int, int], Decimal]:
    """``{(target id, unit id): value to date}`` from each unit's latest approved report of a
    period that ended by ``until``."""
    lines = (
        ReportLine.objects.filter(
            report__directive=directive,
            report__status=ReportStatus.APPROVED,
            report__period_end__lte=until,
        )
        .order_by("report__period_end", "report__revision")
        .values_list("target_id", "report__unit_id", "value")
    )
    values: dict[tuple[int, int], Decimal] = {}
    for target_id, unit_id, value in lines:
        values[(target_id, unit_id)] = value
    return values


def _target_row(
    target: Target,
    *,
    on: dt.date,
    year: int,
    in_view: frozenset[int],
    index: UnitIndex,
    approved: dict[tuple[int, int], Decimal],
    area: frozenset[int],
) -> TargetRow | None:
    direction = rollup.Direction(target.direction)
    source = sources().get(target.source) if target.source else None
    all_shares = list(target.shares.all())
    shares = [s for s in all_shares if s.unit_id in in_view]
    if all_shares and not shares:
        return None
    share_rows: list[ShareRow] = []
    if source is not None:
        read = read_source_each(source.name, [index.subtree(s.unit_id) for s in shares], year)
    else:
        read = [approved.get((target.pk, s.unit_id)) for s in shares]
    for share, value in zip(shares, read, strict=True):
        share_rows.append(
            ShareRow(share, value, rollup.share_progress(share.value, value, direction))
        )
    milestones = list(target.milestones.all())
    done = sum(1 for m in milestones if m.done_on is not None and m.done_on <= on)
    planned: Decimal | None = target.value
    achieved: Decimal | None
    if target.kind == TargetKind.MILESTONES:
        achieved = Decimal(done)
        planned = Decimal(len(milestones))
        progress = rollup.checklist_progress(done, len(milestones))
    elif share_rows:
        plain = [rollup.Share(r.share.value, r.achieved) for r in share_rows]
        known = [r.achieved for r in share_rows if r.achieved is not None]
        achieved = sum(known, Decimal(0)) if known else None
        if len(shares) != len(all_shares):
            planned = rollup.sum_of_shares(plain)
        progress = rollup.weighted_progress(plain, direction)
    else:
        if source is not None:
            achieved = read_source(source.name, area, year)
        elif target.lead_unit_id is not None:
            achieved = approved.get((target.pk, target.lead_unit_id))
        else:
            achieved = None
        progress = rollup.share_progress(planned or Decimal(0), achieved, direction)
    all_plain = [rollup.Share(s.value, None) for s in all_shares]
    return TargetRow(
        target=target,
        source=source,
        planned=planned,
        achieved=achieved,
        progress=progress,
        status=rollup.status(
            progress=progress,
            start=target.start_date,
            due=target.due_date,
            on=on,
            direction=direction,
        ),
        shares=share_rows,
        shares_sum=rollup.sum_of_shares(all_plain),
        shares_mismatch=rollup.shares_mismatch(target.value or Decimal(0), all_plain),
        milestones=milestones,
        milestones_done=done,
    )


def board(*, user: User, directive: Directive, on: dt.date, unit: Unit | None = None) -> Board:
    """Every task and target of ``directive`` with its progress and status on ``on``.

    A user whose area holds the issuing unit sees the whole directive; a commune user sees
    the targets its units answer for. ``unit`` narrows the board to one unit's subtree.
    """
    visible = scope_of(user).unit_ids()
    index = UnitIndex(visible)
    in_view = index.subtree(unit.pk) if unit is not None else visible
    full_view = directive.unit_id in visible and unit is None
    area = in_view if not full_view else index.subtree(directive.unit_id) or in_view
    approved = approved_values(directive, until=on)
    tasks = (
        Task.objects.filter(directive=directive)
        .order_by("order")
        .select_related("lead_unit", "lead_body")
        .prefetch_related(
            "coordinating_units",
            "coordinating_bodies",
            Prefetch(
                "targets",
                queryset=Target.objects.order_by("order")
                .select_related("lead_unit", "lead_body")
                .prefetch_related(
                    "coordinating_units",
                    "coordinating_bodies",
                    Prefetch("shares", queryset=TargetShare.objects.select_related("unit")),
                    "milestones",
                ),
            ),
        )
    )
    task_rows: list[TaskRow] = []
    for task in tasks:
        rows = []
        for target in task.targets.all():
            if not full_view and not target.shares.all():
                lead_ok = target.lead_unit_id in in_view
                if not lead_ok:
                    continue
            row = _target_row(
                target,
                on=on,
                year=directive.year,
                in_view=in_view,
                index=index,
                approved=approved,
                area=area,
            )
            if row is not None:
                rows.append(row)
        if rows or full_view:
            task_rows.append(TaskRow(task, rows, rollup.worst([r.status for r in rows])))
    result = Board(directive=directive, on=on, full_view=full_view, tasks=task_rows)
    loaded = reporting(directive)
    result.obligations = obligations(directive=directive, unit_ids=in_view, on=on, loaded=loaded)
    result.dissolved = dissolutions(loaded, unit_ids=in_view, on=on)
    return result


def reporting_unit_ids(directive: Directive) -> set[int]:
    """Units that owe reports: share holders of hand-reported targets, or their lead units,
    and the units that took over from those that ended (``handover``)."""
    return reporting(directive).duties.unit_ids()


def dissolutions(loaded: Reporting, *, unit_ids: frozenset[int], on: dt.date) -> list[Dissolution]:
    """The reporting units among ``unit_ids`` that had ended by ``on`` with nobody to take
    over (their later periods are not expected of anyone). No query."""
    found = [
        Dissolution(unit=loaded.units[pk], ended_on=day)
        for pk, day in loaded.duties.dissolved.items()
        if pk in unit_ids and day < on
    ]
    return sorted(found, key=lambda d: (d.unit.name, d.unit.pk))


def due_dates(directive: Directive) -> list[tuple[periods.Period, dt.date]]:
    """Every period of the directive's year with its report due day (one holiday query)."""
    period_list = periods.periods_of_year(directive.frequency, directive.year)
    holidays = holidays_between(period_list[0].end, period_list[-1].end + dt.timedelta(days=90))
    return [
        (p, periods.due_date(p.end, directive.report_due_working_days, holidays))
        for p in period_list
    ]


def obligations(
    *,
    directive: Directive,
    unit_ids: frozenset[int],
    on: dt.date,
    horizon: int = 0,
    loaded: Reporting | None = None,
) -> list[Obligation]:
    """The reports owed on ``on`` (due day passed, plus those due within ``horizon`` days)
    by the reporting units among ``unit_ids``, with the latest revision of each.

    A unit owes only the periods it existed in: none that starts after its ``valid_to`` (a
    period straddling the end is still owed), none that ends before its ``valid_from``; the
    units it became owe the rest of its targets' periods (``handover`` has the rule). Once a
    unit has ended (``valid_to`` before ``on``) its obligations are history: listed with
    ``ended_on``, never overdue, no reminder."""
    loaded = loaded if loaded is not None else reporting(directive)
    duties = loaded.duties
    owing = duties.unit_ids() & set(unit_ids)
    if not owing:
        return []
    units = {pk: loaded.units[pk] for pk in owing}
    latest: dict[tuple[int, dt.date], Report] = {}
    for existing in Report.objects.filter(directive=directive, unit_id__in=owing).order_by(
        "revision"
    ):
        latest[(existing.unit_id, existing.period_start)] = existing
    result = []
    for period, due in due_dates(directive):
        if due > on + dt.timedelta(days=horizon) or period.start > on:
            continue
        for unit_id in sorted(owing, key=lambda pk: units[pk].name):
            if not duties.expects(unit_id, period):
                continue
            unit = units[unit_id]
            ended_on = unit.valid_to if unit.valid_to is not None and unit.valid_to < on else None
            report = latest.get((unit_id, period.start))
            submitted_on = None
            if report is not None and report.status != ReportStatus.DRAFT:
                submitted_on = report.submitted_on
            if report is not None and report.status == ReportStatus.RETURNED:
                submitted_on = None
            overdue = ended_on is None and periods.is_overdue(
                due=due, on=on, submitted_on=submitted_on
            )
            result.append(
                Obligation(
                    directive=directive,
                    unit=unit,
                    period=period,
                    due_on=due,
                    report=report,
                    overdue=overdue,
                    days_late=periods.days_late(due=due, on=on) if overdue else 0,
                    ended_on=ended_on,
                )
            )
    return result


@dataclass(frozen=True)
class Reminder:
    obligation: Obligation
    kind: str  # "overdue", "due_soon", "to_review"


def reminders(*, user: User, on: dt.date) -> list[Reminder]:
    """What the user's dashboard should remind of: reports overdue or due within a week in
    the user's units, and (for checkers) reports awaiting review."""
    from muster.accounts.perms import Cap, has_cap

    visible = scope_of(user).unit_ids()
    result: list[Reminder] = []
    for directive in directives_for_user(user).filter(year__gte=on.year - 1):
        for ob in obligations(
            directive=directive, unit_ids=visible, on=on, horizon=REMIND_DAYS_BEFORE
        ):
            if ob.history:
                continue  # the unit ended: its successor is reminded of its own periods
            if ob.overdue:
                result.append(Reminder(ob, "overdue"))
            elif ob.due_on >= on and ob.state in ("missing", "draft", "returned"):
                result.append(Reminder(ob, "due_soon"))
            elif (
                ob.state == ReportStatus.SUBMITTED
                and has_cap(user, Cap.REVIEW_DIRECTIVE)
                and user.scope_unit_id != ob.unit.pk
            ):
                result.append(Reminder(ob, "to_review"))
    return result


#: The order of reminder kinds on the dashboard: overdue first.
KIND_ORDER = {"overdue": 0, "to_review": 1, "due_soon": 2}


@dataclass(frozen=True)
class ReminderGroup:
    """The reminders of one kind for one unit under one directive: one dashboard line."""

    kind: str
    directive: Directive
    unit: Unit
    count: int
    first: periods.Period  # the earliest period
    last: periods.Period  # the latest period
    due_on: dt.date  # the earliest due day
    days_late: int  # the longest delay (overdue lines)
    report: Report | None  # the report, when the line stands for a single one


def group_reminders(items: list[Reminder]) -> list[ReminderGroup]:
    """One line per kind, directive and unit, with the count and the span of periods; overdue
    lines first, then the earliest due day, then the unit's name. No query."""
    buckets: dict[tuple[str, int, int], list[Obligation]] = {}
    for item in items:
        ob = item.obligation
        buckets.setdefault((item.kind, ob.directive.pk, ob.unit.pk), []).append(ob)
    groups = []
    for (kind, _directive, _unit), obs in buckets.items():
        obs.sort(key=lambda o: o.period.start)
        groups.append(
            ReminderGroup(
                kind=kind,
                directive=obs[0].directive,
                unit=obs[0].unit,
                count=len(obs),
                first=obs[0].period,
                last=obs[-1].period,
                due_on=min(o.due_on for o in obs),
                days_late=max(o.days_late for o in obs),
                report=obs[0].report if len(obs) == 1 else None,
            )
        )
    groups.sort(key=lambda g: (KIND_ORDER.get(g.kind, 9), g.due_on, g.unit.name, g.unit.pk))
    return groups
