"""``/campaigns`` and ``/decisions``: the call-up campaigns of the token's area, their quotas,
results and decisions, and a decision's verification (``api.resources.campaigns``,
``api.resources.decisions``)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from muster.api.framework import DEFAULT_LIMIT, MAX_LIMIT, actor, keyset_page, page_of, responses
from muster.api.resources import campaigns as res
from muster.api.resources import decisions as dec
from muster.conscription.decisions.models import DecisionStatus
from muster.geo.scope import scope_of

router = Router(tags=["campaigns"])
decisions_router = Router(tags=["campaigns"])

CampaignPage = page_of(res.CampaignOut, "CampaignPage")
DecisionPage = page_of(dec.DecisionOut, "DecisionPage")


class CampaignFilter(Schema):
    year: int | None = Field(None, ge=1900, le=2200, description="Only the campaigns of this year.")
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


@router.get("", response=responses(CampaignPage), url_name="campaigns")
def list_campaigns(request: HttpRequest, filters: Query[CampaignFilter]) -> dict[str, Any]:
    """The campaigns with a commune in the token's area, by year and call."""
    user = actor(request)
    rows = res.campaign_list(actor=user, scope=scope_of(user))
    if filters.year is not None:
        rows = rows.filter(year=filters.year)
    return keyset_page(
        rows,
        order=("year", "call", "id"),
        cursor=filters.cursor,
        limit=filters.limit,
        item=res.CampaignOut.of,
    )


@router.get("/{public_id}", response=responses(res.CampaignDetailOut), url_name="campaign")
def get_campaign(request: HttpRequest, public_id: UUID) -> res.CampaignDetailOut:
    """One campaign: its unit, calendar, quotas from above and legal deadlines."""
    user = actor(request)
    return res.campaign_detail(actor=user, scope=scope_of(user), public_id=public_id)


@router.get(
    "/{public_id}/quotas", response=responses(res.CampaignQuotasOut), url_name="campaign_quotas"
)
def get_quotas(request: HttpRequest, public_id: UUID) -> res.CampaignQuotasOut:
    """The quotas from above and each commune's computed and final share (army, police)."""
    user = actor(request)
    return res.campaign_quotas(actor=user, scope=scope_of(user), public_id=public_id)


class ResultsQuery(Schema):
    unit: UUID | None = Field(
        None, description="The unit the report covers (a commune or a unit above it)."
    )


@router.get(
    "/{public_id}/results", response=responses(res.CampaignResultsOut), url_name="campaign_results"
)
def get_results(
    request: HttpRequest, public_id: UUID, query: Query[ResultsQuery]
) -> res.CampaignResultsOut:
    """The results report's figures per commune and their total (docs/reports.md)."""
    user = actor(request)
    return res.campaign_results(
        actor=user, scope=scope_of(user), public_id=public_id, unit=query.unit
    )


class DecisionFilter(Schema):
    status: DecisionStatus | None = Field(None, description="valid, revoked or replaced.")
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


@router.get(
    "/{public_id}/decisions", response=responses(DecisionPage), url_name="campaign_decisions"
)
def list_decisions(
    request: HttpRequest, public_id: UUID, filters: Query[DecisionFilter]
) -> dict[str, Any]:
    """The campaign's call-up decisions of the communes in the area, by authority and number."""
    user = actor(request)
    rows = dec.decision_list(
        actor=user,
        scope=scope_of(user),
        campaign=public_id,
        status=filters.status.value if filters.status is not None else None,
    )
    return keyset_page(
        rows,
        order=("authority", "number", "id"),
        cursor=filters.cursor,
        limit=filters.limit,
        item=dec.DecisionOut.of,
    )


@decisions_router.get(
    "/{public_id}/verification",
    response=responses(dec.VerificationOut),
    url_name="decision_verification",
)
def get_verification(request: HttpRequest, public_id: UUID) -> dec.VerificationOut:
    """What the public page that the decision's QR code opens says of it."""
    user = actor(request)
    return dec.decision_verification(actor=user, scope=scope_of(user), public_id=public_id)
