"""Pages of the reviews sent between agencies (sơ kết / tổng kết of a call-up year): the list
of a campaign's reviews, a draft's editing, sending, receipt, acknowledgement and printing."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muster.accounts.access import require, require_cap
from muster.accounts.perms import Cap, has_cap
from muster.conscription.campaign.models import Campaign
from muster.core.dates import today
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.http import DOCX, file_response, report_pdf_response
from muster.documents.tables import OfficialReport
from muster.documents.word import render_report_docx
from muster.reports import reviews, selectors, services
from muster.reports.forms import DayForm, ReviewCreateForm, ReviewEditForm
from muster.reports.models import AgencyReport
from muster.reports.perms import can_draft_review, can_receive_review


def _create_form(
    request: AuthenticatedHttpRequest, campaign: Campaign, data: Any = None
) -> ReviewCreateForm:
    return ReviewCreateForm(data, units=selectors.unit_choices(request.user, campaign))


def review_list(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The reviews of a campaign in the user's area, and the form to start one."""
    campaign = selectors.campaign_for_user(request.user, public_id)
    return render(
        request,
        "reports/reviews.html",
        {
            "campaign": campaign,
            "board": selectors.review_board(request.user, campaign),
            "form": _create_form(request, campaign),
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
        },
    )


@require_POST
def review_create(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    campaign = selectors.campaign_for_user(request.user, public_id)
    require_cap(request.user, Cap.MANAGE_CAMPAIGN)
    form = _create_form(request, campaign, request.POST)
    if form.is_valid():
        try:
            review = services.review_create(
                actor=request.user,
                campaign=campaign,
                unit=form.units[form.cleaned_data["unit"]],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Draft created."))
            return redirect("reports:review_edit", public_id=review.public_id)
    return render(
        request,
        "reports/reviews.html",
        {
            "campaign": campaign,
            "board": selectors.review_board(request.user, campaign),
            "form": form,
            "can_manage": True,
        },
        status=400,
    )


def review_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    review = selectors.review_for_user(request.user, public_id)
    figures = reviews.review_figures(request.user, review)
    return render(
        request,
        "reports/review_detail.html",
        {
            "review": review,
            "campaign": review.campaign,
            "summary": reviews.summary_rows(figures),
            "lines": figures["lines"] if len(figures["lines"]) > 1 else [],
            "can_draft": can_draft_review(request.user, review),
            "can_receive": can_receive_review(request.user, review),
            "day_form": DayForm(initial={"day": today()}),
        },
    )


def review_edit(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    review = selectors.review_for_user(request.user, public_id)
    require(can_draft_review(request.user, review))
    if review.sent_on is not None:
        messages.info(request, _("A sent review cannot be changed."))
        return redirect("reports:review_detail", public_id=review.public_id)
    initial = {k: getattr(review, k) for k in services.REVIEW_TEXTS}
    form = ReviewEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_update(actor=request.user, review=review, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Saved."))
            return redirect("reports:review_detail", public_id=review.public_id)
    return render(
        request,
        "reports/review_edit.html",
        {"review": review, "campaign": review.campaign, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _step(request: AuthenticatedHttpRequest, public_id: uuid.UUID, step: str) -> HttpResponse:
    review = selectors.review_for_user(request.user, public_id)
    if step == "send":
        require(can_draft_review(request.user, review))
    else:
        require(can_receive_review(request.user, review))
    form = DayForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("reports:review_detail", public_id=review.public_id)
    day = form.cleaned_data["day"]
    try:
        if step == "send":
            services.review_send(actor=request.user, review=review, sent_on=day)
            messages.success(request, _("Review sent."))
        elif step == "receive":
            services.review_receive(actor=request.user, review=review, received_on=day)
            messages.success(request, _("Receipt recorded."))
        else:
            services.review_acknowledge(
                actor=request.user,
                review=review,
                acknowledged_on=day,
                remarks=form.cleaned_data["remarks"],
            )
            messages.success(request, _("Review acknowledged."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("reports:review_detail", public_id=review.public_id)


@require_POST
def review_send(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _step(request, public_id, "send")


@require_POST
def review_receive(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _step(request, public_id, "receive")


@require_POST
def review_acknowledge(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _step(request, public_id, "acknowledge")


def _document(request: AuthenticatedHttpRequest, review: AgencyReport) -> OfficialReport:
    figures = reviews.review_figures(request.user, review)
    return reviews.document(review, figures, on=review.sent_on or today())


def _filename(review: AgencyReport, ext: str) -> str:
    word = "so-ket" if review.kind == "preliminary" else "tong-ket"
    return f"bao-cao-{word}-{review.campaign.year}-{review.unit.name}.{ext}"


def review_pdf(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    review = selectors.review_for_user(request.user, public_id)
    return report_pdf_response(_document(request, review), filename=_filename(review, "pdf"))


def review_docx(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    review = selectors.review_for_user(request.user, public_id)
    data = render_report_docx(_document(request, review))
    return file_response(data, filename=_filename(review, "docx"), content_type=DOCX)
