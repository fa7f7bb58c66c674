"""The selection list of a commune and service: opened, standby places set, committed,
frozen, and the decisions issued for the official list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area, require_cap
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.conscription.campaign.models import Allocation, CampaignCommune, Service
from muster.conscription.decisions.gate import problems_of, refusal, service_problems
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.perms import can_approve_selection
from muster.conscription.selection.models import (
    ListKind,
    SelectionEntry,
    SelectionList,
    SelectionState,
)
from muster.conscription.selection.selectors import approval_missing, build_pool
from muster.core.text import clean_line
from muster.core.validation import not_future, raise_errors
from muster.law.callup import authorities
from muster.law.callup import draw as selection
from muster.law.callup import selection as selection_rules

if TYPE_CHECKING:
    from muster.accounts.models import User


MAX_STANDBY = 500


# ----------------------------------------------------------------------------- lists


def _final_quota(commune: CampaignCommune, service: str) -> int | None:
    return (
        Allocation.objects.filter(commune=commune, service=service)
        .values_list("final", flat=True)
        .first()
    )


def selection_open(*, actor: User, commune: CampaignCommune, service: str) -> SelectionList:
    """Open the draft list of ``commune`` for ``service``, with the default standby places
    (``selection_rules.default_standby``: 5 % of the official places, rounded up)."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, commune.unit_id)
    if service not in Service.values:
        raise ValidationError(_("Choose the army or the police."))
    quota = _final_quota(commune, service)
    if quota is None:
        raise ValidationError(_("Split the quota before opening the commune's selection list."))
    standby = selection_rules.default_standby(quota, commune.campaign.handover_start)
    with transaction.atomic():
        if SelectionList.objects.filter(commune=commune, service=service).exists():
            raise ValidationError(_("This commune already has a selection list for the service."))
        try:
            with transaction.atomic():  # a concurrent opening of the same list
                opened = SelectionList.objects.create(
                    commune=commune, service=service, quota=quota, standby=standby
                )
        except IntegrityError as exc:
            raise ValidationError(
                _("This commune already has a selection list for the service.")
            ) from exc
        record_event(
            actor=actor,
            action="selection.open",
            obj=opened,
            scope_unit=commune.unit,
            changes={"service": service, "quota": quota, "standby": standby},
        )
    return opened


def _lock_unfrozen(selection_list: SelectionList) -> SelectionList:
    """Lock the list for a change; a frozen list cannot change."""
    locked = (
        SelectionList.objects.select_for_update(of=("self",))
        .select_related("commune__unit", "commune__campaign")
        .get(pk=selection_list.pk)
    )
    if locked.state == SelectionState.FROZEN:
        raise ValidationError(_("This list is frozen and cannot change."))
    return locked


def selection_set_standby(
    *, actor: User, selection_list: SelectionList, standby: int
) -> SelectionList:
    """Set the number of standby places (before the list is frozen)."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, selection_list.commune.unit_id)
    if not 0 <= standby <= MAX_STANDBY:
        raise ValidationError(
            {"standby": [_("The standby places must be between 0 and %(n)s.") % {"n": MAX_STANDBY}]}
        )
    with transaction.atomic():
        locked = _lock_unfrozen(selection_list)
        old = locked.standby
        locked.standby = standby
        locked.save(update_fields=["standby"])
        record_event(
            actor=actor,
            action="selection.standby",
            obj=locked,
            scope_unit=locked.commune.unit,
            changes={"standby": [old, standby]},
        )
    return locked


def selection_commit(*, actor: User, selection_list: SelectionList) -> SelectionList:
    """Draw the seed and publish its commitment ``sha256(seed)`` with the time. The seed stays
    secret until the list is frozen."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, selection_list.commune.unit_id)
    with transaction.atomic():
        locked = _lock_unfrozen(selection_list)
        if locked.state != SelectionState.DRAFT:
            raise ValidationError(
                _("The draw is already committed: a list is committed only once.")
            )
        seed = selection.new_seed()
        locked.seed = seed
        locked.commitment = selection.commit(seed)
        locked.committed_at = timezone.now()
        locked.state = SelectionState.COMMITTED
        locked.save(update_fields=["seed", "commitment", "committed_at", "state"])
        record_event(
            actor=actor,
            action="selection.commit",
            obj=locked,
            scope_unit=locked.commune.unit,
            changes={"commitment": locked.commitment, "committed_at": locked.committed_at},
        )
    return locked


def selection_freeze(*, actor: User, selection_list: SelectionList) -> SelectionList:
    """Fix the pool, rank it with the committed seed, store the entries and reveal the seed.

    Official places are the commune's final quota for the service on the day of freezing."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, selection_list.commune.unit_id)
    with transaction.atomic():
        locked = _lock_unfrozen(selection_list)
        if locked.state != SelectionState.COMMITTED:
            raise ValidationError(
                _("Commit the draw (publish the seed's hash) before freezing the list.")
            )
        quota = _final_quota(locked.commune, locked.service) or 0
        pool = build_pool(commune=locked.commune, service=locked.service)
        candidates = sorted(pool.candidates(), key=lambda c: c.public_id)
        if quota > len(candidates):
            raise ValidationError(
                _(
                    "The callable pool (%(pool)s) is smaller than the official places "
                    "(%(quota)s): complete the health results, or change the quota, before "
                    "freezing."
                )
                % {"pool": len(candidates), "quota": quota}
            )
        ranked = selection.rank(candidates, locked.seed, quota=quota, standby=locked.standby)
        people = {str(m.person.public_id): m.person for m in pool.members}
        by_id = {c.public_id: c for c in candidates}
        SelectionEntry.objects.bulk_create(
            [
                SelectionEntry(
                    selection=locked,
                    person=people[entry.public_id],
                    place=entry.place,
                    list_kind=entry.list,
                    volunteer=by_id[entry.public_id].volunteer,
                    education=by_id[entry.public_id].education,
                    health_class=by_id[entry.public_id].health_class,
                    graduate=by_id[entry.public_id].graduate,
                    ethnic_minority=by_id[entry.public_id].ethnic_minority,
                    draw=entry.draw,
                )
                for entry in ranked.entries
            ]
        )
        locked.quota = quota
        locked.method = ranked.method
        locked.pool = [selection.candidate_to_json(c) for c in candidates]
        locked.excluded = pool.counts()
        locked.state = SelectionState.FROZEN
        locked.frozen_at = timezone.now()
        locked.save(update_fields=["quota", "method", "pool", "excluded", "state", "frozen_at"])
        record_event(
            actor=actor,
            action="selection.freeze",
            obj=locked,
            scope_unit=locked.commune.unit,
            changes={
                "commitment": locked.commitment,
                "seed": locked.seed,
                "pool": len(candidates),
                "official": len(ranked.official),
                "standby": len(ranked.standby_list),
                "excluded": locked.excluded,
            },
        )
    return locked


def selection_approve(
    *,
    actor: User,
    selection_list: SelectionList,
    approved_on: dt.date,
    approval_number: str,
    council_proposal: str = "",
) -> SelectionList:
    """Record the decision approving the frozen list of citizens called (Art 34(3)).

    The authority is the one of the approval day: the district chairman before 1 Jul 2025;
    from then the provincial chairman, on the provincial NVQS council's proposal, whose
    reference is required. It is recorded at the level above the commune (a user whose area
    holds the campaign's unit), never by the commune that drew the list: by the officer who
    runs the campaign, or from 1 Jul 2025 by the provincial chairman's office itself
    (``perms.can_approve_selection``)."""
    require(can_approve_selection(actor, selection_list, on=approved_on))
    require_actor_area(
        actor,
        selection_list.commune.campaign.unit_id,
        _("The approval of the call-up list is recorded at the district or province level."),
    )
    approval_number = clean_line(approval_number)
    council_proposal = clean_line(council_proposal)
    errors: dict[str, list[str]] = {}
    code, title, citation, needs_proposal = authorities.callup_list_authority(approved_on)
    if not approval_number:
        errors["approval_number"] = [_("Enter the number of the approval decision.")]
    if needs_proposal and not council_proposal:
        errors["council_proposal"] = [
            _(
                "From 1 July 2025 the provincial chairman decides on the provincial military "
                "service council's proposal: enter the proposal's reference."
            )
        ]
    not_future(errors, "approved_on", approved_on)
    with transaction.atomic():
        locked = (
            SelectionList.objects.select_for_update(of=("self",))
            .select_related("commune__unit", "commune__campaign")
            .get(pk=selection_list.pk)
        )
        if locked.state != SelectionState.FROZEN:
            errors.setdefault("__all__", []).append(_("Freeze the list before it is approved."))
        elif locked.approved_on is not None:
            errors.setdefault("__all__", []).append(_("This list is already approved."))
        if approved_on >= locked.commune.campaign.handover_start:
            errors.setdefault("approved_on", []).append(
                _("The list must be approved before the handover day.")
            )
        raise_errors(errors)
        locked.approved_on = approved_on
        locked.approval_number = approval_number[:60]
        locked.approval_authority = code
        locked.council_proposal = council_proposal[:120]
        locked.save(
            update_fields=[
                "approved_on",
                "approval_number",
                "approval_authority",
                "council_proposal",
            ]
        )
        record_event(
            actor=actor,
            action="selection.approve",
            obj=locked,
            scope_unit=locked.commune.unit,
            changes={
                "approved_on": approved_on.isoformat(),
                "number": locked.approval_number,
                "authority": code,
                "authority_title": title,
                "citation": citation,
                "council_proposal": locked.council_proposal,
            },
        )
    return locked


@dataclass
class IssueResult:
    issued: list[CallupDecision] = field(default_factory=list)
    skipped: list[tuple[SelectionEntry, str]] = field(default_factory=list)


def issue_official(
    *, actor: User, selection_list: SelectionList, issued_on: dt.date, report_place: str = ""
) -> IssueResult:
    """Issue a decision to every citizen of the official list who has none yet, in list
    order, each numbered by the gap-free counter (``campaign_services.issue_numbered``).

    The checks are those of ``decision_issue`` (the list admits every official citizen; the
    decision gate on the handover day, with the volunteer's waiver; the quota and one valid
    decision per citizen under the counter's lock), with the citizens' facts read in one go.
    A citizen the checks refuse is skipped with the reason; the others are issued."""
    from muster.conscription.decisions.services import issue_numbered
    from muster.conscription.eligibility.selectors import facts_for_people
    from muster.conscription.selection.selectors import active_volunteers
    from muster.law.callup.eligibility.engine import evaluate
    from muster.law.callup.eligibility.facts import OutsideCoverage

    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, selection_list.commune.unit_id)
    if selection_list.state != SelectionState.FROZEN:
        raise ValidationError(_("Freeze the list before issuing its decisions."))
    if selection_list.approved_on is None:
        raise ValidationError(approval_missing(selection_list))
    commune = CampaignCommune.objects.select_related("unit", "campaign").get(
        pk=selection_list.commune_id
    )
    campaign = commune.campaign
    if issued_on >= campaign.handover_start:
        raise ValidationError(_("The decision must be issued before the handover day."))
    holders = set(
        CallupDecision.objects.filter(
            campaign_id=commune.campaign_id, status=DecisionStatus.VALID
        ).values_list("person_id", flat=True)
    )
    entries = [
        e
        for e in selection_list.entries.filter(list_kind=ListKind.OFFICIAL)
        .select_related("person")
        .order_by("place")
        if e.person_id not in holders
    ]
    on = campaign.handover_start
    volunteers = set(
        active_volunteers(campaign=campaign, on=on, service=selection_list.service).values_list(
            "person_id", flat=True
        )
    )
    facts = facts_for_people(people=[e.person for e in entries], on=on, volunteers=volunteers)
    result = IssueResult()
    for entry in entries:
        try:
            verdict = evaluate(facts[entry.person_id], on)
        except OutsideCoverage:
            verdict = None
        problems = problems_of(verdict) + service_problems(
            person=entry.person, on=on, service=selection_list.service
        )
        if entry.person.registration_unit_id != commune.unit_id:
            result.skipped.append((entry, _("The citizen is not registered in this commune.")))
            continue
        if problems:
            result.skipped.append((entry, refusal(problems)))
            continue
        try:
            decision = issue_numbered(
                actor=actor,
                commune=commune,
                person=entry.person,
                service=selection_list.service,
                issued_on=issued_on,
                enlist_on=on,
                report_place=report_place,
            )
        except ValidationError as error:
            result.skipped.append((entry, "; ".join(error.messages)))
        else:
            result.issued.append(decision)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="selection.issue_official",
            obj=selection_list,
            scope_unit=commune.unit,
            changes={
                "issued": [d.number for d in result.issued],
                "skipped": [str(e.person.public_id) for e, _m in result.skipped],
            },
        )
    return result
