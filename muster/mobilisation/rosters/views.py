"""The roster page of a commune on a day, and the form that adds another force to it."""

from __future__ import annotations

import uuid

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.mobilisation import fetch
from muster.mobilisation.board.selectors import orders_of
from muster.mobilisation.forms import OtherForceForm
from muster.mobilisation.perms import can_manage_callout
from muster.mobilisation.rosters import services
from muster.mobilisation.rosters.selectors import roster as roster_of


def roster(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The forces and means the commune can call on the day, and its orders."""
    commune = fetch.commune(request, public_id)
    day = reference_date(request)
    context = {
        "commune": commune,
        "day": day,
        "roster": roster_of(user=request.user, commune=commune, day=day),
        "orders": orders_of(user=request.user, commune=commune),
        "can_manage": can_manage_callout(request.user),
    }
    return render(request, "mobilisation/roster.html", context)


def other_force_new(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Put another force on the commune's roster."""
    commune = fetch.commune(request, public_id, manage=True)
    form = OtherForceForm(request.POST or None, initial={"available_from": today()})
    done = submit(
        request,
        form,
        lambda data: services.other_force_add(actor=request.user, commune=commune, **data),
        success=_("The force is on the roster."),
    )
    if done is not None:
        return redirect("mobilisation:roster", public_id=commune.public_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "mobilisation/other_force_new.html",
        {"commune": commune, "form": form},
        status=status,
    )
