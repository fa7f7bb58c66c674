"""Export jobs: ask for a report file, rendered off the request by a background job.

``export_request`` (in the request) checks the role and the area, submits a job of kind
``reports.<kind>`` to ``muster.jobs`` (parameters: the campaign's public id and the format,
cleaned by the kind in ``muster.reports.exports``) and records the audit event in the same
transaction. The job is queued on commit and done by a worker (``muster.jobs.services``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require_cap
from muster.accounts.models import User
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.conscription.campaign.models import Campaign
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.jobs import services as jobs
from muster.jobs.models import Job
from muster.reports.exports import FORMATS
from muster.reports.models import job_kind

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
