"""Allowance pages: a commune's allowance list for a month (``?month=MM/YYYY``) with its
payment list in PDF and Excel, and the rates its province has set above the law's floors.
Thin: the selectors read, the service records a rate."""

from __future__ import annotations

import datetime as dt
import uuid

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.core import lawtext
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.excel import render_xlsx
from muster.documents.http import PDF, XLSX, file_response
from muster.documents.pdf import render_pdf
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.militia.allowances import selectors as sel
from muster.militia.allowances import services
from muster.militia.allowances.documents import payment_list
from muster.militia.allowances.forms import ProvinceRateForm, parse_month
from muster.militia.allowances.lines import province_of
from muster.militia.perms import can_manage_militia, can_view_militia


def _commune(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Unit:
    unit = Unit.objects.filter(scope_of(request.user).q("pk"), public_id=public_id).first()
    if unit is None:
        raise Http404(_("Not found, or outside your area."))
    require(can_view_militia(request.user))
    return unit


def _month(request: AuthenticatedHttpRequest) -> tuple[dt.date, bool]:
    """The month asked (``?month=MM/YYYY``), else the current one; whether the input was bad."""
    raw = request.GET.get("month")
    month = parse_month(raw)
    return (month or today().replace(day=1)), bool(raw) and month is None


def allowances(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The commune's allowance lines for the month, each with its rule, and the totals."""
    commune = _commune(request, public_id)
    month, bad = _month(request)
    listing = sel.allowance_month(user=request.user, commune=commune, month=month)
    previous = (month - dt.timedelta(days=1)).replace(day=1)
    following = (month + dt.timedelta(days=32)).replace(day=1)
    context = {
        "commune": commune,
        "month": month,
        "bad_month": bad,
        "listing": listing,
        "previous": previous,
        "following": following,
        "citations": lawtext.cite_rules(listing.rules),
        "totals": [
            (_("Post allowances"), listing.total_of("post")),
            (_("Village militia leaders' monthly allowance"), listing.total_of("village_monthly")),
            (_("Daily work allowance"), listing.total_of("daily_work")),
            (_("Extension top-up"), listing.total_of("top_up")),
            (_("Seniority allowance"), listing.total_of("seniority")),
            (_("Special defence allowance"), listing.total_of("special_defence")),
            (_("Sea duty allowance and meals"), listing.total_of("sea_duty")),
            (
                _("One-off payments (deputy commander, standing militia)"),
                listing.total_of("deputy_one_off") + listing.total_of("standing_completion"),
            ),
        ],
    }
    return render(request, "militia/allowances/month.html", context, status=400 if bad else 200)


def allowances_file(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID, fmt: str
) -> HttpResponse:
    """The month's payment list in PDF or Excel."""
    commune = _commune(request, public_id)
    month, _bad = _month(request)
    listing = sel.allowance_month(user=request.user, commune=commune, month=month)
    doc = payment_list(listing, today=today())
    name = f"phu-cap-dan-quan-{commune.code}-{month:%Y%m}"
    if fmt == "xlsx":
        return file_response(render_xlsx(doc), filename=f"{name}.xlsx", content_type=XLSX)
    return file_response(render_pdf(doc), filename=f"{name}.pdf", content_type=PDF)


def rates(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The rates the commune's province has set; recording one needs the province in the
    user's area."""
    commune = _commune(request, public_id)
    form = ProvinceRateForm(request.POST or None)
    if request.method == "POST":
        require(can_manage_militia(request.user))
        province = Unit.objects.get(pk=province_of(commune))
        done = submit(
            request,
            form,
            lambda data: services.province_rate_set(
                actor=request.user,
                province=province,
                kind=data["kind"],
                valid_from=data["valid_from"],
                amount=data["amount"],
                decision=data["decision"],
            ),
            success=_("The province's rate has been recorded."),
        )
        if done is not None:
            return redirect("militia:allowance_rates", public_id=commune.public_id)
    context = {
        "commune": commune,
        "rates": sel.rates_for_commune(user=request.user, commune=commune),
        "form": form,
        "can_manage": can_manage_militia(request.user),
    }
    return render(
        request,
        "militia/allowances/rates.html",
        context,
        status=400 if request.method == "POST" else 200,
    )
