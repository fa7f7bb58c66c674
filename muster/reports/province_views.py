"""The province's results over every commune, year over year (issue 20 item 1)."""

from __future__ import annotations

import uuid

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from muster.accounts.access import require_cap
from muster.accounts.perms import Cap
from muster.core.dbrouter import replica_view
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.excel import render_xlsx
from muster.documents.http import file_response
from muster.documents.pdf import render_pdf
from muster.reports import selectors
from muster.reports.province import table, year_over_year


@replica_view
def province(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Every commune of the campaign in the user's area, grouped by regional defence command,
    with the quota and the recruits handed over of the past years summed through the mergers
    beside the campaign's own; ``?format=xlsx`` or ``pdf`` downloads the table."""
    campaign = selectors.campaign_for_user(request.user, public_id)
    require_cap(request.user, Cap.VIEW_REPORTS)
    data = year_over_year(user=request.user, campaign=campaign)
    fmt = request.GET.get("format", "")
    if fmt in ("xlsx", "pdf"):
        title = _("Call-up results by commune, year over year")
        doc = table(
            data,
            commune=_("Commune"),
            region=_("Regional defence command"),
            quota=_("Quota"),
            handed=_("Handed over"),
            title=f"{title} ({campaign.unit.name})",
        )
        name = f"ket-qua-theo-nam-{campaign.year}.{fmt}"
        if fmt == "xlsx":
            return file_response(
                render_xlsx(doc, sheet_title=str(campaign.year)),
                filename=name,
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        return file_response(render_pdf(doc), filename=name, content_type="application/pdf")
    return render(
        request,
        "reports/province.html",
        {
            "campaign": campaign,
            # The unit the other tabs open on: the province, or the user's own area within it.
            "unit": selectors.report_unit(request.user, campaign, None),
            "units": [],
            "tab": "province",
            "data": data,
            "colspan": 2 * len(data.years) + 1,
        },
    )
