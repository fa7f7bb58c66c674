"""Reads of the reserve's training call-ups and meetings, scoped by the reader's area; the
training totals of reservists against the caps; the payment sheet of a call."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from muster.accounts.access import get_for_user
from muster.core import lawtext
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law.money import Line
from muster.law.reserve import allowances as law
from muster.law.reserve.enums import ReservistKind
from muster.law.reserve.training import cap_days
from muster.law.reserve.training_enums import CallKind
from muster.reserve.perms import can_view_reserve
from muster.reserve.register.models import Reservist
from muster.reserve.register.selectors import open_on
from muster.reserve.training.models import (
    CallEntry,
    EntryStatus,
    Meeting,
    MeetingAttendance,
    TrainingCall,
)

if TYPE_CHECKING:
    from muster.accounts.models import User


@dataclass
class Total:
    """A reservist's training so far: days attended or still called to, of which extra
    training, and training calls per year."""

    days: int = 0
    extra_days: int = 0
    sessions: dict[int, int] = field(default_factory=dict)

    def sessions_in(self, year: int) -> int:
        return self.sessions.get(year, 0)


def done_days(reservist_ids: Sequence[int], *, exclude_call: int | None = None) -> dict[int, Total]:
    """``{reservist id: Total}``: days attended on past calls plus the days of the calls he is
    still called to (one query)."""
    rows = (
        CallEntry.objects.filter(
            reservist_id__in=reservist_ids,
            status__in=(EntryStatus.CALLED, EntryStatus.PRESENT),
        )
        .exclude(call_id=exclude_call)
        .values_list(
            "reservist_id", "status", "days", "call__kind", "call__starts_on", "call__ends_on"
        )
    )
    totals: dict[int, Total] = {}
    for reservist_id, status, days, kind, first, last in rows:
        total = totals.setdefault(reservist_id, Total())
        counted = days if status == EntryStatus.PRESENT and days else (last - first).days + 1
        total.days += counted
        if kind == CallKind.EXTRA:
            total.extra_days += counted
        if kind != CallKind.CHECK:
            total.sessions[first.year] = total.sessions.get(first.year, 0) + 1
    return totals


@dataclass(frozen=True)
class Standing:
    """A reservist's training shown on his page: the total against the cap of the day."""

    total: Total
    cap: int | None
    entries: list[CallEntry]

    @property
    def left(self) -> int | None:
        return None if self.cap is None else max(0, self.cap - self.total.days)


def standing_of(reservist: Reservist, day: dt.date) -> Standing:
    total = done_days([reservist.pk]).get(reservist.pk, Total())
    cap = cap_days(day)[0] if reservist.reserve_class == 1 else None
    entries = list(reservist.training_entries.select_related("call").order_by("-call__starts_on"))
    return Standing(total, cap, entries)


def calls_of_commune(*, user: User, commune: Unit, year: int) -> QuerySet[TrainingCall]:
    return (
        TrainingCall.objects.filter(
            scope_of(user).q("commune"), commune=commune, starts_on__year=year
        )
        .select_related("reserve_unit")
        .order_by("starts_on", "pk")
    )


def meetings_of_commune(*, user: User, commune: Unit, year: int) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(scope_of(user).q("commune"), commune=commune, held_on__year=year)
        .select_related("reserve_unit")
        .order_by("held_on", "pk")
    )


def reservists_on(commune: Unit, day: dt.date) -> QuerySet[Reservist]:
    """The commune's reservists on the register on ``day``, by name."""
    return (
        Reservist.objects.filter(open_on(day), holder=commune)
        .select_related("person")
        .order_by("person__full_name", "pk")
    )


def call_for_user(user: User, public_id: uuid.UUID) -> TrainingCall:
    return get_for_user(
        user,
        TrainingCall.objects.select_related("commune", "reserve_unit"),
        unit_field="commune",
        cap=can_view_reserve,
        public_id=public_id,
    )


def meeting_for_user(user: User, public_id: uuid.UUID) -> Meeting:
    return get_for_user(
        user,
        Meeting.objects.select_related("commune", "reserve_unit"),
        unit_field="commune",
        cap=can_view_reserve,
        public_id=public_id,
    )


def entries_of(call: TrainingCall) -> list[CallEntry]:
    return list(
        call.entries.select_related("reservist__person").order_by(
            "reservist__person__full_name", "pk"
        )
    )


def attendance_of(meeting: Meeting) -> list[MeetingAttendance]:
    return list(
        meeting.attendance.select_related("reservist__person").order_by(
            "reservist__person__full_name", "pk"
        )
    )


@dataclass(frozen=True)
class PayRow:
    entry: CallEntry
    line: Line | law.NoLine

    @property
    def amount(self) -> int:
        return self.line.amount if isinstance(self.line, Line) else 0

    @property
    def label(self) -> str:
        """What is paid, or why nothing is, in the interface's language."""
        return lawtext.text(self.line.text if isinstance(self.line, Line) else self.line.reason)

    @property
    def citation(self) -> str:
        return lawtext.cite_rules(self.line.rules)

    @property
    def confirmed(self) -> bool:
        return all(r.confirmed for r in self.line.rules)


@dataclass(frozen=True)
class PaymentSheet:
    """The training allowance of a call: a row per reservist who attended, computed by the
    rules in force on the call's days (Decree 79/2020; base salary)."""

    call: TrainingCall
    rows: list[PayRow]

    @property
    def total(self) -> int:
        return sum(r.amount for r in self.rows)

    @property
    def paid(self) -> list[PayRow]:
        return [r for r in self.rows if isinstance(r.line, Line)]

    @property
    def confirmed(self) -> bool:
        return all(r.confirmed for r in self.paid)


def payment_sheet(call: TrainingCall) -> PaymentSheet:
    rows = []
    for entry in entries_of(call):
        if entry.status != EntryStatus.PRESENT:
            continue
        days = entry.days or call.days
        line = law.training_line(
            officer=entry.reservist.kind == ReservistKind.OFFICER,
            first=call.starts_on,
            last=call.starts_on + dt.timedelta(days=days - 1),
            days=days,
            coefficient=entry.coefficient,
            state_paid=entry.state_paid,
        )
        rows.append(PayRow(entry, line))
    return PaymentSheet(call, rows)
