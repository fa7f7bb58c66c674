"""State changes of the call-up campaign (đợt tuyển quân): the campaign and its calendar,
quotas and their split to communes, overrides, call-up decisions and their delivery.

Each service checks the role (403) and the area (validation error), validates, writes in one
transaction and records the audit event in it. Quota changes lock the campaign row and
decision numbers lock their counter row (``SELECT … FOR UPDATE``), so concurrent requests
neither over-allocate nor leave gaps or duplicates in the numbering.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from muster.accounts.access import require_actor_area, require_actor_cap
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.conscription import apportionment, campaign_rules
from muster.conscription.models import (
    Allocation,
    CallupDecision,
    Campaign,
    CampaignCommune,
    DecisionCounter,
    DecisionStatus,
    Quota,
    QuotaHistory,
    RegistrationBar,
    Service,
    VerificationMiss,
)
from muster.core.ages import years_before
from muster.geo.models import Unit, UnitKind
from muster.health.models import HealthCall
from muster.people.models import Person, Sex
from muster.people.succession import holding

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.conscription.eligibility import Verdict

CAMPAIGN_UNIT_KINDS = frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.DEFENCE_REGION})
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


_CALENDAR_MESSAGES = {
    "screening": "Screening must end on or after its first day.",
    "exam": "The examination window must end on or after its first day.",
    "screening_before_exam": "Screening must end before the examinations start.",
    "exam_before_handover": "The examinations must end before the handover.",
    "decisions_before_handover": "Decisions must be issued before the handover.",
}


def calendar_of(campaign: Campaign) -> campaign_rules.Calendar:
    return campaign_rules.Calendar(
        year=campaign.year,
        handover=campaign.handover_start,
        pool_review_by=campaign.pool_review_by,
        screening_start=campaign.screening_start,
        screening_end=campaign.screening_end,
        exam_start=campaign.exam_start,
        exam_end=campaign.exam_end,
        nomination_by=campaign.nomination_by,
        decisions_by=campaign.decisions_by,
    )


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
    require_actor_cap(actor, Cap.MANAGE_CAMPAIGN)
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


def definite_bars(verdict: Verdict | None) -> list[str]:
    """The reasons that bar the citizen, leaving out facts the registry does not hold yet
    (codes ending in ``_unknown``: political verification, schooling not entered, ...)."""
    if verdict is None:
        return ["outside_coverage"]
    return [r.message for r in verdict.reasons if not r.code.endswith("_unknown")]


def pool_people(unit: Unit, on: dt.date) -> QuerySet[Person]:
    """The men the commune holds (``people.succession``: registered at it or at a unit that
    became it) of an age the engine may call on ``on`` (18 to 27), with everything the engine
    reads prefetched into lists: ``pool_ties``, ``pool_bars`` (in force on ``on``),
    ``pool_calls`` (concluded by ``on``, with their sessions) and ``pool_dossiers`` (the
    engine's facts then cost no query per citizen)."""
    oldest = years_before(on, 28)
    youngest = years_before(on, 18)
    return (
        Person.objects.filter(holding([unit]).q())
        .filter(sex=Sex.MALE, date_of_birth__gt=oldest, date_of_birth__lte=youngest)
        .prefetch_related(
            Prefetch("family_ties", to_attr="pool_ties"),
            Prefetch(
                "registration_bars",
                queryset=RegistrationBar.objects.filter(start_date__lte=on).exclude(
                    end_date__lt=on
                ),
                to_attr="pool_bars",
            ),
            Prefetch(
                "health_calls",
                queryset=HealthCall.objects.filter(concluded_on__lte=on).select_related("session"),
                to_attr="pool_calls",
            ),
            Prefetch("dossiers", to_attr="pool_dossiers"),
        )
        .order_by("id")
    )


def pool_verdicts(unit: Unit, on: dt.date) -> list[tuple[Person, Verdict | None]]:
    """Each man of ``pool_people`` with the engine's verdict on ``on``."""
    from muster.conscription.selectors import verdict_for_person

    return [
        (
            person,
            verdict_for_person(
                person=person,
                on=on,
                ties=person.pool_ties,  # type: ignore[attr-defined]
                bars=person.pool_bars,  # type: ignore[attr-defined]
                health_calls=person.pool_calls,  # type: ignore[attr-defined]
                dossiers=person.pool_dossiers,  # type: ignore[attr-defined]
            ),
        )
        for person in pool_people(unit, on)
    ]


def registry_pool(commune: CampaignCommune, on: dt.date) -> int:
    """Citizens the commune holds in whom the eligibility engine finds no bar on ``on``.

    Facts the registry does not hold yet (political verification above all) do not remove a
    citizen from the pool; the campaign page says the pool was counted this way."""
    unit = commune.unit
    return sum(1 for _p, verdict in pool_verdicts(unit, on) if not definite_bars(verdict))


def pool_set(*, actor: User, commune: CampaignCommune, stored_pool: int | None) -> None:
    """Record (or clear) the pool a commune reports when its registry is incomplete."""
    require_actor_cap(actor, Cap.MANAGE_CAMPAIGN)
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


def _inputs(campaign: Campaign, communes: list[CampaignCommune]) -> apportionment.Inputs:
    quotas = {q.service: q.value for q in campaign.quotas.all()}
    history: dict[int, dict[str, dict[int, int]]] = {}
    for row in QuotaHistory.objects.filter(
        unit_id__in=[c.unit_id for c in communes], year__lt=campaign.year
    ):
        history.setdefault(row.unit_id, {}).setdefault(row.service, {})[row.year] = row.quota
    overrides = tuple(
        apportionment.Override(
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
    return apportionment.Inputs(
        year=campaign.year,
        quotas=quotas,
        communes=tuple(
            apportionment.Commune(
                code=c.unit.code,
                name=c.unit.name,
                pool=c.pool_used or 0,
                history=history.get(c.unit_id, {}),
            )
            for c in communes
        ),
        parameters=apportionment.Parameters(
            floor=True,
            stability_fraction=STABILITY_FRACTION,
            stability_absolute=STABILITY_ABSOLUTE,
        ),
        overrides=overrides,
    )


def _split(*, campaign: Campaign) -> apportionment.Certificate | None:
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
        certificate = apportionment.apportion(inputs)
    except apportionment.InputError as exc:
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
    require_actor_cap(actor, Cap.MANAGE_CAMPAIGN)
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
    require_actor_cap(actor, Cap.MANAGE_CAMPAIGN)
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
    require_actor_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, commune.campaign.unit_id)
    if value is not None and not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the change.")]})
    if value is not None and value < 0:
        raise ValidationError({"value": [_("The quota cannot be negative.")]})
    _code, authority, citation = campaign_rules.quota_authority(on)
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


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def authority_key(campaign_commune: CampaignCommune, signed_on: dt.date) -> tuple[str, str]:
    """``(numbering key, rule code)``: each commune chairman numbers his own decisions; the
    district commander numbered the whole district's orders."""
    auth = campaign_rules.callup_authority(signed_on)
    if auth.code == "commune_chairman":
        return f"{auth.code}:{campaign_commune.unit.code}", auth.code
    return f"{auth.code}:{campaign_commune.campaign.unit.code}", auth.code


def decision_issue(
    *,
    actor: User,
    commune: CampaignCommune,
    person: Person,
    service: str,
    issued_on: dt.date,
) -> CallupDecision:
    """Issue a citizen's call-up, numbered without gaps per campaign and issuing authority.

    Once the commune's selection list for the service is committed, decisions follow it: a
    committed list must be frozen first, and a frozen one admits only its official citizens
    (or the next standby citizen in place of one whose decision was revoked;
    ``selection_services.callup_list_problem``). A written volunteer application waives the
    deferral and exemption grounds (Art 41(3)), as in the selection pool."""
    require_actor_cap(actor, Cap.MANAGE_CAMPAIGN)
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
    from muster.conscription.selection_selectors import is_volunteer
    from muster.conscription.selection_services import callup_list_problem
    from muster.conscription.selectors import verdict_for_person

    if service in Service.values:
        problem = callup_list_problem(commune=commune, person=person, service=service)
        if problem:
            errors.append(problem)
    volunteer = service in Service.values and is_volunteer(
        campaign=campaign, person=person, service=service
    )
    verdict = verdict_for_person(person=person, on=campaign.handover_start, volunteer=volunteer)
    bars = definite_bars(verdict)
    if bars:
        errors.append(
            _("The eligibility engine finds this citizen not callable: %(reasons)s")
            % {"reasons": "; ".join(bars)}
        )
    if errors:
        raise ValidationError(errors)
    return issue_numbered(
        actor=actor,
        commune=commune,
        person=person,
        service=service,
        issued_on=issued_on,
        enlist_on=campaign.handover_start,
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
) -> CallupDecision:
    """Number and write a decision whose citizen the caller has already checked: the counter
    row of the authority is locked, the quota and the one-valid-decision rule re-checked under
    the lock. ``decision_issue`` and the replacement after handover
    (``handover_services.replacement_record``) both come here, so both share one numbering."""
    campaign = commune.campaign
    auth = campaign_rules.callup_authority(issued_on)
    key, _code = authority_key(commune, issued_on)
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
            authority_citation=auth.citation,
            number=counter.last_number,
            issued_on=issued_on,
            enlist_on=enlist_on,
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
    require_actor_cap(actor, Cap.MANAGE_CAMPAIGN)
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
    require_actor_cap(actor, Cap.MANAGE_CAMPAIGN)
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


def delivery_late(decision: CallupDecision) -> bool:
    if decision.delivered_on is None:
        return False
    return campaign_rules.notice_is_late(
        "campaign.notice.callup", decision.delivered_on, decision.enlist_on
    )


# ----------------------------------------------------------------------------- verification

THROTTLE_MISSES = 20
THROTTLE_WINDOW = dt.timedelta(minutes=10)


def verification_throttled(*, ip_address: str, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    recent = VerificationMiss.objects.filter(ip_address=ip_address, at__gt=now - THROTTLE_WINDOW)
    return recent.count() >= THROTTLE_MISSES


def verification_lookup(*, token: str, ip_address: str) -> CallupDecision | None:
    """The decision whose token is ``token`` (compared in constant time), or None; a miss is
    counted against ``ip_address`` (bookkeeping for throttling, not an audited change)."""
    import hmac

    found = (
        CallupDecision.objects.filter(token_hash=_hash(token))
        .select_related("person", "campaign")
        .first()
    )
    if found is not None and hmac.compare_digest(found.token.encode(), token.encode()):
        return found
    VerificationMiss.objects.create(ip_address=ip_address, at=timezone.now())
    VerificationMiss.objects.filter(at__lt=timezone.now() - 2 * THROTTLE_WINDOW).delete()
    return None
