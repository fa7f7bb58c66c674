"""Pages of selection: the lists of a campaign, one list (pool, commit, freeze, the ranked
result and its JSON and PDF), volunteers, and the review steps (village nomination, council
review). Thin: forms parse, services decide, selectors read."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap, has_cap
from muster.conscription.campaign.models import Campaign, CampaignCommune
from muster.conscription.campaign.selectors import campaign_for_user, communes_for_user
from muster.conscription.selection import rounds
from muster.conscription.selection import selectors as sel
from muster.conscription.selection.documents import pool_digest, selection_report
from muster.conscription.selection.forms import (
    ApproveListForm,
    IssueOfficialForm,
    OpenListForm,
    OutcomeForm,
    ReviewStepForm,
    StandbyForm,
    VolunteerForm,
    WithdrawForm,
)
from muster.conscription.selection.models import (
    ListKind,
    ReviewKind,
    ReviewStep,
    SelectionList,
    SelectionState,
    Volunteer,
)
from muster.conscription.selection.services import lists as list_services
from muster.conscription.selection.services import review as review_services
from muster.conscription.selection.services import volunteers as volunteer_services
from muster.core.dates import prefill_day
from muster.core.forms import submit
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.http import report_pdf_response
from muster.geo.models import Unit
from muster.people.models import Person


def _eve(campaign: Campaign) -> dt.date:
    """The day before the handover: the last day of the selection's forms."""
    return campaign.handover_start - dt.timedelta(days=1)


def _commune(
    request: AuthenticatedHttpRequest, campaign: Campaign, public_id: Any, cap: Cap
) -> CampaignCommune:
    return get_for_user(
        request.user,
        CampaignCommune.objects.filter(campaign=campaign).select_related("unit", "campaign"),
        unit_field="unit",
        cap=cap,
        public_id=public_id,
    )


def _list(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> SelectionList:
    return get_for_user(
        request.user,
        SelectionList.objects.select_related("commune__unit", "commune__campaign__unit"),
        unit_field="commune__unit",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )


def _person_in_area(
    request: AuthenticatedHttpRequest, campaign: Campaign, national_id: str
) -> Person | None:
    units = [c.unit_id for c in communes_for_user(user=request.user, campaign=campaign)]
    return (
        Person.objects.filter(national_id=national_id, registration_unit_id__in=units)
        .select_related("registration_unit")
        .first()
    )


# ----------------------------------------------------------------------------- lists


def selection_index(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Every commune and service of the campaign in the user's area, with its list."""
    campaign = campaign_for_user(request.user, public_id)
    status = 200
    errors: list[str] = []
    if request.method == "POST":
        require_cap(request.user, Cap.MANAGE_CAMPAIGN)
        form = OpenListForm(request.POST)
        status = 400
        if form.is_valid():
            commune = _commune(request, campaign, form.cleaned_data["commune"], Cap.MANAGE_CAMPAIGN)
            try:
                opened = list_services.selection_open(
                    actor=request.user, commune=commune, service=form.cleaned_data["service"]
                )
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                messages.success(request, _("The selection list has been opened."))
                return redirect("campaigns:selection_detail", public_id=opened.public_id)
    return render(
        request,
        "conscription/selection/index.html",
        {
            "campaign": campaign,
            "rows": sel.list_rows(user=request.user, campaign=campaign),
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
            "errors": errors,
        },
        status=status,
    )


def selection_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """One list: the pool (before freezing), the commitment, and once frozen the ranked list,
    the revealed seed and the files anyone can check it with."""
    selection_list = _list(request, public_id)
    standby_form = StandbyForm(prefix="s", initial={"standby": selection_list.standby})
    # Today only before the handover: a closed campaign's forms are left empty.
    campaign = selection_list.commune.campaign
    issue_form = IssueOfficialForm(
        prefix="i", initial={"issued_on": prefill_day(campaign.exam_start, _eve(campaign))}
    )
    approve_form = ApproveListForm(prefix="a")
    status = 200
    errors: list[str] = []
    if request.method == "POST":
        require_cap(request.user, Cap.MANAGE_CAMPAIGN)
        status = 400
        action = request.POST.get("action")
        try:
            if action == "standby":
                standby_form = StandbyForm(request.POST, prefix="s")
                if standby_form.is_valid():
                    list_services.selection_set_standby(
                        actor=request.user,
                        selection_list=selection_list,
                        standby=standby_form.cleaned_data["standby"],
                    )
                    messages.success(request, _("The standby places have been set."))
                    return redirect("campaigns:selection_detail", public_id=public_id)
            elif action == "commit":
                list_services.selection_commit(actor=request.user, selection_list=selection_list)
                messages.success(
                    request, _("The draw is committed: print and post the commitment.")
                )
                return redirect("campaigns:selection_detail", public_id=public_id)
            elif action == "freeze":
                list_services.selection_freeze(actor=request.user, selection_list=selection_list)
                messages.success(request, _("The list is frozen and the seed revealed."))
                return redirect("campaigns:selection_detail", public_id=public_id)
            elif action == "approve":
                approve_form = ApproveListForm(request.POST, prefix="a")
                if approve_form.is_valid():
                    list_services.selection_approve(
                        actor=request.user,
                        selection_list=selection_list,
                        **approve_form.cleaned_data,
                    )
                    messages.success(request, _("The approval of the list has been recorded."))
                    return redirect("campaigns:selection_detail", public_id=public_id)
            elif action == "issue":
                issue_form = IssueOfficialForm(request.POST, prefix="i")
                if issue_form.is_valid():
                    result = list_services.issue_official(
                        actor=request.user,
                        selection_list=selection_list,
                        issued_on=issue_form.cleaned_data["issued_on"],
                        report_place=issue_form.cleaned_data["report_place"],
                    )
                    messages.success(
                        request,
                        _("%(n)s decisions issued for the official list.")
                        % {"n": len(result.issued)},
                    )
                    for entry, problem in result.skipped:
                        messages.warning(
                            request,
                            _("Place %(place)s, %(name)s: %(problem)s")
                            % {
                                "place": entry.place,
                                "name": entry.person.full_name,
                                "problem": problem,
                            },
                        )
                    return redirect("campaigns:selection_detail", public_id=public_id)
            else:
                errors.append(_("Unknown action."))
        except ValidationError as error:
            errors.extend(error.messages)
        selection_list.refresh_from_db()
    context: dict[str, Any] = {
        "selection": selection_list,
        "campaign": selection_list.commune.campaign,
        "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
        "standby_form": standby_form,
        "issue_form": issue_form,
        "approve_form": approve_form,
        "approval_authority": sel.approval_title(selection_list),
        "errors": errors,
    }
    if selection_list.state == SelectionState.FROZEN:
        entries = sel.entries_of(selection_list)
        decisions = sel.decisions_by_person(selection_list)
        context.update(
            entries=[(e, decisions.get(e.person_id)) for e in entries],
            off_list=sel.off_list_decisions(selection_list),
            verified=sel.verifies(selection_list),
            pool_digest=pool_digest(selection_list),
            excluded=[
                (sel.EXCLUSIONS.get(k, k), n) for k, n in sorted(selection_list.excluded.items())
            ],
            official_count=sum(1 for e in entries if e.list_kind == ListKind.OFFICIAL),
            standby_count=sum(1 for e in entries if e.list_kind == ListKind.STANDBY),
        )
    else:
        pool = sel.build_pool(commune=selection_list.commune, service=selection_list.service)
        members = sorted(pool.members, key=lambda m: (m.candidate.standing(), m.person.name_search))
        context.update(
            pool=pool,
            members=members,
            excluded=[(sel.EXCLUSIONS[k], n) for k, n in sorted(pool.counts().items())],
            excluded_people=[
                (sel.EXCLUSIONS[k], person, detail)
                for k, items in pool.excluded.items()
                for person, detail in items
            ],
        )
    return render(request, "conscription/selection/detail.html", context, status=status)


def _frozen(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> SelectionList:
    selection_list = _list(request, public_id)
    if selection_list.state != SelectionState.FROZEN:
        raise Http404(_("The list is published once it is frozen."))
    return selection_list


def _json(data: Any, filename: str) -> JsonResponse:
    response = JsonResponse(
        data, safe=False, json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def selection_pool_json(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The pool exactly as ranked (``manage.py rank`` reads it): public ids and the facts the
    order uses, no names, ID numbers or other health details."""
    selection_list = _frozen(request, public_id)
    return _json(sel.published_pool(selection_list), f"pool-{selection_list.public_id}.json")


@require_GET
def selection_result_json(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The ranked list with its commitment and seed (``manage.py rank --verify`` reads it)."""
    selection_list = _frozen(request, public_id)
    return _json(sel.published_result(selection_list), f"result-{selection_list.public_id}.json")


@require_GET
def selection_pdf(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The commitment (committed list) or the ranked list (frozen), to print and post."""
    selection_list = _list(request, public_id)
    if selection_list.state == SelectionState.DRAFT:
        raise Http404(_("Nothing to print before the draw is committed."))
    entries = (
        sel.entries_of(selection_list) if selection_list.state == SelectionState.FROZEN else []
    )
    report = selection_report(selection_list, entries)
    return report_pdf_response(
        report,
        filename=f"Danh sách tuyển chọn {selection_list.commune.unit.name}.pdf",
    )


# ----------------------------------------------------------------------------- volunteers


def volunteer_list(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Written applications to enlist: record one, withdraw one."""
    campaign = campaign_for_user(request.user, public_id)
    form = VolunteerForm(prefix="v", initial={"applied_on": prefill_day(None, _eve(campaign))})
    withdraw = WithdrawForm(prefix="w", initial={"withdrawn_on": prefill_day(None, _eve(campaign))})
    status = 200
    if request.method == "POST":
        require_cap(request.user, Cap.MANAGE_CAMPAIGN)
        status = 400
        action = request.POST.get("action")
        if action == "record":
            form = VolunteerForm(request.POST, prefix="v")
            if form.is_valid():
                data = form.cleaned_data
                person = _person_in_area(request, campaign, data["national_id"])
                if person is None:
                    form.add_error("national_id", _("No citizen with this ID number in your area."))
                elif submit(
                    request,
                    form,
                    lambda data: volunteer_services.volunteer_record(
                        actor=request.user,
                        campaign=campaign,
                        person=person,
                        service=data["service"],
                        applied_on=data["applied_on"],
                        note=data["note"],
                    ),
                    success=_("The application has been recorded."),
                ):
                    return redirect("campaigns:volunteer_list", public_id=public_id)
        elif action == "withdraw":
            withdraw = WithdrawForm(request.POST, prefix="w")
            if withdraw.is_valid():
                volunteer = get_for_user(
                    request.user,
                    Volunteer.objects.filter(campaign=campaign).select_related(
                        "person__registration_unit"
                    ),
                    unit_field="person__registration_unit",
                    cap=Cap.MANAGE_CAMPAIGN,
                    public_id=withdraw.cleaned_data["volunteer"],
                )
                if submit(
                    request,
                    withdraw,
                    lambda data: volunteer_services.volunteer_withdraw(
                        actor=request.user,
                        volunteer=volunteer,
                        withdrawn_on=data["withdrawn_on"],
                        reason=data["reason"],
                    ),
                    success=_("The application has been withdrawn."),
                ):
                    return redirect("campaigns:volunteer_list", public_id=public_id)
    return render(
        request,
        "conscription/selection/volunteers.html",
        {
            "campaign": campaign,
            "volunteers": sel.volunteers_for_user(user=request.user, campaign=campaign),
            "form": form,
            "withdraw_form": withdraw,
            "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
        },
        status=status,
    )


# ----------------------------------------------------------------------------- review steps


def _review_kinds(request: AuthenticatedHttpRequest) -> list[tuple[str, str]]:
    return [
        (value, str(label))
        for value, label in ReviewKind.choices
        if has_cap(request.user, review_services._cap_for(value))
    ]


def _step_form(
    request: AuthenticatedHttpRequest, campaign: Campaign, data: Any = None
) -> ReviewStepForm:
    communes = communes_for_user(user=request.user, campaign=campaign)
    villages = (
        Unit.objects.filter(parent_id__in=[c.unit_id for c in communes])
        .village_level()
        .valid_on(campaign.handover_start)
        .select_related("parent")
        .order_by("parent__name", "name")
    )
    return ReviewStepForm(
        data,
        prefix="r",
        communes=[(str(c.public_id), c.unit.name) for c in communes],
        villages=[(str(v.public_id), f"{v.name} ({v.parent.name})") for v in villages if v.parent],
        kinds=_review_kinds(request),
        initial={"held_on": prefill_day(None, _eve(campaign))},
    )


def review_list(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The village nominations and council review rounds of the campaign; record one."""
    campaign = campaign_for_user(request.user, public_id)
    form = _step_form(request, campaign)
    status = 200
    if request.method == "POST":
        kinds = dict(_review_kinds(request))
        if not kinds:
            require_cap(request.user, Cap.COUNCIL_REVIEW)
        status = 400
        form = _step_form(request, campaign, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            commune = _commune(request, campaign, data["commune"], Cap.VIEW_PEOPLE)
            village = (
                Unit.objects.filter(public_id=data["village"]).first() if data["village"] else None
            )
            done = submit(
                request,
                form,
                lambda data: review_services.review_step_record(
                    actor=request.user,
                    commune=commune,
                    kind=data["kind"],
                    round=data["round"],
                    village=village,
                    held_on=data["held_on"],
                    chaired_by=data["chaired_by"],
                    members=data["members"],
                    present=data["present"],
                    votes_for=data["votes_for"],
                    votes_against=data["votes_against"],
                    abstained=data["abstained"],
                    minutes=data["minutes"],
                ),
                success=_("The review step has been recorded."),
            )
            if done:
                return redirect("campaigns:review_detail", public_id=done.value.public_id)
    return render(
        request,
        "conscription/selection/reviews.html",
        {
            "campaign": campaign,
            "steps": rounds.mark_plan(
                sel.steps_for_user(user=request.user, campaign=campaign), campaign
            ),
            "form": form,
            "can_record": bool(_review_kinds(request)),
        },
        status=status,
    )


def review_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """One step: its minutes and votes, the citizens considered; add an outcome."""
    step = get_for_user(
        request.user,
        ReviewStep.objects.select_related("commune__unit", "commune__campaign__unit", "village"),
        unit_field="commune__unit",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )
    cap = review_services._cap_for(step.kind)
    form = OutcomeForm(prefix="o")
    status = 200
    if request.method == "POST":
        require_cap(request.user, cap)
        status = 400
        form = OutcomeForm(request.POST, prefix="o")
        if form.is_valid():
            data = form.cleaned_data
            person = Person.objects.filter(
                national_id=data["national_id"], registration_unit_id=step.commune.unit_id
            ).first()
            if person is None:
                form.add_error("national_id", _("No citizen with this ID number in this commune."))
            elif submit(
                request,
                form,
                lambda data: review_services.review_outcome_add(
                    actor=request.user,
                    step=step,
                    outcome=review_services.OutcomeInput(
                        person=person,
                        approved=data["approved"],
                        votes_for=data["votes_for"] or 0,
                        votes_against=data["votes_against"] or 0,
                        note=data["note"],
                    ),
                ),
                success=_("The outcome has been recorded."),
            ):
                if not request.htmx:
                    return redirect("campaigns:review_detail", public_id=public_id)
                form = OutcomeForm(prefix="o")
    rounds.mark_plan([step], step.commune.campaign)
    context = {
        "step": step,
        "fills": rounds.can_fill(step),
        "campaign": step.commune.campaign,
        "outcomes": sel.outcomes_of(step),
        "form": form,
        "can_record": has_cap(request.user, cap),
    }
    if request.htmx:
        # htmx swaps only 2xx answers: the fragment carries its own errors.
        return render(request, "conscription/selection/_outcomes.html", context)
    return render(request, "conscription/selection/review_detail.html", context, status=status)
