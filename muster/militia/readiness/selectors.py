"""Reads of readiness, scoped to the acting user's area: who can be called out now (the
members serving per unit and component), the commune's call-outs, one call-out's board (per
unit: called, acknowledged, arrived, not reached) and the members' days of duty that the
month's allowance list pays."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.utils import timezone

from muster.core.dated import not_ended_by
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.militia.dated import serving_on
from muster.militia.members.models import Membership, MembershipStatus
from muster.militia.organisation.models import MilitiaUnit
from muster.militia.readiness.models import CallOut, CallOutMember

if TYPE_CHECKING:
    from muster.accounts.models import User


def _serving_on(day: dt.date, prefix: str = "") -> Q:
    """Memberships with status serving on ``day`` (members away for 3 months or more are
    recorded elsewhere; they still count here)."""
    return Q(**{f"{prefix}status": MembershipStatus.SERVING}) & serving_on(day, prefix)


@dataclass(frozen=True)
class ReadyUnit:
    unit: MilitiaUnit
    serving: int
    on_callout: int


@dataclass(frozen=True)
class ReadyComponent:
    component: str
    label: str
    serving: int
    without_unit: int


@dataclass(frozen=True)
class Readiness:
    units: list[ReadyUnit]
    components: list[ReadyComponent]

    @property
    def serving(self) -> int:
        return sum(c.serving for c in self.components)


def readiness_of_commune(*, user: User, commune: Unit, day: dt.date) -> Readiness:
    """The commune's open units with the members serving in them and those on an open call-out
    now; per component, the members serving (with those not yet in a unit). Two queries."""
    units = list(
        MilitiaUnit.objects.filter(
            not_ended_by(day),
            scope_of(user).q("holder"),
            holder=commune,
            established_on__lte=day,
        )
        .annotate(
            n=Count("members", filter=_serving_on(day, "members__"), distinct=True),
            busy=Count(
                "callout_members",
                filter=Q(callout_members__callout__closed_at__isnull=True),
                distinct=True,
            ),
        )
        .order_by("component", "name")
    )
    counts = (
        Membership.objects.filter(_serving_on(day), scope_of(user).q("holder"), holder=commune)
        .values("component")
        .annotate(n=Count("pk"), loose=Count("pk", filter=Q(unit__isnull=True)))
        .order_by("component")
    )
    labels = dict(Membership._meta.get_field("component").flatchoices)
    return Readiness(
        units=[ReadyUnit(unit=u, serving=u.n, on_callout=u.busy) for u in units],
        components=[
            ReadyComponent(
                component=c["component"],
                label=str(labels.get(c["component"], c["component"])),
                serving=c["n"],
                without_unit=c["loose"],
            )
            for c in counts
        ],
    )


def callouts_of_commune(*, user: User, commune: Unit) -> list[CallOut]:
    """The commune's call-outs, newest first, with the members called, answered and arrived."""
    return list(
        CallOut.objects.filter(scope_of(user).q("holder"), holder=commune)
        .annotate(
            called=Count("members"),
            answered=Count("members", filter=Q(members__acknowledged_at__isnull=False)),
            arrived=Count("members", filter=Q(members__arrived_at__isnull=False)),
        )
        .order_by("-ordered_at")
    )


@dataclass(frozen=True)
class UnitCount:
    """One unit's answers to a call-out."""

    unit: MilitiaUnit
    called: int = 0
    answered: int = 0
    arrived: int = 0
    not_reached: int = 0

    @property
    def waiting(self) -> int:
        return self.called - self.answered - self.not_reached


@dataclass(frozen=True)
class Board:
    callout: CallOut
    units: list[UnitCount]
    members: list[CallOutMember]

    def _sum(self, name: str) -> int:
        return sum(getattr(u, name) for u in self.units)

    @property
    def called(self) -> int:
        return self._sum("called")

    @property
    def answered(self) -> int:
        return self._sum("answered")

    @property
    def arrived(self) -> int:
        return self._sum("arrived")

    @property
    def not_reached(self) -> int:
        return self._sum("not_reached")


def callout_board(callout: CallOut) -> Board:
    """The live board of a call-out (already authorised): its members with person and unit,
    and per unit the counts. Two queries whatever the number of members."""
    members = list(
        CallOutMember.objects.filter(callout=callout)
        .select_related("membership__person", "unit")
        .order_by("unit__name", "membership__person__name_search")
    )
    counts: dict[int, dict[str, int]] = {}
    units: dict[int, MilitiaUnit] = {}
    for m in members:
        units[m.unit_id] = m.unit
        c = counts.setdefault(m.unit_id, dict.fromkeys(("called", "answered", "arrived", "nr"), 0))
        c["called"] += 1
        c["answered"] += m.acknowledged_at is not None
        c["arrived"] += m.arrived_at is not None
        c["nr"] += m.not_reached
    rows = [
        UnitCount(units[k], c["called"], c["answered"], c["arrived"], c["nr"])
        for k, c in counts.items()
    ]
    return Board(callout=callout, units=rows, members=members)


@dataclass(frozen=True)
class DutySpan:
    """The days a member was on duty in a closed call-out, cut to a period."""

    membership: Membership
    callout: CallOut
    first: dt.date
    last: dt.date

    @property
    def days(self) -> list[dt.date]:
        n = (self.last - self.first).days + 1
        return [self.first + dt.timedelta(days=i) for i in range(n)]


def callout_duty_spans(*, commune: Unit, first: dt.date, last: dt.date) -> list[DutySpan]:
    """Each member who arrived in a closed call-out of ``commune`` (already authorised), with
    his days of duty (from the day he arrived to the day the call-out closed) within
    ``first``–``last``. One query."""
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min))
    rows = (
        CallOutMember.objects.filter(
            callout__holder=commune,
            callout__closed_at__gte=start,
            arrived_at__lt=end,
            arrived_at__isnull=False,
        )
        .select_related("callout", "membership__person")
        .order_by("callout__ordered_at", "membership__person__name_search")
    )
    spans: list[DutySpan] = []
    for row in rows:
        assert row.arrived_at is not None and row.callout.closed_at is not None
        begin = max(timezone.localtime(row.arrived_at).date(), first)
        stop = min(timezone.localtime(row.callout.closed_at).date(), last)
        if begin <= stop:
            spans.append(DutySpan(row.membership, row.callout, begin, stop))
    return spans
