"""Pages of the militia's organisation: a commune's units, command and cadres; establishing
and dissolving units; filling the standard structure; assigning members; appointing,
dismissing and reviewing commanders with their decisions in PDF and Word. Thin: forms
parse, services decide, selectors read. Out of the area: 404; a reader posting: 403."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muster.accounts.access import require
from muster.core import lawtext
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.documents.http import DOCX, PDF, file_response
from muster.documents.pdf import render_report_pdf
from muster.documents.word import render_report_docx
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law.militia.enums import Component, Force, Level, Post
from muster.law.militia.organisation_extra import (
    default_establishment,
    degree_rule,
    unit_authority,
)
from muster.militia.choices import COMPONENT_CHOICES, LEVEL_CHOICES
from muster.militia.members.models import Membership
from muster.militia.organisation import cadre_services as cadres
from muster.militia.organisation import selectors as sel
from muster.militia.organisation import services as svc
from muster.militia.organisation.documents import appointment_decision, dismissal_decision
from muster.militia.organisation.forms import (
    AppointForm,
    AssignForm,
    DismissForm,
    DissolveForm,
    FillForm,
    ReviewForm,
    UnitForm,
)
from muster.militia.organisation.models import MilitiaUnit
from muster.militia.perms import can_manage_militia, can_view_militia
from muster.people.models import Person


def organisation(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A commune's organisation on the day: units against establishment, the command's
    members and the units' commanders (degree flags), the standard units missing."""
    commune = sel.commune_for_user(request.user, public_id)
    require(can_view_militia(request.user))
    day = reference_date(request)
    context = {
        "org": sel.organisation_of_commune(user=request.user, commune=commune, day=day),
        "commune": commune,
        "day": day,
        "can_manage": can_manage_militia(request.user),
        "fill_form": FillForm(initial={"on": day}),
        "former": sel.former_appointments(commune),
    }
    return render(request, "militia/organisation/organisation.html", context)


def _unit_choices(commune: Unit, day: Any) -> list[tuple[str, str]]:
    return [(str(u.public_id), u.name) for u in sel.open_units(commune, day)]


def unit_establish(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    commune = sel.commune_for_user(request.user, public_id)
    require(can_manage_militia(request.user))
    day = today()
    villages = [
        (str(v.public_id), v.name)
        for v in Unit.objects.village_level().valid_on(day).filter(parent=commune).order_by("name")
    ]
    form = UnitForm(
        request.POST or None,
        villages=villages,
        parents=_unit_choices(commune, day),
        initial={"established_on": day, "establishment": 10},
    )

    def action(data: dict[str, Any]) -> MilitiaUnit:
        village = (
            Unit.objects.get(public_id=data["village"], parent=commune) if data["village"] else None
        )
        parent = (
            MilitiaUnit.objects.get(public_id=data["parent"], holder=commune)
            if data["parent"]
            else None
        )
        return svc.unit_establish(
            actor=request.user,
            holder=commune,
            component=Component(data["component"]),
            level=Level(data["level"]),
            name=data["name"],
            establishment=data["establishment"],
            established_on=data["established_on"],
            decision_ref=data["decision_ref"],
            force=Force(data["force"]),
            agency=data["agency"],
            village=village,
            parent=parent,
        )

    done = submit(request, form, action, success=_("The unit has been established."))
    if done is not None:
        return redirect("militia:unit", public_id=done.value.public_id)
    context = {"commune": commune, "form": form, "rules": _authority_table(day)}
    status = 400 if request.method == "POST" else 200
    return render(request, "militia/organisation/unit_form.html", context, status=status)


def _authority_table(day: Any) -> list[tuple[Any, ...]]:
    """Who establishes the common unit kinds on ``day`` (shown beside the form)."""
    kinds = [
        (Force.MILITIA, Component.ON_SITE, Level.SQUAD),
        (Force.MILITIA, Component.MOBILE, Level.PLATOON),
        (Force.MILITIA, Component.STANDING, Level.PLATOON),
        (Force.MILITIA, Component.MARITIME, Level.SQUAD),
        (Force.MILITIA, Component.AIR_DEFENCE, Level.PLATOON),
        (Force.SELF_DEFENCE, Component.MOBILE, Level.PLATOON),
    ]
    components, levels = dict(COMPONENT_CHOICES), dict(LEVEL_CHOICES)
    rows = []
    for force, component, level in kinds:
        reason = unit_authority(force, component, level, day)
        label = f"{levels[level]} {str(components[component]).lower()}"
        if force == Force.SELF_DEFENCE:
            label = _("%(unit)s (self-defence)") % {"unit": label}
        said: tuple[Any, ...] = ("", True, "")
        if reason is not None:
            said = (lawtext.text(reason.text), reason.confirmed, lawtext.cite_all(reason.citations))
        rows.append((label, default_establishment(level, day), *said))
    return rows


@require_POST
def structure_fill(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Create the missing units of the standard structure."""
    commune = sel.commune_for_user(request.user, public_id)
    require(can_manage_militia(request.user))
    form = FillForm(request.POST)
    done = submit(
        request,
        form,
        lambda d: svc.structure_fill(
            actor=request.user, holder=commune, on=d["on"], decision_ref=d["decision_ref"]
        ),
        success=None,
    )
    if done is not None:
        messages.success(request, _("%(n)s units have been established.") % {"n": len(done.value)})
    else:
        for error in [*form.non_field_errors(), *(e for f in form.errors.values() for e in f)]:
            messages.error(request, error)
    return redirect("militia:organisation", public_id=commune.public_id)


def unit_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    unit = sel.unit_for_user(request.user, public_id)
    require(can_view_militia(request.user))
    context = {
        "unit": unit,
        "members": sel.members_of_unit(unit),
        "appointments": sel.appointments_of_unit(unit),
        "can_manage": can_manage_militia(request.user),
    }
    return render(request, "militia/organisation/unit.html", context)


def unit_dissolve(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    unit = sel.unit_for_user(request.user, public_id)
    require(can_manage_militia(request.user))
    form = DissolveForm(request.POST or None, initial={"ended_on": today()})
    done = submit(
        request,
        form,
        lambda d: svc.unit_dissolve(actor=request.user, unit=unit, **d),
        success=_("The unit has been dissolved."),
    )
    if done is not None:
        return redirect("militia:organisation", public_id=unit.holder.public_id)
    status = 400 if request.method == "POST" else 200
    context = {"unit": unit, "form": form, "title": _("Dissolve the unit")}
    return render(request, "militia/organisation/unit_action.html", context, status=status)


def unit_assign(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Assign a serving member of the commune to the unit."""
    unit = sel.unit_for_user(request.user, public_id)
    require(can_manage_militia(request.user))
    choices = [
        (str(m.public_id), f"{m.person.full_name} ({m.get_component_display()})")
        for m in sel.assignable_members(unit)
    ]
    form = AssignForm(request.POST or None, members=choices)

    def action(data: dict[str, Any]) -> list[str]:
        membership = Membership.objects.get(public_id=data["membership"])
        return svc.member_assign(actor=request.user, membership=membership, unit=unit)

    done = submit(
        request,
        form,
        action,
        success=_("The member has been assigned."),
        mapping={"unit": "membership"},
    )
    if done is not None:
        for warning in done.value:
            messages.warning(request, warning)
        return redirect("militia:unit", public_id=unit.public_id)
    status = 400 if request.method == "POST" else 200
    context = {"unit": unit, "form": form, "title": _("Assign a member")}
    return render(request, "militia/organisation/unit_action.html", context, status=status)


def _person_in_area(request: AuthenticatedHttpRequest, data: dict[str, Any]) -> Person:
    key = str(data.get("person") or data.get("person_id") or "")
    person = (
        Person.objects.filter(scope_of(request.user).q("registration_unit"), public_id=key).first()
        if key
        else None
    )
    if person is None:
        raise ValidationError({"person": [_("No such person in your area.")]})
    return person


def appoint(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Appoint a commander to a post of the commune military command or of a unit."""
    commune = sel.commune_for_user(request.user, public_id)
    require(can_manage_militia(request.user))
    day = today()
    people = [
        (str(m.person.public_id), m.person.full_name)
        for m in Membership.objects.filter(holder=commune, status="serving")
        .select_related("person")
        .order_by("person__name_search")
    ]
    form = AppointForm(
        request.POST or None,
        people=people,
        units=_unit_choices(commune, day),
        initial={"appointed_on": day, "unit": request.GET.get("unit", "")},
    )

    def action(data: dict[str, Any]) -> Any:
        unit = (
            MilitiaUnit.objects.get(public_id=data["unit"], holder=commune)
            if data["unit"]
            else None
        )
        return cadres.appointment_create(
            actor=request.user,
            holder=commune,
            person=_person_in_area(request, data),
            post=Post(data["post"]),
            appointed_on=data["appointed_on"],
            decision_ref=data["decision_ref"],
            unit=unit,
            grassroots_degree=data["grassroots_degree"],
            without_social_insurance=data["without_social_insurance"],
        )

    done = submit(request, form, action, success=_("The appointment has been recorded."))
    if done is not None:
        return redirect("militia:appointment", public_id=done.value.public_id)
    status = 400 if request.method == "POST" else 200
    context = {"commune": commune, "form": form}
    return render(request, "militia/organisation/appoint_form.html", context, status=status)


def appointment_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    item = sel.appointment_for_user(request.user, public_id)
    require(can_view_militia(request.user))
    can_manage = can_manage_militia(request.user)
    context = {
        "item": item,
        "reviews": list(item.reviews.order_by("-year")),
        "can_manage": can_manage,
        "review_form": ReviewForm(initial={"year": today().year}) if can_manage else None,
        "degree_rule": None if item.unit_id else degree_rule(Post(item.post), today()),
    }
    return render(request, "militia/organisation/appointment.html", context)


def appointment_dismiss(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    item = sel.appointment_for_user(request.user, public_id)
    require(can_manage_militia(request.user))
    form = DismissForm(request.POST or None, initial={"ended_on": today(), "reason": "dismissed"})
    done = submit(
        request,
        form,
        lambda d: cadres.appointment_dismiss(actor=request.user, appointment=item, **d),
        success=_("The appointment has ended."),
    )
    if done is not None:
        return redirect("militia:appointment", public_id=item.public_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "militia/organisation/dismiss_form.html",
        {"item": item, "form": form},
        status=status,
    )


@require_POST
def appointment_review(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    item = sel.appointment_for_user(request.user, public_id)
    require(can_manage_militia(request.user))
    form = ReviewForm(request.POST)
    done = submit(
        request,
        form,
        lambda d: cadres.cadre_review_record(actor=request.user, appointment=item, **d),
        success=_("The review has been recorded."),
    )
    if done is None:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("militia:appointment", public_id=item.public_id)


def appointment_document(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The appointing decision (``?kind=dismissal``: the decision ending it) in PDF, or in
    Word with ``format=docx``."""
    item = sel.appointment_for_user(request.user, public_id)
    require(can_view_militia(request.user))
    kind = request.GET.get("kind", "appointment")
    if kind == "appointment":
        report = appointment_decision(item, today=today())
        name = f"QD bo nhiem {item.person.full_name}"
    elif kind == "dismissal" and item.ended_on is not None:
        report = dismissal_decision(item, today=today())
        name = f"QD mien nhiem {item.person.full_name}"
    else:
        raise Http404(_("Not found, or outside your area."))
    if request.GET.get("format") == "docx":
        return file_response(render_report_docx(report), filename=f"{name}.docx", content_type=DOCX)
    return file_response(render_report_pdf(report), filename=f"{name}.pdf", content_type=PDF)
