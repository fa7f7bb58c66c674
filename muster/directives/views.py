"""Directive pages: list, board, target, reports (maker-checker), evidence, exports."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from muster.accounts.access import get_for_user, require, require_cap
from muster.accounts.perms import Cap, has_cap
from muster.audit.selectors import events_for_object
from muster.core.dates import parse_user_date, today
from muster.core.http import AuthenticatedHttpRequest
from muster.core.views import reference_date
from muster.directives import perms, selectors, services, standing_report
from muster.directives.forms import (
    DirectiveForm,
    ReportCreateForm,
    ReportForm,
    ReviewForm,
    ReviseForm,
    TargetForm,
    TaskForm,
)
from muster.directives.models import (
    Body,
    Directive,
    Evidence,
    FrequencyChoice,
    Milestone,
    Report,
    ReportLine,
    ReportStatus,
    Target,
    TargetKind,
    Task,
)
from muster.directives.periods import periods_of_year
from muster.directives.rollup import Status
from muster.directives.sources import SOURCES
from muster.documents import pdf, word
from muster.documents.http import DOCX, PDF, file_response
from muster.documents.tables import OfficialReport
from muster.geo.models import COMMUNE_LEVEL_KINDS, KIND_TIER, Unit
from muster.geo.selectors import units_for_user, visible_unit_ids

STATUS_LABELS = {
    Status.DONE: (gettext_lazy("Done"), "success"),
    Status.ON_TRACK: (gettext_lazy("On track"), "primary"),
    Status.AT_RISK: (gettext_lazy("At risk"), "warning"),
    Status.LATE: (gettext_lazy("Late"), "danger"),
    Status.NO_DATA: (gettext_lazy("No data yet"), "secondary"),
}


def _directive(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Directive:
    return get_for_user(
        request.user,
        Directive.objects.select_related("unit"),
        unit_field="concerned_units",
        cap=Cap.VIEW_REPORTS,
        public_id=public_id,
    )


def _board_day(request: AuthenticatedHttpRequest, directive: Directive) -> dt.date:
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
    directive = _directive(request, public_id)
    day = _board_day(request, directive)
    unit: Unit | None = None
    unit_param = request.GET.get("unit", "")
    if unit_param:
        unit = Unit.objects.filter(
            public_id__in=[unit_param] if _is_uuid(unit_param) else [],
            pk__in=visible_unit_ids(request.user),
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
    day = _board_day(request, directive)
    the_board = selectors.board(user=request.user, directive=directive, on=day)
    row = next((r for t in the_board.tasks for r in t.targets if r.target.pk == target.pk), None)
    if row is None:
        raise Http404(_("Not found, or outside your area."))
    lines = (
        ReportLine.objects.filter(target=target, report__unit_id__in=visible_unit_ids(request.user))
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
        services.milestone_set_done(
            actor=request.user,
            milestone=milestone,
            done_on=None if milestone.done_on else (done_on or today()),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("directives:target_detail", public_id=milestone.target.public_id)


# --- Reports ---


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
    directive = _directive(request, public_id)
    require_cap(request.user, Cap.REPORT_DIRECTIVE)
    owing = selectors.reporting_unit_ids(directive) & visible_unit_ids(request.user)
    units = list(Unit.objects.filter(pk__in=owing).order_by("name_search"))
    period_list = periods_of_year(directive.frequency, directive.year)
    form = ReportCreateForm(request.POST or None, units=units, period_list=period_list)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report = services.report_create(
                    actor=request.user,
                    directive=directive,
                    unit=form.units[form.cleaned_data["unit"]],
                    period_start=form.periods[form.cleaned_data["period"]].start,
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("The report has been opened."))
                return redirect("directives:report_edit", public_id=report.public_id)
        status = 400
    return render(
        request,
        "directives/report_create.html",
        {"directive": directive, "form": form, "no_units": not units},
        status=status,
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
    targets = services.reportable_targets(report.directive, report.unit)
    if request.method != "POST":
        initial: dict[str, object] = {
            "results": report.results,
            "shortcomings": report.shortcomings,
        }
        for line in report.lines.all():
            initial[f"target_{line.target_id}"] = line.value
        form = ReportForm(initial=initial, targets=targets)
        if not report.is_editable:
            form.add_error(
                None,
                services.locked_message()
                if report.is_locked
                else _(
                    "This report has been submitted and awaits approval: it cannot be changed now."
                ),
            )
        return _edit_page(request, report, form)
    form = ReportForm(request.POST, request.FILES, targets=targets)
    if not form.is_valid():
        return _edit_page(request, report, form, status=400)
    upload = form.cleaned_data.get("evidence")
    try:
        services.report_update(
            actor=request.user,
            report=report,
            results=form.cleaned_data["results"],
            shortcomings=form.cleaned_data["shortcomings"],
            figures=form.figures(),
        )
        if upload is not None:
            services.evidence_add(
                actor=request.user, report=report, filename=upload.name, data=upload.read()
            )
    except ValidationError as error:
        form.add_service_errors(error, {"file": "evidence"})
        return _edit_page(request, report, form, status=400)
    messages.success(request, _("The report has been saved."))
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
        services.report_submit(actor=request.user, report=report)
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
        services.report_review(
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
        revision = services.report_revise(actor=request.user, report=report, reason=reason)
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


# --- The report to the Standing Committee ---


def _build_standing(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID
) -> tuple[Directive, OfficialReport]:
    directive = _directive(request, public_id)
    period_to = parse_user_date(request.GET.get("to")) or _board_day(request, directive)
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
    return file_response(
        pdf.render_report_pdf(report),
        filename=f"Báo cáo BTV {directive.year}.pdf",
        content_type=PDF,
    )


# --- Setting up a directive: staff officers with Cap.REVIEW_DIRECTIVE at the issuing level ---


def _require_issuing_scope(request: AuthenticatedHttpRequest, directive: Directive) -> None:
    """A directive is edited at its issuing level (``perms.is_issuing_level``)."""
    require(
        perms.is_issuing_level(request.user, directive),
        _("Only the issuing level can change this directive."),
    )


def _editable(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Directive:
    directive = get_for_user(
        request.user,
        Directive.objects.select_related("unit"),
        unit_field="concerned_units",
        cap=Cap.REVIEW_DIRECTIVE,
        public_id=public_id,
    )
    _require_issuing_scope(request, directive)
    return directive


def _editable_task(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Task:
    task = get_for_user(
        request.user,
        Task.objects.select_related("directive__unit", "lead_unit", "lead_body"),
        unit_field="directive__concerned_units",
        cap=Cap.REVIEW_DIRECTIVE,
        public_id=public_id,
    )
    _require_issuing_scope(request, task.directive)
    return task


def _area_units(request: AuthenticatedHttpRequest, directive: Directive) -> list[Unit]:
    """Units that may answer for a task or target: the issuing unit's area down to the
    communes, valid in the directive's year, inside the user's scope."""
    return list(
        Unit.objects.filter(
            path__startswith=directive.unit.path,
            pk__in=visible_unit_ids(request.user),
            kind__in=[k for k, tier in KIND_TIER.items() if tier <= 3],
            valid_from__lte=dt.date(directive.year, 12, 31),
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=dt.date(directive.year, 1, 1)))
        .order_by("path")
    )


def _area_bodies(directive: Directive) -> list[Body]:
    return list(
        Body.objects.filter(unit__path__startswith=directive.unit.path).select_related("unit")
    )


def _communes(units: list[Unit]) -> list[Unit]:
    return sorted((u for u in units if u.kind in COMMUNE_LEVEL_KINDS), key=lambda u: u.name_search)


def directive_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.REVIEW_DIRECTIVE)
    units = list(
        units_for_user(request.user)
        .filter(kind__in=[k for k, tier in KIND_TIER.items() if tier <= 2])
        .order_by("path", "-valid_from")
    )
    year = reference_date(request).year
    form = DirectiveForm(
        request.POST or None,
        units=units,
        initial={"year": year, "frequency": FrequencyChoice.MONTHLY, "report_due_working_days": 5},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            directive = services.directive_create(
                actor=request.user,
                unit=form.units[data["unit"]],
                **{k: v for k, v in data.items() if k != "unit"},
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The directive has been created. Now add its tasks."))
            return redirect("directives:directive_edit", public_id=directive.public_id)
    return render(
        request,
        "directives/directive_form.html",
        {"form": form, "directive": None, "no_units": not units},
        status=400 if form.errors else 200,
    )


def directive_edit(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    directive = _editable(request, public_id)
    fields = [
        "issuer",
        "number",
        "issued_on",
        "year",
        "title",
        "signer",
        "frequency",
        "report_due_working_days",
        "full_text",
    ]
    form = DirectiveForm(request.POST or None, initial={f: getattr(directive, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.directive_update(actor=request.user, directive=directive, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The directive has been saved."))
            return redirect("directives:directive_edit", public_id=directive.public_id)
    tasks = (
        Task.objects.filter(directive=directive)
        .select_related("lead_unit", "lead_body")
        .prefetch_related(
            Prefetch("targets", queryset=Target.objects.select_related("lead_unit", "lead_body"))
        )
        .order_by("order")
    )
    return render(
        request,
        "directives/directive_form.html",
        {"form": form, "directive": directive, "tasks": tasks, "sources": SOURCES},
        status=400 if form.errors else 200,
    )


def task_create(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    directive = _editable(request, public_id)
    units = _area_units(request, directive)
    next_order = (Task.objects.filter(directive=directive).aggregate(m=Max("order"))["m"] or 0) + 1
    form = TaskForm(
        request.POST or None,
        units=units,
        bodies=_area_bodies(directive),
        initial={"order": next_order},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.task_create(
                actor=request.user,
                directive=directive,
                order=data["order"],
                title=data["title"],
                description=data["description"],
                **form.responsibility(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The task has been added."))
            return redirect("directives:directive_edit", public_id=directive.public_id)
    return render(
        request,
        "directives/task_form.html",
        {"form": form, "directive": directive, "task": None},
        status=400 if form.errors else 200,
    )


def task_edit(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    task = _editable_task(request, public_id)
    directive = task.directive
    form = TaskForm(
        request.POST or None,
        units=_area_units(request, directive),
        bodies=_area_bodies(directive),
        initial={
            "order": task.order,
            "title": task.title,
            "description": task.description,
            **TaskForm.responsibility_initial(task),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.task_update(
                actor=request.user,
                task=task,
                order=data["order"],
                title=data["title"],
                description=data["description"],
                **form.responsibility(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The task has been saved."))
            return redirect("directives:directive_edit", public_id=directive.public_id)
    return render(
        request,
        "directives/task_form.html",
        {"form": form, "directive": directive, "task": task},
        status=400 if form.errors else 200,
    )


@require_POST
def task_move(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    task = _editable_task(request, public_id)
    try:
        services.task_move(actor=request.user, task=task, up=request.POST.get("to") == "up")
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("directives:directive_edit", public_id=task.directive.public_id)


def _target_page(
    request: AuthenticatedHttpRequest,
    task: Task,
    target: Target | None,
) -> HttpResponse:
    directive = task.directive
    units = _area_units(request, directive)
    if target is not None:
        initial = TargetForm.initial_for(target)
    else:
        next_order = (task.targets.aggregate(m=Max("order"))["m"] or 0) + 1
        initial = {
            "order": next_order,
            "kind": TargetKind.NUMERIC,
            "start_date": dt.date(directive.year, 1, 1),
            "due_date": dt.date(directive.year, 12, 31),
        }
    form = TargetForm(
        request.POST or None,
        units=units,
        bodies=_area_bodies(directive),
        communes=_communes(units),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if target is None:
                services.target_create(actor=request.user, task=task, **form.service_kwargs())
            else:
                services.target_update(actor=request.user, target=target, **form.service_kwargs())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The target has been saved."))
            return redirect("directives:directive_edit", public_id=directive.public_id)
    return render(
        request,
        "directives/target_form.html",
        {"form": form, "directive": directive, "task": task, "target": target},
        status=400 if form.errors else 200,
    )


def target_create(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _target_page(request, _editable_task(request, public_id), None)


def target_edit(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    target = get_for_user(
        request.user,
        Target.objects.select_related("task__directive__unit", "lead_unit", "lead_body"),
        unit_field="task__directive__concerned_units",
        cap=Cap.REVIEW_DIRECTIVE,
        public_id=public_id,
    )
    _require_issuing_scope(request, target.task.directive)
    return _target_page(request, target.task, target)
