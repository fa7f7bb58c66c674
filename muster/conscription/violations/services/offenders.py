"""A violation case opened against an offender outside the registry: an agency, enterprise or
school (tổ chức) that failed its report, or an individual or organisation that obstructed a
citizen's examination or call-up (Decree 218/2025)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.conscription import perms
from muster.conscription.campaign.models import Campaign
from muster.conscription.violations.models import (
    ViolationCase,
    ViolationState,
    ViolationSubject,
)
from muster.conscription.violations.services.cases import band_fields, check_offence, repeat_of
from muster.conscription.violations.services.common import _audit
from muster.core.validation import not_future, raise_errors
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit
from muster.law.callup.violations import bands

if TYPE_CHECKING:
    from muster.accounts.models import User


@transaction.atomic
def case_open_offender(
    *,
    actor: User,
    subject: str,
    offender_name: str,
    offender_address: str,
    unit: Unit,
    kind: str,
    occurred_on: dt.date,
    facts: str,
    campaign: Campaign | None = None,
    source_ref: str = "",
) -> ViolationCase:
    """Open a case against an organisation or an individual outside the registry (named on the
    case), kept in ``unit`` (the commune where the offender is). The act must be one that
    offender can commit: an organisation's report (organisations only), an obstruction (anyone).

    The band of the decree in force on that day and its remedial measure are frozen on the
    case; an organisation obstructing is fined twice the individual's band (unconfirmed). An
    earlier sanction of the same offender (same name and kind of offender, same unit) for the
    same act that still counts makes the case a repeat."""
    require(perms.can_handle_violation(actor))
    require_actor_area(actor, unit, _("This unit is outside your area."))
    errors: dict[str, list[str]] = {}
    name = " ".join(offender_name.split())
    address = offender_address.strip()
    facts = facts.strip()
    if subject not in ViolationSubject.values:
        errors["subject"] = [_("Say whether the offender is an individual or an organisation.")]
    else:
        check_offence(errors, kind, occurred_on, subject, in_registry=False)
    if not name:
        errors["offender_name"] = [_("Name the offender.")]
    if not address:
        errors["offender_address"] = [_("Give the offender's address.")]
    if not facts:
        errors["facts"] = [_("Describe the facts: what happened, when and where.")]
    if unit.kind not in COMMUNE_LEVEL_KINDS:
        errors["unit"] = [_("Choose the commune where the offender is.")]
    not_future(errors, "occurred_on", occurred_on)
    if campaign is not None and not campaign.communes.filter(unit=unit).exists():
        errors.setdefault("campaign", []).append(
            _("This commune does not take part in this campaign.")
        )
    if (
        name
        and ViolationCase.objects.filter(
            person__isnull=True,
            offender_name__iexact=name,
            unit=unit,
            kind=kind,
            occurred_on=occurred_on,
        )
        .exclude(state=ViolationState.CLOSED, decided_on__isnull=True)
        .exists()
    ):
        errors.setdefault("__all__", []).append(
            _("This offender already has a case for this act on this day.")
        )
    raise_errors(errors)
    earlier = repeat_of(None, kind, occurred_on, offender=(subject, name, unit.pk))
    band = bands.band_for(kind, occurred_on, repeat=earlier is not None, subject=subject)
    case = ViolationCase.objects.create(
        person=None,
        subject=subject,
        offender_name=name[:200],
        offender_address=address[:255],
        unit=unit,
        campaign=campaign,
        kind=kind,
        occurred_on=occurred_on,
        facts=facts,
        repeat_of=earlier,
        source_ref=source_ref,
        **band_fields(band),
    )
    _audit(
        actor,
        "violation.open_offender",
        case,
        {
            "subject": subject,
            "offender": name,
            "kind": kind,
            "occurred_on": occurred_on,
            "decree": band.decree,
            "band": [band.fine_min, band.fine_max],
            "remedial_measures": case.remedial_measures,
            "repeat_of": earlier.public_id if earlier else None,
            **({"source": source_ref} if source_ref else {}),
        },
        reason=band.citation_vi,
    )
    return case
