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
from muster.core.forms import BootstrapForm, submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.documents.http import PDF, file_response
from muster.documents.pdf import render_pdf
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.people.models import Person
from muster.reserve.choices import CLASS_CHOICES, GROUP_CHOICES
from muster.reserve.documents import card_document
from muster.reserve.forms import (
    AcceptForm,
    HealthCheckForm,
    RegisterForm,
    RemoveReasonForm,
    ReviewForm,
    TrainingForm,
    TransferForm,
)
from muster.reserve.perms import can_manage_reserve, can_view_reserve
from muster.reserve.placement import selectors as placed
from muster.reserve.register import changes, services
from muster.reserve.register import selectors as sel
from muster.reserve.register.facts import Inputs
from muster.reserve.register.models import Reservist, Transfer
from muster.reserve.training.selectors import standing_of
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
        officer_specialty=data["officer_specialty"],
        inputs=Inputs(
            combat=data["combat"],
            police_months=data["police_months"] or 0,
            professional_soldier=data["professional_soldier"],
            concentrated_training_months=data["concentrated_training_months"] or 0,
        ),
    )


#: The forms of a reservist's page, by the ``action`` they post.
_ACTIONS: dict[str, tuple[type[BootstrapForm], str]] = {
    "remove": (RemoveReasonForm, "on"),
    "health": (HealthCheckForm, "checked_on"),
    "training": (TrainingForm, "on"),
    "review": (ReviewForm, "reviewed_on"),
    "transfer": (TransferForm, "on"),
}


def _run(request: AuthenticatedHttpRequest, item: Reservist, action: str, d: dict[str, Any]) -> Any:
    actor = request.user
    if action == "remove":
        return services.remove_reservist(
            actor=actor, reservist=item, on=d["on"], code=d["code"], note=d["note"]
        )
    if action == "health":
        return changes.record_health_check(
            actor=actor,
            reservist=item,
            checked_on=d["checked_on"],
            grade=d["grade"],
            notes=d["notes"],
        )
    if action == "training":
        return changes.record_training(actor=actor, reservist=item, months=d["months"], on=d["on"])
    if action == "review":
        return changes.record_officer_review(
            actor=actor,
            reservist=item,
            reviewed_on=d["reviewed_on"],
            met=d["met"],
            matches_file=d["matches_file"],
            notes=d["notes"],
        )
    return changes.request_transfer(
        actor=actor, reservist=item, to_commune=d["to_commune"], on=d["on"], note=d["note"]
    )


def reservist(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """One reservist: his class and its cited grounds, his group on the day, his health checks,
    training, officer reviews and transfers; the forms that change them (by ``action``)."""
    item = get_for_user(
        request.user,
        Reservist.objects.select_related("person", "holder", "reception"),
        unit_field="holder",
        cap=can_view_reserve,
        public_id=public_id,
    )
    day = reference_date(request)
    posted = request.POST.get("action", "") if request.method == "POST" else ""
    forms = {
        name: cls(request.POST if posted == name else None, prefix=name, initial={field: today()})
        for name, (cls, field) in _ACTIONS.items()
    }
    status = 200
    if request.method == "POST":
        require(can_manage_reserve(request.user))
        if posted not in _ACTIONS:
            status = 400
        elif submit(
            request,
            forms[posted],
            lambda d: _run(request, item, posted, d),
            success=_("Saved."),
        ):
            return redirect(reverse("reserve:reservist", args=[item.public_id]))
        else:
            status = 400
    group = item.group_on(day)
    placement = placed.current_placement(item)
    context = {
        "item": item,
        "day": day,
        "group": group,
        "group_reason": lawtext.text(group.reason),
        "training": standing_of(item, day),
        "forms": forms,
        "posted": posted,
        "records": sel.records_of(item, day),
        "placement": placement,
        "placement_visible": placement is not None
        and scope_of(request.user).contains(placement.unit.area),
        "not_placed": placed.current_not_placed(item),
        "can_manage": can_manage_reserve(request.user),
    }
    return render(request, "reserve/reservist.html", context, status=status)


def transfers(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Reservists moving into the commune: the transfers waiting for its acceptance, and
    the form that accepts one (the register moves, Law 78/2015 Art 17)."""
    commune = commune_for(request, public_id)
    form = AcceptForm(request.POST or None, initial={"on": today()})
    status = 200
    if request.method == "POST":
        require(can_manage_reserve(request.user))
        done = submit(
            request,
            form,
            lambda d: changes.accept_transfer(
                actor=request.user, transfer=_incoming(request, commune, d["transfer"]), on=d["on"]
            ),
            success=_("The transfer has been accepted."),
        )
        if done is not None:
            return redirect(reverse("reserve:reservist", args=[done.value.public_id]))
        status = 400
    context = {
        "commune": commune,
        "rows": sel.incoming_transfers(user=request.user, commune=commune),
        "form": form,
        "can_manage": can_manage_reserve(request.user),
        "today": today(),
    }
    return render(request, "reserve/transfers.html", context, status=status)


def _incoming(request: AuthenticatedHttpRequest, commune: Unit, public_id: uuid.UUID) -> Transfer:
    found = (
        Transfer.objects.filter(to_holder=commune, public_id=public_id)
        .select_related("reservist", "to_holder", "from_holder")
        .first()
    )
    if found is None:
        raise ValidationError({"transfer": [_("No such transfer into this commune.")]})
    return found


def card(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The reserve soldier card (phiếu quân nhân dự bị, form 3) of one reservist, in PDF."""
    item = get_for_user(
        request.user,
        Reservist.objects.select_related("person__residence_unit", "holder", "reception"),
        unit_field="holder",
        cap=can_view_reserve,
        public_id=public_id,
    )
    day = reference_date(request)
    doc = card_document(item, item.group_on(day), day)
    return file_response(
        render_pdf(doc),
        filename=f"phieu-quan-nhan-du-bi-{item.person.full_name}.pdf",
        content_type=PDF,
    )
