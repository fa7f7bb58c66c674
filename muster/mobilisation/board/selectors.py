"""The live board of a call-out: per force and group (reservists by kind and class, militia
by component, other forces, assets by kind) how many were called, notified, acknowledged,
arrived, absent and are still awaited. People are counted by head (another force brings its
headcount); assets one each. One aggregate query, recounted from the lines every time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Q, Sum

from muster.geo.scope import scope_of
from muster.mobilisation.groups import force_label, group_label
from muster.mobilisation.orders.models import CallOutLine, CallOutOrder

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from muster.accounts.models import User
    from muster.geo.models import Unit

_FORCE_ORDER = {"reservist": 0, "militia": 1, "other": 2, "asset": 3}


@dataclass(frozen=True)
class BoardRow:
    force: str
    group: str
    label: str
    lines: int
    called: int
    notified: int
    acknowledged: int
    arrived: int
    absent: int

    @property
    def waiting(self) -> int:
        return self.called - self.arrived - self.absent

    @property
    def is_asset(self) -> bool:
        return self.force == "asset"


@dataclass
class Board:
    rows: list[BoardRow] = field(default_factory=list)

    def _total(self, name: str, assets: bool) -> int:
        return sum(getattr(r, name) for r in self.rows if r.is_asset == assets)

    @property
    def people(self) -> dict[str, int]:
        keys = ("called", "notified", "acknowledged", "arrived", "absent", "waiting")
        return {k: self._total(k, False) for k in keys}

    @property
    def assets(self) -> dict[str, int]:
        keys = ("called", "notified", "acknowledged", "arrived", "absent", "waiting")
        return {k: self._total(k, True) for k in keys}


def _heads(condition: Q) -> Sum:
    return Sum("headcount", filter=condition, default=0)


def board_of(order: CallOutOrder) -> Board:
    """The board of ``order`` (the caller fetched it within the user's area)."""
    rows = (
        CallOutLine.objects.filter(order=order)
        .values("force", "group")
        .annotate(
            lines=Count("pk"),
            called=Sum("headcount", default=0),
            notified=_heads(Q(notified_at__isnull=False)),
            acknowledged=_heads(Q(acknowledged_at__isnull=False)),
            arrived=_heads(Q(arrived_at__isnull=False)),
            absent=_heads(Q(absent=True)),
        )
        .order_by()
    )
    board = Board(
        [
            BoardRow(
                force=r["force"],
                group=r["group"],
                label=group_label(r["force"], r["group"])
                if r["group"]
                else force_label(r["force"]),
                lines=r["lines"],
                called=r["called"],
                notified=r["notified"],
                acknowledged=r["acknowledged"],
                arrived=r["arrived"],
                absent=r["absent"],
            )
            for r in rows
        ]
    )
    board.rows.sort(key=lambda r: (_FORCE_ORDER.get(r.force, 9), r.label))
    return board


def lines_of(order: CallOutOrder) -> QuerySet[CallOutLine]:
    """The order's lines, people first, then assets."""
    return CallOutLine.objects.filter(order=order).order_by("force", "group", "label", "pk")


def orders_of(*, user: User, commune: Unit | None = None) -> QuerySet[CallOutOrder]:
    """The orders of the user's area (of one commune when given), newest first."""
    qs = CallOutOrder.objects.filter(scope_of(user).q("holder")).select_related("holder")
    if commune is not None:
        qs = qs.filter(holder=commune)
    return qs.annotate(
        n_lines=Count("lines"),
        n_arrived=Count("lines", filter=Q(lines__arrived_at__isnull=False)),
    ).order_by("-ordered_at", "pk")
