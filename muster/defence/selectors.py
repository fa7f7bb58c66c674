"""Reads of defence works, plans and drills, each cut to the reader's area (404 outside)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from muster.accounts.access import get_for_user
from muster.accounts.models import User
from muster.defence import perms
from muster.defence.models import DefenceWork, Drill, Milestone, MilestoneEvidence, Plan
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law.defence.works import STEPS_BASIS


def works_for(*, user: User, unit: Unit | None = None) -> QuerySet[DefenceWork]:
    works = DefenceWork.objects.filter(scope_of(user).q("unit")).select_related("unit")
    if unit is not None:
        works = works.filter(unit__path__startswith=unit.path)
    return works.prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.order_by("order"))
    ).order_by("unit__name", "kind", "name")


def work_for(*, user: User, public_id: uuid.UUID) -> DefenceWork:
    return get_for_user(
        user,
        DefenceWork.objects.select_related("unit"),
        unit_field="unit",
        cap=perms.can_view_defence,
        public_id=public_id,
    )


def milestone_for(*, user: User, public_id: uuid.UUID, approve: bool = False) -> Milestone:
    return get_for_user(
        user,
        Milestone.objects.select_related("work", "work__unit"),
        unit_field="work__unit",
        cap=perms.can_approve_milestone if approve else perms.can_record_defence,
        public_id=public_id,
    )


def evidence_for(*, user: User, public_id: uuid.UUID) -> MilestoneEvidence:
    return get_for_user(
        user,
        MilestoneEvidence.objects.select_related("milestone__work__unit"),
        unit_field="milestone__work__unit",
        cap=perms.can_view_defence,
        public_id=public_id,
    )


def plans_for(*, user: User, unit: Unit) -> QuerySet[Plan]:
    return (
        Plan.objects.filter(scope_of(user).q("unit"), unit__path__startswith=unit.path)
        .select_related("unit")
        .prefetch_related("updates")
        .order_by("unit__name", "kind", "-first_year")
    )


def drills_for(*, user: User, unit: Unit) -> QuerySet[Drill]:
    return (
        Drill.objects.filter(scope_of(user).q("unit"), unit__path__startswith=unit.path)
        .select_related("unit")
        .order_by("unit__name", "-planned_on")
    )


@dataclass(frozen=True)
class Progress:
    """A work's steps: how many are done, how many approved (those count), of how many."""

    work: DefenceWork
    steps: int
    done: int
    approved: int

    @property
    def percent(self) -> Decimal:
        if not self.steps:
            return Decimal(0)
        return (Decimal(self.approved) * 100 / self.steps).quantize(Decimal("0.1"))


def progress_of(work: DefenceWork) -> Progress:
    milestones = list(work.milestones.all())
    return Progress(
        work=work,
        steps=len(milestones),
        done=sum(1 for m in milestones if m.done_on is not None),
        approved=sum(1 for m in milestones if m.approved_on is not None),
    )


#: Shown beside the steps: their order is Muster's reading (unverified).
STEPS_UNVERIFIED = not STEPS_BASIS.confirmed
