"""The live board of a call-out (counts by force and group, refreshed by htmx polling) and the
clerk's page that records arrivals with one tap per line (htmx swaps the line back)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muster.core.http import AuthenticatedHttpRequest
from muster.mobilisation import fetch
from muster.mobilisation.board.selectors import board_of, lines_of
from muster.mobilisation.orders import services
from muster.mobilisation.orders.models import CallOutLine, CallOutOrder
from muster.mobilisation.perms import can_manage_callout

#: Seconds between two refreshes of the live board.
POLL_SECONDS = 5


def _context(order: CallOutOrder) -> dict[str, object]:
    return {"order": order, "board": board_of(order), "poll": POLL_SECONDS}


def board(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The board page."""
    item = fetch.order(request, public_id)
    context = _context(item) | {
        "commune": item.holder,
        "can_manage": can_manage_callout(request.user) and item.is_live,
    }
    return render(request, "mobilisation/board.html", context)


def board_live(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The board's counts alone, for htmx polling."""
    item = fetch.order(request, public_id)
    return render(request, "mobilisation/_board.html", _context(item))


def clerk(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Every line with its buttons: acknowledged, arrived, absent (with a reason)."""
    item = fetch.order(request, public_id, manage=True)
    context = _context(item) | {
        "commune": item.holder,
        "lines": lines_of(item),
        "can_mark": item.is_live,
    }
    return render(request, "mobilisation/clerk.html", context)


@require_POST
def mark(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Record a line's answer; an htmx request gets the line back, others a redirect."""
    item = fetch.order(request, public_id, manage=True)
    try:
        line_id = uuid.UUID(request.POST.get("line", ""))
    except ValueError as error:
        raise Http404(_("Not found, or outside your area.")) from error
    line = CallOutLine.objects.filter(order=item, public_id=line_id).select_related("order").first()
    if line is None:
        raise Http404(_("Not found, or outside your area."))
    line.order = item
    problem = ""
    status = 200
    try:
        services.line_mark(
            actor=request.user,
            line=line,
            mark=request.POST.get("mark", ""),
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as failure:
        problem = " ".join(failure.messages)
        status = 400
    if request.htmx:
        line.refresh_from_db()
        context = {"order": item, "line": line, "can_mark": item.is_live, "error": problem}
        return render(request, "mobilisation/_line.html", context, status=status)
    if problem:
        messages.error(request, problem)
    return redirect("mobilisation:clerk", public_id=item.public_id)
