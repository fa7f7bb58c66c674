"""Pages of the militia's training: a commune's year (plans, sessions, shortfall per
component and unit, completion rate), the members' shortfall, a session with its attendance
form (htmx-friendly), and the session's payment list in PDF and Excel. Thin: the selectors
read, the services change."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.core.dates import today
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.documents.excel import render_xlsx
from muster.documents.http import PDF, XLSX, file_response
from muster.documents.pdf import render_pdf
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.militia.organisation.models import MilitiaUnit
from muster.militia.perms import can_manage_militia, can_view_militia
from muster.militia.training import selectors as sel
from muster.militia.training import services
from muster.militia.training.documents import payment_list
from muster.militia.training.forms import AttendanceForm, PlanApproveForm, SessionForm
from muster.militia.training.models import SessionKind, TrainerLevel, TrainingPlan
from muster.militia.training.ranking import competition_ranking


def _commune(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Unit:
    unit = Unit.objects.filter(scope_of(request.user).q("pk"), public_id=public_id).first()
    if unit is None:
        raise Http404(_("Not found, or outside your area."))
    require(can_view_militia(request.user))
    return unit


def _year(request: AuthenticatedHttpRequest) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2020 <= int(raw) <= 2100:
        return int(raw)
    return reference_date(request).year


def _session_form(data: QueryDict | None, commune: Unit, plans: list[TrainingPlan]) -> SessionForm:
    units = MilitiaUnit.objects.filter(holder=commune, ended_on__isnull=True).order_by(
        "component", "name"
    )
    return SessionForm(
        data,
        plans=[(str(p.public_id), f"{p.get_component_display()} {p.year}") for p in plans],
        units=[(str(u.public_id), u.name) for u in units],
    )


def training(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A commune's training year: plans with their sessions, the shortfall per component and
    unit and the completion rate; the commune command plans the year, approves a plan and
    records a session."""
    commune = _commune(request, public_id)
    year = _year(request)
    user = request.user
    plans = sel.plans_of_year(user=user, commune=commune, year=year)
    session_form = _session_form(None, commune, plans)
    approve_form = PlanApproveForm()
    status = 200
    if request.method == "POST":
        require(can_manage_militia(user))
        action = request.POST.get("action")
        try:
            if action == "plan":
                services.plan_year(actor=user, commune=commune, year=year)
                messages.success(request, _("The year's training plans are made."))
                return redirect(request.get_full_path())
            if action == "approve":
                approve_form = PlanApproveForm(request.POST)
                if approve_form.is_valid():
                    plan = next(
                        (p for p in plans if p.public_id == approve_form.cleaned_data["plan"]),
                        None,
                    )
                    if plan is None:
                        raise Http404(_("Not found, or outside your area."))
                    services.plan_approve(
                        actor=user,
                        plan=plan,
                        approved_on=approve_form.cleaned_data["approved_on"],
                        note=approve_form.cleaned_data["note"],
                    )
                    messages.success(request, _("The plan's approval is recorded."))
                    return redirect(request.get_full_path())
            elif action == "session":
                session_form = _session_form(request.POST, commune, plans)
                if session_form.is_valid():
                    data = session_form.cleaned_data
                    plan = next(p for p in plans if str(p.public_id) == data["plan"])
                    unit = (
                        MilitiaUnit.objects.filter(holder=commune, public_id=data["unit"]).first()
                        if data["unit"]
                        else None
                    )
                    session = services.session_record(
                        actor=user,
                        plan=plan,
                        unit=unit,
                        kind=data["kind"],
                        starts_on=data["starts_on"],
                        ends_on=data["ends_on"],
                        days=data["days"],
                        place=data["place"],
                        subject=data["subject"],
                        trainer_level=data["trainer_level"],
                    )
                    messages.success(request, _("The session is recorded."))
                    return redirect("militia:training_session", public_id=session.public_id)
            else:
                raise Http404(_("Unknown action."))
        except ValidationError as error:
            if action == "plan":
                for message in error.messages:
                    messages.error(request, message)
            else:
                (session_form if action == "session" else approve_form).add_service_errors(error)
        status = 400
    rows = sel.shortfall_by_member(user=user, commune=commune, year=year)
    context = {
        "commune": commune,
        "year": year,
        "plans": plans,
        "by_component": sel.shortfall_by_component(rows),
        "by_unit": sel.shortfall_by_unit(rows),
        "overall": sel.completion(rows),
        "session_form": session_form,
        "approve_form": approve_form,
        "can_manage": can_manage_militia(user),
    }
    return render(request, "militia/training/year.html", context, status=status)


def training_members(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Each member's training days in the year: owed for his year of service, attended."""
    commune = _commune(request, public_id)
    year = _year(request)
    rows = sel.shortfall_by_member(user=request.user, commune=commune, year=year)
    context = {"commune": commune, "year": year, "rows": rows, "overall": sel.completion(rows)}
    return render(request, "militia/training/members.html", context)


def training_session(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A session with its attendance: every member expected checked present by default; the
    commune command saves the form (by htmx, the form alone comes back)."""
    session = sel.session_for_user(request.user, public_id)
    rows = sel.attendance_sheet(user=request.user, session=session)
    form = AttendanceForm(rows=rows, session_days=session.days)
    status = 200
    if request.method == "POST":
        require(can_manage_militia(request.user))
        form = AttendanceForm(request.POST, rows=rows, session_days=session.days)
        if form.is_valid():
            lines = [
                services.AttendanceRow(row.membership, present, days, result)
                for row, present, days, result in form.values()
            ]
            try:
                n = services.attendance_record(actor=request.user, session=session, rows=lines)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Attendance saved: %(n)s members present.") % {"n": n})
                if not request.htmx:
                    return redirect("militia:training_session", public_id=session.public_id)
                rows = sel.attendance_sheet(user=request.user, session=session)
                form = AttendanceForm(rows=rows, session_days=session.days)
        if form.errors:
            status = 400
    context = {
        "session": session,
        "commune": session.plan.holder,
        "form": form,
        "sheet": sel.payment_sheet(user=request.user, session=session),
        "trainer": sel.session_trainer(session),
        "levels": dict(TrainerLevel.choices),
        "can_manage": can_manage_militia(request.user),
        "ranking": (competition_ranking(rows) if session.kind == SessionKind.COMPETITION else None),
    }
    if request.htmx:
        # htmx swaps only 2xx answers: the fragment carries its own errors.
        return render(request, "militia/training/_attendance.html", context)
    return render(request, "militia/training/session.html", context, status=status)


def training_payment(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID, fmt: str
) -> HttpResponse:
    """The session's payment list of the daily work allowance in PDF or Excel."""
    session = sel.session_for_user(request.user, public_id)
    doc = payment_list(sel.payment_sheet(user=request.user, session=session), today=today())
    name = f"tro-cap-huan-luyen-{session.plan.holder.code}-{session.starts_on:%Y%m%d}"
    if fmt == "xlsx":
        return file_response(render_xlsx(doc), filename=f"{name}.xlsx", content_type=XLSX)
    return file_response(render_pdf(doc), filename=f"{name}.pdf", content_type=PDF)
