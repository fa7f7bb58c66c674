"""Pages of the placement allowances: an area's payment lists (reserve officers by month,
professional soldiers / NCOs / soldiers by year, Khung B cadres by quarter) with their PDF and
Excel, and the Khung B cadres of a unit (appoint, end). Thin: selectors read, services change."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.core.dates import today
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.documents.excel import render_xlsx
from muster.documents.http import PDF, XLSX, file_response
from muster.documents.pdf import render_pdf
from muster.geo.scope import scope_of
from muster.reserve.payments import selectors as sel
from muster.reserve.payments import services
from muster.reserve.payments.documents import payment_document
from muster.reserve.payments.forms import AppointForm, EndAppointmentForm
from muster.reserve.payments.models import KhungBAppointment
from muster.reserve.perms import can_manage_reserve
from muster.reserve.placement.selectors import current_placements_of_unit
from muster.reserve.register.models import Reservist
from muster.reserve.units.models import ReserveUnit
from muster.reserve.units.selectors import area_for_user, unit_for_user

if TYPE_CHECKING:
    from muster.accounts.models import User


def _period(request: AuthenticatedHttpRequest) -> sel.Period:
    """The list asked for (``?kind=officers|soldiers|khung-b&year=&n=``), by default the
    reference day's month, year or quarter."""
    day = reference_date(request)
    raw_kind = request.GET.get("kind", sel.ListKind.OFFICERS)
    kind = sel.ListKind(raw_kind) if raw_kind in sel.ListKind.__members__.values() else None
    if kind is None:
        kind = sel.ListKind.OFFICERS
    raw_year, raw_n = request.GET.get("year", ""), request.GET.get("n", "")
    year = int(raw_year) if raw_year.isdigit() and 2020 <= int(raw_year) <= 2100 else day.year
    top = {sel.ListKind.OFFICERS: 12, sel.ListKind.KHUNG_B: 4, sel.ListKind.SOLDIERS: 0}[kind]
    default = {
        sel.ListKind.OFFICERS: day.month,
        sel.ListKind.KHUNG_B: (day.month - 1) // 3 + 1,
        sel.ListKind.SOLDIERS: 0,
    }[kind]
    number = int(raw_n) if raw_n.isdigit() and 1 <= int(raw_n) <= top else default
    return sel.Period(kind, year, number)


def payments(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """An area's payment list of the placement allowances for the period asked."""
    area = area_for_user(request.user, public_id)
    period = _period(request)
    sheet = sel.payment_list(area, period)
    context = {
        "area": area,
        "period": period,
        "sheet": sheet,
        "kinds": [
            (sel.ListKind.OFFICERS.value, _("Reserve officers (monthly)")),
            (sel.ListKind.SOLDIERS.value, _("Professional soldiers, NCOs and soldiers (yearly)")),
            (sel.ListKind.KHUNG_B.value, _("Khung B cadres (quarterly)")),
        ],
        "query": f"kind={period.kind.value}&year={period.year}&n={period.number}",
        "months": range(1, 13),
        "quarters": range(1, 5),
    }
    return render(request, "reserve/payments/list.html", context)


def payments_file(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID, fmt: str
) -> HttpResponse:
    """The payment list in PDF or Excel."""
    area = area_for_user(request.user, public_id)
    period = _period(request)
    doc = payment_document(sel.payment_list(area, period), today=today())
    name = f"phu-cap-{period.kind.value}-{area.code}-{period.year}-{period.number:02d}"
    if fmt == "xlsx":
        return file_response(render_xlsx(doc), filename=f"{name}.xlsx", content_type=XLSX)
    if fmt == "pdf":
        return file_response(render_pdf(doc), filename=f"{name}.pdf", content_type=PDF)
    raise Http404(_("Not found, or outside your area."))


def _candidates(unit: ReserveUnit) -> list[Reservist]:
    """Whom the unit's cadres are chosen from: the reservists the current placement put in
    it (a cadre already appointed stays offered)."""
    people = [p.reservist for p in current_placements_of_unit(unit)]
    return sorted(people, key=lambda r: (r.person.full_name, r.pk))


def cadre_forms(
    unit: ReserveUnit,
    cadres: list[KhungBAppointment],
    *,
    user: User,
    request: AuthenticatedHttpRequest | None = None,
) -> tuple[AppointForm, EndAppointmentForm]:
    """The two forms of the unit page, bound to the POST of their action when given. Only the
    reservists of the user's area are offered: one of another commune is neither named by his
    id nor appointed from here."""
    scope = scope_of(user)
    people = [
        (str(r.public_id), f"{r.person.full_name} ({r.person.date_of_birth:%Y})")
        for r in _candidates(unit)
        if scope.contains(r.holder)
    ]
    held = [
        (str(a.public_id), f"{a.reservist.person.full_name}: {a.post_label}")
        for a in cadres
        if a.ended_on is None
    ]
    action = request.POST.get("action") if request is not None else None
    data = request.POST if request is not None else None
    appoint = AppointForm(
        data if action == "appoint" else None,
        reservists=people,
        prefix="appoint",
        initial={"appointed_on": today()},
    )
    end = EndAppointmentForm(
        data if action == "end" else None,
        appointments=held,
        prefix="end",
        initial={"ended_on": today()},
    )
    return appoint, end


def cadres(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A unit's Khung B cadres: the list, and the forms that appoint and end (also on the
    unit's page, which posts here)."""
    unit = unit_for_user(request.user, public_id)
    rows = sel.cadres_of_unit(unit)
    appoint, end = cadre_forms(
        unit, rows, user=request.user, request=request if request.method == "POST" else None
    )
    status = 200
    if request.method == "POST":
        require(can_manage_reserve(request.user))
        action = request.POST.get("action")
        if action == "appoint":
            pool = {str(r.public_id): r for r in _candidates(unit)}
            if submit(
                request,
                appoint,
                lambda d: services.appoint(
                    actor=request.user,
                    unit=unit,
                    reservist=pool[d["reservist"]],
                    post=d["post"],
                    appointed_on=d["appointed_on"],
                    decision=d["decision"],
                ),
                success=_("The Khung B cadre has been appointed."),
            ):
                return redirect(reverse("reserve:unit", args=[unit.public_id]))
        elif action == "end":
            by_key = {str(a.public_id): a for a in rows}
            if submit(
                request,
                end,
                lambda d: services.end_appointment(
                    actor=request.user,
                    appointment=by_key[d["appointment"]],
                    ended_on=d["ended_on"],
                    decision=d["decision"],
                ),
                success=_("The appointment has ended."),
            ):
                return redirect(reverse("reserve:unit", args=[unit.public_id]))
        else:
            raise Http404(_("Unknown action."))
        status = 400
    context = {
        "unit": unit,
        "area": unit.area,
        "cadres": rows,
        "appoint_form": appoint,
        "end_form": end,
        "can_manage": can_manage_reserve(request.user),
    }
    return render(request, "reserve/payments/cadres.html", context, status=status)
