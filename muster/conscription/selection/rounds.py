"""Reads of the plan's review steps: the pool review (phúc tra nắm nguồn) and the commune
council's approval rounds (xét duyệt lần 1, lần 2) against the days of the province's plan
entered on the campaign (``pool_review_by``, ``first_approval_by``, ``second_approval_by``),
and the citizens a round considers.

Which list a step starts from: the pool review and the first approval round, the commune's
callable pool from the registry (``campaign.pool``: no definite bar on the handover day); a
later approval round, the citizens approved at the round before it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from muster.conscription.campaign.models import Campaign
from muster.conscription.campaign.pool import definite_bars, pool_verdicts
from muster.conscription.selection.models import ReviewKind, ReviewOutcome, ReviewStep
from muster.law.callup import campaign as campaign_rules
from muster.people.models import Person


def plan_due(step: ReviewStep, campaign: Campaign) -> dt.date | None:
    """The day of the province's plan for ``step`` (None: the plan sets none)."""
    if step.kind == ReviewKind.POOL_REVIEW:
        return campaign.pool_review_by
    if step.kind == ReviewKind.COUNCIL_REVIEW:
        if step.round == 1:
            return campaign.first_approval_by
        return campaign.second_approval_by or campaign.nomination_by
    return campaign.nomination_by


def plan_late(step: ReviewStep, campaign: Campaign) -> bool:
    return campaign_rules.plan_step_late(step.held_on, plan_due(step, campaign))


def mark_plan(steps: Iterable[ReviewStep], campaign: Campaign) -> list[ReviewStep]:
    """The steps with ``plan_due`` and ``plan_late`` set for the pages."""
    found = list(steps)
    for step in found:
        step.plan_due = plan_due(step, campaign)  # type: ignore[attr-defined]
        step.plan_late = plan_late(step, campaign)  # type: ignore[attr-defined]
    return found


def fills_from_pool(step: ReviewStep) -> bool:
    return step.kind == ReviewKind.POOL_REVIEW or (
        step.kind == ReviewKind.COUNCIL_REVIEW and step.round == 1
    )


def can_fill(step: ReviewStep) -> bool:
    """Whether the step's list can be filled at once (not a village nomination)."""
    return step.kind != ReviewKind.VILLAGE_NOMINATION


def round_candidates(step: ReviewStep) -> list[Person]:
    """The citizens ``step`` considers, not yet recorded at it: the registry's callable pool
    (pool review, first approval round) or those approved at the previous council round."""
    commune = step.commune
    recorded = set(step.outcomes.values_list("person_id", flat=True))
    if fills_from_pool(step):
        people = [
            person
            for person, verdict in pool_verdicts(commune.unit, commune.campaign.handover_start)
            if not definite_bars(verdict) and person.registration_unit_id == commune.unit_id
        ]
    elif step.kind == ReviewKind.COUNCIL_REVIEW:
        previous = (
            ReviewStep.objects.filter(
                commune=commune, kind=ReviewKind.COUNCIL_REVIEW, round__lt=step.round
            )
            .order_by("-round")
            .first()
        )
        if previous is None:
            return []
        ids = ReviewOutcome.objects.filter(step=previous, approved=True).values("person_id")
        people = list(Person.objects.filter(pk__in=ids))
    else:
        return []
    return sorted((p for p in people if p.pk not in recorded), key=lambda p: (p.name_search, p.pk))
