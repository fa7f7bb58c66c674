"""Pages of the reserve units (Khung B): the units of an area, a unit with its establishment
posts and the reservists placed in it, creating, editing and ending a unit, and the table of
close specialties. Thin: services change, selectors read."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.geo.scope import scope_of
from muster.reserve.payments import selectors as payments
from muster.reserve.payments.views import cadre_forms
from muster.reserve.perms import can_manage_reserve
from muster.reserve.placement import selectors as placed
from muster.reserve.units import selectors as sel
from muster.reserve.units import services
from muster.reserve.units.forms import CloseForm, EndForm, PostForm, UnitForm
from muster.reserve.units.models import CloseSpecialty, UnitPost


def units(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The reserve units of an area in force on the day (or ended too, ``?ended=1``)."""
    area = sel.area_for_user(request.user, public_id)
    day = reference_date(request)
    ended = request.GET.get("ended") == "1"
    context = {
        "area": area,
        "day": day,
        "ended": ended,
        "units": sel.units_of_area(user=request.user, area=area, day=day, ended=ended),
        "can_manage": can_manage_reserve(request.user),
    }
    return render(request, "reserve/units.html", context)


def unit_create(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    area = sel.area_for_user(request.user, public_id)
    require(can_manage_reserve(request.user))
    form = UnitForm(request.POST or None, parents=sel.open_units(area))
    done = submit(
        request,
        form,
        lambda d: services.create_unit(actor=request.user, area=area, **d),
        success=_("The reserve unit has been created."),
    )
    if done is not None:
        return redirect(reverse("reserve:unit", args=[done.value.public_id]))
    status = 400 if request.method == "POST" else 200
    context = {"area": area, "form": form, "title": _("New reserve unit")}
    return render(request, "reserve/unit_form.html", context, status=status)


def unit_edit(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    unit = sel.unit_for_user(request.user, public_id)
    require(can_manage_reserve(request.user))
    initial = {
        "code": unit.code,
        "name": unit.name,
        "role": unit.role,
        "force": unit.force,
        "spare_percent": unit.spare_percent,
        "parent": unit.parent_id,
        "decision": unit.decision,
        "established_on": unit.established_on,
    }
    parents = [u for u in sel.open_units(unit.area) if u.pk != unit.pk]
    form = UnitForm(request.POST or None, initial=initial, parents=parents)
    done = submit(
        request,
        form,
        lambda d: services.edit_unit(actor=request.user, unit=unit, **d),
        success=_("The reserve unit has been changed."),
    )
    if done is not None:
        return redirect(reverse("reserve:unit", args=[unit.public_id]))
    status = 400 if request.method == "POST" else 200
    context = {"area": unit.area, "unit": unit, "form": form, "title": str(unit)}
    return render(request, "reserve/unit_form.html", context, status=status)


def unit_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A unit: its particulars, its posts (added, changed or removed here), the reservists the
    current placement put in it with each reason, and the form that ends it."""
    unit = sel.unit_for_user(request.user, public_id)
    manage = can_manage_reserve(request.user)
    post_form = PostForm(request.POST if request.POST.get("action") == "post" else None)
    end_form = EndForm(
        request.POST if request.POST.get("action") == "end" else None, initial={"ended_on": today()}
    )
    status = 200
    if request.method == "POST":
        require(manage)
        action = request.POST.get("action")
        if action == "post" and submit(
            request,
            post_form,
            lambda d: services.set_post(actor=request.user, unit=unit, **d),
            success=_("The establishment has been changed."),
        ):
            return redirect(reverse("reserve:unit", args=[unit.public_id]))
        if action == "remove":
            post = UnitPost.objects.filter(unit=unit, pk=request.POST.get("post") or 0).first()
            if post is None:
                raise Http404(_("Not found, or outside your area."))
            try:
                services.remove_post(actor=request.user, post=post)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect(reverse("reserve:unit", args=[unit.public_id]))
        if action == "end" and submit(
            request,
            end_form,
            lambda d: services.end_unit(actor=request.user, unit=unit, **d),
            success=_("The reserve unit has ended."),
        ):
            return redirect(reverse("reserve:unit", args=[unit.public_id]))
        status = 400
    posts = list(unit.posts.order_by("kind", "specialty_code", "rank"))
    cadres = payments.cadres_of_unit(unit)
    appoint_form, cadre_end_form = cadre_forms(unit, cadres, user=request.user)
    scope = scope_of(request.user)  # a reservist from outside the reader's area: no link
    context = {
        "unit": unit,
        "area": unit.area,
        "posts": posts,
        "establishment": sum(p.count for p in posts),
        "placements": [
            (p, scope.contains(p.reservist.holder)) for p in placed.current_placements_of_unit(unit)
        ],
        "post_form": post_form,
        "end_form": end_form,
        "cadres": cadres,
        "appoint_form": appoint_form,
        "cadre_end_form": cadre_end_form,
        "can_manage": manage,
        "day": reference_date(request),
    }
    return render(request, "reserve/unit.html", context, status=status)


def close(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The close specialties (chuyên nghiệp quân sự gần) a placement of the area reads."""
    area = sel.area_for_user(request.user, public_id)
    manage = can_manage_reserve(request.user)
    form = CloseForm(request.POST if request.POST.get("action") == "add" else None)
    status = 200
    if request.method == "POST":
        require(manage)
        if request.POST.get("action") == "remove":
            key = _uuid(request.POST.get("row"))
            row = (
                CloseSpecialty.objects.filter(area=area, public_id=key).first()
                if key is not None
                else None
            )
            if row is None:
                raise Http404(_("Not found, or outside your area."))
            services.remove_close_specialty(actor=request.user, row=row)
            return redirect(reverse("reserve:close", args=[area.public_id]))
        if submit(
            request,
            form,
            lambda d: services.add_close_specialty(actor=request.user, area=area, **d),
            success=_("The close specialty has been added."),
        ):
            return redirect(reverse("reserve:close", args=[area.public_id]))
        status = 400
    context = {
        "area": area,
        "rows": sel.close_specialties(user=request.user, area=area),
        "form": form,
        "can_manage": manage,
    }
    return render(request, "reserve/close.html", context, status=status)


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None
