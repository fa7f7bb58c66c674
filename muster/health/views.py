"""Health pages: sessions, calling citizens, result entry, the books (forms 2k, 2l, 2b)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap, has_cap
from muster.core import lawtext
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.excel import render_xlsx
from muster.documents.http import DOCX, PDF, XLSX, file_response, report_pdf_response
from muster.documents.pdf import render_pdf
from muster.documents.tables import format_cell
from muster.documents.word import render_report_docx
from muster.geo.scope import scope_of
from muster.geo.selectors import units_for_user
from muster.health import books
from muster.health.appeals import appeal_conclude, appeal_due, appeal_request
from muster.health.forms import (
    AppealConcludeForm,
    AppealRequestForm,
    CallForm,
    ReferralForm,
    ResultForm,
    SessionForm,
)
from muster.health.models import HealthCall, HealthSession, SessionKind, Station, StationResult
from muster.health.referrals import referral_record
from muster.health.screening_call import screening_call_report
from muster.health.selectors import calls_in_session, sessions_for_user
from muster.health.services import (
    ResultInput,
    call_citizens,
    conclude_examination,
    record_station_result,
    session_create,
)
from muster.law.callup import campaign as campaign_rules
from muster.people.models import Person, Sex


def session_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_PEOPLE)
    return render(
        request,
        "health/session_list.html",
        {
            "sessions": sessions_for_user(request.user)[:200],
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
        },
    )


def session_create_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_CAMPAIGN)
    units = units_for_user(request.user).filter(valid_to__isnull=True).order_by("path")
    form = SessionForm(request.POST or None, units=units)
    done = submit(
        request,
        form,
        lambda data: session_create(actor=request.user, **data),
        success=_("The session has been created."),
    )
    if done:
        session = done.value
        outside = campaign_rules.exam_day_outside_window(session.date)
        if session.kind == SessionKind.EXAMINATION and outside is not None:
            messages.warning(
                request,
                _("The examination day %(day)s is outside the window of the law (%(rule)s).")
                % {"day": f"{session.date:%d/%m/%Y}", "rule": lawtext.title(outside)},
            )
        return redirect("health:session_detail", public_id=session.public_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "health/form.html",
        {"form": form, "title": _("New health session")},
        status=status,
    )


def _session(request: AuthenticatedHttpRequest, public_id: uuid.UUID, cap: Cap) -> HealthSession:
    return get_for_user(
        request.user,
        HealthSession.objects.select_related("unit"),
        unit_field="unit",
        cap=cap,
        public_id=public_id,
    )


def _stations_for(session: HealthSession) -> list[tuple[str, str]]:
    if session.kind == SessionKind.SCREENING:
        return [(Station.PHYSIQUE.value, str(Station.PHYSIQUE.label))]
    return [(s.value, str(s.label)) for s in Station]


def session_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    session = _session(request, public_id, Cap.VIEW_PEOPLE)
    calls = calls_in_session(user=request.user, session=session)
    forms_available = ["2k"] if session.kind == SessionKind.SCREENING else ["2l", "2b", "2b-list"]
    return render(
        request,
        "health/session_detail.html",
        {
            "session": session,
            "calls": calls,
            "stations": _stations_for(session),
            "is_exam": session.kind == SessionKind.EXAMINATION,
            "forms_available": forms_available,
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
            "can_enter": has_cap(request.user, Cap.EDIT_HEALTH),
            "late_count": sum(1 for c in calls if c.notice_late),
        },
    )


def session_call_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Call citizens to a session by their ID numbers, with the day the decision reached them."""
    session = _session(request, public_id, Cap.MANAGE_CAMPAIGN)
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        numbers: list[str] = form.cleaned_data["national_ids"]
        people = list(
            Person.objects.filter(
                national_id__in=numbers, **scope_of(request.user).lookup("registration_unit")
            ).select_related("registration_unit")
        )
        unknown = sorted(set(numbers) - {p.national_id for p in people})
        if unknown:
            form.add_error(
                "national_ids",
                _("No citizen in your area with ID number: %(ids)s") % {"ids": ", ".join(unknown)},
            )
        elif done := submit(
            request,
            form,
            lambda data: call_citizens(
                actor=request.user,
                session=session,
                people=people,
                notified_on=data["notified_on"],
            ),
            success=None,
            mapping={"people": "national_ids"},
        ):
            outcome = done.value
            messages.success(
                request,
                _("%(created)d called, %(updated)d updated.")
                % {"created": outcome.created, "updated": outcome.updated},
            )
            if outcome.late:
                messages.warning(
                    request,
                    _(
                        "The decision reached %(n)d citizens less than 15 days before the "
                        "session: late notice."
                    )
                    % {"n": outcome.late},
                )
            return redirect("health:session_detail", public_id=session.public_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "health/form.html",
        {"form": form, "title": _("Call citizens"), "session": session},
        status=status,
    )


def _call_for_entry(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HealthCall:
    """A called citizen in the user's area, for the health role's entry pages (404 outside
    the area, 403 without the role)."""
    return get_for_user(
        request.user,
        HealthCall.objects.select_related(
            "person", "person__registration_unit", "session", "session__unit"
        ),
        unit_field="person__registration_unit",
        cap=Cap.EDIT_HEALTH,
        public_id=public_id,
    )


def result_entry(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """One screen per citizen and station: type, Enter, and the next citizen comes up."""
    call = _call_for_entry(request, public_id)
    session = call.session
    stations = _stations_for(session)
    station = request.GET.get("station") or stations[0][0]
    if station not in {s for s, _label in stations}:
        raise Http404(_("Unknown station."))
    calls = calls_in_session(user=request.user, session=session)
    if call.person.sex != Sex.FEMALE:
        stations = [s for s in stations if s[0] != Station.GYNAECOLOGY]
    index = next((i for i, c in enumerate(calls) if c.pk == call.pk), 0)
    following = calls[index + 1] if index + 1 < len(calls) else None
    previous = calls[index - 1] if index > 0 else None
    existing = next((r for r in calls[index].results.all() if r.station == station), None)
    if request.method == "POST":
        form = ResultForm(request.POST, station=station)

        def record(data: dict[str, Any]) -> StationResult:
            entry = ResultInput(**{k: v for k, v in data.items() if v is not None})
            return record_station_result(actor=request.user, call=call, station=station, data=entry)

        saved = _("Saved: %(name)s.") % {"name": call.person.full_name}
        if submit(request, form, record, success=saved):
            if following is not None:
                target = reverse("health:result_entry", kwargs={"public_id": following.public_id})
                return redirect(f"{target}?station={station}")
            return redirect("health:session_detail", public_id=session.public_id)
    else:
        initial: dict[str, object] = {}
        if existing is not None:
            initial = {
                field: getattr(existing, field)
                for field in ResultForm.base_fields
                if hasattr(existing, field)
            }
            if existing.score is not None:
                initial["score"] = f"{existing.score}"
            else:
                initial["positive"] = "positive" if existing.positive else "negative"
        form = ResultForm(initial=initial, station=station)
    return render(
        request,
        "health/result_entry.html",
        {
            "call": calls[index] if calls else call,
            "session": session,
            "form": form,
            "station": station,
            "station_label": dict(stations).get(station, station),
            "stations": stations,
            "existing": existing,
            "following": following,
            "previous": previous,
            "position": index + 1,
            "total": len(calls),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def conclude_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The council concludes one citizen's examination; refused (400) with every missing
    station and the legal basis while the exam is incomplete and no standard failed."""
    call = _call_for_entry(request, public_id)
    try:
        call = conclude_examination(actor=request.user, call=call)
    except ValidationError as error:
        return render(
            request,
            "health/conclude.html",
            {"call": call, "session": call.session, "errors": error.messages},
            status=400,
        )
    messages.success(
        request,
        _("Concluded: %(name)s, health class %(label)s.")
        % {"name": call.person.full_name, "label": call.class_label},
    )
    return redirect("health:session_detail", public_id=call.session.public_id)


@require_POST
def referral_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Record the referral for treatment of a T class (from the result entry screen)."""
    call = _call_for_entry(request, public_id)
    form = ReferralForm(request.POST, prefix="t")
    if submit(
        request,
        form,
        lambda data: referral_record(actor=request.user, call=call, **data),
        success=_("The referral for treatment has been recorded."),
    ):
        return redirect("health:result_entry", public_id=call.public_id)
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))
    return redirect("health:result_entry", public_id=call.public_id)


def appeal_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The medical appeal (giám định) of one concluded examination: request it, then record
    the assessing council's final class."""
    call = _call_for_entry(request, public_id)
    appeals = list(call.appeals.order_by("-file_complete_on", "-id"))
    open_appeal = next((a for a in appeals if a.concluded_on is None), None)
    action = request.POST.get("action") if request.method == "POST" else None
    request_form = AppealRequestForm(request.POST if action == "request" else None, prefix="r")
    conclude_form = AppealConcludeForm(request.POST if action == "conclude" else None, prefix="c")
    if action == "request" and submit(
        request,
        request_form,
        lambda data: appeal_request(actor=request.user, call=call, **data),
        success=_("The medical appeal has been recorded."),
    ):
        return redirect("health:appeal", public_id=call.public_id)
    if (
        action == "conclude"
        and open_appeal is not None
        and submit(
            request,
            conclude_form,
            lambda data: appeal_conclude(actor=request.user, appeal=open_appeal, **data),
            success=_("The appeal's final class has been recorded."),
        )
    ):
        return redirect("health:appeal", public_id=call.public_id)
    return render(
        request,
        "health/appeal.html",
        {
            "call": call,
            "appeals": [(a, appeal_due(a.file_complete_on)) for a in appeals],
            "open_appeal": open_appeal,
            "request_form": request_form,
            "conclude_form": conclude_form,
        },
        status=400 if request.method == "POST" else 200,
    )


def session_book(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Form 2k (screening) or 2l / 2b (examination): on screen, ``?format=xlsx`` or ``pdf``."""
    session = _session(request, public_id, Cap.VIEW_REPORTS)
    allowed = ["2k"] if session.kind == SessionKind.SCREENING else ["2l", "2b", "2b-list"]
    code = request.GET.get("form") or allowed[0]
    if code not in allowed:
        raise Http404(_("This form does not belong to this kind of session."))
    builder, stem = books.FORMS[code]
    doc = builder(session, calls_in_session(user=request.user, session=session))
    fmt = request.GET.get("format", "")
    filename = f"{stem}-{session.date:%Y%m%d}"
    if fmt == "xlsx":
        return file_response(render_xlsx(doc), filename=f"{filename}.xlsx", content_type=XLSX)
    if fmt == "pdf":
        return file_response(render_pdf(doc), filename=f"{filename}.pdf", content_type=PDF)
    rows = [
        [format_cell(v, col.kind) for v, col in zip(r, doc.columns, strict=True)] for r in doc.rows
    ]
    totals = (
        [format_cell(v, col.kind) for v, col in zip(doc.totals, doc.columns, strict=True)]
        if doc.totals
        else None
    )
    return render(
        request,
        "health/book.html",
        {
            "session": session,
            "doc": doc,
            "rows": rows,
            "totals": totals,
            "code": code,
            "forms_available": allowed,
        },
    )


def screening_call_pdf(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The screening call decision of a screening session with its list (PDF; ``?format=docx``:
    Word); signed on the earliest day a citizen received it (today when none has yet)."""
    session = _session(request, public_id, Cap.VIEW_REPORTS)
    if session.kind != SessionKind.SCREENING:
        raise Http404(_("This form does not belong to this kind of session."))
    calls = list(calls_in_session(user=request.user, session=session))
    received = [c.notified_on for c in calls if c.notified_on is not None]
    issued_on = min(received) if received else timezone.localdate()
    report = screening_call_report(session, calls, issued_on)
    name = f"quyet-dinh-goi-so-tuyen-{session.date:%Y%m%d}"
    if request.GET.get("format") == "docx":
        return file_response(render_report_docx(report), filename=f"{name}.docx", content_type=DOCX)
    return report_pdf_response(report, filename=f"{name}.pdf")
