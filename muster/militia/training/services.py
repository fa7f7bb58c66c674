"""State changes of the militia's training (Law 48/2019 Art 28; TT 69/2020): the year's plans
(one per component the commune has, the days owed taken from the rule of the plan's year), a
plan's approval, the sessions held, and the attendance and results of a session recorded in
one form. Each checks the manage-militia capability and the commune's area, validates,
writes in one transaction and records its audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.validation import not_future, raise_errors
from muster.law.militia.enums import Component
from muster.law.militia.training import required_days
from muster.law.rulebook import NoRuleInForce
from muster.militia.members.models import Membership
from muster.militia.organisation.models import MilitiaUnit
from muster.militia.perms import can_manage_militia
from muster.militia.training.models import (
    Attendance,
    Result,
    SessionKind,
    TrainerLevel,
    TrainingPlan,
    TrainingSession,
)
from muster.militia.training.selectors import expected_members, members_in_year

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.geo.models import Unit

#: The most days a year could count (a standing militia member owes 60).
MAX_SESSION_DAYS = 90


def _requirement(component: Component, year: int) -> tuple[int, int, str, bool]:
    """(days in year 1, days after, citation in Vietnamese, confirmed) for a plan of
    ``year``, by the rule in force on 1 January (or on 31 December when none was in force
    on 1 January: 2020, before Law 48/2019 took effect)."""
    for day in (dt.date(year, 1, 1), dt.date(year, 12, 31)):
        try:
            first = required_days(component, 1, day)
            later = required_days(component, 2, day)
        except NoRuleInForce:
            continue
        citation = "; ".join(c.label_vi for c in first.rule.citations)
        return first.days, later.days, citation, first.rule.confirmed
    raise ValidationError(
        {"year": [_("No rule on training days is in force in %(year)s.") % {"year": year}]}
    )


def plan_year(*, actor: User, commune: Unit, year: int) -> list[TrainingPlan]:
    """Make the commune's training plans of ``year``: one per component that has members
    serving in the year, with the days of the rule of the year. Plans already made are kept;
    returns every plan of the year."""
    require(can_manage_militia(actor))
    require_actor_area(actor, commune)
    if not 2020 <= year <= 2100:
        raise ValidationError({"year": [_("Give a year from 2020.")]})
    components = sorted(
        {m.component for m in members_in_year(commune=commune, year=year).only("component")}
    )
    if not components:
        raise ValidationError(
            {"year": [_("The commune has no militia member serving in this year.")]}
        )
    with transaction.atomic():
        existing = set(
            TrainingPlan.objects.select_for_update()
            .filter(holder=commune, year=year)
            .values_list("component", flat=True)
        )
        for component in components:
            if component in existing:
                continue
            first, later, citation, confirmed = _requirement(Component(component), year)
            plan = TrainingPlan.objects.create(
                holder=commune,
                year=year,
                component=component,
                first_year_days=first,
                later_days=later,
                legal_citation=citation,
                confirmed=confirmed,
            )
            record_event(
                actor=actor,
                action="militia.training_plan",
                obj=plan,
                scope_unit=commune,
                changes={"year": year, "component": component, "days": [first, later]},
            )
    return list(TrainingPlan.objects.filter(holder=commune, year=year).order_by("component"))


def plan_approve(
    *, actor: User, plan: TrainingPlan, approved_on: dt.date, note: str = ""
) -> TrainingPlan:
    """Record the day the plan was approved, with a note."""
    require(can_manage_militia(actor))
    require_actor_area(actor, plan.holder_id)
    errors: dict[str, list[str]] = {}
    not_future(errors, "approved_on", approved_on)
    if approved_on.year > plan.year:
        errors.setdefault("approved_on", []).append(_("A plan is approved before or in its year."))
    raise_errors(errors)
    with transaction.atomic():
        old = plan.approved_on
        plan.approved_on = approved_on
        plan.note = note.strip()
        plan.save(update_fields=["approved_on", "note"])
        record_event(
            actor=actor,
            action="militia.training_plan_approve",
            obj=plan,
            scope_unit=plan.holder,
            changes={"approved_on": [old.isoformat() if old else None, approved_on.isoformat()]},
            reason=plan.note,
        )
    return plan


def session_record(
    *,
    actor: User,
    plan: TrainingPlan,
    starts_on: dt.date,
    ends_on: dt.date,
    days: int,
    place: str,
    subject: str,
    trainer_level: str = TrainerLevel.COMMUNE,
    kind: str = SessionKind.TRAINING,
    unit: MilitiaUnit | None = None,
) -> TrainingSession:
    """Record a session of ``plan`` (training, competition or drill) of ``days`` counted
    days from ``starts_on`` to ``ends_on``, for the plan's component or one of its units."""
    require(can_manage_militia(actor))
    require_actor_area(actor, plan.holder_id)
    errors: dict[str, list[str]] = {}
    place, subject = place.strip(), subject.strip()
    if ends_on < starts_on:
        errors["ends_on"] = [_("The session cannot end before it starts.")]
    elif days > (ends_on - starts_on).days + 1:
        errors["days"] = [_("More days counted than the days from the start to the end.")]
    if days < 1 or days > MAX_SESSION_DAYS:
        errors.setdefault("days", []).append(_("Count from 1 to 90 days."))
    if starts_on.year != plan.year or ends_on.year != plan.year:
        errors.setdefault("starts_on", []).append(
            _("The session must lie in the plan's year %(year)s.") % {"year": plan.year}
        )
    if not place:
        errors["place"] = [_("Say where the session is held.")]
    if not subject:
        errors["subject"] = [_("Say what is trained.")]
    if trainer_level not in TrainerLevel.values:
        errors["trainer_level"] = [_("Choose who trains.")]
    if kind not in SessionKind.values:
        errors["kind"] = [_("Choose the kind of session.")]
    if unit is not None and (unit.holder_id != plan.holder_id or unit.component != plan.component):
        errors["unit"] = [_("The unit must be a unit of the plan's commune and component.")]
    raise_errors(errors)
    with transaction.atomic():
        session = TrainingSession.objects.create(
            plan=plan,
            unit=unit,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            days=days,
            place=place,
            subject=subject,
            trainer_level=trainer_level,
        )
        record_event(
            actor=actor,
            action="militia.training_session",
            obj=session,
            scope_unit=plan.holder,
            changes={
                "plan": str(plan.public_id),
                "kind": kind,
                "dates": [starts_on.isoformat(), ends_on.isoformat()],
                "days": days,
            },
            reason=subject,
        )
    return session


@dataclass(frozen=True)
class AttendanceRow:
    """One member's line of the attendance form: present or not, the days attended, the
    result (blank: none given)."""

    membership: Membership
    present: bool
    days: int
    result: str = ""


def attendance_record(
    *, actor: User, session: TrainingSession, rows: Sequence[AttendanceRow]
) -> int:
    """Record (or correct) the attendance and results of ``session`` for the members in
    ``rows``, each of whom must be expected at it (the plan's component, or the session's
    unit, serving on its first day). Returns the number of members recorded present."""
    require(can_manage_militia(actor))
    plan = session.plan
    require_actor_area(actor, plan.holder_id)
    expected = {m.pk: m for m in expected_members(session)}
    errors: list[str] = []
    not_future_errors: dict[str, list[str]] = {}
    not_future(not_future_errors, "__all__", session.starts_on)
    errors += not_future_errors.get("__all__", [])
    seen: set[int] = set()
    for row in rows:
        member = expected.get(row.membership.pk)
        name = row.membership.person.full_name
        if member is None:
            errors.append(_("%(name)s is not expected at this session.") % {"name": name})
            continue
        if row.membership.pk in seen:
            errors.append(_("%(name)s is listed twice.") % {"name": name})
        seen.add(row.membership.pk)
        if row.present and not 1 <= row.days <= session.days:
            errors.append(
                _("%(name)s: the days attended must be from 1 to %(days)s.")
                % {"name": name, "days": session.days}
            )
        if row.result and row.result not in Result.values:
            errors.append(_("%(name)s: unknown result.") % {"name": name})
        if not row.present and row.result:
            errors.append(_("%(name)s: an absent member has no result.") % {"name": name})
    if errors:
        raise ValidationError(errors)
    present = 0
    with transaction.atomic():
        TrainingSession.objects.select_for_update().filter(pk=session.pk).first()
        old = {
            a.membership_id: a
            for a in Attendance.objects.filter(session=session, membership_id__in=seen)
        }
        creates: list[Attendance] = []
        updates: list[Attendance] = []
        for row in rows:
            days = row.days if row.present else 0
            present += row.present
            item = old.get(row.membership.pk)
            if item is None:
                creates.append(
                    Attendance(
                        session=session,
                        membership=row.membership,
                        present=row.present,
                        days=days,
                        result=row.result,
                    )
                )
            else:
                item.present, item.days, item.result = row.present, days, row.result
                updates.append(item)
        Attendance.objects.bulk_create(creates)
        Attendance.objects.bulk_update(updates, ["present", "days", "result"])
        record_event(
            actor=actor,
            action="militia.training_attendance",
            obj=session,
            scope_unit=plan.holder,
            changes={
                "present": present,
                "absent": len(rows) - present,
                "days": sum(r.days for r in rows if r.present),
                "results": {v: sum(1 for r in rows if r.result == v) for v in Result.values if v},
            },
        )
    return present


def results_record(*, actor: User, session: TrainingSession, results: dict[Membership, str]) -> int:
    """Record the results (good, pass, fail, or blank) of members already recorded present
    at ``session`` (a competition's results, or a test at the end of training)."""
    require(can_manage_militia(actor))
    require_actor_area(actor, session.plan.holder_id)
    present = {
        a.membership_id: a
        for a in Attendance.objects.filter(session=session, present=True).select_related(
            "membership__person"
        )
    }
    errors: list[str] = []
    for member, value in results.items():
        if member.pk not in present:
            errors.append(
                _("%(name)s is not recorded present at this session.")
                % {"name": member.person.full_name}
            )
        if value and value not in Result.values:
            errors.append(_("%(name)s: unknown result.") % {"name": member.person.full_name})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        changed = []
        for member, value in results.items():
            item = present[member.pk]
            if item.result != value:
                item.result = value
                changed.append(item)
        Attendance.objects.bulk_update(changed, ["result"])
        record_event(
            actor=actor,
            action="militia.training_results",
            obj=session,
            scope_unit=session.plan.holder,
            changes={"results": {str(m.public_id): v for m, v in results.items()}},
        )
    return len(changed)
