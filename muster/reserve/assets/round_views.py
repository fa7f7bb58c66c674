"""Pages of the yearly registration of technical assets: a commune's rounds (hold a new one),
one round (its report by kind, the assets not yet checked, confirm them) and the area's
roll-up for a year, each with its Excel file."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user, require
from muster.core import lawtext
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.excel import render_workbook, render_xlsx
from muster.documents.http import XLSX, file_response
from muster.law.reserve.enums import ASSET_LABELS
from muster.reserve.assets import rounds
from muster.reserve.assets.documents import area_tables, round_table
from muster.reserve.assets.forms import ConfirmForm, RoundForm
from muster.reserve.assets.models import Asset, RegistrationRound
from muster.reserve.perms import can_manage_assets, can_view_reserve
from muster.reserve.views import commune_for


def _rules_context(year: int) -> dict[str, object]:
    yearly, period = rounds.yearly_rules(dt.date(year, 12, 31))
    return {
        "yearly_rule": yearly,
        "period_rule": period,
        "yearly_title": lawtext.pick(yearly.title_vi, yearly.title),
        "period_title": lawtext.pick(period.title_vi, period.title),
        "citations": "; ".join(
            lawtext.pick(c.label_vi, c.label) for c in (*yearly.citations, *period.citations)
        ),
    }


def asset_rounds(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The commune's yearly registrations; hold this year's."""
    commune = commune_for(request, public_id)
    year = today().year
    start, end = rounds.default_period(year)
    form = RoundForm(
        request.POST or None, initial={"year": year, "opened_on": start, "closed_on": end}
    )
    status = 200
    if request.method == "POST":
        require(can_manage_assets(request.user))
        done = submit(
            request,
            form,
            lambda d: rounds.open_round(
                actor=request.user,
                commune=commune,
                year=d["year"],
                opened_on=d["opened_on"],
                closed_on=d["closed_on"],
                note=d["note"],
            ),
            success=_("The yearly registration has been opened."),
        )
        if done is not None:
            return redirect(reverse("reserve:asset_round", args=[done.value.public_id]))
        status = 400
    items = list(RegistrationRound.objects.filter(holder=commune).order_by("-year"))
    context = {
        "commune": commune,
        "reports": rounds.round_reports(items),
        "form": form,
        "can_manage": can_manage_assets(request.user),
        **_rules_context(year),
    }
    return render(request, "reserve/assets/rounds.html", context, status=status)


def _round(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> RegistrationRound:
    return get_for_user(
        request.user,
        RegistrationRound.objects.select_related("holder"),
        unit_field="holder",
        cap=can_view_reserve,
        public_id=public_id,
    )


def asset_round(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """One round: its report by kind, its entries, the assets not yet checked (confirm them)."""
    item = _round(request, public_id)
    start_eve = item.opened_on - dt.timedelta(days=1)
    seen = item.entries.values("asset_id")
    unchecked = list(
        Asset.objects.filter(holder=item.holder_id, registered_on__lte=start_eve)
        .exclude(removed_on__lte=start_eve)
        .exclude(pk__in=seen)
        .select_related("owner_person")
        .order_by("kind", "registration_number")
    )
    day = min(today(), item.closed_on)
    form = ConfirmForm(request.POST or None, initial={"on": max(day, item.opened_on)})
    status = 200
    if request.method == "POST":
        require(can_manage_assets(request.user))
        picked = set(request.POST.getlist("asset"))
        chosen = [a for a in unchecked if str(a.public_id) in picked]
        done = submit(
            request,
            form,
            lambda d: rounds.confirm_assets(
                actor=request.user, round=item, assets=chosen, on=d["on"]
            ),
            success=None,
        )
        if done is not None:
            messages.success(request, _("%(n)d assets confirmed unchanged.") % {"n": done.value})
            return redirect(reverse("reserve:asset_round", args=[item.public_id]))
        status = 400
    report = rounds.round_reports([item])[0]
    context = {
        "item": item,
        "commune": item.holder,
        "report": report,
        "kind_rows": [(lawtext.text(ASSET_LABELS[k]), t) for k, t in report.by_kind.items()],
        "entries": item.entries.select_related("asset", "asset__owner_person").order_by(
            "action", "asset__registration_number"
        ),
        "unchecked": unchecked,
        "form": form,
        "can_manage": can_manage_assets(request.user),
        **_rules_context(item.year),
    }
    return render(request, "reserve/assets/round.html", context, status=status)


def asset_round_xlsx(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    item = _round(request, public_id)
    table = round_table(rounds.round_reports([item])[0], today=today())
    return file_response(
        render_xlsx(table, sheet_title="Đăng ký PTKTDB"),
        filename=f"Đăng ký PTKTDB {item.holder.name} {item.year}.xlsx",
        content_type=XLSX,
    )


def _year(request: AuthenticatedHttpRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2020 <= int(raw) <= 2100 else today().year


def asset_area_report(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The yearly registrations of the reader's area for a year, by commune and by kind."""
    require(can_view_reserve(request.user))
    year = _year(request)
    report = rounds.area_report(user=request.user, year=year)
    context = {
        "report": report,
        "year": year,
        "commune_rows": [
            (r.round, lawtext.text(ASSET_LABELS[k]), t)
            for r in report.reports
            for k, t in r.by_kind.items()
        ],
        "kind_rows": [(lawtext.text(ASSET_LABELS[k]), t) for k, t in report.by_kind.items()],
        **_rules_context(year),
    }
    return render(request, "reserve/assets/area.html", context)


def asset_area_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(can_view_reserve(request.user))
    year = _year(request)
    report = rounds.area_report(user=request.user, year=year)
    scope = request.user.scope_unit
    place = scope.name if scope is not None else "Việt Nam"
    return file_response(
        render_workbook(area_tables(report, place=place, today=today())),
        filename=f"Tổng hợp đăng ký PTKTDB {year}.xlsx",
        content_type=XLSX,
    )
