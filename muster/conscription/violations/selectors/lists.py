"""The violation cases in the acting user's area, overdue payments and the counts per commune."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q, QuerySet, Sum

from muster.conscription.campaign.models import Campaign
from muster.conscription.violations.models import ViolationCase, ViolationKind, ViolationState
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law.callup.violations import deadlines

if TYPE_CHECKING:
    from muster.accounts.models import User


# ----------------------------------------------------------------------------- lists


def cases_for_user(
    *,
    user: User,
    campaign: Campaign | None = None,
    commune: Unit | None = None,
    state: str = "",
    kind: str = "",
    overdue: bool = False,
    today: dt.date,
) -> QuerySet[ViolationCase]:
    """Cases in ``user``'s area, newest act first; filters by campaign, commune (and the
    communes it succeeded), state, act, and fines overdue on ``today``."""
    area = scope_of(user)
    qs = ViolationCase.objects.filter(**area.lookup("unit"))
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if commune is not None:
        qs = qs.filter(unit__path__startswith=commune.path)
    if state in ViolationState.values:
        qs = qs.filter(state=state)
    if kind in ViolationKind.values:
        qs = qs.filter(kind=kind)
    if overdue:
        qs = qs.filter(overdue_q(today))
    return qs.select_related("person", "unit", "campaign", "repeat_of").order_by(
        "-occurred_on", "-id"
    )


def overdue_q(today: dt.date) -> Q:
    """Fines decided, not paid in full, past the payment deadline on ``today``."""
    days = (deadlines.payment_due(today) - today).days
    return Q(
        state=ViolationState.PENALISED, fine_amount__gt=0, decided_on__lt=today - dt.timedelta(days)
    ) & (Q(paid_amount__isnull=True) | Q(paid_amount__lt=F("fine_amount")))


def is_overdue(case: ViolationCase, today: dt.date) -> bool:
    return case.state == ViolationState.PENALISED and deadlines.payment_overdue(
        decided_on=case.decided_on, fine=case.fine_amount, paid=case.paid_amount, today=today
    )


# ----------------------------------------------------------------------------- counts


@dataclass
class CommuneViolationCounts:
    """One commune's cases: by act, by state, by (act, state), fines decided and paid."""

    unit: Unit
    by_kind: dict[str, int] = field(default_factory=dict)
    by_state: dict[str, int] = field(default_factory=dict)
    by_kind_state: dict[tuple[str, str], int] = field(default_factory=dict)
    total: int = 0
    repeats: int = 0
    overdue: int = 0
    fines_decided: int = 0
    fines_paid: int = 0

    def kind(self, kind: str) -> int:
        return self.by_kind.get(kind, 0)

    def state(self, state: str) -> int:
        return self.by_state.get(state, 0)


def violation_counts(
    *, user: User, campaign: Campaign | None = None, today: dt.date | None = None
) -> list[CommuneViolationCounts]:
    """Per commune in ``user``'s area, the counts of cases by act and by state (and both),
    repeats, fines overdue on ``today`` (default: the current day), and the sums of fines
    decided and paid (VND). With ``campaign``: its cases only, one row for every commune of
    the campaign in the area (zeros included); without: every commune having a case. Rows in
    unit-tree order. Three queries whatever the number of communes and cases."""
    from muster.core.dates import today as current_day

    day = today or current_day()
    area = scope_of(user)
    qs = ViolationCase.objects.filter(**area.lookup("unit"))
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    grouped = list(
        qs.values("unit_id", "kind", "state").annotate(
            n=Count("id"),
            n_repeats=Count("id", filter=Q(repeat_of__isnull=False)),
            n_overdue=Count("id", filter=overdue_q(day)),
            decided=Sum("fine_amount"),
            paid=Sum("paid_amount"),
        )
    )
    if campaign is not None:
        units = list(
            Unit.objects.filter(
                pk__in=campaign.communes.filter(**area.lookup("unit")).values("unit_id")
            ).order_by("path")
        )
    else:
        units = list(Unit.objects.filter(pk__in={g["unit_id"] for g in grouped}).order_by("path"))
    rows = {u.pk: CommuneViolationCounts(unit=u) for u in units}
    for g in grouped:
        row = rows.get(g["unit_id"])
        if row is None:  # a case of a unit outside the campaign's communes
            continue
        kind, state, n = g["kind"], g["state"], g["n"]
        row.by_kind[kind] = row.by_kind.get(kind, 0) + n
        row.by_state[state] = row.by_state.get(state, 0) + n
        row.by_kind_state[(kind, state)] = n
        row.total += n
        row.repeats += g["n_repeats"]
        row.overdue += g["n_overdue"]
        row.fines_decided += g["decided"] or 0
        row.fines_paid += g["paid"] or 0
    return list(rows.values())


def counts_total(rows: list[CommuneViolationCounts]) -> CommuneViolationCounts | None:
    """The sum of ``rows`` (the table's last line), or None when there are none."""
    if not rows:
        return None
    total = CommuneViolationCounts(unit=rows[0].unit)
    for row in rows:
        for k, n in row.by_kind.items():
            total.by_kind[k] = total.by_kind.get(k, 0) + n
        for s, n in row.by_state.items():
            total.by_state[s] = total.by_state.get(s, 0) + n
        total.total += row.total
        total.repeats += row.repeats
        total.overdue += row.overdue
        total.fines_decided += row.fines_decided
        total.fines_paid += row.fines_paid
    return total
