"""State changes of the province's part of the call-up (from 01/07/2025).

* ``quota_receive``: the provincial command records a quota received from above (army from the
  Military Region, police from the Ministry of Public Security) with its document and scan, and
  the campaign's apportionment splits it to the communes (``campaign.services.quota_set``).
* ``decision_propose``: the provincial military service council submits a proposal; its items
  are frozen from the campaign (the communes' shares, the approved-to-be lists, the deferrals
  and exemptions the commune councils reviewed).
* ``decision_decide``: the chairman's office records the provincial chairman's decision. The
  authority is the one of the decision day (``law.callup.province.decider``): before
  01/07/2025 the district chairman decided, so no province decision can carry such a day.
  The decision takes effect in the same transaction (``effect_services``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.conscription.campaign import services as campaign_services
from muster.conscription.campaign.models import Allocation, Campaign, CampaignCommune, Service
from muster.conscription.dossiers.models import Dossier, DossierState
from muster.conscription.perms import (
    can_decide_province,
    can_propose_province,
    can_receive_province_quota,
)
from muster.conscription.province.effect_services import DOSSIER_NUMBER_MAX, decision_apply
from muster.conscription.province.models import (
    DecisionKind,
    DecisionStatus,
    ProvinceDecision,
    ProvinceDecisionItem,
    ProvinceFile,
    QuotaReceipt,
)
from muster.conscription.selection.models import SelectionEntry
from muster.core.text import clean_line
from muster.core.validation import not_future, raise_errors
from muster.geo.lineage_store import lineage_roots
from muster.geo.models import UnitKind
from muster.law.callup import province as province_rules
from muster.people.evidence_services import check_upload

if TYPE_CHECKING:
    from muster.accounts.models import User


def _store(actor: User, campaign: Campaign, upload: UploadedFile | None) -> ProvinceFile | None:
    """Keep the scan (checked by the caller) in the database."""
    if upload is None:
        return None
    data = b"".join(upload.chunks())
    return ProvinceFile.objects.create(
        campaign=campaign,
        filename=(upload.name or "file")[:200],
        content_type=upload.content_type or "application/octet-stream",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
        uploaded_by=actor,
    )


def _check_file(errors: dict[str, list[str]], upload: UploadedFile | None) -> None:
    if upload is None:
        return
    problems, content_type = check_upload(upload)
    if problems:
        errors["file"] = problems
    elif content_type:
        upload.content_type = content_type


def _province_campaign(errors: dict[str, list[str]], campaign: Campaign) -> None:
    if campaign.unit.kind != UnitKind.PROVINCE:
        errors.setdefault("__all__", []).append(_("This is not a province's campaign."))


def quota_receive(
    *,
    actor: User,
    campaign: Campaign,
    service: str,
    value: int,
    issuer: str,
    number: str,
    issued_on: dt.date,
    received_on: dt.date,
    upload: UploadedFile | None = None,
) -> QuotaReceipt:
    """Record the quota received from above for ``service`` and split it to the communes."""
    require(can_receive_province_quota(actor, campaign))
    require_actor_area(actor, campaign.unit_id)
    issuer, number = clean_line(issuer), clean_line(number)
    errors: dict[str, list[str]] = {}
    _province_campaign(errors, campaign)
    if service not in Service.values:
        errors["service"] = [_("Choose the army or the police.")]
    if value < 0:
        errors["value"] = [_("The quota cannot be negative.")]
    if not issuer:
        errors["issuer"] = [_("Name who assigned the quota.")]
    if not number:
        errors["number"] = [_("Enter the document number.")]
    if received_on < issued_on:
        errors.setdefault("received_on", []).append(
            _("A document cannot be received before its date.")
        )
    not_future(errors, "received_on", received_on)
    _check_file(errors, upload)
    raise_errors(errors)
    source = f"{number} ngày {issued_on:%d/%m/%Y} của {issuer}"
    with transaction.atomic():
        campaign_services.quota_set(
            actor=actor,
            campaign=campaign,
            service=service,
            value=value,
            source_document=source[:255],
            received_on=received_on,
        )
        receipt = QuotaReceipt.objects.create(
            campaign=campaign,
            service=service,
            value=value,
            issuer=issuer[:160],
            number=number[:60],
            issued_on=issued_on,
            received_on=received_on,
            file=_store(actor, campaign, upload),
            recorded_by=actor,
        )
        record_event(
            actor=actor,
            action="province.quota_receive",
            obj=receipt,
            scope_unit=campaign.unit,
            changes={"service": service, "value": value, "document": source},
        )
    return receipt


def _commune_of(communes: list[CampaignCommune]) -> list[tuple[CampaignCommune, Q]]:
    """Each commune with the condition on a person's registration unit it holds (its subtree
    and the subtrees of the communes that became it)."""
    out = []
    for commune in communes:
        condition = Q()
        for root in lineage_roots(commune.unit):
            condition |= Q(person__registration_unit__path__startswith=root.path)
        out.append((commune, condition))
    return out


def _items(campaign: Campaign, kind: str) -> list[ProvinceDecisionItem]:
    """The items a proposal covers, frozen from the campaign as it stands."""
    communes = list(campaign.communes.select_related("unit"))
    if kind == DecisionKind.QUOTA:
        return [
            ProvinceDecisionItem(commune=a.commune, service=a.service, value=a.final)
            for a in Allocation.objects.filter(commune__campaign=campaign).select_related(
                "commune__unit"
            )
        ]
    if kind == DecisionKind.CALLUP_LIST:
        return [
            ProvinceDecisionItem(
                commune=e.selection.commune, person=e.person, service=e.selection.service
            )
            for e in SelectionEntry.objects.filter(
                selection__commune__campaign=campaign,
                selection__state="frozen",
                list_kind="official",
            ).select_related("selection__commune")
        ]
    items: list[ProvinceDecisionItem] = []
    for commune, condition in _commune_of(communes):
        for dossier in Dossier.objects.filter(condition, state=DossierState.REVIEWED):
            items.append(
                ProvinceDecisionItem(commune=commune, person=dossier.person, ground=dossier.ground)
            )
    return items


def decision_propose(
    *,
    actor: User,
    campaign: Campaign,
    kind: str,
    proposal_number: str,
    proposed_on: dt.date,
) -> ProvinceDecision:
    """The provincial military service council submits ``kind`` to the provincial chairman;
    the items are frozen from the campaign as it stands on submission."""
    require(can_propose_province(actor, campaign))
    require_actor_area(actor, campaign.unit_id)
    proposal_number = clean_line(proposal_number)
    errors: dict[str, list[str]] = {}
    _province_campaign(errors, campaign)
    if kind not in DecisionKind.values:
        errors["kind"] = [_("Choose what the proposal is about.")]
        raise_errors(errors)
    if not proposal_number:
        errors["proposal_number"] = [_("Enter the number of the council's proposal.")]
    not_future(errors, "proposed_on", proposed_on)
    decider = province_rules.decider(kind, proposed_on)
    if not decider.is_province:
        errors.setdefault("proposed_on", []).append(
            _(
                "Before 01/07/2025 the district People's Committee chairman decided this "
                "(%(citation)s); the province records only what it decides."
            )
            % {"citation": decider.citation_vi}
        )
    raise_errors(errors)
    with transaction.atomic():
        Campaign.objects.select_for_update(of=("self",)).get(pk=campaign.pk)
        if ProvinceDecision.objects.filter(
            campaign=campaign, kind=kind, status=DecisionStatus.PROPOSED
        ).exists():
            raise ValidationError(_("A proposal of this kind is already waiting for a decision."))
        items = _items(campaign, kind)
        if not items:
            raise ValidationError(_("There is nothing to propose yet."))
        decision = ProvinceDecision.objects.create(
            campaign=campaign,
            kind=kind,
            proposal_number=proposal_number[:60],
            proposed_on=proposed_on,
            proposed_by=actor,
        )
        for item in items:
            item.decision = decision
        ProvinceDecisionItem.objects.bulk_create(items)
        record_event(
            actor=actor,
            action="province.propose",
            obj=decision,
            scope_unit=campaign.unit,
            changes={"kind": kind, "number": decision.proposal_number, "items": len(items)},
        )
    return decision


def decision_decide(
    *,
    actor: User,
    decision: ProvinceDecision,
    number: str,
    decided_on: dt.date,
    signer: str,
    upload: UploadedFile | None = None,
    refused: Collection[int] = (),
) -> ProvinceDecision:
    """Record the provincial chairman's decision on a proposal, with the authority and its
    legal basis of the decision day, and make it effective in the same transaction
    (``effect_services.decision_apply``: the lists approved, the dossiers granted or, for the
    ``refused`` items, refused, the quotas confirmed); a refusal there writes nothing."""
    require(can_decide_province(actor, decision))
    require_actor_area(actor, decision.campaign.unit_id)
    number, signer = clean_line(number), clean_line(signer)
    errors: dict[str, list[str]] = {}
    if not number:
        errors["number"] = [_("Enter the decision number.")]
    if not signer:
        errors["signer"] = [_("Name who signed the decision.")]
    if decision.kind == DecisionKind.DEFERRAL and len(number) > DOSSIER_NUMBER_MAX:
        errors["number"] = [
            _("A deferral or exemption decision number has at most %(n)s characters.")
            % {"n": DOSSIER_NUMBER_MAX}
        ]
    not_future(errors, "decided_on", decided_on)
    if decided_on < decision.proposed_on:
        errors.setdefault("decided_on", []).append(
            _("The decision cannot come before the council's proposal.")
        )
    decider = province_rules.decider(decision.kind, decided_on)
    if not decider.is_province:
        errors.setdefault("decided_on", []).append(
            _("On this day the provincial chairman did not decide this (%(citation)s).")
            % {"citation": decider.citation_vi}
        )
    _check_file(errors, upload)
    raise_errors(errors)
    with transaction.atomic():
        locked = ProvinceDecision.objects.select_for_update().get(pk=decision.pk)
        if locked.status != DecisionStatus.PROPOSED:
            raise ValidationError(_("This proposal has already been decided."))
        locked.status = DecisionStatus.DECIDED
        locked.number = number[:60]
        locked.decided_on = decided_on
        locked.signer = signer[:150]
        locked.decided_by = actor
        locked.authority = decider.authority
        locked.citation = decider.citation[:500]
        locked.citation_vi = decider.citation_vi[:500]
        locked.file = _store(actor, locked.campaign, upload)
        locked.save()
        decision_apply(actor=actor, decision=locked, refused=refused)
        record_event(
            actor=actor,
            action="province.decide",
            obj=locked,
            scope_unit=locked.campaign.unit,
            changes={
                "kind": locked.kind,
                "number": locked.number,
                "decided_on": decided_on.isoformat(),
                "authority": decider.authority,
                "citation": decider.citation,
            },
        )
    decision.refresh_from_db()
    return decision
