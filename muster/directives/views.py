"""Directive pages: the list, the board, a target, and the report to the Standing Committee."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap, has_cap
from muster.core.dates import parse_user_date, today
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.directives import perms, selectors, standing_report
from muster.directives.models import (
    Directive,
    Milestone,
    ReportLine,
    ReportStatus,
    Target,
)
from muster.directives.rollup import Status
from muster.directives.services import targets as target_services
from muster.documents import word
from muster.documents.http import DOCX, file_response, report_pdf_response
from muster.documents.tables import OfficialReport
from muster.geo.models import Unit
from muster.geo.scope import scope_of

STATUS_LABELS = {
    Status.DONE: (gettext_lazy("Done"), "success"),
    Status.ON_TRACK: (gettext_lazy("On track"), "primary"),
    Status.AT_RISK: (gettext_lazy("At risk"), "warning"),
    Status.LATE: (gettext_lazy("Late"), "danger"),
    Status.NO_DATA: (gettext_lazy("No data yet"), "secondary"),
}


def viewable_directive(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Directive:
    return get_for_user(
        request.user,
        Directive.objects.select_related("unit"),
        unit_field="concerned_units",
        cap=Cap.VIEW_REPORTS,
        public_id=public_id,
    )


def board_day(request: AuthenticatedHttpRequest, directive: Directive) -> dt.date:
    """``?on=``, else the page's reference day, kept inside the directive's year."""
    explicit = parse_user_date(request.GET.get("on"))
    if explicit is not None:
        return explicit
    return min(reference_date(request), dt.date(directive.year, 12, 31))


def directive_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_REPORTS)
    directives = selectors.directives_for_user(request.user).order_by("-year", "-issued_on")
    return render(
        request,
        "directives/directive_list.html",
        {"directives": directives, "can_edit": has_cap(request.user, Cap.REVIEW_DIRECTIVE)},
    )


def directive_board(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    directive = viewable_directive(request, public_id)
    day = board_day(request, directive)
    unit: Unit | None = None
    unit_param = request.GET.get("unit", "")
    if unit_param:
        unit = Unit.objects.filter(
            public_id__in=[unit_param] if _is_uuid(unit_param) else [],
            **scope_of(request.user).lookup("pk"),
        ).first()
        if unit is None:
            raise Http404(_("Not found, or outside your area."))
    the_board = selectors.board(user=request.user, directive=directive, on=day, unit=unit)
    reports = (
        selectors.reports_for_user(request.user)
        .filter(directive=directive)
        .filter(unit_id__in=[o.unit.pk for o in the_board.obligations] or [0])
        if unit is not None
        else None
    )
    return render(
        request,
        "directives/board.html",
        {
            "directive": directive,
            "board": the_board,
            "day": day,
            "unit": unit,
            "reports": reports,
            "status_labels": STATUS_LABELS,
            "can_report": has_cap(request.user, Cap.REPORT_DIRECTIVE),
            "can_edit": perms.can_issue_directive(request.user, directive),
        },
    )


def _is_uuid(raw: str) -> bool:
    try:
        uuid.UUID(raw)
    except ValueError:
        return False
    return True


def target_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    target = get_for_user(
        request.user,
        Target.objects.select_related("task__directive__unit", "lead_unit", "lead_body"),
        unit_field="task__directive__concerned_units",
        cap=Cap.VIEW_REPORTS,
        public_id=public_id,
    )
    directive = target.task.directive
    day = board_day(request, directive)
    the_board = selectors.board(user=request.user, directive=directive, on=day)
    row = next((r for t in the_board.tasks for r in t.targets if r.target.pk == target.pk), None)
    if row is None:
        raise Http404(_("Not found, or outside your area."))
    lines = (
        ReportLine.objects.filter(target=target, **scope_of(request.user).lookup("report__unit"))
        .select_related("report__unit")
        .order_by("-report__period_start", "report__unit__name", "-report__revision")
    )
    return render(
        request,
        "directives/target_detail.html",
        {
            "directive": directive,
            "target": target,
            "row": row,
            "day": day,
            "lines": lines,
            "status_labels": STATUS_LABELS,
            "can_review": perms.can_issue_directive(request.user, directive),
        },
    )


@require_POST
def milestone_toggle(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    milestone = get_for_user(
        request.user,
        Milestone.objects.select_related("target"),
        unit_field="target__task__directive__unit",
        cap=Cap.REVIEW_DIRECTIVE,
        public_id=public_id,
    )
    done_on = parse_user_date(request.POST.get("done_on"))
    try:
        target_services.milestone_set_done(
            actor=request.user,
            milestone=milestone,
            done_on=None if milestone.done_on else (done_on or today()),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("directives:target_detail", public_id=milestone.target.public_id)


# --- The report to the Standing Committee ---


def _build_standing(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID
) -> tuple[Directive, OfficialReport]:
    directive = viewable_directive(request, public_id)
    period_to = parse_user_date(request.GET.get("to")) or board_day(request, directive)
    period_from = parse_user_date(request.GET.get("from")) or dt.date(directive.year, 1, 1)
    if period_from > period_to:
        period_from, period_to = period_to, period_from
    the_board = selectors.board(user=request.user, directive=directive, on=period_to)
    reports = list(
        selectors.reports_for_user(request.user)
        .filter(
            directive=directive,
            status=ReportStatus.APPROVED,
            period_start__gte=period_from,
            period_end__lte=period_to,
        )
        .prefetch_related(Prefetch("lines", queryset=ReportLine.objects.select_related("target")))
        .order_by("unit__name", "period_start")
    )
    return directive, standing_report.build(
        board=the_board, period_from=period_from, period_to=period_to, reports=reports
    )


def standing_report_docx(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    directive, report = _build_standing(request, public_id)
    return file_response(
        word.render_report_docx(report),
        filename=f"Báo cáo BTV {directive.year}.docx",
        content_type=DOCX,
    )


def standing_report_pdf(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    directive, report = _build_standing(request, public_id)
    return report_pdf_response(
        report,
        filename=f"Báo cáo BTV {directive.year}.pdf",
    )
