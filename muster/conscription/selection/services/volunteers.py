"""Volunteer applications (tình nguyện nhập ngũ): recorded and withdrawn."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muster.accounts.access import require_actor_area, require_cap
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.conscription.campaign.models import Campaign, CampaignCommune, Service
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.selection.models import SelectionList, SelectionState, Volunteer
from muster.people.models import Person

if TYPE_CHECKING:
    from muster.accounts.models import User


def _commune_of(campaign: Campaign, person: Person) -> CampaignCommune:
    commune = (
        campaign.communes.filter(unit_id=person.registration_unit_id)
        .select_related("unit", "campaign")
        .first()
    )
    if commune is None:
        raise ValidationError(_("The citizen is not registered in a commune of this campaign."))
    return commune


# ----------------------------------------------------------------------------- volunteers


def volunteer_record(
    *,
    actor: User,
    campaign: Campaign,
    person: Person,
    service: str,
    applied_on: dt.date,
    note: str = "",
) -> Volunteer:
    """Record a written application to enlist (đơn tình nguyện nhập ngũ) for ``service``.

    A volunteer comes first in the selection order, and the application waives his deferral
    and exemption grounds (Art 41(3)); it cannot cure 41.1.a nor a failed standard."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, person.registration_unit_id)
    commune = _commune_of(campaign, person)
    errors: dict[str, list[str]] = {}
    if service not in Service.values:
        errors["service"] = [_("Choose the army or the police.")]
    if applied_on > campaign.handover_start:
        errors["applied_on"] = [_("The application must come before the handover day.")]
    if applied_on > timezone.localdate():
        errors.setdefault("applied_on", []).append(_("The date cannot be in the future."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        frozen = (
            SelectionList.objects.select_for_update()
            .filter(commune=commune, service=service, state=SelectionState.FROZEN)
            .exists()
        )
        if frozen:
            raise ValidationError(
                _(
                    "The commune's selection list for this service is frozen: a new application "
                    "cannot change it."
                )
            )
        if Volunteer.objects.filter(
            campaign=campaign, person=person, withdrawn_on__isnull=True
        ).exists():
            raise ValidationError(_("This citizen already has an application in this campaign."))
        try:
            with transaction.atomic():  # a concurrent application for the same citizen
                volunteer = Volunteer.objects.create(
                    campaign=campaign,
                    person=person,
                    service=service,
                    applied_on=applied_on,
                    note=note.strip(),
                )
        except IntegrityError as exc:
            raise ValidationError(
                _("This citizen already has an application in this campaign.")
            ) from exc
        record_event(
            actor=actor,
            action="selection.volunteer.record",
            obj=volunteer,
            scope_unit=commune.unit,
            changes={
                "person": str(person.public_id),
                "service": service,
                "applied_on": applied_on.isoformat(),
            },
        )
    return volunteer


def volunteer_withdraw(
    *, actor: User, volunteer: Volunteer, withdrawn_on: dt.date, reason: str
) -> Volunteer:
    """Withdraw an application (the citizen's written withdrawal). Refused while the citizen
    holds a valid decision for that service: revoke the decision first."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, volunteer.person.registration_unit_id)
    errors: dict[str, list[str]] = {}
    if not reason.strip():
        errors["reason"] = [_("Give the reason for the change.")]
    if withdrawn_on < volunteer.applied_on:
        errors["withdrawn_on"] = [_("The withdrawal cannot precede the application.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        if locked.withdrawn_on is not None:
            raise ValidationError(_("This application has already been withdrawn."))
        if CallupDecision.objects.filter(
            campaign_id=locked.campaign_id,
            person_id=locked.person_id,
            service=locked.service,
            status=DecisionStatus.VALID,
        ).exists():
            raise ValidationError(
                _("The citizen holds a valid call-up decision: revoke it before the withdrawal.")
            )
        locked.withdrawn_on = withdrawn_on
        locked.save(update_fields=["withdrawn_on"])
        record_event(
            actor=actor,
            action="selection.volunteer.withdraw",
            obj=locked,
            scope_unit=volunteer.person.registration_unit,
            changes={"withdrawn_on": withdrawn_on.isoformat()},
            reason=reason.strip(),
        )
    return locked
