"""Directive reports: the maker fills and submits, the checker approves; evidence files."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap, has_cap
from muster.audit.selectors import events_for_object
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest
from muster.directives import perms, selectors
from muster.directives.forms import (
    ReportCreateForm,
    ReportForm,
    ReviewForm,
    ReviseForm,
)
from muster.directives.models import (
    Evidence,
    Report,
    ReportStatus,
)
from muster.directives.periods import Period, periods_of_year
from muster.directives.services import evidence as evidence_services
from muster.directives.services import guards as guard_services
from muster.directives.services import reports as report_services
from muster.directives.views import viewable_directive
from muster.documents.http import file_response
from muster.geo.models import Unit
from muster.geo.scope import scope_of


def report_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_REPORTS)
    status = request.GET.get("status", "")
    reports = selectors.reports_for_user(request.user)
    if status in ReportStatus.values:
        reports = reports.filter(status=status)
    return render(
        request,
        "directives/report_list.html",
        {
            "reports": reports[:300],
            "status": status,
            "statuses": ReportStatus.choices,
        },
    )


def report_create(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    directive = viewable_directive(request, public_id)
    require_cap(request.user, Cap.REPORT_DIRECTIVE)
    owing = selectors.reporting_unit_ids(directive)
    units = list(
        Unit.objects.filter(scope_of(request.user).q("pk"), pk__in=owing).order_by("name_search")
    )
    period_list = periods_of_year(directive.frequency, directive.year)
    form = ReportCreateForm(request.POST or None, units=units, period_list=period_list)
    done = submit(
        request,
        form,
        lambda data: report_services.report_create(
            actor=request.user,
            directive=directive,
            unit=form.units[data["unit"]],
            period_start=form.periods[data["period"]].start,
        ),
        success=_("The report has been opened."),
    )
    if done:
        return redirect("directives:report_edit", public_id=done.value.public_id)
    return render(
        request,
        "directives/report_create.html",
        {"directive": directive, "form": form, "no_units": not units},
        status=400 if request.method == "POST" else 200,
    )


def _report(request: AuthenticatedHttpRequest, public_id: uuid.UUID, cap: Cap) -> Report:
    return get_for_user(
        request.user,
        Report.objects.select_related(
            "directive__unit", "unit", "submitted_by", "reviewed_by", "supersedes"
        ),
        unit_field="unit",
        cap=cap,
        public_id=public_id,
    )


def report_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    report = _report(request, public_id, Cap.VIEW_REPORTS)
    lines = report.lines.select_related("target__task").order_by(
        "target__task__order", "target__order"
    )
    revisions = Report.objects.filter(
        directive=report.directive, unit=report.unit, period_start=report.period_start
    ).order_by("revision")
    user = request.user
    return render(
        request,
        "directives/report_detail.html",
        {
            "report": report,
            "lines": lines,
            "evidence": report.evidence.defer("data"),
            "revisions": revisions,
            "trail": events_for_object(
                object_type="directives.report", object_id=str(report.public_id)
            )[:30],
            "can_report": has_cap(user, Cap.REPORT_DIRECTIVE),
            "can_review": perms.can_approve_report(user, report),
            "review_form": ReviewForm(),
            "revise_form": ReviseForm(),
            "has_open_revision": Report.objects.filter(supersedes=report).exists(),
        },
    )


def report_edit(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    report = _report(request, public_id, Cap.REPORT_DIRECTIVE)
    targets = report_services.reportable_targets(
        report.directive, report.unit, Period(report.period_start, report.period_end)
    )
    if request.method != "POST":
        initial: dict[str, object] = {
            "results": report.results,
            "shortcomings": report.shortcomings,
        }
        for line in report.lines.all():
            initial[f"target_{line.target_id}"] = line.value
        form = ReportForm(initial=initial, targets=targets)
        if not report.is_editable:
            # An unbound form takes no errors: the page says it in a message.
            messages.warning(
                request,
                guard_services.locked_message()
                if report.is_locked
                else _(
                    "This report has been submitted and awaits approval: it cannot be changed now."
                ),
            )
        return _edit_page(request, report, form)
    form = ReportForm(request.POST, request.FILES, targets=targets)

    def save(data: dict[str, Any]) -> None:
        upload = data.get("evidence")
        report_services.report_update(
            actor=request.user,
            report=report,
            results=data["results"],
            shortcomings=data["shortcomings"],
            figures=form.figures(),
        )
        if upload is not None:
            evidence_services.evidence_add(
                actor=request.user, report=report, filename=upload.name, data=upload.read()
            )

    success = _("The report has been saved.")
    if not submit(request, form, save, success=success, mapping={"file": "evidence"}):
        return _edit_page(request, report, form, status=400)
    if request.POST.get("then") == "submit":
        return report_submit(request, public_id)
    return redirect("directives:report_detail", public_id=report.public_id)


def _edit_page(
    request: AuthenticatedHttpRequest, report: Report, form: ReportForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "directives/report_edit.html",
        {"report": report, "form": form, "evidence": report.evidence.defer("data")},
        status=status,
    )


@require_POST
def report_submit(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    report = _report(request, public_id, Cap.REPORT_DIRECTIVE)
    try:
        report_services.report_submit(actor=request.user, report=report)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The report has been submitted for approval."))
    return redirect("directives:report_detail", public_id=report.public_id)


@require_POST
def report_review(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    report = _report(request, public_id, Cap.REVIEW_DIRECTIVE)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to approve or send back."))
        return redirect("directives:report_detail", public_id=report.public_id)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        report_services.report_review(
            actor=request.user,
            report=report,
            approve=approve,
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The report has been approved; the period is locked.")
            if approve
            else _("The report has been sent back."),
        )
    return redirect("directives:report_detail", public_id=report.public_id)


@require_POST
def report_revise(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    report = _report(request, public_id, Cap.REPORT_DIRECTIVE)
    reason = request.POST.get("reason", "")
    try:
        revision = report_services.report_revise(actor=request.user, report=report, reason=reason)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("directives:report_detail", public_id=report.public_id)
    messages.success(request, _("A new revision has been opened for the correction."))
    return redirect("directives:report_edit", public_id=revision.public_id)


def evidence_download(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    evidence = get_for_user(
        request.user,
        Evidence.objects.all(),
        unit_field="report__unit",
        cap=Cap.VIEW_REPORTS,
        public_id=public_id,
    )
    return file_response(
        bytes(evidence.data), filename=evidence.filename, content_type=evidence.content_type
    )
