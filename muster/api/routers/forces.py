"""``/militia/summary`` and ``/reserve/summary``: the strength of each commune of the token's
area on a day (``api.resources.forces``)."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from muster.api.framework import actor, responses
from muster.api.resources import forces as res
from muster.geo.scope import scope_of

militia_router = Router(tags=["militia"])
reserve_router = Router(tags=["reserve"])


class MilitiaQuery(Schema):
    on: dt.date | None = Field(None, description="The day counted (today by default).")
    unit: UUID | None = Field(None, description="A unit of the area to cut the summary to.")


@militia_router.get(
    "/summary", response=responses(res.MilitiaSummaryOut), url_name="militia_summary"
)
def militia_summary(request: HttpRequest, query: Query[MilitiaQuery]) -> res.MilitiaSummaryOut:
    """Members serving by component against the established strength, per commune."""
    user = actor(request)
    return res.militia_summary(actor=user, scope=scope_of(user), day=query.on, unit=query.unit)


class ReserveQuery(Schema):
    on: dt.date | None = Field(None, description="The day counted (today by default).")


@reserve_router.get(
    "/summary", response=responses(res.ReserveSummaryOut), url_name="reserve_summary"
)
def reserve_summary(request: HttpRequest, query: Query[ReserveQuery]) -> res.ReserveSummaryOut:
    """Reservists per commune by class and group; reserve units' posts against those placed."""
    user = actor(request)
    return res.reserve_summary(actor=user, scope=scope_of(user), day=query.on)
