"""The militia strength report page and its Excel and PDF files: the reader's area, or one
unit of it (a commune, a regional command, a province, with the units that became it), on
the day asked (``?on=dd/mm/yyyy``)."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.core.dates import today
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.documents.excel import render_workbook
from muster.documents.http import PDF, XLSX, file_response
from muster.documents.pdf import render_pdf_book
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.militia.perms import can_view_militia
from muster.militia.reports.documents import strength_documents
from muster.militia.reports.selectors import StrengthReport, strength_report


def _unit(request: AuthenticatedHttpRequest, public_id: uuid.UUID | None) -> Unit | None:
    if public_id is None:
        return None
    unit = Unit.objects.filter(scope_of(request.user).q("pk"), public_id=public_id).first()
    if unit is None or unit.tier > 3:
        raise Http404(_("Not found, or outside your area."))
    return unit


def _report(request: AuthenticatedHttpRequest, public_id: uuid.UUID | None) -> StrengthReport:
    unit = _unit(request, public_id)
    require(can_view_militia(request.user))
    return strength_report(user=request.user, day=reference_date(request), unit=unit)


def report(request: AuthenticatedHttpRequest, public_id: uuid.UUID | None = None) -> HttpResponse:
    """The communes with their figures, the regional commands' and provinces' roll-ups."""
    found = _report(request, public_id)
    scope = scope_of(request.user)
    linkable = {
        g.unit.pk
        for g in (*found.regions, *found.provinces)
        if g.unit is not None and scope.contains(g.unit)
    }
    return render(
        request,
        "militia/reports/strength.html",
        {"report": found, "day": found.day, "linkable": linkable},
    )


def report_file(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID | None = None, *, fmt: str
) -> HttpResponse:
    """The report as an Excel workbook or a PDF."""
    if fmt not in ("xlsx", "pdf"):
        raise Http404
    found = _report(request, public_id)
    docs = strength_documents(found, today=today())
    code = found.unit.code if found.unit is not None else "dia-ban"
    name = f"quan-so-dan-quan-{code}-{found.day:%Y%m%d}.{fmt}"
    if fmt == "xlsx":
        data = render_workbook([("Theo xã", docs[0]), ("Tổng hợp", docs[1])])
        return file_response(data, filename=name, content_type=XLSX)
    return file_response(render_pdf_book(docs), filename=name, content_type=PDF)
