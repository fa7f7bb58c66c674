"""The review steps of selection: the village nomination (bình cử) and the commune council's
review (xét duyệt), with their outcomes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muster.accounts.access import require_actor_area, require_cap
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.conscription.campaign.models import CampaignCommune
from muster.conscription.selection.models import ReviewKind, ReviewOutcome, ReviewStep
from muster.geo.models import VILLAGE_LEVEL_KINDS, Unit
from muster.people.models import Person

if TYPE_CHECKING:
    from muster.accounts.models import User


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
    require_cap(actor, _cap_for(kind))
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
    require_cap(actor, _cap_for(step.kind))
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


def review_list_fill(*, actor: User, step: ReviewStep) -> int:
    """Put the citizens ``step`` considers on its list, approved by the meeting's vote on the
    list (``selection.rounds.round_candidates``: the registry's callable pool for the pool
    review and the first approval round, those approved at the round before for a later
    round). Refused when the meeting's vote does not carry the list. Returns how many."""
    from muster.conscription.selection import rounds

    require_cap(actor, _cap_for(step.kind))
    commune = CampaignCommune.objects.select_related("unit", "campaign").get(pk=step.commune_id)
    require_actor_area(actor, commune.unit_id)
    if step.kind == ReviewKind.VILLAGE_NOMINATION:
        raise ValidationError(_("A village nomination lists the citizens it nominates one by one."))
    with transaction.atomic():
        locked = ReviewStep.objects.select_for_update().get(pk=step.pk)
        locked.commune = commune
        people = rounds.round_candidates(locked)
        if not people:
            raise ValidationError(_("No citizen left to put on this list."))
        problems: list[str] = []
        for person in people:
            problems.extend(_outcome_problems(locked, OutcomeInput(person, True), commune))
        if problems:
            raise ValidationError(sorted(set(problems))[:5])
        ReviewOutcome.objects.bulk_create(
            [ReviewOutcome(step=locked, person=p, approved=True) for p in people]
        )
        record_event(
            actor=actor,
            action="selection.review.fill",
            obj=locked,
            scope_unit=commune.unit,
            changes={"kind": locked.kind, "round": locked.round, "added": len(people)},
        )
    return len(people)
