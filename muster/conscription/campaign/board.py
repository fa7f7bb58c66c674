"""muster.conscription.campaign.board"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Q, Sum

from muster.conscription.campaign.models import (
    Allocation,
    Campaign,
    CampaignCommune,
    QuotaHistory,
    Service,
)
from muster.conscription.campaign.selectors import calendar_of, communes_for_user
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.decisions.selectors import delivery_late
from muster.conscription.handover.models import Replacement
from muster.conscription.handover.selectors import Indicators, indicators
from muster.health.models import HealthCall
from muster.law.callup import campaign as campaign_rules
from muster.law.rulebook import Rule
from muster.people.succession import holding

if TYPE_CHECKING:
    from muster.accounts.models import User


@dataclass
class BoardRow:
    commune: CampaignCommune
    screening_called: int = 0
    exam_called: int = 0
    examined: int = 0
    late_notices: int = 0
    quota: dict[str, int] = field(default_factory=dict)
    computed: dict[str, int] = field(default_factory=dict)
    overridden: dict[str, Allocation] = field(default_factory=dict)
    decisions: int = 0
    delivered: int = 0
    late_deliveries: int = 0
    undelivered_overdue: int = 0
    last_year: dict[str, int] = field(default_factory=dict)
    #: Where last year's figures come from (``QuotaHistory.note``).
    last_year_note: str = ""
    #: Selected, handed over, returned, replacements, late re-examinations (handover_selectors).
    after: Indicators = field(default_factory=Indicators)
    #: Standby places of the commune's selection lists (dự phòng), all services.
    standby: int = 0
    #: Called to the examination and standby against the quota ("4 lấy 1", ≤ 5 %).
    ratio: campaign_rules.RatioCheck | None = None

    @property
    def quota_total(self) -> int:
        return sum(self.quota.values())

    @property
    def call_rate(self) -> float | None:
        pool = self.commune.pool_used
        return None if not pool else self.quota_total / pool

    @property
    def change(self) -> int | None:
        if not self.last_year:
            return None
        return self.quota_total - sum(self.last_year.values())

    @property
    def flags(self) -> int:
        return self.late_notices + self.late_deliveries + self.undelivered_overdue


@dataclass(frozen=True)
class DeadlineRow:
    deadline: campaign_rules.Deadline
    passed: bool


def deadline_rows(campaign: Campaign, today: dt.date) -> list[DeadlineRow]:
    return [DeadlineRow(d, today > d.due) for d in campaign_rules.deadlines(calendar_of(campaign))]


def board(*, user: User, campaign: Campaign, today: dt.date) -> list[BoardRow]:
    """One row per commune in the user's area: stage counts and missed deadlines.

    A constant number of queries whatever the number of communes."""
    communes = communes_for_user(user=user, campaign=campaign)
    rows = {c.unit_id: BoardRow(commune=c) for c in communes}
    window_start = dt.date(campaign.year - 1, 7, 1)
    # Citizens are counted in the commune that holds their registration (people.succession):
    # the 2027 communes count the citizens registered at the units that became them.
    held = holding([c.unit for c in communes])
    calls = (
        HealthCall.objects.filter(
            held.q("person__"),
            session__date__gte=window_start,
            session__date__lte=campaign.handover_start,
        )
        .values("person__registration_unit_id", "person__residence_unit_id")
        .annotate(
            screening=Count("id", filter=Q(session__kind="screening")),
            exam=Count("id", filter=Q(session__kind="examination")),
            examined=Count("id", filter=Q(session__kind="examination", health_class__isnull=False)),
            late=Count("id", filter=Q(notice_late=True)),
        )
        .order_by()
    )
    for item in calls:
        unit_id = held.commune_of(
            item["person__registration_unit_id"], item["person__residence_unit_id"]
        )
        if unit_id not in rows:
            continue
        row = rows[unit_id]
        row.screening_called += item["screening"]
        row.exam_called += item["exam"]
        row.examined += item["examined"]
        row.late_notices += item["late"]
    unit_of = {c.pk: c.unit_id for c in communes}
    for alloc in Allocation.objects.filter(commune__in=communes):
        row = rows[unit_of[alloc.commune_id]]
        row.quota[alloc.service] = alloc.final
        row.computed[alloc.service] = alloc.computed
        if alloc.override_reason:
            row.overridden[alloc.service] = alloc
    latest_delivery = campaign_rules.latest_notice_day(
        "campaign.notice.callup", campaign.handover_start
    )
    for decision in (
        CallupDecision.objects.filter(commune__in=communes, status=DecisionStatus.VALID)
        .select_related("commune")
        .annotate(replacing_one=Exists(Replacement.objects.filter(decision=OuterRef("pk"))))
    ):
        row = rows[decision.commune.unit_id]
        row.decisions += 1
        if decision.replacing_one:
            continue  # a replacement after handover cannot have the 15 days' notice
        if decision.delivered_on is not None:
            row.delivered += 1
            row.late_deliveries += int(delivery_late(decision))
        elif today > latest_delivery:
            row.undelivered_overdue += 1
    for hist in QuotaHistory.objects.filter(unit_id__in=rows, year=campaign.year - 1):
        rows[hist.unit_id].last_year[hist.service] = hist.quota
        rows[hist.unit_id].last_year_note = rows[hist.unit_id].last_year_note or hist.note
    for commune_id, figures in indicators(communes, today).items():
        rows[unit_of[commune_id]].after = figures
    _add_ratios(rows, unit_of, campaign)
    return list(rows.values())


def ratio_rules(campaign: Campaign) -> tuple[Rule, ...]:
    """The rules the board's ratio column applies, for its note (citation, unverified)."""
    day = campaign.exam_start
    return tuple(
        campaign_rules.rule(code, day)
        for code in ("campaign.ratio.exam_per_quota", "campaign.standby.cap")
    )


def _add_ratios(rows: dict[int, BoardRow], unit_of: dict[int, int], campaign: Campaign) -> None:
    """Each commune's examined-per-quota and standby figures against the rules in force on
    the first examination day (``campaign.ratio.exam_per_quota``, ``campaign.standby.cap``)."""
    from muster.conscription.selection.models import SelectionList

    standby = (
        SelectionList.objects.filter(commune_id__in=unit_of)
        .values("commune_id")
        .annotate(total=Sum("standby"))
        .order_by()
    )
    for item in standby:
        rows[unit_of[item["commune_id"]]].standby = item["total"] or 0
    for row in rows.values():
        if row.quota_total:
            row.ratio = campaign_rules.ratio_check(
                quotas=tuple(q for q in row.quota.values() if q),
                exam_called=row.exam_called,
                standby=row.standby,
                on=campaign.exam_start,
            )


def evenness(rows: list[BoardRow]) -> dict[str, Any]:
    """Call rate spread across the communes shown, and the total change from last year."""
    rates = [r.call_rate for r in rows if r.call_rate is not None]
    changes = [r.change for r in rows if r.change is not None]
    if not rates:
        return {"min": None, "max": None, "spread": None, "changed": 0, "total_change": 0}
    return {
        "min": min(rates),
        "max": max(rates),
        "spread": max(rates) - min(rates),
        "changed": sum(1 for c in changes if c),
        "total_change": sum(abs(c) for c in changes),
    }


def quota_chart(rows: list[BoardRow]) -> dict[str, Any]:
    """The board's chart: per commune, the final quota against the recruits handed over, for
    the army and the police (``json_script`` data for muster/charts/quota-board.js)."""
    services = [Service.ARMY.value, Service.POLICE.value]
    return {
        "labels": [r.commune.unit.name for r in rows],
        "services": services,
        "series": {
            s: {
                "quota": [r.quota.get(s, 0) for r in rows],
                "handed_over": [r.after.handed_over_by.get(s, 0) for r in rows],
            }
            for s in services
        },
    }
