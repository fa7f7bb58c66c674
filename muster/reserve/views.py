"""The reserve's overview page: the communes of the area with their reservists by class.
Thin: the selectors read; the sub-packages hold the pages that change things."""

from __future__ import annotations

import datetime as dt
import uuid

from django.http import HttpResponse
from django.shortcuts import render

from muster.accounts.access import get_for_user, require
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.geo.models import Unit, UnitKind
from muster.geo.scope import scope_of
from muster.reserve.perms import can_view_reserve
from muster.reserve.register import selectors as sel


def commune_for(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Unit:
    """The commune of the page, in the reader's area (else 404), for a reserve reader."""
    return get_for_user(
        request.user,
        Unit.objects.commune_level(),
        unit_field="pk",
        cap=can_view_reserve,
        public_id=public_id,
    )


def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The communes of the reader's area on the day, with their reservists by class."""
    require(can_view_reserve(request.user))
    day = reference_date(request)
    communes = list(
        Unit.objects.filter(scope_of(request.user).q("pk"))
        .commune_level()
        .valid_on(day)
        .order_by("name")
    )
    counts = sel.counts_by_commune(request.user, day)
    empty = {"all": 0, "one": 0, "two": 0}
    rows = [(c, counts.get(c.pk, empty)) for c in communes]
    context = {"rows": rows, "day": day, "areas": _areas(request, day)}
    return render(request, "reserve/index.html", context)


def _areas(request: AuthenticatedHttpRequest, day: dt.date) -> list[Unit]:
    """The areas above the communes whose units and placement the reader may open: his own
    scope unit, or (for the whole system) the districts and regional commands of the day."""
    scope = request.user.scope_unit
    if scope is not None:
        return [scope] if scope.tier < 3 else []
    if scope_of(request.user).everything:
        return list(
            Unit.objects.filter(kind__in=(UnitKind.DISTRICT, UnitKind.DEFENCE_REGION))
            .valid_on(day)
            .order_by("name")
        )
    return []
