"""The call-out module's first page: the communes of the reader's area (each with its roster)
and the orders of the area, newest first."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from muster.accounts.access import require
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.mobilisation.board.selectors import orders_of
from muster.mobilisation.perms import can_manage_callout, can_view_callout


def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(can_view_callout(request.user))
    day = reference_date(request)
    communes = (
        Unit.objects.valid_on(day)
        .commune_level()
        .filter(scope_of(request.user).q("pk"))
        .order_by("name")
    )
    context = {
        "day": day,
        "communes": communes,
        "orders": orders_of(user=request.user)[:50],
        "can_manage": can_manage_callout(request.user),
    }
    return render(request, "mobilisation/index.html", context)
