"""Pages of the placement: the run page (run it; each unit's establishment, strength, spare
and đúng-CNQS rate), the refused and unplaced reservists, and the Excel placement list.
Thin: the service runs, selectors read."""

from __future__ import annotations

import uuid

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.excel import render_xlsx
from muster.documents.http import XLSX, file_response
from muster.geo.scope import scope_of
from muster.reserve.perms import can_manage_reserve
from muster.reserve.placement import selectors as sel
from muster.reserve.placement import services
from muster.reserve.placement.documents import placement_list
from muster.reserve.placement.forms import RunForm
from muster.reserve.placement.models import NotPlaced, Outcome
from muster.reserve.units.selectors import area_for_user

#: Rows per page of the refused and unplaced list.
PAGE_SIZE = 200


def placement(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The current placement of an area, per unit, and the button that runs it again."""
    area = area_for_user(request.user, public_id)
    manage = can_manage_reserve(request.user)
    form = RunForm(request.POST or None, initial={"day": today()})
    status = 200
    if request.method == "POST":
        require(manage)
        if submit(
            request,
            form,
            lambda d: services.run_placement(actor=request.user, area=area, day=d["day"]),
            success=_("The placement has been run."),
        ):
            return redirect(reverse("reserve:placement", args=[area.public_id]))
        status = 400
    run = sel.current_run(user=request.user, area=area)
    covering = sel.covering_run(area) if run is None else None
    rows = sel.strengths(run) if run is not None else []
    totals = {
        key: sum(getattr(r, key) for r in rows)
        for key in ("establishment", "strength", "spare_target", "spare", "shortfall")
    }
    placed = sum(r.placed for r in rows)
    right = sum(r.right_specialty for r in rows)
    context = {
        "area": area,
        "run": run,
        "rows": rows,
        "totals": totals,
        "right_rate": 100 * right / placed if placed else None,
        "covering": covering,
        "covering_visible": covering is not None and scope_of(request.user).contains(covering.area),
        "history": sel.history(user=request.user, area=area),
        "form": form,
        "can_manage": manage,
    }
    return render(request, "reserve/placement.html", context, status=status)


def not_placed(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The reservists the current placement refused or left without a post, with reasons."""
    area = area_for_user(request.user, public_id)
    run = sel.current_run(user=request.user, area=area)
    outcome = request.GET.get("outcome", "")
    outcome = outcome if outcome in Outcome.values else ""
    rows = sel.not_placed(run, outcome) if run is not None else NotPlaced.objects.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "area": area,
        "run": run,
        "rows_page": page,
        "outcome": outcome,
        "outcomes": Outcome.choices,
    }
    return render(request, "reserve/not_placed.html", context)


def placement_xlsx(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The current placement list of the area as an Excel workbook."""
    area = area_for_user(request.user, public_id)
    run = sel.current_run(user=request.user, area=area)
    if run is None:
        raise Http404(_("No placement has been run for this area."))
    doc = placement_list(run, sel.placements_of_run(run), today=today())
    name = f"sap-xep-dbdv-{area.code}-{run.day:%Y%m%d}.xlsx"
    return file_response(render_xlsx(doc), filename=name, content_type=XLSX)
