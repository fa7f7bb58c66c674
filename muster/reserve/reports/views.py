"""The reserve strength page of the reader's area, and its Excel export (``?format=xlsx``)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from muster.accounts.access import require
from muster.core import lawtext
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.documents.excel import render_xlsx
from muster.documents.http import XLSX, file_response
from muster.geo.scope import scope_of
from muster.law.reserve.register_rules import report_deadlines
from muster.reserve.perms import can_view_reserve
from muster.reserve.reports.documents import HEADERS, strength_document
from muster.reserve.reports.periodic import Period, figures
from muster.reserve.reports.selectors import COLUMNS, strength_report


def strength(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Reservists of each commune of the area and the total, by class, group, kind and sex,
    under the board of the area (placement, assets, the quarter's training and call-outs)."""
    require(can_view_reserve(request.user))
    day = reference_date(request)
    report = strength_report(user=request.user, day=day)
    if request.GET.get("format") == "xlsx":
        doc = strength_document(report)
        return file_response(
            render_xlsx(doc, sheet_title="Quân số DBĐV"),
            filename=f"quan-so-du-bi-{day:%Y%m%d}.xlsx",
            content_type=XLSX,
        )
    rows = [(unit, [getattr(s, c) for c in COLUMNS]) for unit, s in report.rows]
    quarterly, yearly, rule = report_deadlines(day)
    quarter = Period(day.year, (day.month - 1) // 3 + 1)
    board = figures(scope_of(request.user), quarter.first, quarter.last, day)
    context = {
        "quarterly": quarterly,
        "yearly": yearly,
        "deadline_rule": rule,
        "deadline_citation": lawtext.cite_all(rule.citations),
        "day": day,
        "board": board,
        "quarter": quarter,
        "scope_unit": request.user.scope_unit,
        "headers": [str(h) for h in HEADERS],
        "rows": rows,
        "total": [getattr(report.total, c) for c in COLUMNS],
    }
    return render(request, "reserve/strength.html", context)
