"""State changes of selection (tuyển chọn): volunteer applications, the selection list of a
commune and service with its committed draw, decisions for the official list, and the review
steps (village nomination, bình cử; the commune council's review, xét duyệt).

The list moves draft → committed → frozen and never back (docs/campaign.md §4):

* **commit**: a fresh seed is drawn (``selection.new_seed``) and kept secret; its sha256, the
  commitment, is published with the time. A committed list cannot be committed again, so no
  one can draw seeds until one suits.
* **freeze**: the callable pool is read from the registry (``selection_selectors.build_pool``)
  and fixed as JSON exactly as ranked, ranked by ``selection.rank`` with the committed seed,
  the entries stored and the seed revealed. A frozen list never changes.

Every change locks the list row (``SELECT … FOR UPDATE``), checks the role (403) and the area,
validates, writes in one transaction and records the audit event in it.

Who records what: the commune military command and the district or regional officers
(``Cap.MANAGE_CAMPAIGN``) keep volunteers and lists, issue decisions and record the village
nominations (the commune command organises the village meetings); the members of the military
service council (``Cap.COUNCIL_REVIEW``) record the council's own review rounds, so the body that
votes on the list is not the one that runs it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muster.accounts.access import require_actor_area, require_actor_cap
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.conscription import selection, selection_rules
from muster.conscription.campaign_services import definite_bars
from muster.conscription.models import (
    Allocation,
    CallupDecision,
    Campaign,
    CampaignCommune,
    DecisionStatus,
    ListKind,
    Replacement,
    ReviewKind,
    ReviewOutcome,
    ReviewStep,
    SelectionEntry,
    SelectionList,
    SelectionState,
    Service,
    Volunteer,
)
from muster.conscription.selection_selectors import build_pool
from muster.geo.models import VILLAGE_LEVEL_KINDS, Unit
from muster.people.models import Person

if TYPE_CHECKING:
    from muster.accounts.models import User

MAX_STANDBY = 500


def _commune_of(campaign: Campaign, person: Person) -> CampaignCommune:
    commune = (
        campaign.communes.filter(unit_id=person.registration_unit_id)
        .select_related("unit", "campaign")
        .first()
    )
    if commune is None:
        raise ValidationError(_("The citizen is not registered in a commune of this campaign."))
    return commune


# ----------------------------------------------------------------------------- volunteers


def volunteer_record(
    *,
    actor: User,
    campaign: Campaign,
    person: Person,
    service: str,
    applied_on: dt.date,
    note: str = "",
) -> Volunteer:
    """Record a written application to enlist (đơn tình nguyện nhập ngũ) for ``service``.

    A volunteer comes first in the selection order, and the application waives his deferral
    and exemption grounds (Art 41(3)); it cannot cure 41.1.a nor a failed standard."""
    require_actor_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, person.registration_unit_id)
    commune = _commune_of(campaign, person)
    errors: dict[str, list[str]] = {}
    if service not in Service.values:
        errors["service"] = [_("Choose the army or the police.")]
    if applied_on > campaign.handover_start:
        errors["applied_on"] = [_("The application must come before the handover day.")]
    if applied_on > timezone.localdate():
        errors.setdefault("applied_on", []).append(_("The date cannot be in the future."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        frozen = (
            SelectionList.objects.select_for_update()
            .filter(commune=commune, service=service, state=SelectionState.FROZEN)
            .exists()
        )
        if frozen:
            raise ValidationError(
                _(
                    "The commune's selection list for this service is frozen: a new application "
                    "cannot change it."
                )
            )
        if Volunteer.objects.filter(
            campaign=campaign, person=person, withdrawn_on__isnull=True
        ).exists():
            raise ValidationError(_("This citizen already has an application in this campaign."))
        try:
            with transaction.atomic():  # a concurrent application for the same citizen
                volunteer = Volunteer.objects.create(
                    campaign=campaign,
                    person=person,
                    service=service,
                    applied_on=applied_on,
                    note=note.strip(),
                )
        except IntegrityError as exc:
            raise ValidationError(
                _("This citizen already has an application in this campaign.")
            ) from exc
        record_event(
            actor=actor,
            action="selection.volunteer.record",
            obj=volunteer,
            scope_unit=commune.unit,
            changes={
                "person": str(person.public_id),
                "service": service,
                "applied_on": applied_on.isoformat(),
            },
        )
    return volunteer


def volunteer_withdraw(
    *, actor: User, volunteer: Volunteer, withdrawn_on: dt.date, reason: str
) -> Volunteer:
    """Withdraw an application (the citizen's written withdrawal). Refused while the citizen
    holds a valid decision for that service: revoke the decision first."""
    require_actor_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, volunteer.person.registration_unit_id)
    errors: dict[str, list[str]] = {}
    if not reason.strip():
        errors["reason"] = [_("Give the reason for the change.")]
    if withdrawn_on < volunteer.applied_on:
        errors["withdrawn_on"] = [_("The withdrawal cannot precede the application.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        if locked.withdrawn_on is not None:
            raise ValidationError(_("This application has already been withdrawn."))
        if CallupDecision.objects.filter(
            campaign_id=locked.campaign_id,
            person_id=locked.person_id,
            service=locked.service,
            status=DecisionStatus.VALID,
        ).exists():
            raise ValidationError(
                _("The citizen holds a valid call-up decision: revoke it before the withdrawal.")
            )
        locked.withdrawn_on = withdrawn_on
        locked.save(update_fields=["withdrawn_on"])
        record_event(
            actor=actor,
            action="selection.volunteer.withdraw",
            obj=locked,
            scope_unit=volunteer.person.registration_unit,
            changes={"withdrawn_on": withdrawn_on.isoformat()},
            reason=reason.strip(),
        )
    return locked


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
    require_actor_cap(actor, Cap.MANAGE_CAMPAIGN)
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


def _locked(selection_list: SelectionList) -> SelectionList:
    return (
        SelectionList.objects.select_for_update(of=("self",))
        .select_related("commune__unit", "commune__campaign")
        .get(pk=selection_list.pk)
    )


def _refuse_frozen(locked: SelectionList) -> None:
    if locked.state == SelectionState.FROZEN:
        raise ValidationError(_("This list is frozen and cannot change."))


def selection_set_standby(
    *, actor: User, selection_list: SelectionList, standby: int
) -> SelectionList:
    """Set the number of standby places (before the list is frozen)."""
    require_actor_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, selection_list.commune.unit_id)
    if not 0 <= standby <= MAX_STANDBY:
        raise ValidationError(
            {"standby": [_("The standby places must be between 0 and %(n)s.") % {"n": MAX_STANDBY}]}
        )
    with transaction.atomic():
        locked = _locked(selection_list)
        _refuse_frozen(locked)
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
    require_actor_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, selection_list.commune.unit_id)
    with transaction.atomic():
        locked = _locked(selection_list)
        _refuse_frozen(locked)
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
    require_actor_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, selection_list.commune.unit_id)
    with transaction.atomic():
        locked = _locked(selection_list)
        _refuse_frozen(locked)
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


@dataclass
class IssueResult:
    issued: list[CallupDecision] = field(default_factory=list)
    skipped: list[tuple[SelectionEntry, str]] = field(default_factory=list)


def issue_official(
    *, actor: User, selection_list: SelectionList, issued_on: dt.date
) -> IssueResult:
    """Issue a decision to every citizen of the official list who has none yet, in list
    order, each numbered by the gap-free counter (``campaign_services.issue_numbered``).

    The checks are those of ``decision_issue`` (the list admits every official citizen; the
    engine's verdict on the handover day, with the volunteer's waiver; the quota and one valid
    decision per citizen under the counter's lock), with the citizens' facts read in one go.
    A citizen the checks refuse is skipped with the reason; the others are issued."""
    from muster.conscription.campaign_services import issue_numbered
    from muster.conscription.eligibility import OutsideCoverage, evaluate
    from muster.conscription.selection_selectors import active_volunteers
    from muster.conscription.selectors import facts_for_people

    require_actor_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, selection_list.commune.unit_id)
    if selection_list.state != SelectionState.FROZEN:
        raise ValidationError(_("Freeze the list before issuing its decisions."))
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
        bars = definite_bars(verdict)
        if entry.person.registration_unit_id != commune.unit_id:
            bars = [_("The citizen is not registered in this commune."), *bars]
        if bars:
            result.skipped.append(
                (
                    entry,
                    _("The eligibility engine finds this citizen not callable: %(reasons)s")
                    % {"reasons": "; ".join(bars)},
                )
            )
            continue
        try:
            decision = issue_numbered(
                actor=actor,
                commune=commune,
                person=entry.person,
                service=selection_list.service,
                issued_on=issued_on,
                enlist_on=on,
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


def callup_list_problem(*, commune: CampaignCommune, person: Person, service: str) -> str | None:
    """Why the commune's selection list refuses a decision for ``person``, or None.

    No list, or a draft: no restriction (the campaign's earlier behaviour). Committed: freeze
    first. Frozen: an official citizen is accepted; a standby citizen only in place of an
    official one whose decision was revoked, and in the standby order."""
    found = SelectionList.objects.filter(commune=commune, service=service).first()
    if found is None or found.state == SelectionState.DRAFT:
        return None
    if found.state == SelectionState.COMMITTED:
        return _(
            "The commune's selection list is committed but not frozen: freeze it before "
            "issuing decisions."
        )
    entry = found.entries.filter(person=person).first()
    if entry is None or entry.list_kind == ListKind.REMAINING:
        return _("This citizen is not on the commune's official selection list.")
    if entry.list_kind == ListKind.OFFICIAL:
        return None
    decisions = CallupDecision.objects.filter(campaign_id=commune.campaign_id)
    valid_holders = set(
        decisions.filter(status=DecisionStatus.VALID).values_list("person_id", flat=True)
    )
    ever_called = set(decisions.values_list("person_id", flat=True))
    official = set(
        found.entries.filter(list_kind=ListKind.OFFICIAL).values_list("person_id", flat=True)
    )
    standby = list(
        found.entries.filter(list_kind=ListKind.STANDBY)
        .order_by("place")
        .values_list("person_id", "place")
    )
    vacancies = len((official & ever_called) - valid_holders)
    replacements = set(
        Replacement.objects.filter(decision__campaign_id=commune.campaign_id).values_list(
            "decision__person_id", flat=True
        )
    )
    filled = sum(1 for pid, _place in standby if pid in valid_holders and pid not in replacements)
    if vacancies <= filled:
        return _(
            "A standby citizen is called only in place of an official citizen whose decision "
            "was revoked (after the handover: record a replacement)."
        )
    upcoming = next(((pid, place) for pid, place in standby if pid not in ever_called), None)
    if upcoming is not None and upcoming[0] != person.pk:
        return _("Call the standby list in order: the next standby citizen is place %(place)s.") % {
            "place": upcoming[1]
        }
    return None


# ----------------------------------------------------------------------------- review steps


@dataclass(frozen=True)
class OutcomeInput:
    person: Person
    approved: bool
    votes_for: int = 0
    votes_against: int = 0
    note: str = ""


def _cap_for(kind: str) -> Cap:
    return Cap.COUNCIL_REVIEW if kind == ReviewKind.COUNCIL_REVIEW else Cap.MANAGE_CAMPAIGN


def _outcome_problems(
    step: ReviewStep, outcome: OutcomeInput, commune: CampaignCommune
) -> list[str]:
    problems: list[str] = []
    name = outcome.person.full_name
    if outcome.person.registration_unit_id != commune.unit_id:
        problems.append(_("%(name)s is not registered in this commune.") % {"name": name})
    if outcome.votes_for < 0 or outcome.votes_against < 0:
        problems.append(_("Votes cannot be negative."))
    if outcome.votes_for + outcome.votes_against > step.present:
        problems.append(
            _("%(name)s: more votes (%(votes)s) than people present (%(present)s).")
            % {
                "name": name,
                "votes": outcome.votes_for + outcome.votes_against,
                "present": step.present,
            }
        )
    if outcome.approved:
        # Per-citizen votes when recorded, otherwise the meeting's vote on the list.
        votes = (
            outcome.votes_for if (outcome.votes_for or outcome.votes_against) else step.votes_for
        )
        if step.kind == ReviewKind.COUNCIL_REVIEW and step.members:
            if 2 * votes <= step.members:
                problems.append(
                    _(
                        "%(name)s: approval needs more than half of all %(members)s council "
                        "members (Law 78/2015 Art 36(3)); %(votes)s voted for."
                    )
                    % {"name": name, "members": step.members, "votes": votes}
                )
        elif 2 * votes <= step.present:
            problems.append(
                _(
                    "%(name)s: approval needs more than half of the %(present)s present; "
                    "%(votes)s voted for."
                )
                % {"name": name, "present": step.present, "votes": votes}
            )
    return problems


def review_step_record(
    *,
    actor: User,
    commune: CampaignCommune,
    kind: str,
    held_on: dt.date,
    chaired_by: str,
    minutes: str,
    present: int,
    votes_for: int,
    votes_against: int,
    abstained: int,
    round: int = 1,
    village: Unit | None = None,
    members: int | None = None,
    outcomes: tuple[OutcomeInput, ...] = (),
) -> ReviewStep:
    """Record a village nomination meeting (bình cử) or a council review round (xét duyệt)
    with its minutes, attendance, votes and per-citizen outcomes."""
    if kind not in ReviewKind.values:
        raise ValidationError({"kind": [_("Choose the kind of step.")]})
    require_actor_cap(actor, _cap_for(kind))
    require_actor_area(actor, commune.unit_id)
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if kind == ReviewKind.VILLAGE_NOMINATION:
        if village is None:
            add("village", _("Choose the village that held the nomination."))
        elif village.kind not in VILLAGE_LEVEL_KINDS or not village.path.startswith(
            commune.unit.path
        ):
            add("village", _("The village must belong to this commune."))
        if members is not None:
            add("members", _("A village meeting has no council membership."))
    elif village is not None:
        add("village", _("A council review belongs to the commune, not to a village."))
    if round < 1:
        add("round", _("The round is 1 or more."))
    if not chaired_by.strip():
        add("chaired_by", _("Name who chaired the meeting."))
    if not minutes.strip():
        add("minutes", _("Enter the minutes of the meeting."))
    if present < 1:
        add("present", _("At least one person must be present."))
    if min(votes_for, votes_against, abstained) < 0:
        add("votes_for", _("Votes cannot be negative."))
    if votes_for + votes_against + abstained > present:
        add(
            "votes_for",
            _("Votes for, against and abstained (%(votes)s) exceed those present (%(present)s).")
            % {"votes": votes_for + votes_against + abstained, "present": present},
        )
    if members is not None and present > members:
        add("present", _("More people present than council members."))
    if held_on > commune.campaign.handover_start:
        add("held_on", _("Review steps come before the handover day."))
    if held_on > timezone.localdate():
        add("held_on", _("The date cannot be in the future."))
    if ReviewStep.objects.filter(commune=commune, kind=kind, round=round, village=village).exists():
        add("round", _("This round is already recorded."))
    step = ReviewStep(
        commune=commune,
        kind=kind,
        round=round,
        village=village,
        held_on=held_on,
        chaired_by=chaired_by.strip(),
        members=members,
        present=present,
        minutes=minutes.strip(),
        votes_for=votes_for,
        votes_against=votes_against,
        abstained=abstained,
    )
    seen: set[int] = set()
    for outcome in outcomes:
        if outcome.person.pk in seen:
            add("outcomes", _("%(name)s is listed twice.") % {"name": outcome.person.full_name})
        seen.add(outcome.person.pk)
        for problem in _outcome_problems(step, outcome, commune):
            add("outcomes", problem)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            step.save()
            ReviewOutcome.objects.bulk_create(
                [
                    ReviewOutcome(
                        step=step,
                        person=o.person,
                        approved=o.approved,
                        votes_for=o.votes_for,
                        votes_against=o.votes_against,
                        note=o.note.strip(),
                    )
                    for o in outcomes
                ]
            )
            record_event(
                actor=actor,
                action="selection.review.record",
                obj=step,
                scope_unit=commune.unit,
                changes={
                    "kind": kind,
                    "round": round,
                    "village": village.code if village else None,
                    "held_on": held_on.isoformat(),
                    "present": present,
                    "votes": [votes_for, votes_against, abstained],
                    "approved": sum(1 for o in outcomes if o.approved),
                    "refused": sum(1 for o in outcomes if not o.approved),
                },
            )
    except IntegrityError as exc:
        # Another officer recorded the same round between our check and our write: the
        # unique constraints refused it (reviewstep_round_once_per_*).
        if ReviewStep.objects.filter(
            commune=commune, kind=kind, round=round, village=village
        ).exists():
            raise ValidationError({"round": [_("This round is already recorded.")]}) from exc
        raise
    return step


def review_outcome_add(*, actor: User, step: ReviewStep, outcome: OutcomeInput) -> ReviewOutcome:
    """Add one citizen's outcome to a recorded step (the same checks as at recording)."""
    require_actor_cap(actor, _cap_for(step.kind))
    commune = CampaignCommune.objects.select_related("unit", "campaign").get(pk=step.commune_id)
    require_actor_area(actor, commune.unit_id)
    problems = _outcome_problems(step, outcome, commune)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        ReviewStep.objects.select_for_update().get(pk=step.pk)
        if ReviewOutcome.objects.filter(step=step, person=outcome.person).exists():
            raise ValidationError(
                _("%(name)s is already recorded at this step.") % {"name": outcome.person.full_name}
            )
        created = ReviewOutcome.objects.create(
            step=step,
            person=outcome.person,
            approved=outcome.approved,
            votes_for=outcome.votes_for,
            votes_against=outcome.votes_against,
            note=outcome.note.strip(),
        )
        record_event(
            actor=actor,
            action="selection.review.outcome",
            obj=step,
            scope_unit=commune.unit,
            changes={
                "person": str(outcome.person.public_id),
                "approved": outcome.approved,
                "votes": [outcome.votes_for, outcome.votes_against],
            },
        )
    return created
