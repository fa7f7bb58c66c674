"""Pages of the reserve's training: a commune's year (call-ups and meetings, with the forms that
make them), a call-up (attendance, deferrals, adding reservists, its payment list in PDF and
Excel) and a meeting (attendance and minutes, printed in PDF and Word). Thin: the selectors
read, the services change."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.core.dates import today
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.documents.excel import render_xlsx
from muster.documents.http import DOCX, PDF, XLSX, file_response
from muster.documents.pdf import render_pdf, render_report_pdf
from muster.documents.word import render_report_docx
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.reserve.perms import can_manage_reserve
from muster.reserve.register.models import Reservist
from muster.reserve.training import selectors as sel
from muster.reserve.training import services
from muster.reserve.training.documents import minutes, payment_list
from muster.reserve.training.forms import (
    AddForm,
    AttendanceForm,
    CallForm,
    DeferForm,
    MeetingForm,
    MinutesForm,
)
from muster.reserve.units.models import ReserveUnit
from muster.reserve.views import commune_for


def _year(request: AuthenticatedHttpRequest) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2020 <= int(raw) <= 2100:
        return int(raw)
    return reference_date(request).year


def _units(request: AuthenticatedHttpRequest) -> list[ReserveUnit]:
    return list(
        ReserveUnit.objects.filter(
            scope_of(request.user).q("area"), ended_on__isnull=True
        ).order_by("code")
    )


def _unit(request: AuthenticatedHttpRequest, key: str) -> ReserveUnit | None:
    if not key:
        return None
    found = next((u for u in _units(request) if str(u.public_id) == key), None)
    if found is None:
        raise ValidationError({"reserve_unit": [_("Not found, or outside your area.")]})
    return found


def _choices(reservists: list[Reservist]) -> list[tuple[str, str]]:
    return [
        (str(r.public_id), f"{r.person.full_name} ({r.person.date_of_birth:%Y})")
        for r in reservists
    ]


def _picked(reservists: list[Reservist], keys: list[str]) -> list[Reservist]:
    wanted = set(keys)
    return [r for r in reservists if str(r.public_id) in wanted]


def training(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A commune's training year: its call-ups and meetings; the commune command calls
    reservists (refused past their caps) and records a meeting."""
    commune = commune_for(request, public_id)
    year = _year(request)
    user = request.user
    on_register = list(sel.reservists_on(commune, reference_date(request)))
    units = [(str(u.public_id), f"{u.code} {u.name}") for u in _units(request)]
    people = _choices(on_register)
    call_form = CallForm(units=units, reservists=people, prefix="call")
    meeting_form = MeetingForm(units=units, reservists=people, prefix="meeting")
    status = 200
    if request.method == "POST":
        require(can_manage_reserve(user))
        action = request.POST.get("action")
        if action == "call":
            call_form = CallForm(request.POST, units=units, reservists=people, prefix="call")
            if call_form.is_valid():
                call = _make_call(request, commune, on_register, call_form)
                if call is not None:
                    messages.success(request, _("The call-up is recorded."))
                    return redirect("reserve:training_call", public_id=call.public_id)
        elif action == "meeting":
            meeting_form = MeetingForm(
                request.POST, units=units, reservists=people, prefix="meeting"
            )
            if meeting_form.is_valid():
                meeting = _make_meeting(request, commune, on_register, meeting_form)
                if meeting is not None:
                    messages.success(request, _("The meeting is recorded."))
                    return redirect("reserve:meeting", public_id=meeting.public_id)
        else:
            raise Http404(_("Unknown action."))
        status = 400
    context = {
        "commune": commune,
        "year": year,
        "calls": sel.calls_of_commune(user=user, commune=commune, year=year),
        "meetings": sel.meetings_of_commune(user=user, commune=commune, year=year),
        "call_form": call_form,
        "meeting_form": meeting_form,
        "can_manage": can_manage_reserve(user),
    }
    return render(request, "reserve/training/year.html", context, status=status)


def _make_call(
    request: AuthenticatedHttpRequest, commune: Unit, pool: list[Reservist], form: CallForm
) -> Any:
    data = form.cleaned_data
    try:
        return services.create_call(
            actor=request.user,
            commune=commune,
            kind=data["kind"],
            title=data["title"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            place=data["place"],
            decision=data["decision"],
            reserve_unit=_unit(request, data["reserve_unit"]),
            reservists=_picked(pool, data["reservists"]),
        )
    except ValidationError as error:
        form.add_service_errors(error)
        return None


def _make_meeting(
    request: AuthenticatedHttpRequest, commune: Unit, pool: list[Reservist], form: MeetingForm
) -> Any:
    data = form.cleaned_data
    try:
        return services.create_meeting(
            actor=request.user,
            kind=data["kind"],
            commune=commune,
            reserve_unit=_unit(request, data["reserve_unit"]),
            held_on=data["held_on"],
            hours=data["hours"],
            place=data["place"],
            chair=data["chair"],
            secretary=data["secretary"],
            attendees=_picked(pool, data["attendees"]),
        )
    except ValidationError as error:
        form.add_service_errors(error, {"attendees": "attendees"})
        return None


def training_call(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A call-up: who is called, deferred, attended; the commune command records attendance,
    defers a reservist on a ground of Art 22(4) and adds reservists (checked against caps)."""
    call = sel.call_for_user(request.user, public_id)
    entries = sel.entries_of(call)
    called = {e.reservist_id for e in entries}
    pool = [r for r in sel.reservists_on(call.commune, call.starts_on) if r.pk not in called]
    defer_choices = [
        (e.public_key, e.reservist.person.full_name) for e in entries if e.status != "present"
    ]
    attendance = AttendanceForm(entries=entries, days=call.days, prefix="att")
    defer = DeferForm(entries=defer_choices, prefix="defer")
    add = AddForm(reservists=_choices(pool), prefix="add")
    status = 200
    if request.method == "POST":
        require(can_manage_reserve(request.user))
        action = request.POST.get("action")
        try:
            if action == "attendance":
                attendance = AttendanceForm(
                    request.POST, entries=entries, days=call.days, prefix="att"
                )
                if attendance.is_valid():
                    rows = [services.AttendanceRow(*v) for v in attendance.values()]
                    n = services.record_attendance(actor=request.user, call=call, rows=rows)
                    messages.success(request, _("Attendance saved: %(n)s present.") % {"n": n})
                    return redirect("reserve:training_call", public_id=call.public_id)
            elif action == "defer":
                defer = DeferForm(request.POST, entries=defer_choices, prefix="defer")
                if defer.is_valid():
                    entry = next(e for e in entries if e.public_key == defer.cleaned_data["entry"])
                    services.defer_entry(
                        actor=request.user,
                        entry=entry,
                        ground=defer.cleaned_data["ground"],
                        confirmed_by=defer.cleaned_data["confirmed_by"],
                        on=today(),
                    )
                    messages.success(request, _("The deferral is recorded."))
                    return redirect("reserve:training_call", public_id=call.public_id)
            elif action == "add":
                add = AddForm(request.POST, reservists=_choices(pool), prefix="add")
                if add.is_valid():
                    n = services.add_to_call(
                        actor=request.user,
                        call=call,
                        reservists=_picked(pool, add.cleaned_data["reservists"]),
                    )
                    messages.success(request, _("%(n)s reservists added.") % {"n": n})
                    return redirect("reserve:training_call", public_id=call.public_id)
            else:
                raise Http404(_("Unknown action."))
        except ValidationError as error:
            {"attendance": attendance, "defer": defer, "add": add}[action or ""].add_service_errors(
                error
            )
        status = 400
    context = {
        "call": call,
        "commune": call.commune,
        "entries": entries,
        "attendance": attendance,
        "defer": defer,
        "add": add,
        "sheet": sel.payment_sheet(call),
        "can_manage": can_manage_reserve(request.user),
    }
    return render(request, "reserve/training/call.html", context, status=status)


def training_payment(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID, fmt: str
) -> HttpResponse:
    """The call's payment list of the training allowance in PDF or Excel."""
    call = sel.call_for_user(request.user, public_id)
    doc = payment_list(sel.payment_sheet(call), today=today())
    name = f"che-do-tap-trung-{call.commune.code}-{call.starts_on:%Y%m%d}"
    if fmt == "xlsx":
        return file_response(render_xlsx(doc), filename=f"{name}.xlsx", content_type=XLSX)
    if fmt == "pdf":
        return file_response(render_pdf(doc), filename=f"{name}.pdf", content_type=PDF)
    raise Http404(_("Not found, or outside your area."))


def meeting(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A meeting with its attendance and minutes; the commune command writes the minutes."""
    item = sel.meeting_for_user(request.user, public_id)
    attendance = sel.attendance_of(item)
    pool = list(sel.reservists_on(item.commune, item.held_on))
    known = {a.reservist_id for a in attendance}
    pool += [a.reservist for a in attendance if a.reservist not in pool]
    present = [str(a.reservist.public_id) for a in attendance if a.present]
    initial = {
        "chair": item.chair,
        "secretary": item.secretary,
        "content": item.content,
        "conclusions": item.conclusions,
        "present": present,
    }
    form = MinutesForm(initial=initial, reservists=_choices(pool))
    status = 200
    if request.method == "POST":
        require(can_manage_reserve(request.user))
        form = MinutesForm(request.POST, reservists=_choices(pool))
        if form.is_valid():
            data = form.cleaned_data
            here = _picked(pool, data["present"])
            away = [r for r in pool if r not in here and r.pk in known]
            try:
                services.record_minutes(
                    actor=request.user,
                    meeting=item,
                    present=here,
                    absent=away,
                    chair=data["chair"],
                    secretary=data["secretary"],
                    content=data["content"],
                    conclusions=data["conclusions"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("The minutes are saved."))
                return redirect("reserve:meeting", public_id=item.public_id)
        status = 400
    context = {
        "item": item,
        "commune": item.commune,
        "attendance": attendance,
        "form": form,
        "can_manage": can_manage_reserve(request.user),
    }
    return render(request, "reserve/training/meeting.html", context, status=status)


def meeting_minutes(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID, fmt: str
) -> HttpResponse:
    """The minutes of a meeting in PDF or Word."""
    item = sel.meeting_for_user(request.user, public_id)
    report = minutes(item, sel.attendance_of(item))
    name = f"bien-ban-sinh-hoat-{item.commune.code}-{item.held_on:%Y%m%d}"
    if fmt == "docx":
        return file_response(render_report_docx(report), filename=f"{name}.docx", content_type=DOCX)
    if fmt == "pdf":
        return file_response(render_report_pdf(report), filename=f"{name}.pdf", content_type=PDF)
    raise Http404(_("Not found, or outside your area."))
