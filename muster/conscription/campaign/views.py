"""Pages of the call-up campaign: list, creation, board, quotas, certificate, decisions, and
the public verification page of a decision."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from muster.accounts.access import get_for_user, require, require_cap
from muster.accounts.perms import Cap, has_cap
from muster.accounts.views import client_ip
from muster.conscription.campaign import board
from muster.conscription.campaign import selectors as sel
from muster.conscription.campaign import services as cs
from muster.conscription.campaign.documents import (
    certificate_report,
    decision_heading,
    decision_report,
)
from muster.conscription.campaign.forms import (
    CampaignForm,
    DeliverForm,
    IssueForm,
    OverrideForm,
    PoolForm,
    QuotaForm,
    RevokeForm,
)
from muster.conscription.campaign.models import Campaign, CampaignCommune, Service
from muster.conscription.campaign.selectors import campaign_for_user
from muster.conscription.decisions import selectors as decisions_selectors
from muster.conscription.decisions import services as decisions_services
from muster.conscription.decisions.models import CallupDecision
from muster.conscription.perms import can_create_campaign
from muster.core import lawtext
from muster.core.dates import prefill_day
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.documents.http import report_pdf_response
from muster.geo.scope import scope_of
from muster.law.callup import authorities
from muster.people.models import Person
from muster.people.succession import holding

ONE_DAY = dt.timedelta(days=1)


def _decision(request: AuthenticatedHttpRequest, public_id: uuid.UUID, cap: Cap) -> CallupDecision:
    return get_for_user(
        request.user,
        CallupDecision.objects.select_related("person", "commune__unit", "campaign__unit"),
        unit_field="commune__unit",
        cap=cap,
        public_id=public_id,
    )


def campaign_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "conscription/campaign_list.html",
        {
            "campaigns": sel.campaigns_for_user(request.user),
            "can_create": can_create_campaign(request.user, on=reference_date(request)),
        },
    )


def campaign_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    day = reference_date(request)
    require(can_create_campaign(request.user, on=day))
    units = sel.units_for_new_campaign(request.user, day)
    form = CampaignForm(request.POST or None, units=units)

    def create(cleaned: dict[str, Any]) -> Campaign:
        data = dict(cleaned)
        unit, year, call = data.pop("unit"), data.pop("year"), data.pop("call")
        return cs.campaign_create(
            actor=request.user, unit=unit, year=year, call=call, calendar=cs.CalendarInput(**data)
        )

    if done := submit(request, form, create, success=_("The campaign has been created.")):
        return redirect("campaigns:campaign_board", public_id=done.value.public_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "conscription/campaign_form.html",
        {"form": form, "title": _("New call-up campaign")},
        status=status,
    )


def campaign_board(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    campaign = campaign_for_user(request.user, public_id, Cap.VIEW_PEOPLE)
    today = timezone.localdate()
    rows = board.board(user=request.user, campaign=campaign, today=today)
    return render(
        request,
        "conscription/campaign_board.html",
        {
            "campaign": campaign,
            "rows": rows,
            "deadlines": board.deadline_rows(campaign, today),
            "calendar_warnings": sel.calendar_warnings(campaign),
            "quotas": list(campaign.quotas.all()),
            "today": today,
            "replacements_total": sum(r.after.replacements for r in rows),
            "chart": board.quota_chart(rows),
            "ratio_rules": board.ratio_rules(campaign),
        },
    )


def _quota_page(
    request: AuthenticatedHttpRequest, campaign: Campaign, forms: dict[str, Any], status: int
) -> HttpResponse:
    rows = board.board(user=request.user, campaign=campaign, today=timezone.localdate())
    return render(
        request,
        "conscription/campaign_quotas.html",
        {
            "campaign": campaign,
            "rows": rows,
            "evenness": board.evenness(rows),
            "history_notes": sorted({r.last_year_note for r in rows if r.last_year_note}),
            "quotas": list(campaign.quotas.all()),
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
            "can_split": _can_split(request, campaign),
            "services": Service.choices,
            **forms,
        },
        status=status,
    )


def _can_split(request: AuthenticatedHttpRequest, campaign: Campaign) -> bool:
    """Whether the user may set the quotas, override and split: the campaign's own unit lies in
    the area. A commune commander sees the district's page but only reports the commune's pool."""
    return has_cap(request.user, Cap.MANAGE_CAMPAIGN) and scope_of(request.user).contains(
        campaign.unit
    )


def campaign_quotas(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Quotas from above, the computed and final split, overrides and reported pools."""
    campaign = campaign_for_user(request.user, public_id, Cap.VIEW_PEOPLE)
    forms: dict[str, Any] = {
        "quota_form": QuotaForm(prefix="q"),
        "override_form": OverrideForm(
            prefix="o",
            initial={"decided_on": prefill_day(None, campaign.handover_start - ONE_DAY)},
        ),
        "pool_form": PoolForm(prefix="p"),
        "split_errors": [],
    }
    if request.method != "POST":
        return _quota_page(request, campaign, forms, 200)
    require_cap(request.user, Cap.MANAGE_CAMPAIGN)
    action = request.POST.get("action", "")
    form: QuotaForm | OverrideForm | PoolForm | None = None
    success = _("The split has been updated.")
    try:
        if action == "quota":
            form = forms["quota_form"] = QuotaForm(request.POST, prefix="q")
            if form.is_valid():
                cs.quota_set(actor=request.user, campaign=campaign, **form.cleaned_data)
        elif action == "override":
            form = forms["override_form"] = OverrideForm(request.POST, prefix="o")
            if form.is_valid():
                data = form.cleaned_data
                cs.override_set(
                    actor=request.user,
                    commune=_commune(request, campaign, data["commune"]),
                    service=data["service"],
                    value=data["value"],
                    reason=data["reason"],
                    on=data["decided_on"],
                )
        elif action == "pool":
            form = forms["pool_form"] = PoolForm(request.POST, prefix="p")
            if form.is_valid():
                commune = _commune(request, campaign, form.cleaned_data["commune"])
                # The pool and the split it causes stand or fall together: a refused split
                # leaves no saved (and audited) pool behind an error page.
                with transaction.atomic():
                    cs.pool_set(
                        actor=request.user,
                        commune=commune,
                        stored_pool=form.cleaned_data["stored_pool"],
                    )
                    if _can_split(request, campaign):
                        cs.resplit(actor=request.user, campaign=campaign)
                    else:
                        success = _(
                            "The pool has been recorded; the campaign's unit will split again."
                        )
        elif action == "resplit":
            cs.resplit(actor=request.user, campaign=campaign)
        else:
            return _quota_page(request, campaign, forms, 400)
    except ValidationError as error:
        if form is None:  # the split alone has no form to carry the message
            forms["split_errors"] = error.messages
        else:
            form.add_service_errors(error)
        return _quota_page(request, campaign, forms, 400)
    if form is not None and not form.is_valid():
        return _quota_page(request, campaign, forms, 400)
    messages.success(request, success)
    return redirect("campaigns:campaign_quotas", public_id=campaign.public_id)


def _commune(
    request: AuthenticatedHttpRequest, campaign: Campaign, public_id: uuid.UUID
) -> CampaignCommune:
    return get_for_user(
        request.user,
        CampaignCommune.objects.filter(campaign=campaign).select_related("unit", "campaign"),
        unit_field="unit",
        cap=Cap.MANAGE_CAMPAIGN,
        public_id=public_id,
    )


def _certificate_rows(
    request: AuthenticatedHttpRequest, campaign: Campaign
) -> list[dict[str, Any]]:
    rows = board.board(user=request.user, campaign=campaign, today=timezone.localdate())
    return [
        {
            "name": r.commune.unit.name,
            "pool": r.commune.pool_used,
            "source": r.commune.pool_source,
            "army_computed": r.computed.get("army"),
            "army_final": r.quota.get("army"),
            "police_computed": r.computed.get("police"),
            "police_final": r.quota.get("police"),
            "reason": "; ".join(
                f"{a.override_reason} ({a.override_authority})" for a in r.overridden.values()
            ),
        }
        for r in rows
    ]


@require_GET
def certificate_json(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    campaign = campaign_for_user(request.user, public_id, Cap.VIEW_REPORTS)
    data = {
        "campaign": {"unit": campaign.unit.name, "year": campaign.year, "call": campaign.call},
        "final": _certificate_rows(request, campaign),
        "certificate": campaign.certificate,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="certificate-{campaign.year}.json"'
    return response


@require_GET
def certificate_pdf(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    campaign = campaign_for_user(request.user, public_id, Cap.VIEW_REPORTS)
    report = certificate_report(campaign, _certificate_rows(request, campaign))
    return report_pdf_response(
        report,
        filename=f"Chứng nhận phân bổ {campaign.year}.pdf",
    )


def decision_list(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    campaign = campaign_for_user(request.user, public_id, Cap.VIEW_PEOPLE)
    communes = sel.communes_for_user(user=request.user, campaign=campaign)
    # Decisions are issued before the handover day (the examinations come first).
    issue_window = (campaign.exam_start, campaign.handover_start - ONE_DAY)
    form = IssueForm(request.POST or None, initial={"issued_on": prefill_day(*issue_window)})
    status = 200
    if request.method == "POST":
        require_cap(request.user, Cap.MANAGE_CAMPAIGN)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            held = holding([c.unit for c in communes])
            person = Person.objects.filter(held.q(), national_id=data["national_id"]).first()
            held_by = (
                held.commune_of(person.registration_unit_id, person.residence_unit_id)
                if person
                else None
            )
            commune = next((c for c in communes if c.unit_id == held_by), None)
            if person is None or commune is None:
                form.add_error("national_id", _("No citizen with this ID number in your area."))
            elif done := submit(
                request,
                form,
                lambda data: decisions_services.decision_issue(
                    actor=request.user,
                    commune=commune,
                    person=person,
                    service=data["service"],
                    issued_on=data["issued_on"],
                    report_place=data["report_place"],
                ),
                success=None,
            ):
                decision = done.value
                messages.success(
                    request,
                    _("%(title)s %(number)s has been issued.")
                    % {"title": decision.title, "number": decision.number_line},
                )
                return redirect("campaigns:decision_detail", public_id=decision.public_id)
    decisions = list(decisions_selectors.decisions_for_user(user=request.user, campaign=campaign))
    return render(
        request,
        "conscription/decision_list.html",
        {
            "campaign": campaign,
            "decisions": [(d, decisions_selectors.delivery_late(d)) for d in decisions],
            "form": form,
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
        },
        status=status,
    )


def _verify_url(request: HttpRequest, decision: CallupDecision) -> str:
    return request.build_absolute_uri(reverse("campaigns:verify", kwargs={"token": decision.token}))


def _decision_citation(decision: CallupDecision) -> str:
    """The legal basis of the signing authority in the user's language (the rule of the day
    and service the decision was signed on)."""
    authority = authorities.callup_authority(decision.issued_on, decision.service)
    return lawtext.pick(authority.citation_vi, authority.citation)


def decision_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    decision = _decision(request, public_id, Cap.VIEW_PEOPLE)
    deliver = DeliverForm(
        prefix="d",
        initial={"delivered_on": prefill_day(decision.issued_on, decision.campaign.handover_start)},
    )
    revoke = RevokeForm(prefix="r")
    status = 200
    if request.method == "POST":
        require_cap(request.user, Cap.MANAGE_CAMPAIGN)
        status = 400
        action = request.POST.get("action")
        form: DeliverForm | RevokeForm = deliver
        if action == "deliver":
            form = deliver = DeliverForm(request.POST, prefix="d")
        if action == "revoke":
            form = revoke = RevokeForm(request.POST, prefix="r")

        def apply(data: dict[str, Any]) -> CallupDecision:
            if action == "deliver":
                return decisions_services.decision_deliver(
                    actor=request.user, decision=decision, **data
                )
            return decisions_services.decision_revoke(actor=request.user, decision=decision, **data)

        updated = _("The decision has been updated.")
        if action in ("deliver", "revoke") and submit(request, form, apply, success=updated):
            return redirect("campaigns:decision_detail", public_id=decision.public_id)
    return render(
        request,
        "conscription/decision_detail.html",
        {
            "decision": decision,
            "authority_citation": _decision_citation(decision),
            "heading": decision_heading(decision),
            "verify_url": reverse("campaigns:verify", kwargs={"token": decision.token}),
            "late": decisions_selectors.delivery_late(decision),
            "deliver_form": deliver,
            "revoke_form": revoke,
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
        },
        status=status,
    )


@require_GET
def decision_pdf(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    decision = _decision(request, public_id, Cap.VIEW_PEOPLE)
    report = decision_report(decision, _verify_url(request, decision))
    return report_pdf_response(
        report,
        filename=f"{decision_heading(decision).document.capitalize()} số "
        f"{decision.number}-{decision.issued_on:%Y}.pdf",
    )


@login_not_required
@require_GET
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """Public: is this call-up decision genuine and current? What the paper itself shows
    (issuing authority, title, printed number, commune, name and birth year, date) and its
    status; never the ID number or the full birth date. Wrong tokens from one client address
    (behind a trusted proxy, the real client) are throttled (20 per 10 minutes); a genuine
    token is always answered, so a shared address full of wrong tokens blocks no one who holds
    a real decision."""
    ip = client_ip(request)
    throttled = decisions_services.verification_throttled(ip_address=ip)
    decision = decisions_services.verification_lookup(
        token=token, ip_address=ip, count_miss=not throttled
    )
    if decision is None and throttled:
        return render(request, "conscription/verify.html", {"throttled": True}, status=429)
    response = render(
        request,
        "conscription/verify.html",
        {
            "decision": decision,
            "heading": decision_heading(decision) if decision else None,
            "throttled": False,
        },
        status=200 if decision else 404,
    )
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
