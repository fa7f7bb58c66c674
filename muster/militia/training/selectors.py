"""Reads of the militia's training, scoped to the reader's area: the year's plans and
sessions, a session's attendance sheet, the shortfall of training days per member (the days
owed for his year of service against the days attended) summed per unit and per component
with the completion rate, the payment list of a session's daily work allowance, and the
training days of a period for a monthly allowance list (``training_days``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from django.db.models import Count, Q, QuerySet, Sum

from muster.accounts.access import get_for_user
from muster.core.dated import not_ended_by
from muster.geo.scope import scope_of
from muster.law.militia.allowances import Amount, daily_work_allowance
from muster.law.militia.enums import Component
from muster.law.militia.training import required_days, year_of_service
from muster.law.militia.training_extra import Trainer, trainer
from muster.law.rulebook import Citation, NoRuleInForce
from muster.militia.dated import serving_on
from muster.militia.members.models import Membership
from muster.militia.perms import can_view_militia
from muster.militia.training.models import Attendance, TrainingPlan, TrainingSession

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.geo.models import Unit


def members_in_year(*, commune: Unit, year: int) -> QuerySet[Membership]:
    """The commune's members serving on some day of ``year`` (not scoped: for services that
    have checked the area)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return Membership.objects.filter(not_ended_by(first), holder=commune, joined_on__lte=last)


def expected_members(session: TrainingSession) -> list[Membership]:
    """The members a session trains: the plan's component (or the session's unit) in the
    plan's commune, serving on the session's first day; with person and unit."""
    day = session.starts_on
    members = Membership.objects.filter(
        serving_on(day),
        holder_id=session.plan.holder_id,
        component=session.plan.component,
    )
    if session.unit_id is not None:
        members = members.filter(unit_id=session.unit_id)
    return list(
        members.select_related("person", "unit").order_by("unit__name", "person__name_search")
    )


# ------------------------------------------------------------------------- plans, sessions


def plans_of_year(*, user: User, commune: Unit, year: int) -> list[TrainingPlan]:
    """The commune's plans of ``year`` with their sessions (each with ``n_present``): two
    queries."""
    plans = list(
        TrainingPlan.objects.filter(scope_of(user).q("holder"), holder=commune, year=year).order_by(
            "component"
        )
    )
    sessions = (
        TrainingSession.objects.filter(plan__in=plans)
        .select_related("unit")
        .annotate(n_present=Count("attendances", filter=Q(attendances__present=True)))
        .order_by("starts_on", "id")
    )
    by_plan: dict[int, list[TrainingSession]] = defaultdict(list)
    for s in sessions:
        by_plan[s.plan_id].append(s)
    for plan in plans:
        plan.session_list = by_plan.get(plan.pk, [])  # type: ignore[attr-defined]
        plan.citations = _plan_citations(plan)  # type: ignore[attr-defined]
    return plans


def _plan_citations(plan: TrainingPlan) -> tuple[Citation, ...]:
    """The citations of the rule of the plan's days (shown in the reader's language; the plan
    keeps them in Vietnamese)."""
    for day in (dt.date(plan.year, 1, 1), dt.date(plan.year, 12, 31)):
        try:
            return required_days(Component(plan.component), 1, day).rule.citations
        except NoRuleInForce:
            continue
    return ()


def session_trainer(session: TrainingSession) -> Trainer | None:
    """Who trains a unit of the session's component by TT 69/2020 Art 7 on its first day
    (the level None with an unconfirmed rule after 1 Jul 2025); None before the rule."""
    try:
        return trainer(Component(session.plan.component), False, session.starts_on)
    except NoRuleInForce:
        return None


def session_for_user(user: User, public_id: object) -> TrainingSession:
    """A session in ``user``'s area (404 outside) that ``user`` may read (403)."""
    return get_for_user(
        user,
        TrainingSession.objects.select_related("plan__holder", "unit"),
        unit_field="plan__holder",
        cap=can_view_militia,
        public_id=public_id,
    )


@dataclass(frozen=True)
class SheetRow:
    """A member expected at a session with his attendance (None: not recorded yet)."""

    membership: Membership
    attendance: Attendance | None

    @property
    def present(self) -> bool:
        return True if self.attendance is None else self.attendance.present


def attendance_sheet(*, user: User, session: TrainingSession) -> list[SheetRow]:
    """Every member expected at ``session`` with what is recorded: two queries."""
    if not scope_of(user).contains(session.plan.holder_id):
        return []
    members = expected_members(session)
    recorded = {a.membership_id: a for a in Attendance.objects.filter(session=session)}
    return [SheetRow(m, recorded.get(m.pk)) for m in members]


# ------------------------------------------------------------------------------ shortfall


@dataclass(frozen=True)
class MemberShortfall:
    """A member's training in a year: ``service_year`` on 31 December (1 for a member who
    joined in the year), the days ``required`` for it, the days ``attended``."""

    membership: Membership
    service_year: int
    required: int
    attended: int

    @property
    def shortfall(self) -> int:
        return max(self.required - self.attended, 0)

    @property
    def completed(self) -> bool:
        return self.attended >= self.required


@dataclass(frozen=True)
class GroupShortfall:
    """Members of a unit or a component: how many completed their days, the days owed."""

    key: str
    label: str
    members: int
    completed: int
    required: int
    attended: int
    shortfall: int

    @property
    def rate(self) -> float | None:
        """Completion rate in per cent (None without members)."""
        return round(100 * self.completed / self.members, 1) if self.members else None


def _required(component: str, service_year: int, plan: TrainingPlan | None, year: int) -> int:
    if plan is not None:
        return plan.first_year_days if service_year == 1 else plan.later_days
    try:
        return required_days(Component(component), service_year, dt.date(year, 12, 31)).days
    except NoRuleInForce:
        return 0


def service_starts(members: list[Membership]) -> dict[int, dt.date]:
    """Membership id → the day the member's unbroken service began: a membership that
    continues another of the same person (the 2025 reorganisation of communes ended the old
    one on the day the new one began, with the same term) counts from the first. One query."""
    ended = {
        (person, until): joined
        for person, joined, until in Membership.objects.filter(
            person_id__in={m.person_id for m in members}, ended_on__isnull=False
        ).values_list("person_id", "joined_on", "ended_on")
    }
    starts = {}
    for m in members:
        start, steps = m.joined_on, 0
        while (m.person_id, start) in ended and steps < 20:
            start, steps = ended[(m.person_id, start)], steps + 1
        starts[m.pk] = start
    return starts


def shortfall_by_member(*, user: User, commune: Unit, year: int) -> list[MemberShortfall]:
    """Every member of the commune serving in ``year`` with the days owed for his year of
    service (counted on 31 December from the start of his unbroken service; the plan's days,
    else the rule's) and the days attended at the commune's sessions of the year: four
    queries."""
    members = list(
        members_in_year(commune=commune, year=year)
        .filter(scope_of(user).q("holder"))
        .select_related("person", "unit")
        .order_by("component", "unit__name", "person__name_search")
    )
    plans = {p.component: p for p in TrainingPlan.objects.filter(holder=commune, year=year)}
    attended = dict(
        Attendance.objects.filter(
            present=True, session__plan__holder=commune, session__plan__year=year
        )
        .values_list("membership_id")
        .annotate(n=Sum("days"))
        .values_list("membership_id", "n")
    )
    end = dt.date(year, 12, 31)
    starts = service_starts(members)
    out = []
    for m in members:
        service_year = year_of_service(starts[m.pk], max(end, m.joined_on))
        out.append(
            MemberShortfall(
                membership=m,
                service_year=service_year,
                required=_required(m.component, service_year, plans.get(m.component), year),
                attended=attended.get(m.pk) or 0,
            )
        )
    return out


def _group(
    rows: Iterable[MemberShortfall], key: Callable[[MemberShortfall], tuple[str, str]]
) -> list[GroupShortfall]:
    groups: dict[tuple[str, str], list[MemberShortfall]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return [
        GroupShortfall(
            key=k,
            label=label,
            members=len(items),
            completed=sum(1 for r in items if r.completed),
            required=sum(r.required for r in items),
            attended=sum(r.attended for r in items),
            shortfall=sum(r.shortfall for r in items),
        )
        for (k, label), items in groups.items()
    ]


def shortfall_by_unit(rows: Iterable[MemberShortfall]) -> list[GroupShortfall]:
    """The members' shortfall summed per unit (members without a unit together, key "")."""
    return _group(
        rows,
        lambda r: (
            str(r.membership.unit.public_id) if r.membership.unit else "",
            r.membership.unit.name if r.membership.unit else "",
        ),
    )


def shortfall_by_component(rows: Iterable[MemberShortfall]) -> list[GroupShortfall]:
    """The members' shortfall summed per component."""
    return _group(
        rows, lambda r: (r.membership.component, str(r.membership.get_component_display()))
    )


def completion(rows: list[MemberShortfall]) -> GroupShortfall:
    """The whole commune: members who completed their days over members."""
    return _group(rows, lambda r: ("", ""))[0] if rows else GroupShortfall("", "", 0, 0, 0, 0, 0)


# ------------------------------------------------------------------------------ allowance


@dataclass(frozen=True)
class PaymentRow:
    membership: Membership
    days: int
    amount: int


@dataclass(frozen=True)
class PaymentSheet:
    """A session's daily work allowance (trợ cấp ngày công lao động, Decree 72/2020 Art 11
    as amended by Decree 16/2025): the days attended times the rate of the session's first
    day (the law's floor; the province may set more). Standing militia are not paid it and
    are counted apart in ``standing``. ``rate`` None: no rule on that day."""

    session: TrainingSession
    rate: Amount | None
    rows: list[PaymentRow]
    standing: int

    @property
    def total(self) -> int:
        return sum(r.amount for r in self.rows)

    @property
    def days(self) -> int:
        return sum(r.days for r in self.rows)


def payment_sheet(*, user: User, session: TrainingSession) -> PaymentSheet:
    """The payment list of ``session``: one query."""
    try:
        rate: Amount | None = daily_work_allowance(session.starts_on)
    except NoRuleInForce:
        rate = None
    present = (
        Attendance.objects.filter(
            scope_of(user).q("session__plan__holder"), session=session, present=True, days__gt=0
        )
        .select_related("membership__person", "membership__unit")
        .order_by("membership__unit__name", "membership__person__name_search")
    )
    rows: list[PaymentRow] = []
    standing = 0
    for a in present:
        if a.membership.component == Component.STANDING:
            standing += 1
            continue
        rows.append(PaymentRow(a.membership, a.days, a.days * rate.amount if rate else 0))
    return PaymentSheet(session=session, rate=rate, rows=rows, standing=standing)


class TrainingDay(NamedTuple):
    """A member's training days at a session starting on ``day``."""

    membership: Membership
    day: dt.date
    days: int


def training_days(
    commune: Unit, start: dt.date, end: dt.date, *, user: User | None = None
) -> list[TrainingDay]:
    """The days each member of ``commune`` attended at the sessions that start from ``start``
    to ``end`` (for a monthly allowance list): one query. With ``user``, cut to his area."""
    rows = Attendance.objects.filter(
        present=True,
        days__gt=0,
        session__plan__holder=commune,
        session__starts_on__gte=start,
        session__starts_on__lte=end,
    )
    if user is not None:
        rows = rows.filter(scope_of(user).q("session__plan__holder"))
    return [
        TrainingDay(a.membership, a.session.starts_on, a.days)
        for a in rows.select_related("membership__person", "session").order_by(
            "session__starts_on", "membership__person__name_search"
        )
    ]
