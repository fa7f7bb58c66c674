"""Pages of the handover: receiving units and the numbers agreed, the handover record (and its
PDF), each recruit's re-examination, return and replacement. Thin: forms parse, services
decide, selectors read."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap, has_cap
from muster.conscription.aftercare import services as aftercare_services
from muster.conscription.aftercare.forms import StandardsRecheckForm
from muster.conscription.aftercare.models import StandardsRecheck
from muster.conscription.campaign.models import CampaignCommune
from muster.conscription.campaign.selectors import campaign_for_user
from muster.conscription.decisions.models import CallupDecision
from muster.conscription.handover import selectors as sel
from muster.conscription.handover import services as hs
from muster.conscription.handover.forms import (
    HandoverForm,
    PlanForm,
    ReceivingUnitForm,
    RecheckForm,
    ReplacementForm,
    ReturnForm,
)
from muster.conscription.handover.models import Handover, ReceivingUnit, Recruit
from muster.conscription.selection.documents import handover_report
from muster.conscription.selection.models import SelectionList, SelectionState
from muster.core import lawtext
from muster.core.dates import prefill_day
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.http import report_pdf_response
from muster.law.callup import aftercare as aftercare_rules
from muster.law.callup import selection as selection_rules
from muster.people.models import Person


def handover_index(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Receiving units, the numbers each takes from each commune, the handover records and
    the replacements of the campaign."""
    campaign = campaign_for_user(request.user, public_id)
    unit_form = ReceivingUnitForm(prefix="u")
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        require_cap(request.user, Cap.MANAGE_CAMPAIGN)
        status = 400
        action = request.POST.get("action")
        if action == "unit":
            unit_form = ReceivingUnitForm(request.POST, prefix="u")
            if submit(
                request,
                unit_form,
                lambda data: hs.receiving_unit_create(actor=request.user, **data),
                success=_("The receiving unit has been recorded."),
            ):
                return redirect("campaigns:handover_index", public_id=public_id)
        elif action == "plan":
            plan_form = PlanForm(request.POST, prefix="p")
            if plan_form.is_valid():
                data = plan_form.cleaned_data
                commune = get_for_user(
                    request.user,
                    CampaignCommune.objects.filter(campaign=campaign).select_related("unit"),
                    unit_field="unit",
                    cap=Cap.MANAGE_CAMPAIGN,
                    public_id=data["commune"],
                )
                unit = ReceivingUnit.objects.filter(public_id=data["receiving_unit"]).first()
                if unit is None:
                    errors.append(_("Unknown receiving unit."))
                else:
                    try:
                        hs.plan_set(
                            actor=request.user,
                            commune=commune,
                            receiving_unit=unit,
                            number=data["number"],
                        )
                    except ValidationError as error:
                        errors.extend(
                            f"{commune.unit.name} – {unit.name}: {m}" for m in error.messages
                        )
                    else:
                        messages.success(request, _("The number has been agreed."))
                        return redirect("campaigns:handover_index", public_id=public_id)
            else:
                errors.append(_("Enter a whole number of recruits, 0 or more."))
        else:
            errors.append(_("Unknown action."))
    units = list(sel.receiving_units())
    return render(
        request,
        "conscription/handover/index.html",
        {
            "campaign": campaign,
            "units": units,
            "plan_rows": sel.plan_rows(user=request.user, campaign=campaign),
            "handovers": sel.handovers_for_user(user=request.user, campaign=campaign),
            "replacements": sel.replacements_for_user(user=request.user, campaign=campaign),
            "unit_form": unit_form,
            "errors": errors,
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
            "citations": selection_rules.rule_citations(campaign.handover_start),
            "reexam_due": selection_rules.reexam_due(campaign.handover_start),
            "replacement_due": selection_rules.replacement_due(campaign.handover_start),
        },
        status=status,
    )


def handover_new(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Record the handover of one commune's recruits to one unit (the recruits are the
    commune's valid decisions of the unit's service not yet handed over)."""
    commune = get_for_user(
        request.user,
        CampaignCommune.objects.select_related("unit", "campaign__unit"),
        unit_field="unit",
        cap=Cap.MANAGE_CAMPAIGN,
        public_id=public_id,
    )
    campaign = commune.campaign
    planned = list(
        ReceivingUnit.objects.filter(
            pk__in=commune.handover_plans.values("receiving_unit_id")
        ).order_by("service", "name")
    )
    data = request.POST if request.method == "POST" else None
    chosen_id = (data or request.GET).get("receiving_unit", "")
    chosen = next((u for u in planned if str(u.public_id) == chosen_id), None)
    waiting: list[CallupDecision] = []
    if chosen is not None:
        waiting = sel.waiting_decisions(commune=commune, service=chosen.service)
    form = HandoverForm(
        data,
        units=[(str(u.public_id), f"{u.name} ({u.get_service_display()})") for u in planned],
        decisions=[
            (
                str(d.public_id),
                f"{d.printed_number} – {d.person.full_name} ({d.person.date_of_birth:%Y})",
            )
            for d in waiting
        ],
        initial={
            "handed_on": campaign.handover_start,
            "receiving_unit": chosen_id,
            "place": commune.unit.name,
            "decisions": [str(d.public_id) for d in waiting],
        },
    )
    status = 200
    if request.method == "POST":
        status = 400
        if chosen is not None and (
            done := submit(
                request,
                form,
                lambda values: hs.handover_record(
                    actor=request.user,
                    commune=commune,
                    receiving_unit=chosen,
                    handed_on=values["handed_on"],
                    place=values["place"],
                    locality_signer=values["locality_signer"],
                    unit_signer=values["unit_signer"],
                    minutes=values["minutes"],
                    decisions=[d for d in waiting if str(d.public_id) in set(values["decisions"])],
                ),
                success=_("The handover has been recorded."),
            )
        ):
            return redirect("campaigns:handover_detail", public_id=done.value.public_id)
    return render(
        request,
        "conscription/handover/new.html",
        {
            "commune": commune,
            "campaign": campaign,
            "form": form,
            "planned": planned,
            "chosen": chosen,
        },
        status=status,
    )


def _handover(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> Handover:
    return get_for_user(
        request.user,
        Handover.objects.select_related(
            "commune__unit", "commune__campaign__unit", "receiving_unit"
        ),
        unit_field="commune__unit",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )


def handover_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    handover = _handover(request, public_id)
    today = timezone.localdate()
    return render(
        request,
        "conscription/handover/detail.html",
        {
            "handover": handover,
            "campaign": handover.commune.campaign,
            "rows": sel.recruit_rows(handover, today),
            "organiser": selection_rules.handover_organiser(handover.handed_on),
            "reexam_due": selection_rules.reexam_due(handover.handed_on),
            "replacement_due": selection_rules.replacement_due(handover.handed_on),
            "standards_due": aftercare_rules.standards_recheck_due(handover.handed_on),
            "standards_citation": lawtext.cite_rules(
                [aftercare_rules.rule("handover.standards_recheck", handover.handed_on)]
            ),
            "cap": hs.replacement_cap_for(
                handover.commune.campaign_id, handover.receiving_unit, handover.handed_on
            ),
            "locality_quota": hs.locality_quota_with(
                handover.commune.campaign_id, handover.receiving_unit
            ),
        },
    )


@require_GET
def handover_pdf(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    handover = _handover(request, public_id)
    return report_pdf_response(
        handover_report(handover),
        filename=f"Biên bản giao nhận quân {handover.commune.unit.name} "
        f"{handover.handed_on:%d-%m-%Y}.pdf",
    )


def _standby_choices(recruit: Recruit) -> list[tuple[str, str]]:
    decision = recruit.decision
    found = SelectionList.objects.filter(
        commune_id=decision.commune_id, service=decision.service, state=SelectionState.FROZEN
    ).first()
    if found is None:
        return []
    called = CallupDecision.objects.filter(campaign_id=decision.campaign_id).values("person_id")
    return [
        (str(e.person.public_id), f"{e.place}. {e.person.full_name}")
        for e in found.entries.filter(list_kind="standby")
        .exclude(person_id__in=called)
        .select_related("person")
        .order_by("place")
    ]


def recruit_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """One recruit: the unit's re-examination, the return and the replacement."""
    recruit = get_for_user(
        request.user,
        Recruit.objects.select_related(
            "decision__person",
            "handover__commune__unit",
            "handover__commune__campaign__unit",
            "handover__receiving_unit",
        ),
        unit_field="handover__commune__unit",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )
    # Today only within the legal windows after the handover (re-examination 10 days,
    # returns and replacements 15 days); a closed campaign's forms are left empty.
    handed_on = recruit.handover.handed_on
    recheck_day = prefill_day(handed_on, selection_rules.reexam_due(handed_on))
    return_day = prefill_day(handed_on, selection_rules.replacement_due(handed_on))
    standby = _standby_choices(recruit)
    forms: dict[str, Any] = {
        "recheck_form": RecheckForm(prefix="c", initial={"rechecked_on": recheck_day, "fit": "1"}),
        "return_form": ReturnForm(prefix="t", initial={"returned_on": return_day}),
        "standards_form": StandardsRecheckForm(
            prefix="s",
            initial={
                "checked_on": prefill_day(
                    handed_on, aftercare_rules.standards_recheck_due(handed_on)
                ),
                "meets": "1",
            },
        ),
        "replacement_form": ReplacementForm(
            prefix="b", standby=standby, initial={"replaced_on": return_day}
        ),
    }
    status = 200
    if request.method == "POST":
        require_cap(request.user, Cap.MANAGE_CAMPAIGN)
        status = 400
        action = request.POST.get("action")
        form: RecheckForm | ReturnForm | ReplacementForm | StandardsRecheckForm
        try:
            if action == "standards":
                form = forms["standards_form"] = StandardsRecheckForm(request.POST, prefix="s")
                if form.is_valid():
                    warnings = aftercare_services.standards_recheck_record(
                        actor=request.user, recruit=recruit, **form.cleaned_data
                    )
                    messages.success(request, _("The standards re-check has been recorded."))
                    for warning in warnings:
                        messages.warning(request, warning)
                    return redirect("campaigns:recruit_detail", public_id=public_id)
            elif action == "recheck":
                form = forms["recheck_form"] = RecheckForm(request.POST, prefix="c")
                if form.is_valid():
                    warnings = hs.recruit_recheck(
                        actor=request.user,
                        recruit=recruit,
                        rechecked_on=form.cleaned_data["rechecked_on"],
                        fit=form.cleaned_data["fit"],
                        health_class=form.cleaned_data["health_class"],
                        note=form.cleaned_data["note"],
                    )
                    messages.success(request, _("The re-examination has been recorded."))
                    for warning in warnings:
                        messages.warning(request, warning)
                    return redirect("campaigns:recruit_detail", public_id=public_id)
            elif action == "return":
                form = forms["return_form"] = ReturnForm(request.POST, prefix="t")
                if form.is_valid():
                    hs.recruit_return(actor=request.user, recruit=recruit, **form.cleaned_data)
                    messages.success(request, _("The return has been recorded."))
                    return redirect("campaigns:recruit_detail", public_id=public_id)
            elif action == "replace":
                form = forms["replacement_form"] = ReplacementForm(
                    request.POST, prefix="b", standby=standby
                )
                if form.is_valid() and hasattr(recruit, "returned"):
                    chosen = form.cleaned_data["person"]
                    result = hs.replacement_record(
                        actor=request.user,
                        returned=recruit.returned,
                        replaced_on=form.cleaned_data["replaced_on"],
                        person=Person.objects.filter(public_id=chosen).first() if chosen else None,
                        skip_reason=form.cleaned_data["skip_reason"],
                    )
                    messages.success(
                        request,
                        _("Replaced by %(name)s, decision no. %(n)s.")
                        % {
                            "name": result.replacement.decision.person.full_name,
                            "n": result.replacement.decision.printed_number,
                        },
                    )
                    for warning in result.warnings:
                        messages.warning(request, warning)
                    return redirect("campaigns:recruit_detail", public_id=public_id)
                if form.is_valid():
                    form.add_error(None, _("Record the return before the replacement."))
            else:
                form = forms["recheck_form"]
                form.add_error(None, _("Unknown action."))
        except ValidationError as error:
            form.add_service_errors(error)
        recruit.refresh_from_db()
    handover = recruit.handover
    returned = getattr(recruit, "returned", None)
    replacement = getattr(returned, "replacement", None) if returned is not None else None
    return render(
        request,
        "conscription/handover/recruit.html",
        {
            "recruit": recruit,
            "handover": handover,
            "campaign": handover.commune.campaign,
            "returned": returned,
            "replacement": replacement,
            "reexam_due": selection_rules.reexam_due(handover.handed_on),
            "replacement_due": selection_rules.replacement_due(handover.handed_on),
            "reexam_late": recruit.rechecked_on is not None
            and selection_rules.reexam_late(handover.handed_on, recruit.rechecked_on),
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
            "has_standby": bool(standby),
            "standards": StandardsRecheck.objects.filter(recruit=recruit).first(),
            "family_notices": list(recruit.family_notices.order_by("notified_on", "id")),
            "standards_due": aftercare_rules.standards_recheck_due(handover.handed_on),
            "standards_citation": lawtext.cite_rules(
                [aftercare_rules.rule("handover.standards_recheck", handover.handed_on)]
            ),
            **forms,
        },
        status=status,
    )
