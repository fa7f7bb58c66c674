"""``/units``: the dated unit tree of the token's area."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap
from muster.api.framework import DEFAULT_LIMIT, MAX_LIMIT, actor, keyset_page, page_of, responses
from muster.api.schemas import UnitRef, unit_ref
from muster.geo.models import Unit, UnitChange
from muster.geo.selectors import units_for_user

router = Router(tags=["units"])


class Succession(Schema):
    unit: UnitRef
    kind: str
    effective_date: dt.date


class UnitOut(Schema):
    public_id: UUID
    code: str
    name: str
    kind: str
    parent: UUID | None
    valid_from: dt.date
    valid_to: dt.date | None
    successors: list[Succession]


UnitPage = page_of(UnitOut, "UnitPage")


def _successors(units: list[Unit]) -> dict[int, list[Succession]]:
    found: dict[int, list[Succession]] = {}
    changes = UnitChange.objects.filter(predecessor__in=units).select_related("successor")
    for change in changes.order_by("effective_date", "id"):
        found.setdefault(change.predecessor_id, []).append(
            Succession(
                unit=unit_ref(change.successor),
                kind=change.kind,
                effective_date=change.effective_date,
            )
        )
    return found


def _out(unit: Unit, successors: dict[int, list[Succession]]) -> UnitOut:
    return UnitOut(
        public_id=unit.public_id,
        code=unit.code,
        name=unit.name,
        kind=unit.kind,
        parent=unit.parent.public_id if unit.parent is not None else None,
        valid_from=unit.valid_from,
        valid_to=unit.valid_to,
        successors=successors.get(unit.pk, []),
    )


class UnitFilter(Schema):
    on: dt.date | None = Field(None, description="Only units existing on this day.")
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


@router.get("", response=responses(UnitPage), url_name="units")
def list_units(request: HttpRequest, filters: Query[UnitFilter]) -> dict[str, object]:
    """The units of the token's area in tree order (by path), with their successors."""
    user = actor(request)
    require_cap(user, Cap.VIEW_UNITS)
    units = units_for_user(user).select_related("parent")
    if filters.on is not None:
        units = units.valid_on(filters.on)
    page = keyset_page(
        units, order=("path", "id"), cursor=filters.cursor, limit=filters.limit, item=lambda u: u
    )
    successors = _successors(page["items"])
    page["items"] = [_out(u, successors) for u in page["items"]]
    return page


@router.get("/{public_id}", response=responses(UnitOut), url_name="unit")
def get_unit(request: HttpRequest, public_id: UUID) -> UnitOut:
    user = actor(request)
    unit = get_for_user(
        user,
        Unit.objects.select_related("parent"),
        unit_field="pk",
        cap=Cap.VIEW_UNITS,
        public_id=public_id,
    )
    return _out(unit, _successors([unit]))
