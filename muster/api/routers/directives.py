"""``/directives``: the directives concerning the token's area, and a directive's targets with
their live values, shares and owed reports (``api.resources.directives``)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from muster.api.framework import DEFAULT_LIMIT, MAX_LIMIT, actor, keyset_page, page_of, responses
from muster.api.resources import directives as res
from muster.geo.scope import scope_of

router = Router(tags=["directives"])

DirectivePage = page_of(res.DirectiveOut, "DirectivePage")


class DirectiveFilter(Schema):
    year: int | None = Field(
        None, ge=1900, le=2200, description="Only the directives of this year."
    )
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


@router.get("", response=responses(DirectivePage), url_name="directives")
def list_directives(request: HttpRequest, filters: Query[DirectiveFilter]) -> dict[str, Any]:
    """The directives concerning a unit of the area, by year and date of issue."""
    user = actor(request)
    rows = res.directive_list(actor=user, scope=scope_of(user), year=filters.year)
    return keyset_page(
        rows,
        order=("year", "issued_on", "id"),
        cursor=filters.cursor,
        limit=filters.limit,
        item=res.DirectiveOut.of,
    )


class TargetsQuery(Schema):
    on: dt.date | None = Field(
        None, description="The day the values are read on (today, within the directive's year)."
    )


@router.get(
    "/{public_id}/targets",
    response=responses(res.DirectiveTargetsOut),
    url_name="directive_targets",
)
def directive_targets(
    request: HttpRequest, public_id: UUID, query: Query[TargetsQuery]
) -> res.DirectiveTargetsOut:
    """Every target the area answers for: value, progress, status, shares; the reports owed."""
    user = actor(request)
    return res.directive_targets(actor=user, scope=scope_of(user), public_id=public_id, on=query.on)
