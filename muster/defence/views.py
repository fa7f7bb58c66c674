"""The defence pages: the works of the reader's area with their progress, a unit's works, a
work's page (steps, evidence, approval), a unit's plans and drills, and the report in PDF and
Excel. Thin: fetch and authorise (404 out of the area, 403 without the role), call a service."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muster.accounts.access import require
from muster.core import lawtext
from muster.core.dates import today
from muster.core.http import AuthenticatedHttpRequest
from muster.defence import forms, perms, selectors, services
from muster.defence.documents import works_report, works_table
from muster.defence.models import Drill, Plan
from muster.directives.services.evidence import MAX_EVIDENCE_BYTES
from muster.documents.excel import render_xlsx
from muster.documents.http import PDF, XLSX, file_response
from muster.documents.pdf import render_report_pdf
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law.defence import works
from muster.law.defence.cycles import BOOK
from muster.law.defence.works import STEP_TITLES

READ_ERROR = _("Check the fields marked below.")


def _unit(request: AuthenticatedHttpRequest, public_id: uuid.UUID, *, record: bool = False) -> Unit:
    unit = Unit.objects.filter(scope_of(request.user).q("pk"), public_id=public_id).first()
    if unit is None:
        raise Http404(_("Not found, or outside your area."))
    require(
        perms.can_record_defence(request.user) if record else perms.can_view_defence(request.user)
    )
    return unit


def _errors(request: AuthenticatedHttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _post(
    request: AuthenticatedHttpRequest,
    form: django_forms.Form,
    action: Callable[[dict[str, Any]], object],
    success: str,
) -> None:
    """A small form posted from a list page: the service on valid data, its refusal or the
    success as a message (the view redirects back to the list)."""
    if not form.is_valid():
        messages.error(request, READ_ERROR)
        return
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        _errors(request, error)
        return
    messages.success(request, success)


def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(perms.can_view_defence(request.user))
    works = list(selectors.works_for(user=request.user))
    communes = (
        Unit.objects.valid_on(today())
        .commune_level()
        .filter(scope_of(request.user).q("pk"))
        .order_by("name")
    )
    context = {
        "rows": [selectors.progress_of(w) for w in works],
        "communes": communes,
        "unverified": selectors.STEPS_UNVERIFIED,
    }
    return render(request, "defence/index.html", context)


def unit_works(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    unit = _unit(request, public_id)
    form = forms.WorkForm(request.POST or None)
    if request.method == "POST":
        require(perms.can_record_defence(request.user))
        if form.is_valid():
            data = form.cleaned_data
            try:
                work = services.work_create(
                    actor=request.user,
                    unit=unit,
                    kind=data["kind"],
                    name=data["name"],
                    location=data["location"],
                    area=data["area"],
                    area_unit=data["area_unit"],
                    budget_planned=data["budget_planned"],
                )
                messages.success(request, _("The work has been recorded."))
                return redirect("defence:work", public_id=work.public_id)
            except ValidationError as error:
                _errors(request, error)
        else:
            messages.error(request, READ_ERROR)
    works = list(selectors.works_for(user=request.user, unit=unit))
    context = {
        "unit": unit,
        "rows": [selectors.progress_of(w) for w in works],
        "form": form,
        "can_record": perms.can_record_defence(request.user),
    }
    return render(request, "defence/unit.html", context)


def work(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    item = selectors.work_for(user=request.user, public_id=public_id)
    form = forms.WorkUpdateForm(
        request.POST or None,
        initial={"budget_spent": item.budget_spent, "status": item.status},
    )
    if request.method == "POST":
        require(perms.can_record_defence(request.user))
        if form.is_valid():
            try:
                services.work_update(
                    actor=request.user,
                    work=item,
                    budget_spent=form.cleaned_data["budget_spent"],
                    status=form.cleaned_data["status"],
                )
                messages.success(request, _("The work has been updated."))
                return redirect("defence:work", public_id=item.public_id)
            except ValidationError as error:
                _errors(request, error)
        else:
            messages.error(request, READ_ERROR)
    milestones = list(item.milestones.prefetch_related("evidence").order_by("order"))
    approved = {m.step for m in milestones if m.approved_on is not None}
    for m in milestones:
        # Earlier steps not yet approved: shown as a hint (the order is unverified).
        m.earlier_open = ", ".join(  # type: ignore[attr-defined]
            lawtext.text(STEP_TITLES[s]) for s in works.out_of_order(item.kind, approved, m.step)
        )
    context = {
        "work": item,
        "milestones": milestones,
        "progress": selectors.progress_of(item),
        "form": form,
        "evidence_form": forms.EvidenceForm(),
        "can_record": perms.can_record_defence(request.user),
        "can_approve": perms.can_approve_milestone(request.user),
        "unverified": selectors.STEPS_UNVERIFIED,
        "today": today(),
    }
    return render(request, "defence/work.html", context)


def _back(milestone_work_id: uuid.UUID) -> HttpResponse:
    return redirect("defence:work", public_id=milestone_work_id)


@require_POST
def milestone_record(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    milestone = selectors.milestone_for(user=request.user, public_id=public_id)
    form = forms.MilestoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter dates as dd/mm/yyyy."))
        return _back(milestone.work.public_id)
    try:
        services.milestone_record(
            actor=request.user,
            milestone=milestone,
            planned_on=form.cleaned_data["planned_on"],
            done_on=form.cleaned_data["done_on"],
            today=today(),
        )
        messages.success(request, _("The step has been recorded."))
    except ValidationError as error:
        _errors(request, error)
    return _back(milestone.work.public_id)


@require_POST
def evidence_add(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    milestone = selectors.milestone_for(user=request.user, public_id=public_id)
    form = forms.EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return _back(milestone.work.public_id)
    upload = form.cleaned_data["file"]
    if upload.size > MAX_EVIDENCE_BYTES:
        messages.error(request, _("The file is larger than 5 MB."))
        return _back(milestone.work.public_id)
    try:
        services.evidence_add(
            actor=request.user, milestone=milestone, filename=upload.name, data=upload.read()
        )
        messages.success(request, _("The evidence has been attached."))
    except ValidationError as error:
        _errors(request, error)
    return _back(milestone.work.public_id)


@require_POST
def milestone_approve(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    milestone = selectors.milestone_for(user=request.user, public_id=public_id, approve=True)
    try:
        services.milestone_approve(actor=request.user, milestone=milestone, on=today())
        messages.success(request, _("The step has been approved."))
    except ValidationError as error:
        _errors(request, error)
    return _back(milestone.work.public_id)


def evidence_download(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    evidence = selectors.evidence_for(user=request.user, public_id=public_id)
    return file_response(
        bytes(evidence.data), filename=evidence.filename, content_type=evidence.content_type
    )


def plans(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    unit = _unit(request, public_id)
    context = {
        "unit": unit,
        "plans": list(selectors.plans_for(user=request.user, unit=unit)),
        "drills": list(selectors.drills_for(user=request.user, unit=unit)),
        "plan_form": forms.PlanForm(),
        "update_form": forms.PlanUpdateForm(),
        "drill_form": forms.DrillForm(),
        "can_record": perms.can_record_defence(request.user),
        "rules": [
            (lawtext.title(r), lawtext.cite_all(r.citations), r.confirmed)
            for r in BOOK.in_force(today())
        ],
    }
    return render(request, "defence/plans.html", context)


@require_POST
def plan_new(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    unit = _unit(request, public_id, record=True)
    _post(
        request,
        forms.PlanForm(request.POST),
        lambda data: services.plan_create(
            actor=request.user,
            unit=unit,
            kind=data["kind"],
            first_year=data["first_year"],
            title=data["title"],
            approved_on=data["approved_on"],
        ),
        _("The plan has been recorded."),
    )
    return redirect("defence:plans", public_id=unit.public_id)


@require_POST
def plan_update(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    plan = Plan.objects.filter(scope_of(request.user).q("unit"), public_id=public_id).first()
    if plan is None:
        raise Http404(_("Not found, or outside your area."))
    require(perms.can_record_defence(request.user))
    _post(
        request,
        forms.PlanUpdateForm(request.POST),
        lambda data: services.plan_update_add(
            actor=request.user,
            plan=plan,
            year=data["year"],
            approved_on=data["approved_on"],
            note=data["note"],
        ),
        _("The yearly adjustment has been recorded."),
    )
    return redirect("defence:plans", public_id=plan.unit.public_id)


@require_POST
def drill_new(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    unit = _unit(request, public_id, record=True)
    _post(
        request,
        forms.DrillForm(request.POST),
        lambda data: services.drill_record(
            actor=request.user,
            unit=unit,
            kind=data["kind"],
            planned_on=data["planned_on"],
            held_on=data["held_on"],
        ),
        _("The drill has been recorded."),
    )
    return redirect("defence:plans", public_id=unit.public_id)


@require_POST
def drill_held(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    drill = Drill.objects.filter(scope_of(request.user).q("unit"), public_id=public_id).first()
    if drill is None:
        raise Http404(_("Not found, or outside your area."))
    require(perms.can_record_defence(request.user))
    form = forms.MilestoneForm(request.POST)
    held = form.cleaned_data["done_on"] if form.is_valid() else None
    if held is None or held > today():
        messages.error(request, _("Enter the day the drill was held (not in the future)."))
    else:
        services.drill_record(
            actor=request.user,
            unit=drill.unit,
            kind=drill.kind,
            planned_on=drill.planned_on,
            held_on=held,
            drill=drill,
        )
        messages.success(request, _("The drill has been recorded."))
    return redirect("defence:plans", public_id=drill.unit.public_id)


def report(request: AuthenticatedHttpRequest, public_id: uuid.UUID, fmt: str) -> HttpResponse:
    unit = _unit(request, public_id)
    works = list(selectors.works_for(user=request.user, unit=unit))
    name = f"cong-trinh-quoc-phong-{unit.code}"
    if fmt == "xlsx":
        return file_response(
            render_xlsx(works_table(works), sheet_title="Công trình"),
            filename=f"{name}.xlsx",
            content_type=XLSX,
        )
    doc = works_report(
        unit,
        works,
        list(selectors.plans_for(user=request.user, unit=unit)),
        list(selectors.drills_for(user=request.user, unit=unit)),
        on=today(),
    )
    return file_response(render_report_pdf(doc), filename=f"{name}.pdf", content_type=PDF)


def report_pdf(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return report(request, public_id, "pdf")


def report_xlsx(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return report(request, public_id, "xlsx")
