"""The commune's April registration page: pick the men, issue the calls in a batch, record
their delivery, register the men who come and hand over their certificates, print calls and
certificates (PDF or Word, one per citizen in one file) and record the 10-day report. Thin:
the services in ``registration.services.calls`` validate and write."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap, has_cap
from muster.core.dates import today
from muster.core.forms import BootstrapForm
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.http import DOCX, PDF, file_response
from muster.documents.pdf import render_reports_pdf
from muster.documents.word import render_reports_docx
from muster.geo.models import Unit
from muster.people.books import common as books_common
from muster.people.books import persons as books_persons
from muster.people.models import Person
from muster.people.perms import can_print_registration_papers
from muster.people.registration import documents
from muster.people.registration import selectors_forms as forms_selectors
from muster.people.registration.forms import DeliveryForm, IssueForm, RegisterForm, ReportForm
from muster.people.registration.models import (
    EventKind,
    RegistrationCall,
    RegistrationEvent,
    RegistrationReport,
)
from muster.people.registration.services import calls as services


def _commune(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Unit:
    return get_for_user(
        request.user,
        Unit.objects.select_related("parent").commune_level(),
        unit_field="pk",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )


def _year(request: AuthenticatedHttpRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 1950 <= int(raw) <= 2100 else today().year


def registration_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The communes whose registration the user keeps."""
    require_cap(request.user, Cap.VIEW_PEOPLE)
    communes = books_common.communes_for_user(request.user)
    return render(request, "people/registration/index.html", {"communes": communes})


def _selected_calls(
    request: AuthenticatedHttpRequest, commune: Unit, data: Any
) -> list[RegistrationCall]:
    ids = [raw for raw in data.getlist("call") if _is_uuid(raw)]
    return list(
        RegistrationCall.objects.select_related("person", "unit", "unit__parent", "registration")
        .filter(unit=commune, public_id__in=ids)
        .order_by("number")
    )


def _is_uuid(raw: str) -> bool:
    try:
        uuid.UUID(raw)
    except ValueError:
        return False
    return True


def _post(request: AuthenticatedHttpRequest, commune: Unit, year: int) -> dict[str, BootstrapForm]:
    """Run the posted action; the forms (bound for the one that ran) to show again."""
    forms_: dict[str, BootstrapForm] = {}
    action = request.POST.get("action", "")
    user = request.user
    chosen = _selected_calls(request, commune, request.POST)
    form: BootstrapForm
    try:
        if action == "issue":
            form = forms_["issue"] = IssueForm(request.POST, auto_id="issue_%s")
            if form.is_valid():
                ids = [r for r in request.POST.getlist("person") if _is_uuid(r)]
                people = list(Person.objects.filter(registration_unit=commune, public_id__in=ids))
                done = services.issue_calls(
                    actor=user, commune=commune, people=people, kind="first", **form.cleaned_data
                )
                messages.success(request, _("%(n)s calls issued.") % {"n": len(done)})
        elif action == "deliver":
            form = forms_["deliver"] = DeliveryForm(request.POST, auto_id="deliver_%s")
            if form.is_valid():
                services.record_delivery(actor=user, calls=chosen, **form.cleaned_data)
                messages.success(request, _("Delivery recorded."))
        elif action == "register":
            form = forms_["register"] = RegisterForm(request.POST, auto_id="register_%s")
            if form.is_valid():
                done_events = services.register_called(
                    actor=user, calls=chosen, **form.cleaned_data
                )
                messages.success(request, _("%(n)s citizens registered.") % {"n": len(done_events)})
        elif action == "report":
            form = forms_["report"] = ReportForm(request.POST, auto_id="report_%s")
            if form.is_valid():
                services.record_report(actor=user, commune=commune, **form.cleaned_data)
                messages.success(request, _("The report has been recorded."))
        else:
            raise Http404
    except ValidationError as error:
        form.add_service_errors(error)
    return forms_


def registration_commune(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The commune's registration year: candidates, calls, certificates and reports."""
    commune = _commune(request, public_id)
    year = _year(request)
    can_edit = has_cap(request.user, Cap.EDIT_PEOPLE)
    bound: dict[str, BootstrapForm] = {}
    if request.method == "POST":
        require_cap(request.user, Cap.EDIT_PEOPLE)
        bound = _post(request, commune, year)
        if not any(f.errors for f in bound.values()):
            return redirect(f"{request.path}?year={year}")
    calls = list(
        RegistrationCall.objects.select_related("person", "registration")
        .filter(unit=commune, year=year)
        .order_by("number")
    )
    called = {c.person_id for c in calls}
    candidates = [
        p
        for p in books_persons.january_queryset(
            request.user, books_common.BookFilter(commune=commune, year=year), moved_out=False
        ).prefetch_related(None)
        if p.pk not in called
    ]
    days = (
        RegistrationEvent.objects.filter(
            unit=commune, kind=EventKind.FIRST_REGISTRATION, event_date__year=year
        )
        .values("event_date")
        .annotate(n=Count("id"), late=Count("id", filter=Q(is_late=True)))
        .order_by("event_date")
    )
    reports = {
        r.registration_date: r
        for r in RegistrationReport.objects.filter(unit=commune, registration_date__year=year)
    }
    day = today()
    can_print = can_print_registration_papers(request.user)
    return render(
        request,
        "people/registration/commune.html",
        {
            "commune": commune,
            "year": year,
            "today": day,
            "can_edit": can_edit,
            "can_print": can_print,
            "transfers": (
                forms_selectors.events_of_year(commune, EventKind.TRANSFER_OUT, year)
                if can_print
                else []
            ),
            "reserves": (
                forms_selectors.events_of_year(commune, EventKind.RESERVE_REGISTRATION, year)
                if can_print
                else []
            ),
            "candidates": candidates,
            "calls": calls,
            "days": [
                {
                    **d,
                    "report": reports.get(d["event_date"]),
                    "due": services.report_due(d["event_date"]),
                }
                for d in days
            ],
            "issue_form": bound.get("issue") or IssueForm(auto_id="issue_%s"),
            "deliver_form": bound.get("deliver") or DeliveryForm(auto_id="deliver_%s"),
            "register_form": bound.get("register") or RegisterForm(auto_id="register_%s"),
            "report_form": bound.get("report") or ReportForm(auto_id="report_%s"),
        },
    )


def registration_print(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The chosen calls (``doc=call``) or certificates (``doc=certificate``) of the commune, one
    per citizen, in one PDF or Word file (``doc=call-docx`` or ``format=docx`` for Word)."""
    commune = _commune(request, public_id)
    # The page's buttons post the ticked calls (no CSRF token in a URL); a link may GET.
    data = request.POST if request.method == "POST" else request.GET
    doc, _sep, fmt = data.get("doc", "call").partition("-")
    fmt = fmt or data.get("format", "pdf")
    if doc not in {"call", "certificate"} or fmt not in {"pdf", "docx"}:
        raise Http404
    chosen = _selected_calls(request, commune, data)
    if doc == "certificate":
        chosen = [c for c in chosen if c.registration_id is not None]
    if not chosen:
        # Nothing chosen: every call of the year (every registered citizen, for certificates).
        raw = data.get("year", "")
        year = int(raw) if raw.isdigit() else today().year
        chosen = [
            c
            for c in RegistrationCall.objects.select_related(
                "person", "unit", "unit__parent", "registration"
            )
            .filter(unit=commune, year=year)
            .order_by("number")
            if doc == "call" or c.registration_id is not None
        ]
    if not chosen:
        return render(
            request,
            "people/registration/index.html",
            {"communes": [commune], "nothing": True},
        )
    build = documents.call_report if doc == "call" else documents.certificate_report
    reports = [build(c) for c in chosen]
    stem = "Lenh goi dang ky NVQS" if doc == "call" else "Giay chung nhan dang ky NVQS"
    name = f"{stem} {commune.name} {chosen[0].year}.{fmt}"
    if fmt == "pdf":
        return file_response(render_reports_pdf(reports), filename=name, content_type=PDF)
    return file_response(render_reports_docx(reports), filename=name, content_type=DOCX)


def registration_report_print(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID
) -> HttpResponse:
    report = get_for_user(
        request.user,
        RegistrationReport.objects.select_related("unit"),
        unit_field="unit",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )
    fmt = request.GET.get("format", "pdf")
    printed = [documents.registration_report(report)]
    name = f"Bao cao dang ky NVQS {report.unit.name} {report.registration_date:%d-%m-%Y}.{fmt}"
    if fmt == "docx":
        return file_response(render_reports_docx(printed), filename=name, content_type=DOCX)
    return file_response(render_reports_pdf(printed), filename=name, content_type=PDF)
