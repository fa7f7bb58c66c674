"""The selection page of a commune (registered citizens with the engine's verdict, the
commitments held elsewhere, and the decision form) and a decision's document (PDF, Word).
Thin: the service decides, the selectors read."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user, require
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.documents.http import DOCX, PDF, file_response
from muster.documents.pdf import render_report_pdf
from muster.documents.word import render_report_docx
from muster.geo.models import Unit
from muster.militia.members.views import commune_for
from muster.militia.organisation.models import MilitiaUnit
from muster.militia.perms import can_manage_militia, can_view_militia
from muster.militia.selection import selectors as sel
from muster.militia.selection import services as ss
from muster.militia.selection.documents import decision_report
from muster.militia.selection.forms import DecisionForm
from muster.militia.selection.models import SelectionDecision
from muster.people.models import Person


def selection(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The commune's registered citizens with the verdict of the day, and the decisions."""
    commune = commune_for(request, public_id)
    day = reference_date(request)
    rows = sel.selection_rows(user=request.user, commune=commune, day=day)
    units = sel.units_open(commune=commune, day=day)
    undecided = [r.registration.person for r in rows if r.member is None]
    form = DecisionForm(
        initial={"decided_on": min(today(), day), "kind": "select"}, people=undecided, units=units
    )
    status = 200
    if request.method == "POST":
        require(can_manage_militia(request.user))
        status = 400
        form = DecisionForm(request.POST, people=undecided, units=units)
        done = submit(
            request,
            form,
            lambda d: _decide(request, commune, undecided, units, d),
            success=_("The decision has been recorded."),
        )
        if done is not None:
            return redirect(reverse("militia:selection", args=[commune.public_id]))
        for message in form.non_field_errors():
            messages.error(request, str(message))
    context = {
        "commune": commune,
        "day": day,
        "rows": rows,
        "decisions": sel.decisions_of_commune(user=request.user, commune=commune),
        "form": form,
        "can_manage": can_manage_militia(request.user),
    }
    return render(request, "militia/selection/selection.html", context, status=status)


def _decide(
    request: AuthenticatedHttpRequest,
    commune: Unit,
    people: list[Person],
    units: list[MilitiaUnit],
    data: dict[str, Any],
) -> SelectionDecision:
    person = next((p for p in people if str(p.public_id) == data["person"]), None)
    if person is None:
        raise ValidationError({"person": [_("Choose a registered citizen.")]})
    unit = next((u for u in units if str(u.public_id) == data["unit"]), None)
    return ss.selection_decide(
        actor=request.user,
        person=person,
        commune=commune,
        kind=data["kind"],
        on=data["decided_on"],
        decision_ref=data["decision_ref"],
        ground=data["ground"],
        component=data["component"],
        unit=unit,
        volunteer=data["volunteer"],
        note=data["note"],
    )


def decision_file(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID, fmt: str
) -> HttpResponse:
    """The decision as printed, PDF or Word."""
    if fmt not in ("pdf", "docx"):
        raise Http404(_("Not found, or outside your area."))
    decision = get_for_user(
        request.user,
        SelectionDecision.objects.select_related("person", "holder__parent", "membership__unit"),
        unit_field="holder",
        cap=can_view_militia,
        public_id=public_id,
    )
    report = decision_report(decision)
    name = f"quyet-dinh-dqtv-{decision.decided_on:%Y%m%d}-{decision.person.full_name}"
    if fmt == "docx":
        return file_response(render_report_docx(report), filename=f"{name}.docx", content_type=DOCX)
    return file_response(render_report_pdf(report), filename=f"{name}.pdf", content_type=PDF)
