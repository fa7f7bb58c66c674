"""Pages of militia registration and membership: a commune's registration page (the April
step, one citizen, removal, the register, the absences to report, the terms ending soon), the
register as PDF or Excel, and one member's page (term, extension, completion, leaving,
absences, the commitments held elsewhere). Thin: services change, selectors read."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user, require
from muster.core import lawtext
from muster.core.dates import today
from muster.core.forms import BootstrapForm, submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.documents.excel import render_xlsx
from muster.documents.http import PDF, XLSX, file_response
from muster.documents.pdf import render_pdf
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.militia.members import selectors as sel
from muster.militia.members import services as ms
from muster.militia.members import term_services as ts
from muster.militia.members.documents import militia_register
from muster.militia.members.forms import (
    AbsenceForm,
    AprilForm,
    CompleteForm,
    ExtendForm,
    LeaveForm,
    RegisterOneForm,
    RemoveForm,
)
from muster.militia.members.models import Membership, MembershipStatus, MilitiaRegistration
from muster.militia.perms import can_manage_militia, can_view_militia
from muster.people.models import Person


def commune_for(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Unit:
    """The commune of the page, in the reader's area (else 404), for a militia reader."""
    return get_for_user(
        request.user,
        Unit.objects.commune_level(),
        unit_field="pk",
        cap=can_view_militia,
        public_id=public_id,
    )


def _year(request: AuthenticatedHttpRequest, day: dt.date) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2020 <= int(raw) <= 2100 else day.year


def registration(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The commune's militia registration: the citizens turning 18 in the year with what the
    military-service registration says of them, and the one step that registers them all."""
    commune = commune_for(request, public_id)
    day = reference_date(request)
    year = _year(request, day)
    here = reverse("militia:registration", args=[commune.public_id]) + f"?year={year}"
    april = AprilForm(initial={"year": year, "on": min(today(), day)})
    one = RegisterOneForm(initial={"on": min(today(), day), "source": "new_resident"})
    remove = RemoveForm()
    status = 200
    if request.method == "POST":
        require(can_manage_militia(request.user))
        status = 400
        action = request.POST.get("action")
        if action == "april":
            april = AprilForm(request.POST)
            done = submit(
                request,
                april,
                lambda d: ms.register_from_april(
                    actor=request.user, commune=commune, year=d["year"], on=d["on"]
                ),
                success=None,
            )
            if done is not None:
                result = done.value
                messages.success(
                    request,
                    _("%(n)s citizens registered, %(e)s exempt, %(a)s already registered.")
                    % {"n": result.registered, "e": result.exempt, "a": result.already},
                )
                return redirect(
                    reverse("militia:registration", args=[commune.public_id])
                    + f"?year={april.cleaned_data['year']}"
                )
        elif action == "one":
            one = RegisterOneForm(request.POST)
            if submit(
                request,
                one,
                lambda d: _register_one(request, commune, d),
                success=_("The citizen has been registered."),
            ):
                return redirect(here)
        elif action == "remove":
            remove = RemoveForm(request.POST)
            if submit(
                request,
                remove,
                lambda d: _remove(request, commune, d),
                success=_("The citizen has been removed from the register."),
            ):
                return redirect(here)
        for form in (april, one, remove):
            for message in form.non_field_errors():
                messages.error(request, str(message))
    context = {
        "commune": commune,
        "day": day,
        "year": year,
        "candidates": sel.april_candidates(commune=commune, year=year, on=day),
        "register": sel.register_of_commune(user=request.user, commune=commune, day=day),
        "absences": [
            r
            for r in sel.absences_of_commune(user=request.user, commune=commune, day=day)
            if r.must_report
        ],
        "ending": sel.terms_ending(user=request.user, commune=commune, day=day),
        "april_form": april,
        "one_form": one,
        "remove_form": remove,
        "can_manage": can_manage_militia(request.user),
    }
    return render(request, "militia/members/registration.html", context, status=status)


def _register_one(
    request: AuthenticatedHttpRequest, commune: Unit, data: dict[str, Any]
) -> MilitiaRegistration:
    person = Person.objects.filter(
        scope_of(request.user).q("registration_unit"), national_id=data["national_id"].strip()
    ).first()
    if person is None:
        raise ValidationError({"national_id": [_("No citizen of your area has this ID number.")]})
    return ms.register_one(
        actor=request.user,
        person=person,
        commune=commune,
        on=data["on"],
        source=data["source"],
        agency=data["agency"],
        exempt_reason=data["exempt_reason"],
    )


def _remove(
    request: AuthenticatedHttpRequest, commune: Unit, data: dict[str, Any]
) -> MilitiaRegistration:
    found = MilitiaRegistration.objects.filter(
        holder=commune, public_id=data["registration"]
    ).first()
    if found is None:
        raise Http404(_("Not found, or outside your area."))
    return ms.registration_remove(
        actor=request.user, registration=found, on=data["on"], reason=data["reason"]
    )


def register_file(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID, fmt: str
) -> HttpResponse:
    """The commune's militia register (sổ đăng ký Dân quân tự vệ) on the day, PDF or Excel."""
    if fmt not in ("pdf", "xlsx"):
        raise Http404(_("Not found, or outside your area."))
    commune = commune_for(request, public_id)
    day = reference_date(request)
    rows = sel.register_of_commune(user=request.user, commune=commune, day=day)
    members = sel.serving_person_ids([r.person_id for r in rows])
    doc = militia_register(commune, rows, members, day=day, today=today())
    name = f"so-dang-ky-dqtv-{commune.code}-{day:%Y%m%d}"
    if fmt == "xlsx":
        return file_response(render_xlsx(doc), filename=f"{name}.xlsx", content_type=XLSX)
    return file_response(render_pdf(doc), filename=f"{name}.pdf", content_type=PDF)


_MEMBER_FORMS: dict[str, type[BootstrapForm]] = {
    "extend": ExtendForm,
    "complete": CompleteForm,
    "leave": LeaveForm,
    "absence": AbsenceForm,
}


def membership(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """One member: component, unit, term and its end, the commitments held elsewhere (the
    call-up's official list …) as a warning, absences, and the term's decisions."""
    member = get_for_user(
        request.user,
        Membership.objects.select_related("person", "holder", "unit"),
        unit_field="holder",
        cap=can_view_militia,
        public_id=public_id,
    )
    day = reference_date(request)
    forms = {name: cls() for name, cls in _MEMBER_FORMS.items()}
    status = 200
    if request.method == "POST":
        require(can_manage_militia(request.user))
        status = 400
        action = request.POST.get("action", "")
        form_class = _MEMBER_FORMS.get(action)
        if form_class is not None:
            form = forms[action] = form_class(request.POST)
            if submit(
                request,
                form,
                lambda d: _member_action(request, member, action, d),
                success=_("Saved."),
            ):
                return redirect(reverse("militia:membership", args=[member.public_id]))
            for message in form.non_field_errors():
                messages.error(request, str(message))
    last = member.extended_to or member.term_ends_on
    context = {
        "member": member,
        "commune": member.holder,
        "day": day,
        "commitments": sel.other_commitments([member.person_id]).get(member.person_id, []),
        "conflicts": [
            f"{lawtext.text(r.text)} ({lawtext.cite_all(r.citations)})"
            for r in sel.conflicts_of(member, day)
        ],
        "absences": sel.absences_of_member(member=member, day=day),
        "outlook": ts.completion_outlook(member, max(day, last)),
        "serving": member.status == MembershipStatus.SERVING,
        "forms": forms,
        "can_manage": can_manage_militia(request.user),
    }
    return render(request, "militia/members/membership.html", context, status=status)


def _member_action(
    request: AuthenticatedHttpRequest, member: Membership, action: str, data: dict[str, Any]
) -> object:
    actor = request.user
    if action == "extend":
        return ts.membership_extend(
            actor=actor,
            membership=member,
            until=data["until"],
            on=data["on"],
            decision_ref=data["decision_ref"],
        )
    if action == "complete":
        return ts.membership_complete(
            actor=actor, membership=member, on=data["on"], decision_ref=data["decision_ref"]
        )
    if action == "leave":
        return ts.membership_leave(
            actor=actor, membership=member, on=data["on"], reason=data["reason"]
        )
    return ms.absence_record(
        actor=actor,
        membership=member,
        left_on=data["left_on"],
        returns_on=data["returns_on"],
        reported_on=data["reported_on"],
        note=data["note"],
    )
