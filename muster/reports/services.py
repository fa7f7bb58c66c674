"""Export jobs: ask for a report file, rendered off the request by a background job.

``export_request`` (in the request) checks the role and the area, submits a job of kind
``reports.<kind>`` to ``muster.jobs`` (parameters: the campaign's public id and the format,
cleaned by the kind in ``muster.reports.exports``) and records the audit event in the same
transaction. The job is queued on commit and done by a worker (``muster.jobs.services``).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_cap
from muster.accounts.models import User
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.conscription.campaign.models import Campaign
from muster.core.validation import not_future, raise_errors
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.jobs import services as jobs
from muster.jobs.models import Job
from muster.reports.exports import FORMATS
from muster.reports.models import AgencyReport, ReviewKind, job_kind
from muster.reports.perms import can_draft_review, can_receive_review
from muster.reports.reviews import snapshot
from muster.reports.rows import Lineage
from muster.reports.selectors import results_report, unit_choices

__all__ = ["FORMATS", "export_request"]


def export_request(*, actor: User, campaign: Campaign, unit: Unit, kind: str, fmt: str) -> Job:
    """Queue an export of ``kind`` in ``fmt`` of ``campaign`` for ``unit`` (in the actor's
    area); the file is rendered by a worker."""
    require_cap(actor, Cap.VIEW_REPORTS)
    area = scope_of(actor)
    errors: dict[str, list[str]] = {}
    if kind not in FORMATS:
        errors.setdefault("kind", []).append(_("Unknown report."))
    elif fmt not in FORMATS[kind]:
        errors.setdefault("fmt", []).append(_("This report is not available in this format."))
    if not area.contains(unit):
        errors.setdefault("unit", []).append(_("This unit is outside your area."))
    if not area.filter(campaign.communes.all(), "unit").exists():
        errors.setdefault("campaign", []).append(_("This campaign is outside your area."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        job = jobs.submit(
            owner=actor,
            kind=job_kind(kind),
            params={"campaign": str(campaign.public_id), "fmt": fmt},
            scope_unit=unit,
        )
        record_event(
            actor=actor,
            action="reports.export",
            obj=job,
            scope_unit=unit,
            changes={"kind": kind, "format": fmt, "campaign": str(campaign.public_id)},
        )
    return job


# ----------------------------------------------------------------------------- reviews


def _review_locked(review: AgencyReport) -> AgencyReport:
    return AgencyReport.objects.select_for_update().get(pk=review.pk)


def _not_future(day: dt.date, field: str) -> None:
    errors: dict[str, list[str]] = {}
    not_future(errors, field, day)
    raise_errors(errors)


def review_create(
    *, actor: User, campaign: Campaign, unit: Unit, kind: str, sent_to: Unit | None = None
) -> AgencyReport:
    """A draft review (sơ kết / tổng kết) of ``campaign`` by ``unit``, to be sent to ``sent_to``
    (default: the unit's parent, the level above)."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    errors: dict[str, list[str]] = {}
    if kind not in ReviewKind.values:
        errors.setdefault("kind", []).append(_("Unknown review."))
    if not scope_of(actor).contains(unit):
        errors.setdefault("unit", []).append(_("This unit is outside your area."))
    elif unit not in unit_choices(actor, campaign):
        errors.setdefault("unit", []).append(_("This unit takes no part in the campaign."))
    # A province has no level above in Muster: its review goes to the military region on
    # paper (no receipt is recorded here).
    target = sent_to or unit.parent
    if target is not None and (not unit.path.startswith(target.path) or target == unit):
        errors.setdefault("sent_to", []).append(_("A review is sent to a unit above."))
    if AgencyReport.objects.filter(campaign=campaign, unit=unit, kind=kind).exists():
        errors.setdefault("kind", []).append(_("This review already exists."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        review = AgencyReport.objects.create(
            campaign=campaign, unit=unit, kind=kind, sent_to=target, created_by=actor
        )
        record_event(
            actor=actor,
            action="reports.review_create",
            obj=review,
            scope_unit=unit,
            changes={"kind": kind, "campaign": str(campaign.public_id)},
        )
    return review


REVIEW_TEXTS = (
    "number",
    "results",
    "shortcomings",
    "lessons",
    "direction",
    "signer_title",
    "signer_name",
)


def review_update(*, actor: User, review: AgencyReport, **texts: str) -> AgencyReport:
    """Edit a draft's number, written sections and signer (``REVIEW_TEXTS``)."""
    require(can_draft_review(actor, review))
    unknown = set(texts) - set(REVIEW_TEXTS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        review = _review_locked(review)
        if review.sent_on is not None:
            raise ValidationError(_("A sent review cannot be changed."))
        changes = {k: v.strip() for k, v in texts.items() if getattr(review, k) != v.strip()}
        for key, value in changes.items():
            setattr(review, key, value)
        review.full_clean()
        review.save()
        record_event(
            actor=actor,
            action="reports.review_update",
            obj=review,
            scope_unit=review.unit,
            changes={"fields": sorted(changes)},
        )
    return review


def _level_above_on(review: AgencyReport, day: dt.date) -> Unit | None:
    """The unit a review goes to on ``day``: the one chosen when it was drafted, unless it no
    longer existed then (a district dissolved on 1/7/2025), in which case the parent of the
    unit the reporting unit became (the PTKV over the merged commune)."""
    target = review.sent_to
    if target is None or target.valid_to is None or target.valid_to >= day:
        return target
    successor = Lineage().successor_on(review.unit, day)
    if successor is not None and successor.parent is not None:
        return successor.parent
    return Lineage().successor_on(target, day) or target


def review_send(*, actor: User, review: AgencyReport, sent_on: dt.date) -> AgencyReport:
    """Send a draft to the level above on ``sent_on``: its figures are frozen as they stand in
    the results report now, and later changes of the data no longer alter it."""
    require(can_draft_review(actor, review))

    _not_future(sent_on, "sent_on")
    with transaction.atomic():
        review = _review_locked(review)
        if review.sent_on is not None:
            raise ValidationError(_("This review was already sent."))
        if not review.results.strip():
            raise ValidationError({"results": [_("Write the results before sending.")]})
        report = results_report(user=actor, campaign=review.campaign, unit=review.unit)
        review.figures = snapshot(report)
        review.sent_to = _level_above_on(review, sent_on)
        review.sent_on = sent_on
        review.sent_by = actor
        review.save()
        record_event(
            actor=actor,
            action="reports.review_send",
            obj=review,
            scope_unit=review.unit,
            changes={"sent_on": sent_on.isoformat(), "sent_to": str(review.sent_to)},
        )
    return review


def review_receive(*, actor: User, review: AgencyReport, received_on: dt.date) -> AgencyReport:
    """The level above records the day the review reached it."""
    require(can_receive_review(actor, review))
    _not_future(received_on, "received_on")
    with transaction.atomic():
        review = _review_locked(review)
        if review.sent_on is None:
            raise ValidationError(_("This review has not been sent."))
        if review.received_on is not None:
            raise ValidationError(_("This review was already received."))
        if received_on < review.sent_on:
            raise ValidationError({"received_on": [_("A review is received after it is sent.")]})
        review.received_on = received_on
        review.received_by = actor
        review.save()
        record_event(
            actor=actor,
            action="reports.review_receive",
            obj=review,
            scope_unit=review.sent_to,
            changes={"received_on": received_on.isoformat()},
        )
    return review


def review_acknowledge(
    *, actor: User, review: AgencyReport, acknowledged_on: dt.date, remarks: str = ""
) -> AgencyReport:
    """The level above acknowledges a received review (with its remarks); the sender cannot
    acknowledge his own review."""
    require(can_receive_review(actor, review))
    _not_future(acknowledged_on, "acknowledged_on")
    with transaction.atomic():
        review = _review_locked(review)
        if review.received_on is None:
            raise ValidationError(_("Record the receipt first."))
        if review.acknowledged_on is not None:
            raise ValidationError(_("This review was already acknowledged."))
        if review.sent_by_id == actor.pk:
            raise ValidationError(_("The sender cannot acknowledge his own review."))
        if acknowledged_on < review.received_on:
            raise ValidationError(
                {"acknowledged_on": [_("A review is acknowledged after it is received.")]}
            )
        review.acknowledged_on = acknowledged_on
        review.acknowledged_by = actor
        review.acknowledgement = remarks.strip()
        review.save()
        record_event(
            actor=actor,
            action="reports.review_acknowledge",
            obj=review,
            scope_unit=review.sent_to,
            changes={"acknowledged_on": acknowledged_on.isoformat()},
        )
    return review
