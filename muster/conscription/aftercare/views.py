"""Pages after the handover and of the allowance: the families notified per campaign (who is
missing), and a commune's food and travel allowance for a period with its payment list in PDF
and Excel. The standards re-check is a card of the recruit's page (``handover.views``). Thin:
forms parse, services decide, selectors read."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap, has_cap
from muster.conscription.aftercare import selectors as sel
from muster.conscription.aftercare import services as aft
from muster.conscription.aftercare.documents import payment_list
from muster.conscription.aftercare.forms import AllowanceLineForm, FamilyNoticeForm, PeriodForm
from muster.conscription.aftercare.models import AllowanceLine
from muster.conscription.campaign.selectors import campaign_for_user
from muster.core import lawtext
from muster.core.dates import today
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.excel import render_xlsx
from muster.documents.http import PDF, XLSX, file_response
from muster.documents.pdf import render_pdf
from muster.geo.models import Unit
from muster.geo.selectors import units_for_user
from muster.people.models import FamilyTie


def family_notices(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Each recruit of the campaign with his family ties and the notices recorded; those
    without a notice are listed first as missing."""
    campaign = campaign_for_user(request.user, public_id)
    rows = sel.family_rows(request.user, campaign)
    status = 200
    failed: FamilyNoticeForm | None = None
    if request.method == "POST":
        require_cap(request.user, Cap.MANAGE_CAMPAIGN)
        row = next(
            (r for r in rows if str(r.recruit.public_id) == request.POST.get("recruit")), None
        )
        if row is None:
            raise Http404(_("Not found, or outside your area."))
        posted = FamilyNoticeForm(request.POST, ties=[(str(t.public_id), "") for t in row.ties])
        if posted.is_valid():
            tie = FamilyTie.objects.get(public_id=posted.cleaned_data["tie"])
            try:
                aft.family_notice_record(
                    actor=request.user,
                    recruit=row.recruit,
                    tie=tie,
                    notified_on=posted.cleaned_data["notified_on"],
                    method=posted.cleaned_data["method"],
                    notified_by=posted.cleaned_data["notified_by"],
                )
                messages.success(request, _("The notice has been recorded."))
                return redirect("campaigns:family_notices", public_id=public_id)
            except ValidationError as error:
                posted.add_service_errors(error)
        failed, status = posted, 400
    can_manage = has_cap(request.user, Cap.MANAGE_CAMPAIGN)
    items = []
    for row in sorted(rows, key=lambda r: bool(r.notices)):
        choices = [
            (str(t.public_id), f"{t.relative_name} ({t.get_relation_display()})") for t in row.ties
        ]
        form: FamilyNoticeForm | None = None
        if can_manage and choices:
            if failed is not None and request.POST.get("recruit") == str(row.recruit.public_id):
                form = failed
            else:
                form = FamilyNoticeForm(
                    ties=choices,
                    initial={"recruit": row.recruit.public_id, "notified_on": today()},
                    auto_id=f"id_{row.recruit.public_id}_%s",
                )
            form.fields["tie"].choices = choices  # type: ignore[attr-defined]
        items.append((row, form))
    return render(
        request,
        "conscription/aftercare/family_notices.html",
        {
            "campaign": campaign,
            "items": items,
            "missing": sum(1 for r in rows if not r.notices),
            "can_manage": can_manage,
        },
        status=status,
    )


def _period(request: AuthenticatedHttpRequest) -> tuple[PeriodForm, dt.date, dt.date]:
    """The period of the query string, by default the current year."""
    day = today()
    form = PeriodForm(request.GET or None)
    start, end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    elif not form.is_bound:
        form = PeriodForm(initial={"start": start, "end": end})
    return form, start, end


def allowance_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The communes in the user's area, each linking to its allowance list."""
    require_cap(request.user, Cap.VIEW_PEOPLE)
    units = units_for_user(request.user).commune_level().valid_on(today()).order_by("path")
    return render(request, "conscription/aftercare/allowance_index.html", {"units": units})


def _unit(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Unit:
    return get_for_user(
        request.user,
        Unit.objects.commune_level(),
        unit_field="pk",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )


def allowance_unit(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A commune's allowance lines for the period: build them from the attendance, correct
    the hours, the travel costs and the payer; the payment list with its totals."""
    unit = _unit(request, public_id)
    period, start, end = _period(request)
    here = reverse("campaigns:allowance_unit", kwargs={"public_id": public_id})
    query = f"?start={start:%d/%m/%Y}&end={end:%d/%m/%Y}"
    status = 200
    line_form: AllowanceLineForm | None = None
    if request.method == "POST":
        require_cap(request.user, Cap.MANAGE_CAMPAIGN)
        status = 400
        try:
            if request.POST.get("action") == "collect":
                added = aft.allowance_collect(actor=request.user, unit=unit, start=start, end=end)
                messages.success(request, _("%(n)s days attended added.") % {"n": added})
                return redirect(here + query)
            line_form = AllowanceLineForm(request.POST)
            if line_form.is_valid():
                line = AllowanceLine.objects.filter(
                    unit=unit, public_id=line_form.cleaned_data["line"]
                ).first()
                if line is None:
                    raise Http404(_("Not found, or outside your area."))
                aft.allowance_line_set(
                    actor=request.user,
                    line=line,
                    hours=line_form.cleaned_data["hours"],
                    travel=line_form.cleaned_data["travel"],
                    payer=line_form.cleaned_data["payer"],
                )
                messages.success(request, _("The line has been saved."))
                return redirect(here + query)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    sheet = sel.payment_sheet(request.user, unit, start, end)
    lines = sel.lines_for(request.user, unit, start, end)
    return render(
        request,
        "conscription/aftercare/allowance_unit.html",
        {
            "unit": unit,
            "period": period,
            "start": start,
            "end": end,
            "query": query,
            "sheet": sheet,
            "lines": lines,
            "citations": lawtext.cite_rules(sheet.rules),
            "line_form": line_form,
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
        },
        status=status,
    )


def allowance_file(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID, fmt: str
) -> HttpResponse:
    """The payment list in PDF or Excel."""
    unit = _unit(request, public_id)
    _form, start, end = _period(request)
    doc = payment_list(sel.payment_sheet(request.user, unit, start, end), today=today())
    name = f"chi-tra-tien-an-{unit.code}-{start:%Y%m%d}-{end:%Y%m%d}"
    if fmt == "xlsx":
        return file_response(render_xlsx(doc), filename=f"{name}.xlsx", content_type=XLSX)
    return file_response(render_pdf(doc), filename=f"{name}.pdf", content_type=PDF)
