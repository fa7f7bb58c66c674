"""Pages of violation cases: lists (the area, one campaign), possible violations, opening a
case, the case page with its steps, the printed record.

GET shows the page; POST writes through ``violation_services``, which refuse a step the state
machine does not allow with a message. Bad input is a 400 with the form's messages.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap, has_cap
from muster.conscription.campaign.models import Campaign
from muster.conscription.campaign.selectors import campaign_for_user, campaigns_for_user
from muster.conscription.violations.documents import case_report
from muster.conscription.violations.forms import (
    CaseOpenForm,
    CloseForm,
    DecideForm,
    EscalateForm,
    GoodReasonForm,
    NoticeForm,
    OffenderCaseOpenForm,
    PaymentForm,
)
from muster.conscription.violations.models import ViolationCase, ViolationKind, ViolationState
from muster.conscription.violations.selectors import candidates as case_candidates
from muster.conscription.violations.selectors import lists as case_lists
from muster.conscription.violations.selectors import timeline as case_timeline
from muster.conscription.violations.services import authority as violation_authority
from muster.conscription.violations.services import cases as violation_cases
from muster.conscription.violations.services import offenders as violation_offenders
from muster.conscription.violations.services import penalties as violation_penalties
from muster.core import lawtext
from muster.core.dates import today
from muster.core.forms import BootstrapForm, submit
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.http import report_pdf_response
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.geo.selectors import units_for_user
from muster.law.callup.violations import bands, deadlines, good_reasons
from muster.law.callup.violations import states as case_states
from muster.law.rulebook import NoRuleInForce
from muster.people.models import Person


def _case(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> ViolationCase:
    return get_for_user(
        request.user,
        ViolationCase.objects.select_related(
            "person", "unit", "unit__parent", "campaign", "campaign__unit", "repeat_of"
        ),
        unit_field="unit",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )


def _commune_filter(request: AuthenticatedHttpRequest) -> Unit | None:
    raw = request.GET.get("commune", "")
    try:
        public_id = uuid.UUID(raw)
    except ValueError:
        return None
    return units_for_user(request.user).filter(public_id=public_id).first()


def _list_page(
    request: AuthenticatedHttpRequest, campaign: Campaign | None, template_tab: str
) -> HttpResponse:
    day = today()
    commune = _commune_filter(request)
    state = request.GET.get("state", "")
    kind = request.GET.get("kind", "")
    overdue = request.GET.get("overdue") == "1"
    cases = list(
        case_lists.cases_for_user(
            user=request.user,
            campaign=campaign,
            commune=commune,
            state=state,
            kind=kind,
            overdue=overdue,
            today=day,
        )[:500]
    )
    counts = case_lists.violation_counts(user=request.user, campaign=campaign, today=day)
    communes = [row.unit for row in counts]
    total = case_lists.counts_total(counts)
    state_values = ViolationState.values
    return render(
        request,
        "conscription/violations/list.html",
        {
            "campaign": campaign,
            "tab": template_tab,
            "rows": [(c, case_lists.is_overdue(c, day)) for c in cases],
            "counts": [(row, [row.state(v) for v in state_values]) for row in counts],
            "counts_total": (total, [total.state(v) for v in state_values]) if total else None,
            "kind_totals": [
                (label, total.kind(value) if total else 0) for value, label in ViolationKind.choices
            ],
            "kinds": ViolationKind.choices,
            "states": ViolationState.choices,
            "communes": communes,
            "f_commune": commune,
            "f_state": state,
            "f_kind": kind,
            "f_overdue": overdue,
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
        },
    )


@require_GET
def violation_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every case in the user's area, per commune."""
    require_cap(request.user, Cap.VIEW_PEOPLE)
    return _list_page(request, None, "")


@require_GET
def violation_list(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The cases of one campaign."""
    return _list_page(request, campaign_for_user(request.user, public_id), "violations")


def _registration_year(request: AuthenticatedHttpRequest, campaign: Campaign) -> int:
    allowed = (campaign.year - 1, campaign.year)
    try:
        year = int(request.POST.get("year") or request.GET.get("year") or allowed[0])
    except ValueError:
        return allowed[0]
    return year if year in allowed else allowed[0]


def violation_candidates(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Possible violations found in the data; POST opens a case from one in one click."""
    campaign = campaign_for_user(request.user, public_id)
    day = today()
    year = _registration_year(request, campaign)
    status = 200
    if request.method == "POST":
        require_cap(request.user, Cap.MANAGE_CAMPAIGN)
        found = case_candidates.candidate_by_ref(
            user=request.user,
            campaign=campaign,
            ref=request.POST.get("ref", ""),
            today=day,
            registration_year=year,
        )
        if found is None:
            messages.error(request, _("This possible violation is no longer in the list."))
            status = 400
        else:
            try:
                case = violation_cases.case_open(
                    actor=request.user,
                    person=found.person,
                    kind=found.kind,
                    occurred_on=found.occurred_on,
                    facts=found.facts,
                    campaign=campaign,
                    source_ref=found.ref,
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, str(message))
                status = 400
            else:
                messages.success(request, _("The case has been opened."))
                return redirect("campaigns:violation_detail", public_id=case.public_id)
    commune = _commune_filter(request)
    found_list = case_candidates.candidates(
        user=request.user, campaign=campaign, today=day, registration_year=year, commune=commune
    )
    communes = [
        c.unit
        for c in campaign.communes.filter(**scope_of(request.user).lookup("unit"))
        .select_related("unit")
        .order_by("unit__path")
    ]
    return render(
        request,
        "conscription/violations/candidates.html",
        {
            "campaign": campaign,
            "tab": "violations",
            "found": found_list,
            "groups": found_list.by_group(),
            "year": year,
            "years": (campaign.year - 1, campaign.year),
            "communes": communes,
            "f_commune": commune,
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
        },
        status=status,
    )


def violation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Open a case by hand (the citizen by ID number, in the user's area)."""
    require_cap(request.user, Cap.MANAGE_CAMPAIGN)
    campaigns = campaigns_for_user(request.user)
    form = CaseOpenForm(request.POST or None, campaigns=campaigns)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            person = Person.objects.filter(
                national_id=data["national_id"],
                **scope_of(request.user).lookup("registration_unit"),
            ).first()
            if person is None:
                form.add_error("national_id", _("No citizen with this ID number in your area."))
            elif done := submit(
                request,
                form,
                lambda data: violation_cases.case_open(
                    actor=request.user,
                    person=person,
                    kind=data["kind"],
                    occurred_on=data["occurred_on"],
                    facts=data["facts"],
                    campaign=data["campaign"],
                ),
                success=_("The case has been opened."),
            ):
                return redirect("campaigns:violation_detail", public_id=done.value.public_id)
    return render(
        request,
        "conscription/violations/form.html",
        {"form": form, "title": _("Open a violation case")},
        status=status,
    )


def violation_create_offender(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Open a case against an organisation (its report) or an individual outside the registry
    (an obstruction), in a commune of the user's area."""
    require_cap(request.user, Cap.MANAGE_CAMPAIGN)
    form = OffenderCaseOpenForm(
        request.POST or None,
        campaigns=campaigns_for_user(request.user),
        # Every commune of the area, also those merged since (an act before a merger).
        units=units_for_user(request.user).commune_level().order_by("name_search"),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and (
            done := submit(
                request,
                form,
                lambda data: violation_offenders.case_open_offender(actor=request.user, **data),
                success=_("The case has been opened."),
            )
        ):
            return redirect("campaigns:violation_detail", public_id=done.value.public_id)
    return render(
        request,
        "conscription/violations/form.html",
        {"form": form, "title": _("Open a case against an organisation or another individual")},
        status=status,
    )


def _forms(case: ViolationCase, data: Any = None, action: str = "") -> dict[str, BootstrapForm]:
    """The step forms of the case page; the one of ``action`` is bound to ``data``."""
    day = today()

    def bound(name: str) -> Any:
        return data if action == name else None

    initial_decided_by = violation_authority.default_decided_by(case, day)
    return {
        "notice": NoticeForm(bound("notice"), prefix="n", initial={"served_on": day}),
        "good_reason": GoodReasonForm(
            bound("good_reason"), prefix="g", occurred_on=case.occurred_on, initial={"on": day}
        ),
        "decide": DecideForm(
            bound("decide"),
            prefix="d",
            initial={
                "decided_on": day,
                "decided_by": initial_decided_by,
                # The middle of the frozen band: the usual fine (a repeat allows more).
                "fine_amount": None if case.warning_only else (case.fine_min + case.fine_max) // 2,
            },
        ),
        "pay": PaymentForm(
            bound("pay"),
            prefix="p",
            initial={"paid_on": day, "amount": (case.fine_amount or 0) - (case.paid_amount or 0)},
        ),
        "escalate": EscalateForm(bound("escalate"), prefix="e", initial={"escalated_on": day}),
        "close": CloseForm(bound("close"), prefix="c", initial={"closed_on": day}),
    }


def _apply(request: AuthenticatedHttpRequest, case: ViolationCase, action: str, data: Any) -> None:
    user = request.user
    if action == "notice":
        violation_cases.notice_serve(actor=user, case=case, **data)
    elif action == "good_reason":
        violation_cases.good_reason_accept(actor=user, case=case, **data)
    elif action == "decide":
        violation_penalties.penalty_decide(actor=user, case=case, **data)
    elif action == "pay":
        violation_penalties.payment_record(actor=user, case=case, **data)
    elif action == "escalate":
        violation_penalties.case_escalate(actor=user, case=case, **data)
    elif action == "close":
        violation_penalties.case_close(actor=user, case=case, **data)


_DONE = {
    "notice": gettext_lazy("The notice has been recorded."),
    "good_reason": gettext_lazy("The case has been closed on a good reason."),
    "decide": gettext_lazy("The penalty decision has been recorded."),
    "pay": gettext_lazy("The payment has been recorded."),
    "escalate": gettext_lazy("The case has been referred for criminal proceedings."),
    "close": gettext_lazy("The case has been closed."),
}


def _allowed(case: ViolationCase) -> dict[str, bool]:
    """The steps the case's state allows (the forms the page shows)."""
    return {
        "notice": case.state in case_states.NOTICE_STATES,
        "good_reason": case_states.can_move(case.state, ViolationState.GOOD_REASON)
        and _good_reason_applies(case),
        "decide": case_states.can_move(case.state, ViolationState.PENALISED),
        "pay": case.state == ViolationState.PENALISED and bool(case.fine_amount),
        "escalate": case_states.can_move(case.state, ViolationState.ESCALATED),
        "close": case_states.can_move(case.state, ViolationState.CLOSED)
        and not (case.state == ViolationState.PENALISED and not case.warning_only),
    }


def violation_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The case, its timeline and audit trail, and the forms of the steps it allows."""
    case = _case(request, public_id)
    status = 200
    action = request.POST.get("action", "") if request.method == "POST" else ""
    forms = _forms(case, request.POST, action)
    allowed = _allowed(case)
    if request.method == "POST":
        require_cap(request.user, Cap.MANAGE_CAMPAIGN)
        status = 400
        form = forms.get(action)
        if form is None:
            messages.error(request, _("Unknown step."))
        elif submit(
            request,
            form,
            lambda data: _apply(request, case, action, data),
            success=_DONE[action],
        ):
            return redirect("campaigns:violation_detail", public_id=case.public_id)
        if form is not None and not allowed[action]:
            # The page does not show this step's form: say why it was refused.
            for field_errors in form.errors.values():
                for message in field_errors:
                    messages.error(request, str(message))
    day = today()
    return render(
        request,
        "conscription/violations/detail.html",
        {
            "case": case,
            "notices": list(case.notices.all()),
            "timeline": case_timeline.timeline(case),
            "trail": list(case_timeline.audit_trail(case)),
            "ctx": case_timeline.case_context(case, day),
            "good_reason_label": (
                lawtext.title(g)
                if (g := good_reasons.good_reason(case.good_reason, case.occurred_on))
                else ""
            ),
            "forms": forms,
            "allowed": allowed,
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
        },
        status=status,
    )


def _good_reason_applies(case: ViolationCase) -> bool:
    try:
        band = bands.band_for(
            case.kind,
            case.occurred_on,
            aged_17_in_year=case.person is None
            or deadlines.aged_17_in_year(case.person.date_of_birth.year, case.occurred_on),
            subject=case.subject,
        )
    except (NoRuleInForce, bands.NotAnOffender):
        return False
    return band.good_reason_applies


@require_GET
def violation_pdf(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    case = _case(request, public_id)
    with translation.override("vi"):  # an official record is printed in Vietnamese
        report = case_report(
            case,
            case_timeline.timeline(case),
            list(case_timeline.audit_trail(case).order_by("seq")),
            today(),
            str(ViolationKind(case.kind).label),
        )
    return report_pdf_response(
        report,
        filename=f"Hồ sơ vi phạm {case.offender_label}.pdf",
    )
