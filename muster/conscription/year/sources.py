"""The call-up's answers to the year calendar (``core.registry.CalendarSource``): the day each
commune did a step of the campaign, read from the live records, so that a step the plan only
dates shows done or not done.

* ``pool_review``: the first pool review (phúc tra nắm nguồn) held for the campaign;
* ``nomination``: the first round of the commune council's review (xét duyệt) held;
* ``screening`` and ``examination``: the first health session of that kind a citizen of the
  commune was called to around the plan's window;
* ``callup_decisions``: the last valid call-up decision issued (all must be issued by the day);
* ``handover``: the first handover record of the commune.

The re-examination and replacement after handover are left to their dates: they happen only
when a recruit is sent back, so no record tells that one was owed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Max, Min

from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.handover.models import Handover
from muster.conscription.selection.models import ReviewKind, ReviewStep
from muster.health.models import HealthCall, SessionKind
from muster.law.callup import year as year_rules

#: How far before the plan's window and after its last day a health session still counts.
_BEFORE = dt.timedelta(days=31)
_AFTER = dt.timedelta(days=62)


def _campaign(step: year_rules.Step) -> dict[str, object]:
    return {"commune__campaign__year": step.campaign_year, "commune__campaign__call": 1}


def _review(kind: str, step: year_rules.Step, commune_ids: Sequence[int]) -> dict[int, dt.date]:
    rows = (
        ReviewStep.objects.filter(kind=kind, commune__unit_id__in=commune_ids, **_campaign(step))
        .values("commune__unit_id")
        .annotate(first=Min("held_on"))
        .order_by()
    )
    return {row["commune__unit_id"]: row["first"] for row in rows}


def pool_review_done(step: year_rules.Step, commune_ids: Sequence[int]) -> dict[int, dt.date]:
    return _review(ReviewKind.POOL_REVIEW, step, commune_ids)


def nomination_done(step: year_rules.Step, commune_ids: Sequence[int]) -> dict[int, dt.date]:
    return _review(ReviewKind.COUNCIL_REVIEW, step, commune_ids)


def _health(kind: str, step: year_rules.Step, commune_ids: Sequence[int]) -> dict[int, dt.date]:
    rows = (
        HealthCall.objects.filter(
            session__kind=kind,
            session__date__gte=step.first_day - _BEFORE,
            session__date__lte=step.due + _AFTER,
            person__registration_unit_id__in=commune_ids,
        )
        .values("person__registration_unit_id")
        .annotate(first=Min("session__date"))
        .order_by()
    )
    return {row["person__registration_unit_id"]: row["first"] for row in rows}


def screening_done(step: year_rules.Step, commune_ids: Sequence[int]) -> dict[int, dt.date]:
    return _health(SessionKind.SCREENING, step, commune_ids)


def examination_done(step: year_rules.Step, commune_ids: Sequence[int]) -> dict[int, dt.date]:
    return _health(SessionKind.EXAMINATION, step, commune_ids)


def decisions_done(step: year_rules.Step, commune_ids: Sequence[int]) -> dict[int, dt.date]:
    rows = (
        CallupDecision.objects.filter(
            status=DecisionStatus.VALID, commune__unit_id__in=commune_ids, **_campaign(step)
        )
        .values("commune__unit_id")
        .annotate(last=Max("issued_on"))
        .order_by()
    )
    return {row["commune__unit_id"]: row["last"] for row in rows}


def handover_done(step: year_rules.Step, commune_ids: Sequence[int]) -> dict[int, dt.date]:
    rows = (
        Handover.objects.filter(commune__unit_id__in=commune_ids, **_campaign(step))
        .values("commune__unit_id")
        .annotate(first=Min("handed_on"))
        .order_by()
    )
    return {row["commune__unit_id"]: row["first"] for row in rows}


#: Step kind → its reader.
READERS = {
    "pool_review": pool_review_done,
    "nomination": nomination_done,
    "screening": screening_done,
    "examination": examination_done,
    "callup_decisions": decisions_done,
    "handover": handover_done,
}
