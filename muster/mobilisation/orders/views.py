"""Order pages: draft an order, put the roster's people and assets on it (one by one or a whole
group), issue it, close it, and print its report. Thin: selectors read, services change."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muster.core import lawtext
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.excel import render_xlsx
from muster.documents.http import PDF, XLSX, file_response
from muster.documents.pdf import render_pdf
from muster.law.mobilisation.rules import AUTHORITY_LABELS, order_basis
from muster.law.rulebook import NoRuleInForce
from muster.mobilisation import fetch
from muster.mobilisation.board.selectors import board_of, lines_of
from muster.mobilisation.forms import OrderForm
from muster.mobilisation.orders import services
from muster.mobilisation.orders.documents import callout_report
from muster.mobilisation.orders.models import CallOutLine, CallOutOrder
from muster.mobilisation.perms import can_manage_callout
from muster.mobilisation.rosters import selectors as roster_sel
from muster.mobilisation.rosters.selectors import roster as roster_of


def order_new(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Draft a call-out order of the commune."""
    commune = fetch.commune(request, public_id, manage=True)
    now = timezone.localtime().replace(second=0, microsecond=0)
    form = OrderForm(request.POST or None, initial={"ordered_at": now, "assembly_at": now})
    done = submit(
        request,
        form,
        lambda data: services.order_create(actor=request.user, commune=commune, **data),
        success=_("The order is drafted: put the people and assets on it, then issue it."),
    )
    if done is not None:
        return redirect("mobilisation:order", public_id=done.value.public_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "mobilisation/order_new.html", {"commune": commune, "form": form}, status=status
    )


def _basis(item: CallOutOrder) -> str:
    return lawtext.pick(item.basis_vi, item.basis_en)


def order(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """An order: what it calls; while a draft, the roster to pick from."""
    item = fetch.order(request, public_id)
    can_manage = can_manage_callout(request.user)
    context: dict[str, object] = {
        "order": item,
        "commune": item.holder,
        "lines": lines_of(item),
        "board": board_of(item),
        "basis": _basis(item),
        "can_manage": can_manage,
    }
    if item.is_draft and can_manage:
        day = timezone.localtime(item.ordered_at).date()
        context["roster"] = roster_of(user=request.user, commune=item.holder, day=day)
        rows = list(
            item.lines.values_list("reservist_id", "membership_id", "asset_id", "other_force_id")
        )
        for i, key in enumerate(("taken_r", "taken_m", "taken_a", "taken_o")):
            context[key] = {row[i] for row in rows if row[i]}
        try:
            context["orderers"] = [
                lawtext.text(AUTHORITY_LABELS[c]) for c in order_basis(item.kind, day).orderers
            ]
        except NoRuleInForce:
            context["orderers"] = []
    return render(request, "mobilisation/order.html", context)


def _done(request: AuthenticatedHttpRequest, item: CallOutOrder) -> HttpResponse:
    return redirect("mobilisation:order", public_id=item.public_id)


def _uuids(values: list[str]) -> list[uuid.UUID]:
    try:
        return [uuid.UUID(v) for v in values]
    except ValueError as error:
        raise Http404(_("Not found, or outside your area.")) from error


@require_POST
def order_add(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Put a whole group of the roster (``force`` and ``group``) or the ticked people and
    assets (``pick`` = ``force:uuid``) on a draft order."""
    item = fetch.order(request, public_id, manage=True)
    day = timezone.localtime(item.ordered_at).date()
    try:
        if request.POST.get("group"):
            added = services.order_add_group(
                actor=request.user,
                order=item,
                force=request.POST.get("force", ""),
                group=request.POST["group"],
            )
        else:
            picks: dict[str, list[str]] = {"reservist": [], "militia": [], "asset": [], "other": []}
            for value in request.POST.getlist("pick"):
                force, _sep, key = value.partition(":")
                if force not in picks:
                    raise Http404(_("Not found, or outside your area."))
                picks[force].append(key)
            added = services.order_add_lines(
                actor=request.user,
                order=item,
                reservists=roster_sel.reservists_on(item.holder_id, day).filter(
                    public_id__in=_uuids(picks["reservist"])
                ),
                members=roster_sel.members_on(item.holder_id, day).filter(
                    public_id__in=_uuids(picks["militia"])
                ),
                assets=roster_sel.assets_on(item.holder_id, day).filter(
                    public_id__in=_uuids(picks["asset"])
                ),
                others=roster_sel.other_forces_on(item.holder_id, day).filter(
                    public_id__in=_uuids(picks["other"])
                ),
            )
        messages.success(request, _("%(n)d added to the order.") % {"n": added})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _done(request, item)


@require_POST
def order_remove(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Take a line off a draft order."""
    item = fetch.order(request, public_id, manage=True)
    ids = _uuids([request.POST.get("line", "")])
    line = CallOutLine.objects.filter(order=item, public_id=ids[0]).select_related("order").first()
    if line is None:
        raise Http404(_("Not found, or outside your area."))
    try:
        services.order_remove_line(actor=request.user, line=line)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _done(request, item)


@require_POST
def order_issue(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Issue the order now: the lines are frozen and notified."""
    item = fetch.order(request, public_id, manage=True)
    try:
        services.order_issue(actor=request.user, order=item)
        messages.success(request, _("The order has been issued; the board is live."))
        return redirect("mobilisation:board", public_id=item.public_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _done(request, item)


@require_POST
def order_close(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Close the call-out now."""
    item = fetch.order(request, public_id, manage=True)
    try:
        services.order_close(actor=request.user, order=item)
        messages.success(request, _("The call-out has been closed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _done(request, item)


def report(request: AuthenticatedHttpRequest, public_id: uuid.UUID, fmt: str) -> HttpResponse:
    """The call-out report in PDF or Excel."""
    item = fetch.order(request, public_id)
    doc = callout_report(item, list(lines_of(item)), board_of(item), today=today())
    name = f"huy-dong-{item.number}".replace("/", "-")
    if fmt == "xlsx":
        return file_response(render_xlsx(doc), filename=f"{name}.xlsx", content_type=XLSX)
    return file_response(render_pdf(doc), filename=f"{name}.pdf", content_type=PDF)


def report_pdf(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return report(request, public_id, "pdf")


def report_xlsx(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return report(request, public_id, "xlsx")
