"""The rear-policy pages: the communes of the reader's area, a commune's serving soldiers'
families (relatives, entitlements, support cases with the caps and deadlines, visits), the
forms that record a case, an entitlement and a visit, a case's page, the yearly report."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muster.accounts.access import require
from muster.core import lawtext
from muster.core.dates import today
from muster.core.forms import BootstrapForm, submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.documents.excel import render_xlsx
from muster.documents.http import PDF, XLSX, file_response
from muster.documents.pdf import render_pdf
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law import book
from muster.rear import fetch, services
from muster.rear.documents import area_report, yearly_report
from muster.rear.forms import CaseForm, DecideForm, EntitlementForm, SendForm, VisitForm
from muster.rear.models import CaseStatus, SupportCase
from muster.rear.perms import can_draft_case, can_record_case, can_record_visit, can_view_rear
from muster.rear.selectors import families, serving_recruits


def _year(request: AuthenticatedHttpRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2016 <= int(raw) <= 2100 else today().year


def late(case: SupportCase) -> bool:
    """A sent case past its decision day, or missing papers past their day."""
    now = today()
    if case.status == CaseStatus.SENT and case.decision_due_on and case.decision_due_on < now:
        return True
    return bool(
        case.papers_missing
        and case.papers_due_on
        and case.papers_due_on < now
        and case.status in (CaseStatus.DRAFT, CaseStatus.SENT)
    )


def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(can_view_rear(request.user))
    day = reference_date(request)
    communes = (
        Unit.objects.valid_on(day)
        .commune_level()
        .filter(scope_of(request.user).q("pk"))
        .order_by("name")
    )
    return render(request, "rear/index.html", {"day": day, "communes": communes})


def commune(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    unit = fetch.commune(request, public_id)
    year = _year(request)
    day = reference_date(request)
    rows = families(user=request.user, commune=unit, day=day, year=year)
    for family in rows:
        for case in family.cases:
            case.late = late(case)  # type: ignore[attr-defined]
    context = {
        "commune": unit,
        "day": day,
        "year": year,
        "families": rows,
        "can_draft": can_draft_case(request.user),
        "can_visit": can_record_visit(request.user),
    }
    return render(request, "rear/commune.html", context)


def case_new(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    unit = fetch.commune(request, public_id, can_draft_case)
    recruits = list(serving_recruits(user=request.user, commune=unit, day=today()))
    form = CaseForm(request.POST or None, recruits=recruits, can_send=can_record_case(request.user))
    done = submit(
        request,
        form,
        lambda data: services.record_case(actor=request.user, **data),
        success=_("The support case has been recorded."),
    )
    if done is not None:
        return redirect("rear:case", public_id=done.value.public_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "rear/form.html",
        {"commune": unit, "form": form, "heading": _("Record a support case")},
        status=status,
    )


def case(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    item = fetch.case(request, public_id)
    rule = book.rule(item.rule_code, item.event_on)
    context = {
        "case": item,
        "late": late(item),
        "citation": lawtext.cite_rules([rule]),
        "rule_title": lawtext.title(rule),
        "can_record": can_record_case(request.user),
        "send_form": SendForm(initial={"sent_on": today()}),
        "decide_form": DecideForm(initial={"decided_on": today()}),
    }
    return render(request, "rear/case.html", context)


def _post(
    request: AuthenticatedHttpRequest,
    item: SupportCase,
    form: BootstrapForm,
    action: Callable[[dict[str, Any]], object],
) -> HttpResponse:
    if form.is_valid():
        try:
            action(form.cleaned_data)
            messages.success(request, _("Saved."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("rear:case", public_id=item.public_id)


@require_POST
def case_send(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    item = fetch.case(request, public_id, can_record_case)
    return _post(
        request,
        item,
        SendForm(request.POST),
        lambda data: services.send_case(actor=request.user, case=item, **data),
    )


@require_POST
def case_decide(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    item = fetch.case(request, public_id, can_record_case)
    return _post(
        request,
        item,
        DecideForm(request.POST),
        lambda data: services.decide_case(actor=request.user, case=item, **data),
    )


def _recruit_form(
    request: AuthenticatedHttpRequest,
    public_id: uuid.UUID,
    *,
    allowed: Callable[[Any], bool],
    form_class: type[Any],
    initial: dict[str, Any] | None,
    service: Callable[..., object],
    success: str,
    heading: str,
) -> HttpResponse:
    """A commune page's form about one of its serving recruits (an entitlement, a visit):
    POST → the service → back to the commune."""
    unit = fetch.commune(request, public_id, allowed)
    recruits = list(serving_recruits(user=request.user, commune=unit, day=today()))
    form = form_class(request.POST or None, recruits=recruits, initial=initial)
    done = submit(request, form, lambda data: service(actor=request.user, **data), success=success)
    if done is not None:
        return redirect("rear:commune", public_id=unit.public_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "rear/form.html",
        {"commune": unit, "form": form, "heading": heading},
        status=status,
    )


def entitlement_new(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _recruit_form(
        request,
        public_id,
        allowed=can_draft_case,
        form_class=EntitlementForm,
        initial=None,
        service=services.record_entitlement,
        success=_("The entitlement has been recorded."),
        heading=_("Record an entitlement"),
    )


def visit_new(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _recruit_form(
        request,
        public_id,
        allowed=can_record_visit,
        form_class=VisitForm,
        initial={"visited_on": today()},
        service=services.record_visit,
        success=_("The visit has been recorded."),
        heading=_("Record a visit"),
    )


def _report(request: AuthenticatedHttpRequest, public_id: uuid.UUID, fmt: str) -> HttpResponse:
    unit = fetch.commune(request, public_id)
    year = _year(request)
    day = reference_date(request)
    rows = families(user=request.user, commune=unit, day=day, year=year)
    doc = yearly_report(unit, rows, year=year, today=today())
    name = f"hau-phuong-{year}"
    if fmt == "xlsx":
        return file_response(render_xlsx(doc), filename=f"{name}.xlsx", content_type=XLSX)
    return file_response(render_pdf(doc), filename=f"{name}.pdf", content_type=PDF)


def report_pdf(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _report(request, public_id, "pdf")


def report_xlsx(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _report(request, public_id, "xlsx")


def _area(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    """The yearly report of every commune of the reader's area, one row a commune."""
    require(can_view_rear(request.user))
    year = _year(request)
    day = reference_date(request)
    communes = (
        Unit.objects.valid_on(day)
        .commune_level()
        .filter(scope_of(request.user).q("pk"))
        .order_by("name")
    )
    rows = [
        (unit, families(user=request.user, commune=unit, day=day, year=year)) for unit in communes
    ]
    home = request.user.scope_unit
    doc = area_report(home.name if home else "Toàn hệ thống", rows, year=year, today=today())
    name = f"hau-phuong-tong-hop-{year}"
    if fmt == "xlsx":
        return file_response(render_xlsx(doc), filename=f"{name}.xlsx", content_type=XLSX)
    return file_response(render_pdf(doc), filename=f"{name}.pdf", content_type=PDF)


def area_report_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _area(request, "pdf")


def area_report_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _area(request, "xlsx")
