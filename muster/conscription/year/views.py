"""The year calendar pages: one commune's year, or a province's or region's over its
communes (Cap.VIEW_UNITS; a unit outside the user's area is a 404)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.http import HttpResponse
from django.shortcuts import render

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap
from muster.conscription.year import selectors
from muster.core.dates import today
from muster.core.http import AuthenticatedHttpRequest
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit
from muster.geo.selectors import communes_on
from muster.people.perms import can_view_registration_changes


def _year(request: AuthenticatedHttpRequest) -> int:
    raw = request.GET.get("year", "")
    this_year = today().year
    if raw.isdigit() and 2016 <= int(raw) <= this_year + 2:
        return int(raw)
    return this_year


def _page(request: AuthenticatedHttpRequest, unit: Unit | None) -> HttpResponse:
    year = _year(request)
    day = today()
    context: dict[str, object] = {
        "unit": unit,
        "year": year,
        "day": day,
        "can_see_changes": can_view_registration_changes(request.user),
    }
    if unit is not None and unit.kind in COMMUNE_LEVEL_KINDS:
        context["entries"] = selectors.commune_calendar(unit, year, day)
    else:
        # The communes of the year: those in being on its last day (or today, or the day the
        # unit itself ended: a dissolved district's officer sees its communes of 2025).
        listed_on = min(day, dt.date(year, 12, 31))
        if unit is not None and unit.valid_to is not None:
            listed_on = min(listed_on, unit.valid_to)
        communes = communes_on(user=request.user, day=listed_on)
        if unit is not None:
            communes = communes.filter(path__startswith=unit.path)
        chosen = list(communes)
        context["communes"] = chosen
        context["rows"] = selectors.area_calendar(chosen, year, day)
    context["years"] = (year - 1, year + 1)
    return render(request, "conscription/year/calendar.html", context)


def year_calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The calendar of the user's own unit (the whole area for a user without one)."""
    require_cap(request.user, Cap.VIEW_UNITS)
    return _page(request, request.user.scope_unit)


def unit_calendar(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    unit = get_for_user(
        request.user, Unit.objects.all(), unit_field="pk", cap=Cap.VIEW_UNITS, public_id=public_id
    )
    return _page(request, unit)
