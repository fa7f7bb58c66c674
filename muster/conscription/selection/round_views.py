"""Pages of the plan's review steps: put the citizens on a round's list (the registry's pool or
the previous round's approved citizens) and print its minutes with the list."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap
from muster.conscription.selection import rounds
from muster.conscription.selection import selectors as sel
from muster.conscription.selection.models import ReviewStep
from muster.conscription.selection.round_documents import review_minutes_report
from muster.conscription.selection.services import review as review_services
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.http import DOCX, file_response, report_pdf_response
from muster.documents.word import render_report_docx


def _step(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> ReviewStep:
    return get_for_user(
        request.user,
        ReviewStep.objects.select_related("commune__unit", "commune__campaign__unit", "village"),
        unit_field="commune__unit",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )


@require_POST
def review_fill(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Put the round's citizens on its list, approved by the meeting's vote on the list."""
    step = _step(request, public_id)
    require_cap(request.user, review_services._cap_for(step.kind))
    try:
        added = review_services.review_list_fill(actor=request.user, step=step)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(count)s citizens put on the list.") % {"count": added})
    return redirect("campaigns:review_detail", public_id=public_id)


@require_GET
def review_pdf(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The step's minutes with its list of citizens (PDF; ``?format=docx``: Word)."""
    step = _step(request, public_id)
    due = rounds.plan_due(step, step.commune.campaign)
    report = review_minutes_report(step, sel.outcomes_of(step), due)
    name = f"bien-ban-{step.kind}-{step.round}-{step.held_on:%Y%m%d}"
    if request.GET.get("format") == "docx":
        return file_response(render_report_docx(report), filename=f"{name}.docx", content_type=DOCX)
    return report_pdf_response(report, filename=f"{name}.pdf")
