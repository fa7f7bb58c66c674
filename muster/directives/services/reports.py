"""Reports on a directive.

The maker (Cap.REPORT_DIRECTIVE) fills and submits; the checker (Cap.REVIEW_DIRECTIVE) approves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.audit.services import record_event
from muster.core.calendar import holidays_between
from muster.core.dates import today
from muster.directives import periods, perms
from muster.directives.handover_store import reporting_duties
from muster.directives.models import Directive, Report, ReportLine, ReportStatus, Target
from muster.directives.services.evidence import copy_evidence
from muster.directives.services.guards import (
    lock_report,
    locked_message,
    refuse_if_not_editable,
    require_in_scope,
)
from muster.geo.models import Unit

if TYPE_CHECKING:
    from muster.accounts.models import User


def report_due(directive: Directive, period_end: dt.date) -> dt.date:
    """The due day of a period's report: working days after its end, holidays skipped."""
    holidays = holidays_between(period_end, period_end + dt.timedelta(days=90))
    return periods.due_date(period_end, directive.report_due_working_days, holidays)


def reportable_targets(
    directive: Directive, unit: Unit, period: periods.Period | None = None
) -> list[Target]:
    """The hand-reported numeric targets ``unit`` answers for: its shares, or targets it leads
    that are not split, and those it took over from a unit that ended (``handover``); with
    ``period``, only those it owes for that period (a unit owes none after its end)."""
    wanted = reporting_duties(directive).targets_of(unit.pk, period)
    return list(
        Target.objects.filter(pk__in=wanted).select_related("task").order_by("task__order", "order")
    )


def report_create(
    *, actor: User, directive: Directive, unit: Unit, period_start: dt.date
) -> Report:
    """Open the report of ``unit`` for the period that begins on ``period_start``."""
    require(perms.can_draft_report(actor))
    require_in_scope(actor=actor, unit=unit)
    if not reportable_targets(directive, unit):
        raise ValidationError({"unit": [_("This unit has no target to report on.")]})
    period = periods.period_containing(directive.frequency, period_start)
    if period.start != period_start or period.start.year != directive.year:
        raise ValidationError({"period": [_("Choose a reporting period of the directive.")]})
    if not reportable_targets(directive, unit, period):
        raise ValidationError(
            {
                "period": [
                    _(
                        "This unit did not exist in this period: the unit that took its work "
                        "over reports for it."
                    )
                ]
            }
        )
    with transaction.atomic():
        if Report.objects.filter(
            directive=directive, unit=unit, period_start=period.start
        ).exists():
            raise ValidationError(
                {"period": [_("A report for this unit and period already exists.")]}
            )
        report = Report.objects.create(
            directive=directive,
            unit=unit,
            period_start=period.start,
            period_end=period.end,
            due_on=report_due(directive, period.end),
            created_by=actor,
        )
        record_event(
            actor=actor,
            action="directives.report_create",
            obj=report,
            scope_unit=unit,
            changes={"period": period.label(), "due_on": report.due_on},
        )
    return report


def report_update(
    *,
    actor: User,
    report: Report,
    results: str,
    shortcomings: str,
    figures: Mapping[int, tuple[Decimal | None, str]],
) -> Report:
    """Save the narrative and the figures (``{target id: (value to date, note)}``).

    A locked period refuses with ``LOCKED_MESSAGE``; a submitted one waits for its review.
    """
    require(perms.can_draft_report(actor))
    require_in_scope(actor=actor, unit=report.unit)
    with transaction.atomic():
        locked = lock_report(report)
        refuse_if_not_editable(locked)
        period = periods.Period(locked.period_start, locked.period_end)
        allowed = {t.pk: t for t in reportable_targets(locked.directive, locked.unit, period)}
        errors: dict[str, list[str]] = {}
        for target_id, (value, _note) in figures.items():
            if target_id not in allowed:
                errors.setdefault("__all__", []).append(
                    _("A figure was given for a target this unit does not report on.")
                )
            elif value is not None and value < 0:
                errors[f"target_{target_id}"] = [_("A figure cannot be negative.")]
        if errors:
            raise ValidationError(errors)
        before = {
            line.target_id: str(line.value) for line in ReportLine.objects.filter(report=locked)
        }
        locked.results = results.strip()
        locked.shortcomings = shortcomings.strip()
        locked.save(update_fields=["results", "shortcomings"])
        for target_id, (value, note) in figures.items():
            if value is None:
                ReportLine.objects.filter(report=locked, target_id=target_id).delete()
                continue
            ReportLine.objects.update_or_create(
                report=locked, target_id=target_id, defaults={"value": value, "note": note}
            )
        after = {
            line.target_id: str(line.value) for line in ReportLine.objects.filter(report=locked)
        }
        record_event(
            actor=actor,
            action="directives.report_update",
            obj=locked,
            scope_unit=locked.unit,
            changes={
                f"target {k}": [before.get(k), after.get(k)]
                for k in sorted(set(before) | set(after))
                if before.get(k) != after.get(k)
            },
        )
    return locked


def report_submit(*, actor: User, report: Report, on: dt.date | None = None) -> Report:
    require(perms.can_draft_report(actor))
    require_in_scope(actor=actor, unit=report.unit)
    day = on or today()
    with transaction.atomic():
        locked = lock_report(report)
        refuse_if_not_editable(locked)
        if not locked.lines.exists():
            raise ValidationError(_("Enter at least one figure before submitting."))
        if not locked.results.strip():
            raise ValidationError({"results": [_("Describe the results before submitting.")]})
        locked.status = ReportStatus.SUBMITTED
        locked.submitted_by = actor
        locked.submitted_on = day
        locked.save(update_fields=["status", "submitted_by", "submitted_on"])
        record_event(
            actor=actor,
            action="directives.report_submit",
            obj=locked,
            scope_unit=locked.unit,
            changes={"status": [ReportStatus.DRAFT, ReportStatus.SUBMITTED]},
        )
    return locked


def report_review(
    *,
    actor: User,
    report: Report,
    approve: bool,
    comment: str = "",
    on: dt.date | None = None,
) -> Report:
    """The checker's step: approve (the period locks) or send back with a comment.

    The checker must not be the maker, and must sit above the reporting unit (a commune cannot
    approve its own report: only users whose scope strictly contains the unit may review).
    """
    require(perms.can_approve_report(actor))
    require_in_scope(actor=actor, unit=report.unit)
    if actor.scope_unit_id == report.unit_id:
        raise ValidationError(_("A unit cannot approve its own report."))
    day = on or today()
    with transaction.atomic():
        locked = lock_report(report)
        if locked.status != ReportStatus.SUBMITTED:
            if locked.is_locked:
                raise ValidationError(locked_message())
            raise ValidationError(_("Only a submitted report can be reviewed."))
        if locked.submitted_by_id == actor.pk:
            raise ValidationError(_("The person who submitted a report cannot approve it."))
        if not approve and not comment.strip():
            raise ValidationError(
                {"comment": [_("Say what must be corrected when sending a report back.")]}
            )
        old = locked.status
        locked.status = ReportStatus.APPROVED if approve else ReportStatus.RETURNED
        locked.reviewed_by = actor
        locked.reviewed_on = day
        locked.review_comment = comment.strip()
        locked.save(update_fields=["status", "reviewed_by", "reviewed_on", "review_comment"])
        if approve and locked.supersedes_id is not None:
            Report.objects.filter(pk=locked.supersedes_id).update(status=ReportStatus.SUPERSEDED)
        record_event(
            actor=actor,
            action="directives.report_approve" if approve else "directives.report_return",
            obj=locked,
            scope_unit=locked.unit,
            changes={"status": [old, locked.status]},
            reason=comment.strip(),
        )
    return locked


def report_revise(*, actor: User, report: Report, reason: str) -> Report:
    """A correction after lock: a new draft revision that copies the figures and evidence.

    The approved revision stays as it was, visible, until the new one is approved.
    """
    require(perms.can_draft_report(actor))
    require_in_scope(actor=actor, unit=report.unit)
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the correction.")]})
    with transaction.atomic():
        locked = lock_report(report)
        if locked.status != ReportStatus.APPROVED:
            raise ValidationError(_("Only an approved report can be corrected by a revision."))
        if Report.objects.filter(supersedes=locked).exists():
            raise ValidationError(_("A revision of this report is already open."))
        revision = Report.objects.create(
            directive=locked.directive,
            unit=locked.unit,
            period_start=locked.period_start,
            period_end=locked.period_end,
            due_on=locked.due_on,
            revision=locked.revision + 1,
            supersedes=locked,
            results=locked.results,
            shortcomings=locked.shortcomings,
            created_by=actor,
        )
        ReportLine.objects.bulk_create(
            ReportLine(report=revision, target_id=line.target_id, value=line.value, note=line.note)
            for line in locked.lines.all()
        )
        copy_evidence(locked.evidence.all(), revision)
        record_event(
            actor=actor,
            action="directives.report_revise",
            obj=revision,
            scope_unit=locked.unit,
            changes={"corrects": locked, "revision": revision.revision},
            reason=reason.strip(),
        )
    return revision
