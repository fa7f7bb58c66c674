"""Pages of discharge reception: a commune's expected returns and received soldiers, and the
form that receives one. Thin: services change, selectors read."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user, require
from muster.conscription.handover.models import Recruit
from muster.core import lawtext
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.documents.http import PDF, file_response
from muster.documents.pdf import render_pdf
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.people.models import Person
from muster.reserve.discharge import selectors as sel
from muster.reserve.discharge import services
from muster.reserve.discharge.models import DischargeReception
from muster.reserve.documents import allowances_document
from muster.reserve.forms import ReceiveForm
from muster.reserve.perms import can_manage_reserve, can_view_reserve
from muster.reserve.views import commune_for


def returns(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The soldiers expected home by month, and those received with their registration
    deadline (late in red)."""
    commune = commune_for(request, public_id)
    day = reference_date(request)
    since = day.replace(day=1) - dt.timedelta(days=180)
    months = sel.expected_returns(user=request.user, commune=commune, since=since)
    context = {
        "commune": commune,
        "day": day,
        "months": months,
        "expected_total": sum(len(m.soldiers) for m in months),
        "received": sel.received(user=request.user, commune=commune, day=day),
        "can_manage": can_manage_reserve(request.user),
    }
    return render(request, "reserve/returns.html", context)


def receive(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Receive a discharged soldier: the service, the discharge and the arrival home."""
    commune = commune_for(request, public_id)
    require(can_manage_reserve(request.user))
    form = ReceiveForm(request.POST or None, initial={"on": today()})
    if submit(
        request,
        form,
        lambda d: _receive(request, commune, d),
        success=_("The discharged soldier has been received."),
    ):
        return redirect(reverse("reserve:returns", args=[commune.public_id]))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "reserve/receive.html", {"commune": commune, "form": form}, status=status
    )


def _receive(
    request: AuthenticatedHttpRequest, commune: Unit, data: dict[str, Any]
) -> DischargeReception:
    person = Person.objects.filter(
        scope_of(request.user).q("registration_unit"), national_id=data["national_id"].strip()
    ).first()
    if person is None:
        raise ValidationError({"national_id": [_("No citizen of your area has this ID number.")]})
    recruit = (
        Recruit.objects.filter(decision__person=person)
        .select_related("handover", "decision")
        .order_by("-handover__handed_on")
        .first()
    )
    return services.receive_discharged(
        actor=request.user,
        person=person,
        commune=commune,
        recruit=recruit,
        service_started_on=data["service_started_on"],
        discharged_on=data["discharged_on"],
        arrived_home_on=data["arrived_home_on"],
        return_note=data["return_note"],
        on=data["on"],
    )


def reception(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """One received soldier: his service, the registration deadline and the one-off
    allowances he is owed on discharge (Decree 27/2016 Arts 7–8), printable."""
    item = get_for_user(
        request.user,
        DischargeReception.objects.select_related("person", "holder", "recruit__handover"),
        unit_field="holder",
        cap=can_view_reserve,
        public_id=public_id,
    )
    owed = sel.allowances_of(item)
    if request.GET.get("format") == "pdf":
        doc = allowances_document(item, owed, today())
        return file_response(
            render_pdf(doc),
            filename=f"tro-cap-xuat-ngu-{item.person.full_name}.pdf",
            content_type=PDF,
        )
    rows = [
        {
            "title": lawtext.title(a.rule),
            "reason": lawtext.text(a.reason),
            "amount": a.amount,
            "months": a.months,
            "citation": lawtext.cite_all(a.rule.citations),
            "confirmed": a.confirmed,
            "note": a.rule.note,
        }
        for a in owed.items
    ]
    context = {
        "item": item,
        "owed": owed,
        "rows": rows,
        "base": owed.base_salary,
        "base_citation": lawtext.cite_all(owed.base_salary.citations) if owed.base_salary else "",
        "served": lawtext.pick(owed.served.vi, owed.served.en),
    }
    return render(request, "reserve/reception.html", context)
