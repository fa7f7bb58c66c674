"""Readiness pages: who can be called out now in a commune, the call-out order, and the live
board of a call-out where the members' answers are recorded from a phone (refreshed by htmx
every 10 seconds). Thin: selectors read, services change."""

from __future__ import annotations

import uuid
from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muster.accounts.access import get_for_user, require
from muster.core.dated import open_on
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.militia.organisation.models import MilitiaUnit
from muster.militia.perms import can_manage_militia, can_view_militia
from muster.militia.readiness import selectors as sel
from muster.militia.readiness import services
from muster.militia.readiness.forms import CallOutForm
from muster.militia.readiness.models import CallOut, CallOutMember

#: Seconds between two refreshes of the live board.
POLL_SECONDS = 10


def _commune(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Unit:
    unit = Unit.objects.filter(scope_of(request.user).q("pk"), public_id=public_id).first()
    if unit is None:
        raise Http404(_("Not found, or outside your area."))
    require(can_view_militia(request.user))
    return unit


def _callout(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> CallOut:
    return get_for_user(
        request.user,
        CallOut.objects.select_related("holder"),
        unit_field="holder",
        cap=can_view_militia,
        public_id=public_id,
    )


def readiness(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The commune's members who can be called out on the day, per unit and component, and
    its call-outs."""
    commune = _commune(request, public_id)
    day = reference_date(request)
    context = {
        "commune": commune,
        "day": day,
        "ready": sel.readiness_of_commune(user=request.user, commune=commune, day=day),
        "callouts": sel.callouts_of_commune(user=request.user, commune=commune),
        "can_manage": can_manage_militia(request.user),
    }
    return render(request, "militia/readiness/readiness.html", context)


def callout_new(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Order a call-out of some of the commune's units."""
    commune = _commune(request, public_id)
    require(can_manage_militia(request.user))
    day = today()
    units = MilitiaUnit.objects.filter(
        open_on(day, "established_on"),
        holder=commune,
    ).order_by("component", "name")
    form = CallOutForm(request.POST or None, units=units)
    done = submit(
        request,
        form,
        lambda data: services.callout_create(
            actor=request.user,
            commune=commune,
            kind=data["kind"],
            purpose=data["purpose"],
            description=data["description"],
            ordered_by=data["ordered_by"],
            order_ref=data["order_ref"],
            ordered_at=data["ordered_at"],
            units=data["units"],
        ),
        success=_("The call-out has been recorded; the members are listed."),
    )
    if done is not None:
        return redirect("militia:callout", public_id=done.value.public_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "militia/readiness/callout_new.html",
        {"commune": commune, "form": form},
        status=status,
    )


def _board_context(request: AuthenticatedHttpRequest, callout: CallOut) -> dict[str, object]:
    return {
        "callout": callout,
        "board": sel.callout_board(callout),
        "can_manage": can_manage_militia(request.user) and callout.is_open,
        "poll": POLL_SECONDS,
    }


def callout(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A call-out: its order, and the live board of the members' answers."""
    item = _callout(request, public_id)
    context = _board_context(request, item) | {"commune": item.holder}
    return render(request, "militia/readiness/callout.html", context)


def callout_live(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The board alone, for htmx polling."""
    item = _callout(request, public_id)
    return render(request, "militia/readiness/_board.html", _board_context(request, item))


@require_POST
def callout_mark(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Record a member's answer: acknowledged, arrived or not reached (the board comes back
    to an htmx request, a redirect to the others)."""
    item = _callout(request, public_id)
    require(can_manage_militia(request.user))
    try:
        member_id = uuid.UUID(request.POST.get("member", ""))
    except ValueError as error:
        raise Http404(_("Not found, or outside your area.")) from error
    member = (
        CallOutMember.objects.filter(callout=item, membership__public_id=member_id)
        .select_related("callout__holder", "membership__person")
        .first()
    )
    if member is None:
        raise Http404(_("Not found, or outside your area."))
    status = 200
    try:
        mark = request.POST.get("mark", "")
        if mark not in services.MARKS:
            raise ValidationError(_("Unknown mark."))
        services.callout_mark(actor=request.user, member=member, mark=cast(services.Mark, mark))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        status = 400
    if request.htmx:
        context = _board_context(request, item) | {"error": status == 400}
        return render(request, "militia/readiness/_board.html", context, status=status)
    return redirect(reverse("militia:callout", kwargs={"public_id": item.public_id}))


@require_POST
def callout_close(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Close the call-out now."""
    item = _callout(request, public_id)
    require(can_manage_militia(request.user))
    try:
        services.callout_close(actor=request.user, callout=item)
        messages.success(request, _("The call-out has been closed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("militia:callout", kwargs={"public_id": item.public_id}))
