"""The call-up campaigns for the API: the list and one campaign with its calendar, the quotas
split per commune (army and police), and the results per commune as the results report counts
them (``reports.selectors.results_report``: the API and the report are one computation).

Scope and rights as the web pages: a campaign is visible when a commune of it lies in the
actor's area (``campaign.selectors``), else 404; a commune user reads his own communes' rows.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone
from ninja import Schema

from muster.accounts.access import require_cap
from muster.accounts.perms import Cap
from muster.api.resources.common import UnitRef, bind_scope, count, number, unit_ref
from muster.conscription.campaign import selectors as campaign_selectors
from muster.conscription.campaign.board import deadline_rows
from muster.conscription.campaign.models import Allocation, Campaign, Quota, Service
from muster.core import lawtext
from muster.reports import selectors as report_selectors
from muster.reports.figures.facts import Number

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.geo.scope import Scope

SERVICES = (Service.ARMY.value, Service.POLICE.value)


# ----------------------------------------------------------------------------- campaigns


class CalendarOut(Schema):
    """The campaign's calendar as entered (dd/mm/yyyy on screen, ISO dates here)."""

    pool_review_by: dt.date | None
    screening_start: dt.date | None
    screening_end: dt.date | None
    exam_start: dt.date
    exam_end: dt.date
    nomination_by: dt.date | None
    first_approval_by: dt.date | None
    second_approval_by: dt.date | None
    decisions_by: dt.date | None
    handover_start: dt.date
    handover_end: dt.date | None


class CampaignOut(Schema):
    public_id: uuid.UUID
    unit: UnitRef
    year: int
    call: int
    calendar: CalendarOut

    @classmethod
    def of(cls, campaign: Campaign) -> CampaignOut:
        return cls(
            public_id=campaign.public_id,
            unit=unit_ref(campaign.unit),
            year=campaign.year,
            call=campaign.call,
            calendar=CalendarOut(
                pool_review_by=campaign.pool_review_by,
                screening_start=campaign.screening_start,
                screening_end=campaign.screening_end,
                exam_start=campaign.exam_start,
                exam_end=campaign.exam_end,
                nomination_by=campaign.nomination_by,
                first_approval_by=campaign.first_approval_by,
                second_approval_by=campaign.second_approval_by,
                decisions_by=campaign.decisions_by,
                handover_start=campaign.handover_start,
                handover_end=campaign.handover_end,
            ),
        )


class QuotaOut(Schema):
    """The quota received from above for one service, with its source document."""

    service: str
    value: int
    source_document: str
    received_on: dt.date

    @classmethod
    def of(cls, quota: Quota) -> QuotaOut:
        return cls(
            service=quota.service,
            value=quota.value,
            source_document=quota.source_document,
            received_on=quota.received_on,
        )


def quotas_from_above(campaign: Campaign) -> list[QuotaOut]:
    """The quotas the campaign received from above, by service."""
    return [QuotaOut.of(q) for q in campaign.quotas.order_by("service")]


class DeadlineOut(Schema):
    """A legal deadline of the campaign (named in the request's language) and whether today
    is past it."""

    code: str
    title: str
    due: dt.date
    passed: bool


class CampaignDetailOut(CampaignOut):
    quotas: list[QuotaOut]
    deadlines: list[DeadlineOut]


def campaign_list(*, actor: User, scope: Scope) -> QuerySet[Campaign]:
    """The campaigns with a commune in the area, newest first (the campaign list page's)."""
    bind_scope(actor, scope)
    return campaign_selectors.campaigns_for_user(actor).order_by("-year", "call", "pk")


def campaign_get(*, actor: User, scope: Scope, public_id: uuid.UUID) -> Campaign:
    """One campaign, fetched as its board page does (404 outside the area)."""
    bind_scope(actor, scope)
    return campaign_selectors.campaign_for_user(actor, public_id, Cap.VIEW_PEOPLE)


def campaign_detail(*, actor: User, scope: Scope, public_id: uuid.UUID) -> CampaignDetailOut:
    campaign = campaign_get(actor=actor, scope=scope, public_id=public_id)
    today = timezone.localdate()
    base = CampaignOut.of(campaign)
    return CampaignDetailOut(
        **base.model_dump(exclude={"unit", "calendar"}),
        unit=base.unit,
        calendar=base.calendar,
        quotas=quotas_from_above(campaign),
        deadlines=[
            DeadlineOut(
                code=row.deadline.code,
                title=lawtext.pick(row.deadline.title_vi, row.deadline.title),
                due=row.deadline.due,
                passed=row.passed,
            )
            for row in deadline_rows(campaign, today)
        ],
    )


# ----------------------------------------------------------------------------- quotas


class ShareOut(Schema):
    """One commune's share of one service's quota: computed by the split, final after any
    override (with the override's reason and deciding authority)."""

    computed: int
    final: int
    override_reason: str
    override_authority: str


class CommuneQuotaOut(Schema):
    commune: UnitRef
    #: The callable pool the last split used, and where it came from ("registry", "stored").
    pool_used: int | None
    pool_source: str
    #: A pool reported by the commune when its registry is incomplete.
    stored_pool: int | None
    army: ShareOut | None
    police: ShareOut | None
    total: int


class CampaignQuotasOut(Schema):
    campaign: uuid.UUID
    quotas: list[QuotaOut]
    communes: list[CommuneQuotaOut]


def campaign_quotas(*, actor: User, scope: Scope, public_id: uuid.UUID) -> CampaignQuotasOut:
    """The quotas from above and each commune's computed and final share (the quota page's
    table, cut to the area). Four queries whatever the number of communes."""
    campaign = campaign_get(actor=actor, scope=scope, public_id=public_id)
    communes = campaign_selectors.communes_for_user(user=actor, campaign=campaign)
    shares: dict[tuple[int, str], Allocation] = {
        (a.commune_id, a.service): a for a in Allocation.objects.filter(commune__in=communes)
    }

    def share(commune_id: int, service: str) -> ShareOut | None:
        found = shares.get((commune_id, service))
        if found is None:
            return None
        return ShareOut(
            computed=found.computed,
            final=found.final,
            override_reason=found.override_reason,
            override_authority=found.override_authority,
        )

    rows = []
    for c in communes:
        army, police = share(c.pk, Service.ARMY), share(c.pk, Service.POLICE)
        rows.append(
            CommuneQuotaOut(
                commune=unit_ref(c.unit),
                pool_used=c.pool_used,
                pool_source=c.pool_source,
                stored_pool=c.stored_pool,
                army=army,
                police=police,
                total=sum(s.final for s in (army, police) if s is not None),
            )
        )
    return CampaignQuotasOut(
        campaign=campaign.public_id,
        quotas=quotas_from_above(campaign),
        communes=rows,
    )


# ----------------------------------------------------------------------------- results


class ResultFiguresOut(Schema):
    """A row's figures, as the results report defines them (docs/reports.md §2). ``None``: not
    recorded yet (the handover's figures before any recruit is handed over, a share whose base
    is 0). Percentages are per cent, to four places."""

    registered: int | None
    called_screening: int | None
    called_exam: int | None
    examined: int | None
    fit: int | None
    callable: int | None
    quota_army: int | None
    quota_police: int | None
    quota_total: int | None
    decisions: int | None
    selected: int | None
    handed_over_army: int | None
    handed_over_police: int | None
    handed_over: int | None
    returns: int | None
    replacements: int | None
    in_service: int | None
    #: ``quota_total − in_service`` (never below 0): the recruits still missing.
    shortfall: int | None
    percent_met: float | None
    fit_share: float | None

    @classmethod
    def of(cls, values: dict[str, Number | None]) -> ResultFiguresOut:
        quota, in_service = values["quota_total"], values["in_service"]
        shortfall = (
            None if quota is None or in_service is None else max(int(quota) - int(in_service), 0)
        )
        return cls(
            **{
                key: count(values[key])
                for key in (
                    "registered",
                    "called_screening",
                    "called_exam",
                    "examined",
                    "fit",
                    "callable",
                    "quota_army",
                    "quota_police",
                    "quota_total",
                    "decisions",
                    "selected",
                    "handed_over_army",
                    "handed_over_police",
                    "handed_over",
                    "returns",
                    "replacements",
                    "in_service",
                )
            },
            shortfall=shortfall,
            percent_met=number(values["percent_met"]),
            fit_share=number(values["fit_share"]),
        )


class ResultRowOut(Schema):
    """One commune-level row (a commune merged away before the handover day is folded into its
    successor: ``folded`` names the units whose figures it holds)."""

    commune: UnitRef
    folded: list[UnitRef]
    figures: ResultFiguresOut


class CampaignResultsOut(Schema):
    campaign: uuid.UUID
    #: The unit the report covers (a commune, or a district / regional command / province).
    unit: UnitRef
    #: The reference day of the "on the day" figures: the (first) handover day.
    day: dt.date
    rows: list[ResultRowOut]
    total: ResultFiguresOut


def campaign_results(
    *, actor: User, scope: Scope, public_id: uuid.UUID, unit: uuid.UUID | None = None
) -> CampaignResultsOut:
    """The results report's figures per commune and their total, for ``unit`` (``?unit=`` of
    the report page: a unit of the area, else 404) or, without it, the unit the page chooses."""
    bind_scope(actor, scope)
    require_cap(actor, Cap.VIEW_REPORTS)
    campaign = report_selectors.campaign_for_user(actor, public_id)
    covered = report_selectors.report_unit(actor, campaign, str(unit) if unit else None)
    report = report_selectors.results_report(user=actor, campaign=campaign, unit=covered)
    return CampaignResultsOut(
        campaign=campaign.public_id,
        unit=unit_ref(covered),
        day=report.day,
        rows=[
            ResultRowOut(
                commune=unit_ref(line.row.unit),
                folded=[unit_ref(u) for u in line.row.folded],
                figures=ResultFiguresOut.of(line.values),
            )
            for line in report.lines
        ],
        total=ResultFiguresOut.of(report.total),
    )
