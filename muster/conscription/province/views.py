"""Pages of the province's part of the call-up: the quotas received and split (grouped by
regional defence command), the council's proposals and the chairman's decisions."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from muster.accounts.access import require
from muster.conscription.campaign.selectors import campaign_for_user
from muster.conscription.perms import (
    can_decide_province,
    can_print_province_decision,
    can_propose_province,
    can_receive_province_quota,
)
from muster.conscription.province import selectors as sel
from muster.conscription.province import services
from muster.conscription.province.documents import decision_report
from muster.conscription.province.forms import DecideForm, ProposeForm, ReceiveForm
from muster.conscription.province.models import (
    DecisionKind,
    DecisionStatus,
    ProvinceDecision,
    ProvinceDecisionItem,
)
from muster.core import lawtext
from muster.core.forms import Done, submit
from muster.core.http import AuthenticatedHttpRequest, reference_date
from muster.documents.http import report_pdf_response
from muster.geo.models import UnitKind
from muster.law.callup import province as province_rules
from muster.law.rulebook import NoRuleInForce


def _bases(day: dt.date) -> list[dict[str, Any]]:
    """Who decides each kind on ``day``, with the legal basis (the page's legal box)."""
    out = []
    for kind, label in DecisionKind.choices:
        try:
            d = province_rules.decider(kind, day)
        except NoRuleInForce:
            continue
        out.append(
            {
                "label": label,
                "title": lawtext.pick(d.title_vi, d.title),
                "citation": lawtext.pick(d.citation_vi, d.citation),
                "is_province": d.is_province,
            }
        )
    return out


def province_page(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The province's quotas from above, the split by regional command, the proposals and
    decisions; the forms of whoever may act."""
    campaign = campaign_for_user(request.user, public_id)
    can_receive = can_receive_province_quota(request.user, campaign)
    can_propose = can_propose_province(request.user, campaign)
    receive_form = ReceiveForm(prefix="r")
    propose_form = ProposeForm(prefix="p")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        done: Done[object] | None
        if action == "receive":
            require(can_receive)
            receive_form = ReceiveForm(request.POST, request.FILES, prefix="r")
            done = submit(
                request,
                receive_form,
                lambda d: services.quota_receive(
                    actor=request.user,
                    campaign=campaign,
                    service=d["service"],
                    value=d["value"],
                    issuer=d["issuer"],
                    number=d["number"],
                    issued_on=d["issued_on"],
                    received_on=d["received_on"],
                    upload=d["file"],
                ),
                success=_("The quota has been recorded and split to the communes."),
            )
        elif action == "propose":
            require(can_propose)
            propose_form = ProposeForm(request.POST, prefix="p")
            done = submit(
                request,
                propose_form,
                lambda d: services.decision_propose(actor=request.user, campaign=campaign, **d),
                success=_("The proposal has been submitted to the provincial chairman."),
            )
        else:
            done = None
        if done is not None:
            return redirect("campaigns:province_page", public_id=campaign.public_id)
        status = 400
    day = reference_date(request)
    return render(
        request,
        "conscription/province_page.html",
        {
            "campaign": campaign,
            "is_province": campaign.unit.kind == UnitKind.PROVINCE,
            "receipts": list(campaign.quota_receipts.select_related("file")),
            "groups": sel.groups(request.user, campaign),
            "decisions": list(campaign.province_decisions.all()),
            "bases": _bases(day),
            "day": day,
            "can_receive": can_receive,
            "can_propose": can_propose,
            "receive_form": receive_form,
            "propose_form": propose_form,
        },
        status=status,
    )


def _items(decision: ProvinceDecision) -> list[ProvinceDecisionItem]:
    return list(
        decision.items.select_related("commune__unit", "person").order_by(
            "commune__unit__path", "service", "person__full_name"
        )
    )


def decision_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """One proposal and, once decided, the chairman's decision; the office records it here."""
    decision = sel.decision_for_user(request.user, public_id)
    can_decide = (
        can_decide_province(request.user, decision) and decision.status == DecisionStatus.PROPOSED
    )
    items = _items(decision)
    refusable = [
        (i.pk, f"{i.person.full_name if i.person else ''} ({i.ground})")
        for i in items
        if decision.kind == DecisionKind.DEFERRAL
    ]
    form = DecideForm(prefix="d", refusable=refusable)
    status = 200
    if request.method == "POST":
        require(can_decide_province(request.user, decision))
        form = DecideForm(request.POST, request.FILES, prefix="d", refusable=refusable)
        done = submit(
            request,
            form,
            lambda d: services.decision_decide(
                actor=request.user,
                decision=decision,
                number=d["number"],
                decided_on=d["decided_on"],
                signer=d["signer"],
                upload=d["file"],
                refused=d.get("refused", []),
            ),
            success=_("The provincial chairman's decision has been recorded."),
        )
        if done is not None:
            return redirect("campaigns:province_decision", public_id=decision.public_id)
        status = 400
    return render(
        request,
        "conscription/province_decision.html",
        {
            "decision": decision,
            "campaign": decision.campaign,
            "items": items,
            "can_decide": can_decide,
            "can_print": decision.status == DecisionStatus.DECIDED
            and can_print_province_decision(request.user, decision),
            "form": form,
            "citation": lawtext.pick(decision.citation_vi, decision.citation),
        },
        status=status,
    )


@require_GET
def decision_pdf(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The official copy of a decided decision (Quyết định của Chủ tịch UBND tỉnh), in
    Vietnamese, for those who carry it out."""
    decision = sel.decision_for_print(request.user, public_id)
    items = _items(decision)
    return report_pdf_response(
        decision_report(decision, items),
        filename=f"Quyết định {decision.number} ngày {decision.decided_on:%d-%m-%Y}.pdf",
    )


def file_download(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A scan kept with a quota receipt or a decision, for the users of the campaign's area."""
    found = sel.file_for_user(request.user, public_id)
    response = HttpResponse(bytes(found.data), content_type=found.content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.public_id}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
