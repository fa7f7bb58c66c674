"""Pages of the reservist register: a commune's register with its filters and the form that
registers a reservist, and one reservist's page explaining his class. Thin."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user, require
from muster.core import lawtext
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.people.models import Person
from muster.reserve.choices import CLASS_CHOICES, GROUP_CHOICES
from muster.reserve.forms import RegisterForm, RemoveForm
from muster.reserve.perms import can_manage_reserve, can_view_reserve
from muster.reserve.placement import selectors as placed
from muster.reserve.register import selectors as sel
from muster.reserve.register import services
from muster.reserve.register.facts import Inputs
from muster.reserve.register.models import Reservist
from muster.reserve.views import commune_for


def register(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The commune's reservists on the day, by class, group and specialty; the register form."""
    commune = commune_for(request, public_id)
    day = reference_date(request)
    klass = request.GET.get("class", "")
    group = request.GET.get("group", "")
    specialty = request.GET.get("specialty", "")[:60]
    form = RegisterForm(request.POST or None, initial={"on": today(), "kind": "nco_soldier"})
    status = 200
    if request.method == "POST":
        require(can_manage_reserve(request.user))
        done = submit(
            request,
            form,
            lambda d: _register(request, commune, d),
            success=_("The reservist has been registered."),
        )
        if done is not None:
            return redirect(reverse("reserve:reservist", args=[done.value.public_id]))
        status = 400
    rows = sel.register_of_commune(
        user=request.user,
        commune=commune,
        day=day,
        reserve_class=int(klass) if klass in ("1", "2") else None,
        group=group if group in ("A", "B") else "",
        specialty=specialty,
    )
    context = {
        "commune": commune,
        "day": day,
        "rows": rows,
        "form": form,
        "can_manage": can_manage_reserve(request.user),
        "classes": CLASS_CHOICES,
        "groups": GROUP_CHOICES,
        "klass": klass,
        "group": group,
        "specialty": specialty,
    }
    return render(request, "reserve/register.html", context, status=status)


def _register(request: AuthenticatedHttpRequest, commune: Unit, data: dict[str, Any]) -> Reservist:
    person = Person.objects.filter(
        scope_of(request.user).q("registration_unit"), national_id=data["national_id"].strip()
    ).first()
    if person is None:
        raise ValidationError({"national_id": [_("No citizen of your area has this ID number.")]})
    return services.register_reservist(
        actor=request.user,
        person=person,
        commune=commune,
        kind=data["kind"],
        certificate_number=data["certificate_number"],
        on=data["on"],
        specialty_code=data["specialty_code"],
        specialty_name=data["specialty_name"],
        rank=data["rank"],
        inputs=Inputs(
            combat=data["combat"],
            police_months=data["police_months"] or 0,
            professional_soldier=data["professional_soldier"],
            concentrated_training_months=data["concentrated_training_months"] or 0,
        ),
    )


def reservist(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """One reservist: his class and its cited grounds, his group on the day, removal."""
    item = get_for_user(
        request.user,
        Reservist.objects.select_related("person", "holder", "reception"),
        unit_field="holder",
        cap=can_view_reserve,
        public_id=public_id,
    )
    day = reference_date(request)
    form = RemoveForm(request.POST or None, initial={"on": today()})
    status = 200
    if request.method == "POST":
        require(can_manage_reserve(request.user))
        if submit(
            request,
            form,
            lambda d: services.remove_reservist(
                actor=request.user, reservist=item, on=d["on"], reason=d["reason"]
            ),
            success=_("The reservist has been taken off the register."),
        ):
            return redirect(reverse("reserve:reservist", args=[item.public_id]))
        status = 400
    group = item.group_on(day)
    placement = placed.current_placement(item)
    context = {
        "item": item,
        "day": day,
        "group": group,
        "group_reason": lawtext.text(group.reason),
        "placement": placement,
        "placement_visible": placement is not None
        and scope_of(request.user).contains(placement.unit.area),
        "not_placed": placed.current_not_placed(item),
        "form": form,
        "can_manage": can_manage_reserve(request.user),
    }
    return render(request, "reserve/reservist.html", context, status=status)
