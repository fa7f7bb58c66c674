"""State changes of the call-up campaign (đợt tuyển quân): the campaign and its calendar,
quotas and their split to communes, overrides, call-up decisions and their delivery.

Each service checks the role (403) and the area (validation error), validates, writes in one
transaction and records the audit event in it. Quota changes lock the campaign row and
decision numbers lock their counter row (``SELECT … FOR UPDATE``), so concurrent requests
neither over-allocate nor leave gaps or duplicates in the numbering.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muster.accounts.access import require_actor_area, require_cap
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.conscription.campaign.models import (
    CAMPAIGN_UNIT_KINDS,
    Allocation,
    Campaign,
    CampaignCommune,
    Quota,
    QuotaHistory,
    Service,
)
from muster.conscription.campaign.pool import registry_pool
from muster.geo.models import Unit
from muster.law.callup import authorities
from muster.law.callup import campaign as campaign_rules
from muster.law.callup.apportionment import certificate as apportion_certificate
from muster.law.callup.apportionment import inputs as apportion_inputs
from muster.law.callup.apportionment import method as apportion_method

if TYPE_CHECKING:
    from muster.accounts.models import User

#: Stability band of the split (docs/campaign.md §1): a quarter of the past mean, at least 1.
STABILITY_FRACTION = Fraction(1, 4)
STABILITY_ABSOLUTE = 1


# ----------------------------------------------------------------------------- campaign


@dataclass(frozen=True)
class CalendarInput:
    exam_start: dt.date
    exam_end: dt.date
    handover_start: dt.date
    handover_end: dt.date | None = None
    pool_review_by: dt.date | None = None
    screening_start: dt.date | None = None
    screening_end: dt.date | None = None
    nomination_by: dt.date | None = None
    decisions_by: dt.date | None = None
    first_approval_by: dt.date | None = None
    second_approval_by: dt.date | None = None


_CALENDAR_MESSAGES = {
    "screening": "Screening must end on or after its first day.",
    "exam": "The examination window must end on or after its first day.",
    "screening_before_exam": "Screening must end before the examinations start.",
    "exam_before_handover": "The examinations must end before the handover.",
    "decisions_before_handover": "Decisions must be issued before the handover.",
    "approval_order": "The second approval round comes after the first.",
    "approval_before_handover": "The approval rounds come before the handover.",
}


def campaign_create(
    *,
    actor: User,
    unit: Unit,
    year: int,
    call: int,
    calendar: CalendarInput,
    communes: Sequence[Unit] | None = None,
) -> Campaign:
    """Open a campaign of ``unit`` for ``year`` (call 2 is a second call when ordered).

    Its communes are every commune-level unit under ``unit`` on the handover day: the communes
    that receive the quota and hand over recruits (a merger inside the examination window, as
    Kim Động's on 01/12/2024, is already in effect). ``communes`` narrows them to a subset (a
    regional command's campaign for part of its area)."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, unit.pk)
    errors: dict[str, list[str]] = {}
    if unit.kind not in CAMPAIGN_UNIT_KINDS:
        errors.setdefault("unit", []).append(
            _("A campaign belongs to a province, a district or a regional defence command.")
        )
    if call not in (1, 2):
        errors.setdefault("call", []).append(_("The call is 1, or 2 for a second call."))
    draft = campaign_rules.Calendar(
        year=year,
        handover=calendar.handover_start,
        screening_start=calendar.screening_start,
        screening_end=calendar.screening_end,
        exam_start=calendar.exam_start,
        exam_end=calendar.exam_end,
        decisions_by=calendar.decisions_by,
        first_approval_by=calendar.first_approval_by,
        second_approval_by=calendar.second_approval_by,
    )
    for key in campaign_rules.calendar_problems(draft):
        errors.setdefault("__all__", []).append(_(_CALENDAR_MESSAGES[key]))
    if calendar.handover_start.year != year:
        errors.setdefault("handover_start", []).append(
            _("The handover day must fall in the campaign year.")
        )
    if call == 2 and not Campaign.objects.filter(unit=unit, year=year, call=1).exists():
        errors.setdefault("call", []).append(_("A second call needs the first one."))
    if Campaign.objects.filter(unit=unit, year=year, call=call).exists():
        errors.setdefault("year", []).append(_("This unit already has this campaign."))
    if errors:
        raise ValidationError(errors)
    under = list(
        Unit.objects.filter(path__startswith=unit.path)
        .valid_on(calendar.handover_start)
        .commune_level()
        .order_by("path")
    )
    if communes is not None:
        wanted = {c.pk for c in communes}
        if not wanted or not wanted <= {c.pk for c in under}:
            errors.setdefault("communes", []).append(
                _("Choose communes under the campaign's unit on the handover day.")
            )
        under = [c for c in under if c.pk in wanted]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        campaign = Campaign.objects.create(
            unit=unit,
            year=year,
            call=call,
            pool_review_by=calendar.pool_review_by,
            screening_start=calendar.screening_start,
            screening_end=calendar.screening_end,
            exam_start=calendar.exam_start,
            exam_end=calendar.exam_end,
            nomination_by=calendar.nomination_by,
            decisions_by=calendar.decisions_by,
            first_approval_by=calendar.first_approval_by,
            second_approval_by=calendar.second_approval_by,
            handover_start=calendar.handover_start,
            handover_end=calendar.handover_end,
        )
        CampaignCommune.objects.bulk_create(
            [CampaignCommune(campaign=campaign, unit=c) for c in under]
        )
        record_event(
            actor=actor,
            action="campaign.create",
            obj=campaign,
            scope_unit=unit,
            changes={"year": year, "call": call, "communes": len(under)},
        )
    return campaign


# ----------------------------------------------------------------------------- pools


def pool_set(*, actor: User, commune: CampaignCommune, stored_pool: int | None) -> None:
    """Record (or clear) the pool a commune reports when its registry is incomplete."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, commune.unit_id)
    if stored_pool is not None and stored_pool < 0:
        raise ValidationError({"stored_pool": [_("The pool cannot be negative.")]})
    with transaction.atomic():
        Campaign.objects.select_for_update(of=("self",)).get(pk=commune.campaign_id)
        old = commune.stored_pool
        commune.stored_pool = stored_pool
        commune.save(update_fields=["stored_pool"])
        record_event(
            actor=actor,
            action="campaign.pool",
            obj=commune,
            scope_unit=commune.unit,
            changes={"stored_pool": [old, stored_pool]},
        )


# ----------------------------------------------------------------------------- quotas


def _inputs(campaign: Campaign, communes: list[CampaignCommune]) -> apportion_inputs.Inputs:
    quotas = {q.service: q.value for q in campaign.quotas.all()}
    history: dict[int, dict[str, dict[int, int]]] = {}
    for row in QuotaHistory.objects.filter(
        unit_id__in=[c.unit_id for c in communes], year__lt=campaign.year
    ):
        history.setdefault(row.unit_id, {}).setdefault(row.service, {})[row.year] = row.quota
    overrides = tuple(
        apportion_inputs.Override(
            service=a.service,
            commune=a.commune.unit.code,
            value=a.final,
            reason=a.override_reason,
            authority=a.override_authority,
        )
        for a in Allocation.objects.filter(commune__campaign=campaign)
        .exclude(override_reason="")
        .select_related("commune__unit")
    )
    return apportion_inputs.Inputs(
        year=campaign.year,
        quotas=quotas,
        communes=tuple(
            apportion_inputs.Commune(
                code=c.unit.code,
                name=c.unit.name,
                pool=c.pool_used or 0,
                history=history.get(c.unit_id, {}),
            )
            for c in communes
        ),
        parameters=apportion_inputs.Parameters(
            floor=True,
            stability_fraction=STABILITY_FRACTION,
            stability_absolute=STABILITY_ABSOLUTE,
        ),
        overrides=overrides,
    )


def _split(*, campaign: Campaign) -> apportion_certificate.Certificate | None:
    """Recount pools, apportion every quota and store allocations and certificate.

    Runs inside the caller's transaction with the campaign row locked."""
    communes = list(campaign.communes.select_related("unit"))
    for commune in communes:
        if commune.stored_pool is not None:
            commune.pool_used, commune.pool_source = commune.stored_pool, "stored"
        else:
            commune.pool_used = registry_pool(commune, campaign.handover_start)
            commune.pool_source = "registry"
    CampaignCommune.objects.bulk_update(communes, ["pool_used", "pool_source"])
    if not campaign.quotas.exists():
        return None
    inputs = _inputs(campaign, communes)
    try:
        certificate = apportion_method.apportion(inputs)
    except apportion_inputs.InputError as exc:
        raise ValidationError(
            _("The quota cannot be split: %(problems)s") % {"problems": "; ".join(exc.problems)}
        ) from exc
    by_code = {c.unit.code: c for c in communes}
    existing = {
        (a.commune_id, a.service): a for a in Allocation.objects.filter(commune__in=communes)
    }
    keep: set[int] = set()
    for service in certificate.services:
        computed = service.computed.result()
        overridden = {o.commune: o for o in service.overrides}
        for code, final in service.result.items():
            commune = by_code[code]
            row = existing.get((commune.pk, service.service))
            value = overridden[code].computed if code in overridden else computed.get(code, final)
            if row is None:
                row = Allocation(commune=commune, service=service.service)
            row.computed = value
            row.final = final
            if code not in overridden:
                row.override_reason = row.override_authority = ""
            row.save()
            keep.add(row.pk)
    Allocation.objects.filter(commune__campaign=campaign).exclude(pk__in=keep).delete()
    campaign.certificate = certificate.to_json()
    campaign.certificate_at = timezone.now()
    campaign.save(update_fields=["certificate", "certificate_at"])
    return certificate


def quota_set(
    *,
    actor: User,
    campaign: Campaign,
    service: str,
    value: int,
    source_document: str,
    received_on: dt.date,
) -> Quota:
    """Record the quota received from above for ``service`` and re-split it to communes.

    The campaign row is locked for the whole change, so two concurrent changes are applied
    one after the other and the communes' shares always add up to the quota in force."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, campaign.unit_id)
    errors: dict[str, list[str]] = {}
    if service not in Service.values:
        errors["service"] = [_("Choose the army or the police.")]
    if value < 0:
        errors["value"] = [_("The quota cannot be negative.")]
    if not source_document.strip():
        errors["source_document"] = [_("Name the document that assigns the quota.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Campaign.objects.select_for_update(of=("self",)).get(pk=campaign.pk)
        quota, _created = Quota.objects.update_or_create(
            campaign=locked,
            service=service,
            defaults={
                "value": value,
                "source_document": source_document.strip(),
                "received_on": received_on,
            },
        )
        _split(campaign=locked)
        _check_sums(locked)
        record_event(
            actor=actor,
            action="campaign.quota",
            obj=locked,
            scope_unit=locked.unit,
            changes={"service": service, "value": value, "source": source_document.strip()},
        )
    campaign.refresh_from_db()
    return quota


def _check_sums(campaign: Campaign) -> None:
    for quota in campaign.quotas.all():
        total = sum(
            a.final
            for a in Allocation.objects.filter(commune__campaign=campaign, service=quota.service)
        )
        if total != quota.value:  # the method guarantees it; refuse rather than store a gap
            raise ValidationError(_("The communes' shares do not add up to the quota."))


def resplit(*, actor: User, campaign: Campaign) -> None:
    """Recount the pools and split again (after the registry or a reported pool changed)."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, campaign.unit_id)
    with transaction.atomic():
        locked = Campaign.objects.select_for_update(of=("self",)).get(pk=campaign.pk)
        _split(campaign=locked)
        _check_sums(locked)
        record_event(actor=actor, action="campaign.split", obj=locked, scope_unit=locked.unit)


def override_set(
    *,
    actor: User,
    commune: CampaignCommune,
    service: str,
    value: int | None,
    reason: str,
    on: dt.date,
) -> None:
    """Set (``value``) or clear (None) a manual figure for a commune, with its reason; the
    deciding authority is the one that assigns commune quotas on ``on`` (Art 34(3))."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, commune.campaign.unit_id)
    if value is not None and not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the change.")]})
    if value is not None and value < 0:
        raise ValidationError({"value": [_("The quota cannot be negative.")]})
    _code, authority, citation = authorities.quota_authority(on)
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update(of=("self",)).get(pk=commune.campaign_id)
        row = Allocation.objects.filter(commune=commune, service=service).first()
        if row is None:
            raise ValidationError(_("Split the quota before changing a commune's share."))
        row.final = row.computed if value is None else value
        row.override_reason = "" if value is None else reason.strip()
        row.override_authority = "" if value is None else f"{authority} ({citation})"
        row.save()
        _split(campaign=campaign)
        _check_sums(campaign)
        record_event(
            actor=actor,
            action="campaign.override",
            obj=commune,
            scope_unit=commune.unit,
            changes={"service": service, "value": value, "authority": authority},
            reason=reason.strip(),
        )


# ----------------------------------------------------------------------------- decisions


# ----------------------------------------------------------------------------- verification
