"""Pages of public postings: the campaign's postings board, publishing, a posting (staff),
its correction and printable notice, complaints; and the two public pages without login.

Staff pages: every read-only role reads (Cap.VIEW_PEOPLE); the commune commander and the
district or PTKV officer (Cap.MANAGE_CAMPAIGN) publish, withdraw, correct and record and
resolve complaints. The public pages show a posting exactly as posted (its snapshot) and
nothing else; the names only while the posting window is open.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap, has_cap
from muster.conscription.campaign.models import CampaignCommune
from muster.conscription.campaign.selectors import campaign_for_user
from muster.conscription.postings import selectors as sel
from muster.conscription.postings import services as ps
from muster.conscription.postings.documents import (
    commune_title,
    complaint_line,
    notice_report,
    window_line,
)
from muster.conscription.postings.forms import (
    ComplaintForm,
    CorrectForm,
    PublishForm,
    ResolveForm,
    WithdrawForm,
    place_labels,
)
from muster.conscription.postings.models import Complaint, ComplaintOutcome, Posting, PostingKind
from muster.core.dates import prefill_day
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.http import report_pdf_response
from muster.law.callup.postings import book as posting_book
from muster.law.callup.postings import rows as posting_rows
from muster.law.callup.postings import schedule as posting_schedule
from muster.law.rulebook import NoRuleInForce

#: Column headings of the rows, per kind (the notice prints the Vietnamese ones of the rules).
COLUMNS = {
    "deferral_exemption": (
        gettext_lazy("No."),
        gettext_lazy("Full name"),
        gettext_lazy("Year of birth"),
        gettext_lazy("Village or residential group"),
        gettext_lazy("Decision"),
        gettext_lazy("Ground (legal basis)"),
    ),
    "screening_results": (
        gettext_lazy("No."),
        gettext_lazy("Full name"),
        gettext_lazy("Year of birth"),
        gettext_lazy("Village or residential group"),
        gettext_lazy("Result"),
    ),
    "callup_list": (
        gettext_lazy("No."),
        gettext_lazy("Full name"),
        gettext_lazy("Year of birth"),
        gettext_lazy("Village or residential group"),
        gettext_lazy("Service"),
        gettext_lazy("Enlistment day"),
    ),
}
COLUMNS["exam_results"] = COLUMNS["screening_results"]
#: Public pages may be cached briefly by the browser and shared caches: they hold nothing but
#: what the commune posts on its board, never depend on the visitor (no session, no cookie,
#: always Vietnamese), and a withdrawal shows within five minutes.
PUBLIC_CACHE = "public, max-age=300"


def _table(posting: Posting) -> dict[str, Any]:
    return {
        "columns": [str(c) for c in COLUMNS[posting.kind]],
        "cells": [posting_rows.row_cells(posting.kind, row) for row in posting.rows],
    }


def _public_url(request: HttpRequest, posting: Posting) -> str:
    return request.build_absolute_uri(
        reverse("postings:public_detail", kwargs={"public_id": posting.public_id})
    )


# ----------------------------------------------------------------------------- staff


def campaign_postings(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Per commune and list: posted or not, in time or not, the window, complaints."""
    campaign = campaign_for_user(request.user, public_id)
    today = timezone.localdate()
    rows = sel.board(user=request.user, campaign=campaign, today=today)
    return render(
        request,
        "conscription/postings/campaign_postings.html",
        {
            "campaign": campaign,
            "rows": rows,
            "kinds": [PostingKind(k).label for k in posting_book.KINDS],
            "today": today,
            "missed": sum(r.missed for r in rows),
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
        },
    )


def _commune(request: AuthenticatedHttpRequest, public_id: uuid.UUID, cap: Cap) -> CampaignCommune:
    return get_for_user(
        request.user,
        CampaignCommune.objects.select_related("unit", "campaign__unit"),
        unit_field="unit",
        cap=cap,
        public_id=public_id,
    )


def _default_places(kind: str, day: dt.date) -> list[str]:
    try:
        return list(posting_schedule.window(kind, day).places)
    except NoRuleInForce:
        return ["hq"]


def _posting_input(data: dict[str, Any], source: str = "") -> ps.PostingInput:
    """What a publish or correct form gives the service (its cleaned data)."""
    return ps.PostingInput(
        posted_on=data["posted_on"],
        places=data["places"],
        title=data["title"],
        signer=data["signer"],
        source=source,
    )


def _missing_places_warning(request: HttpRequest, posting: Posting) -> None:
    missing = posting_schedule.missing_places(
        posting.kind, posting.posted_on, posting.places.split(",")
    )
    if missing:
        messages.warning(
            request,
            _("The rule in force also requires posting at: %(places)s.")
            % {"places": "; ".join(place_labels(",".join(missing)))},
        )


def posting_create(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Publish one of the commune's lists: the snapshot is taken as of the posting day."""
    commune = _commune(request, public_id, Cap.MANAGE_CAMPAIGN)
    today = timezone.localdate()
    kind = request.GET.get("kind", "")
    kind = kind if kind in PostingKind.values else PostingKind.DEFERRAL_EXEMPTION
    # Today only before the handover: a closed campaign's form is left empty.
    posted_on = prefill_day(None, commune.campaign.handover_start - dt.timedelta(days=1))
    form = PublishForm(
        request.POST or None,
        initial={
            "kind": kind,
            "posted_on": posted_on,
            "places": _default_places(kind, posted_on or commune.campaign.handover_start),
        },
    )
    status = 200
    if request.method == "POST":
        status = 400
        done = submit(
            request,
            form,
            lambda data: ps.posting_publish(
                actor=request.user,
                commune=commune,
                kind=data["kind"],
                data=_posting_input(
                    data, data["source"] if data["kind"] == PostingKind.CALLUP_LIST else ""
                ),
            ),
            success=_("The list has been posted."),
        )
        if done:
            _missing_places_warning(request, done.value)
            return redirect("postings:posting_detail", public_id=done.value.public_id)
    preview = []
    for k in posting_book.KINDS:
        gathered = sel.gather(commune=commune, kind=k, as_of=today)
        preview.append((PostingKind(k).label, len(gathered.items)))
    return render(
        request,
        "conscription/postings/posting_form.html",
        {
            "commune": commune,
            "campaign": commune.campaign,
            "form": form,
            "preview": preview,
            "has_selection": sel.has_frozen_selection(commune),
        },
        status=status,
    )


def _posting(request: AuthenticatedHttpRequest, public_id: uuid.UUID, cap: Cap) -> Posting:
    return get_for_user(
        request.user,
        Posting.objects.select_related("unit", "campaign__unit", "supersedes"),
        unit_field="unit",
        cap=cap,
        public_id=public_id,
    )


def posting_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A posting as posted, its versions, and its complaints in full (staff)."""
    posting = _posting(request, public_id, Cap.VIEW_PEOPLE)
    today = timezone.localdate()
    # Today only within the posting's window: a closed posting's forms are left empty.
    day = prefill_day(posting.posted_on, posting.ends_on, on=today)
    complaint_form = ComplaintForm(prefix="c", initial={"received_on": day})
    withdraw_form = WithdrawForm(prefix="w", initial={"withdrawn_on": day})
    status = 200
    if request.method == "POST":
        require_cap(request.user, Cap.MANAGE_CAMPAIGN)
        status = 400
        action = request.POST.get("action")
        if action == "complaint":
            complaint_form = ComplaintForm(request.POST, prefix="c")
            recorded = submit(
                request,
                complaint_form,
                lambda data: ps.complaint_record(actor=request.user, posting=posting, **data),
                success=_("The complaint has been recorded."),
            )
            if recorded:
                if recorded.value.late:
                    messages.warning(
                        request,
                        _("This complaint was received after the posting window ended (%(day)s).")
                        % {"day": f"{posting.ends_on:%d/%m/%Y}"},
                    )
                return redirect("postings:posting_detail", public_id=posting.public_id)
        elif action == "withdraw":
            withdraw_form = WithdrawForm(request.POST, prefix="w")
            if submit(
                request,
                withdraw_form,
                lambda data: ps.posting_withdraw(
                    actor=request.user,
                    posting=posting,
                    withdrawn_on=data["withdrawn_on"],
                    reason=data["reason"],
                ),
                success=_("The posting has been withdrawn."),
            ):
                return redirect("postings:posting_detail", public_id=posting.public_id)
    versions = sel.chain(posting)
    complaints = sel.complaints_of(posting)
    return render(
        request,
        "conscription/postings/posting_detail.html",
        {
            "posting": posting,
            "campaign": posting.campaign,
            "table": _table(posting),
            "places": place_labels(posting.places),
            "versions": versions,
            "latest": versions[-1],
            "complaints": [
                (c, posting_schedule.complaint_late(posting.ends_on, c.received_on))
                for c in complaints
            ],
            "open_upheld": [
                c
                for c in complaints
                if c.outcome == ComplaintOutcome.UPHELD and not c.correction_id
            ],
            "window_open": posting_schedule.in_window(posting.posted_on, posting.ends_on, today),
            "days_left": (posting.ends_on - today).days,
            "complaint_form": complaint_form,
            "withdraw_form": withdraw_form,
            "public_url": _public_url(request, posting),
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
        },
        status=status,
    )


def posting_correct(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Withdraw a posting and publish the corrected list in its place (one step)."""
    posting = _posting(request, public_id, Cap.MANAGE_CAMPAIGN)
    today = timezone.localdate()
    if posting.withdrawn_on is not None:
        messages.info(request, _("This posting was already withdrawn: correct the current one."))
        return redirect("postings:posting_detail", public_id=sel.latest_version(posting).public_id)
    form = CorrectForm(
        request.POST or None,
        initial={
            "posted_on": today,
            "places": [p for p in posting.places.split(",") if p],
            "title": posting.title,
            "signer": posting.signer,
        },
    )
    status = 200
    if request.method == "POST":
        status = 400
        done = submit(
            request,
            form,
            lambda data: ps.posting_correct(
                actor=request.user,
                posting=posting,
                reason=data["reason"],
                data=_posting_input(data),
            ),
            success=_("The corrected list has been posted."),
            mapping={"withdrawn_on": "posted_on"},
        )
        if done:
            _missing_places_warning(request, done.value)
            return redirect("postings:posting_detail", public_id=done.value.public_id)
    return render(
        request,
        "conscription/postings/posting_correct.html",
        {"posting": posting, "campaign": posting.campaign, "form": form},
        status=status,
    )


@require_GET
def posting_pdf(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    posting = _posting(request, public_id, Cap.VIEW_PEOPLE)
    report = notice_report(posting, _public_url(request, posting))
    return report_pdf_response(
        report,
        filename=f"Niêm yết {posting.title} {posting.posted_on:%d-%m-%Y}.pdf",
    )


def complaint_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A complaint in full, and its resolution (upheld → correct the posting)."""
    complaint = get_for_user(
        request.user,
        Complaint.objects.select_related("posting__unit", "posting__campaign__unit", "correction"),
        unit_field="posting__unit",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )
    form = ResolveForm(request.POST or None, initial={"resolved_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        require_cap(request.user, Cap.MANAGE_CAMPAIGN)
        status = 400
        resolved = submit(
            request,
            form,
            lambda data: ps.complaint_resolve(actor=request.user, complaint=complaint, **data),
            success=_("The complaint has been resolved."),
        )
        if resolved:
            if resolved.value.outcome == ComplaintOutcome.UPHELD:
                messages.warning(
                    request,
                    _("The complaint was upheld: publish the corrected list."),
                )
                latest = sel.latest_version(complaint.posting)
                if latest.withdrawn_on is None:
                    return redirect("postings:posting_correct", public_id=latest.public_id)
            return redirect("postings:complaint_detail", public_id=complaint.public_id)
    return render(
        request,
        "conscription/postings/complaint_detail.html",
        {
            "complaint": complaint,
            "posting": complaint.posting,
            "campaign": complaint.posting.campaign,
            "late": posting_schedule.complaint_late(
                complaint.posting.ends_on, complaint.received_on
            ),
            "form": form,
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
        },
        status=status,
    )


# ----------------------------------------------------------------------------- public


def _public(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = PUBLIC_CACHE
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_not_required
@require_GET
def public_index(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Public: a commune's current postings (not withdrawn), newest first."""
    unit = sel.public_unit(public_id)
    if unit is None:
        raise Http404(_("Not found."))
    today = timezone.localdate()
    with translation.override("vi"):
        postings = [
            (p, posting_schedule.in_window(p.posted_on, p.ends_on, today))
            for p in sel.public_postings(unit)
        ]
        response = render(
            request,
            "conscription/postings/public_index.html",
            {"unit": unit, "commune": commune_title(unit), "postings": postings},
        )
    return _public(response)


@login_not_required
@require_GET
def public_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Public: one posting as posted. The names only while its window is open; a withdrawn
    posting says so and links to the current version; complaints as counts only."""
    posting = sel.public_posting(public_id)
    if posting is None:
        raise Http404(_("Not found."))
    today = timezone.localdate()
    latest = sel.latest_version(posting) if posting.withdrawn_on is not None else posting
    with translation.override("vi"):
        response = render(
            request,
            "conscription/postings/public_detail.html",
            {
                "posting": posting,
                "commune": commune_title(posting.unit),
                "latest": latest if latest.pk != posting.pk else None,
                "window_open": posting_schedule.in_window(
                    posting.posted_on, posting.ends_on, today
                ),
                "days_left": (posting.ends_on - today).days,
                "table": _table(posting),
                "places": place_labels(posting.places),
                "window_line": window_line(posting),
                "complaint_line": complaint_line(posting),
                "counts": sel.complaint_counts(posting),
            },
        )
    return _public(response)
