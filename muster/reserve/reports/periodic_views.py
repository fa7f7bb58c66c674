"""The reserve's quarterly and yearly reports of an area (a commune or larger): the page of a
year's periods with their deadlines, and each report as PDF or Word."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpResponse
from django.shortcuts import render

from muster.core import lawtext
from muster.core.dates import today
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.http import DOCX, PDF, file_response
from muster.documents.pdf import render_report_pdf
from muster.documents.word import render_report_docx
from muster.geo.models import COMMUNE_LEVEL_KINDS
from muster.geo.scope import scope_of_unit
from muster.reserve.reports.periodic import Period, figures, periods_of
from muster.reserve.reports.periodic_documents import periodic_report
from muster.reserve.units.selectors import area_for_user


def periods(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The year's four quarterly reports and the yearly one, with their deadlines."""
    area = area_for_user(request.user, public_id)
    now = today()
    years = [y for y in range(now.year, now.year - 6, -1) if Period(y).in_force()]
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and int(raw) in years else now.year
    rows = [
        (p, p.deadline(), p.rule(), p.first <= now, p.deadline() < now) for p in periods_of(year)
    ]
    rule = rows[-1][2]
    context = {
        "area": area,
        "commune": area if area.kind in COMMUNE_LEVEL_KINDS else None,
        "year": year,
        "years": years,
        "rows": rows,
        "rule": rule,
        "citation": lawtext.cite_all(rule.citations),
    }
    return render(request, "reserve/report_periods.html", context)


def report(request: AuthenticatedHttpRequest, public_id: uuid.UUID, fmt: str) -> HttpResponse:
    """The report of ``?period=`` (``2025-q3`` or ``2025``; the running quarter when absent)
    of the area, PDF or Word."""
    area = area_for_user(request.user, public_id)
    now = today()
    raw = request.GET.get("period")
    chosen = Period.parse(raw) if raw else Period(now.year, (now.month - 1) // 3 + 1)
    if chosen is None or chosen.first > now or not chosen.in_force():
        raise Http404
    found = figures(scope_of_unit(area), chosen.first, chosen.last, chosen.day(now))
    doc = periodic_report(area, chosen, found, today=now)
    name = f"bao-cao-dbdv-{chosen.slug}"
    if fmt == "docx":
        return file_response(render_report_docx(doc), filename=f"{name}.docx", content_type=DOCX)
    return file_response(render_report_pdf(doc), filename=f"{name}.pdf", content_type=PDF)
