"""muster.conscription.decisions.services"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muster.accounts.access import require_actor_area, require_cap
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.conscription.campaign.models import Allocation, CampaignCommune, Service
from muster.conscription.decisions.gate import gate_problems, refusal, require_gate
from muster.conscription.decisions.models import (
    CallupDecision,
    DecisionCounter,
    DecisionStatus,
    VerificationMiss,
)
from muster.conscription.decisions.selectors import delivery_late
from muster.core.text import clean_line
from muster.geo.models import LEVEL_WORD_VI
from muster.law.callup import authorities
from muster.people.models import Person
from muster.people.succession import holding

if TYPE_CHECKING:
    from muster.accounts.models import User


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def authority_key(
    campaign_commune: CampaignCommune, signed_on: dt.date, service: str = "army"
) -> tuple[str, str]:
    """``(numbering key, rule code)``: each commune chairman numbers his own decisions (army
    and police alike); the district commander numbered the whole district's army orders and
    the district police chief its police orders."""
    auth = authorities.callup_authority(signed_on, service)
    if auth.code == "commune_chairman":
        return f"{auth.code}:{campaign_commune.unit.code}", auth.code
    return f"{auth.code}:{campaign_commune.campaign.unit.code}", auth.code


def default_report_place(commune: CampaignCommune) -> str:
    """Where the commune's recruits report when the decision names no other place: the
    commune military command's seat."""
    unit = commune.unit
    return f"Trụ sở Ban Chỉ huy quân sự {LEVEL_WORD_VI.get(unit.kind, 'xã')} {unit.name}"


def decision_issue(
    *,
    actor: User,
    commune: CampaignCommune,
    person: Person,
    service: str,
    issued_on: dt.date,
    report_place: str = "",
) -> CallupDecision:
    """Issue a citizen's call-up, numbered without gaps per campaign and issuing authority.

    Once the commune's selection list for the service is committed, decisions follow it: a
    committed list must be frozen first, and a frozen one admits only its official citizens
    (or the next standby citizen in place of one whose decision was revoked;
    ``selection_services.callup_list_problem``). The citizen must pass the decision gate
    (``decisions.gate``) on the handover day; a written volunteer application waives the
    deferral and exemption grounds (Art 41(3)), as in the selection pool."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, commune.unit_id)
    campaign = commune.campaign
    errors: list[str] = []
    held_by = holding([commune.unit]).commune_of(
        person.registration_unit_id, person.residence_unit_id
    )
    if held_by != commune.unit_id:
        errors.append(_("The citizen is not registered in this commune."))
    if service not in Service.values:
        errors.append(_("Choose the army or the police."))
    if issued_on >= campaign.handover_start:
        errors.append(_("The decision must be issued before the handover day."))
    from muster.conscription.selection.selectors import callup_list_problem, is_volunteer

    if service in Service.values:
        problem = callup_list_problem(commune=commune, person=person, service=service)
        if problem:
            errors.append(problem)
    volunteer = service in Service.values and is_volunteer(
        campaign=campaign, person=person, service=service
    )
    problems = gate_problems(
        person=person, on=campaign.handover_start, volunteer=volunteer, service=service
    )
    if problems:
        errors.append(refusal(problems))
    if errors:
        raise ValidationError(errors)
    return issue_numbered(
        actor=actor,
        commune=commune,
        person=person,
        service=service,
        issued_on=issued_on,
        enlist_on=campaign.handover_start,
        report_place=report_place,
    )


def issue_numbered(
    *,
    actor: User,
    commune: CampaignCommune,
    person: Person,
    service: str,
    issued_on: dt.date,
    enlist_on: dt.date,
    changes: dict[str, object] | None = None,
    report_place: str = "",
) -> CallupDecision:
    """Number and write a decision whose citizen the caller has already checked: the counter
    row of the authority is locked, the quota and the one-valid-decision rule re-checked under
    the lock. ``decision_issue``, the official list (``selection.services.lists``) and the
    replacement after handover (``handover_services.replacement_record``) all come here, so
    they share one numbering and one decision gate: no decision is written for a citizen the
    gate refuses on ``enlist_on``, whatever the caller checked before."""
    from muster.conscription.selection.selectors import is_volunteer

    campaign = commune.campaign
    require_gate(
        person=person,
        on=enlist_on,
        volunteer=service in Service.values
        and is_volunteer(campaign=campaign, person=person, service=service),
        service=service,
    )
    auth = authorities.callup_authority(issued_on, service)
    key, _code = authority_key(commune, issued_on, service)
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        DecisionCounter.objects.bulk_create(
            [DecisionCounter(campaign=campaign, authority=key)], ignore_conflicts=True
        )
        counter = DecisionCounter.objects.select_for_update().get(campaign=campaign, authority=key)
        quota = (
            Allocation.objects.filter(commune=commune, service=service)
            .values_list("final", flat=True)
            .first()
        )
        issued = CallupDecision.objects.filter(
            commune=commune, service=service, status=DecisionStatus.VALID
        ).count()
        if quota is None or issued >= quota:
            raise ValidationError(_("The commune's quota for this service is already filled."))
        if CallupDecision.objects.filter(
            campaign=campaign, person=person, status=DecisionStatus.VALID
        ).exists():
            raise ValidationError(_("This citizen already has a valid call-up decision."))
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
        decision = CallupDecision.objects.create(
            campaign=campaign,
            commune=commune,
            person=person,
            service=service,
            authority=key,
            signer=auth.signer_vi,
            authority_citation=auth.citation_vi,
            number=counter.last_number,
            issued_on=issued_on,
            enlist_on=enlist_on,
            report_place=clean_line(report_place)[:200] or default_report_place(commune),
            token=token,
            token_hash=_hash(token),
        )
        record_event(
            actor=actor,
            action="campaign.decision.issue",
            obj=decision,
            scope_unit=commune.unit,
            changes={
                "number": decision.number,
                "authority": key,
                "person": str(person.public_id),
                **(changes or {}),
            },
        )
    return decision


def decision_deliver(
    *, actor: User, decision: CallupDecision, delivered_on: dt.date, delivered_to: str
) -> CallupDecision:
    """Record the delivery (date, to whom); late when fewer than 15 days before enlistment."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, decision.commune.unit_id)
    errors: dict[str, list[str]] = {}
    if not delivered_to.strip():
        errors["delivered_to"] = [_("Say to whom the decision was handed.")]
    if delivered_on < decision.issued_on:
        errors["delivered_on"] = [_("The decision cannot be delivered before it is issued.")]
    if decision.status != DecisionStatus.VALID:
        errors.setdefault("__all__", []).append(_("Only a valid decision can be delivered."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        decision.delivered_on = delivered_on
        decision.delivered_to = delivered_to.strip()
        decision.save(update_fields=["delivered_on", "delivered_to"])
        record_event(
            actor=actor,
            action="campaign.decision.deliver",
            obj=decision,
            scope_unit=decision.commune.unit,
            changes={"delivered_on": delivered_on.isoformat(), "late": delivery_late(decision)},
        )
    return decision


def decision_revoke(*, actor: User, decision: CallupDecision, reason: str) -> CallupDecision:
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, decision.commune.unit_id)
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the change.")]})
    if decision.status != DecisionStatus.VALID:
        raise ValidationError(_("Only a valid decision can be revoked."))
    with transaction.atomic():
        decision.status = DecisionStatus.REVOKED
        decision.save(update_fields=["status"])
        record_event(
            actor=actor,
            action="campaign.decision.revoke",
            obj=decision,
            scope_unit=decision.commune.unit,
            reason=reason.strip(),
        )
    return decision


THROTTLE_MISSES = 20


THROTTLE_WINDOW = dt.timedelta(minutes=10)


def verification_throttled(*, ip_address: str, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    recent = VerificationMiss.objects.filter(ip_address=ip_address, at__gt=now - THROTTLE_WINDOW)
    return recent.count() >= THROTTLE_MISSES


def verification_lookup(
    *, token: str, ip_address: str, count_miss: bool = True
) -> CallupDecision | None:
    """The decision whose token is ``token`` (compared in constant time), or None; a miss is
    counted against ``ip_address`` (bookkeeping for throttling, not an audited change) when
    ``count_miss`` (the page passes False for a throttled address: a refused miss does not
    extend the throttle).

    A genuine token is answered even from a throttled address. The throttle limits load and
    noise, not guessing: a token has 192 random bits (``secrets.token_urlsafe(24)``), beyond
    reach at any request rate, so refusing genuine tokens would only lock out the people who
    share an address with a scanner."""
    import hmac

    found = (
        CallupDecision.objects.filter(token_hash=_hash(token))
        .select_related("person", "campaign__unit", "commune__unit")
        .first()
    )
    if found is not None and hmac.compare_digest(found.token.encode(), token.encode()):
        return found
    if not count_miss:
        return None
    VerificationMiss.objects.create(ip_address=ip_address, at=timezone.now())
    VerificationMiss.objects.filter(at__lt=timezone.now() - 2 * THROTTLE_WINDOW).delete()
    return None
