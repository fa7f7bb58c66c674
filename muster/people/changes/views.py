"""The changes after registration of one commune (biến động sau đăng ký NVQS): every change
with its dated deadline, late ones first, filterable late / due / done
(``can_view_registration_changes``; a commune outside the user's area is a 404)."""

from __future__ import annotations

import uuid

from django.http import HttpResponse
from django.shortcuts import render

from muster.accounts.access import get_for_user
from muster.core.dates import today
from muster.core.http import AuthenticatedHttpRequest
from muster.geo.models import Unit
from muster.people.perms import can_view_registration_changes
from muster.people.registration import selectors_changes as selectors


def _year(request: AuthenticatedHttpRequest) -> int:
    raw = request.GET.get("year", "")
    this_year = today().year
    return int(raw) if raw.isdigit() and 2016 <= int(raw) <= this_year + 1 else this_year


def registration_changes(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    commune = get_for_user(
        request.user,
        Unit.objects.select_related("parent").commune_level(),
        unit_field="pk",
        cap=can_view_registration_changes,
        public_id=public_id,
    )
    year = _year(request)
    day = today()
    found = selectors.commune_changes(actor=request.user, commune=commune, year=year, today=day)
    shown = request.GET.get("show", "")
    if shown not in selectors.FILTERS:
        shown = ""
    rows = [c for c in found if c.status in selectors.FILTERS[shown]] if shown else found
    return render(
        request,
        "people/registration/changes.html",
        {
            "commune": commune,
            "year": year,
            "day": day,
            "rows": rows,
            "total": len(found),
            "counts": selectors.counts(found),
            "shown": shown,
            "years": (year - 1, year + 1),
        },
    )
