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

from muster.accounts.access import require
from muster.conscription.handover.models import Recruit
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.people.models import Person
from muster.reserve.discharge import selectors as sel
from muster.reserve.discharge import services
from muster.reserve.discharge.models import DischargeReception
from muster.reserve.forms import ReceiveForm
from muster.reserve.perms import can_manage_reserve
from muster.reserve.views import commune_for


def returns(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The soldiers expected home by month, and those received with their registration
    deadline (late in red)."""
    commune = commune_for(request, public_id)
    day = reference_date(request)
    since = day.replace(day=1) - dt.timedelta(days=180)
    context = {
        "commune": commune,
        "day": day,
        "months": sel.expected_returns(user=request.user, commune=commune, since=since),
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
