"""State changes of the handover (giao nhận quân) and after it: receiving units, the numbers
each takes from each commune (chốt quân số), the handover record (biên bản giao nhận quân),
the unit's re-examination (khám phúc tra, TT 105/2023 Art 11(7)), returns (trả về, TT 105
Art 13(4)(c)) and replacements from the standby list (bù đổi, TT 148/2018 Art 7(3)).

Dated rules come from ``selection_rules`` on the day of the handover. Past the 10 days of the
re-examination, past the 15 days of a replacement or beyond the 2 % cap the act is recorded
with a warning (``late`` / ``over_cap`` and the service's returned warnings), never refused:
the law sets the window, the record must show what happened.

Concurrency: a replacement locks the receiving unit's row, then the commune's frozen list,
then (through ``campaign_services.issue_numbered``) the decision counter, always in that
order; two replacements at once therefore take different standby citizens, and the
database's one-valid-decision constraint backs the check that nobody holds two.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from muster.accounts.access import require_actor_area, require_cap
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.conscription.aftercare.models import StandardsRecheck
from muster.conscription.campaign.models import Allocation, CampaignCommune, Quota, Service
from muster.conscription.decisions.gate import gate_problems, refusal
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.decisions.services import issue_numbered
from muster.conscription.handover.models import (
    Handover,
    HandoverPlan,
    ReceivingUnit,
    Recruit,
    RecruitReturn,
    Replacement,
    ReturnReason,
)
from muster.conscription.selection.models import (
    ListKind,
    SelectionEntry,
    SelectionList,
    SelectionState,
)
from muster.law.callup import selection as selection_rules
from muster.people.models import Person

if TYPE_CHECKING:
    from muster.accounts.models import User


# ----------------------------------------------------------------------------- units, plans


def receiving_unit_create(
    *, actor: User, code: str, name: str, service: str, note: str = ""
) -> ReceivingUnit:
    """Record a unit that receives recruits (đơn vị nhận quân) of the army or the police."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    errors: dict[str, list[str]] = {}
    code, name = code.strip(), name.strip()
    if not code:
        errors["code"] = [_("Enter the unit's code.")]
    elif ReceivingUnit.objects.filter(code=code).exists():
        errors["code"] = [_("A receiving unit with this code already exists.")]
    if not name:
        errors["name"] = [_("Enter the unit's name.")]
    if service not in Service.values:
        errors["service"] = [_("Choose the army or the police.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        try:
            with transaction.atomic():  # the same code recorded at the same time
                unit = ReceivingUnit.objects.create(
                    code=code, name=name, service=service, note=note
                )
        except IntegrityError as exc:
            raise ValidationError(
                {"code": [_("A receiving unit with this code already exists.")]}
            ) from exc
        record_event(
            actor=actor,
            action="handover.unit.create",
            obj=unit,
            scope_unit=None,
            changes={"code": code, "name": name, "service": service},
        )
    return unit


def _active_recruits(commune: CampaignCommune, unit: ReceivingUnit) -> int:
    """Recruits of the commune with the unit who were not returned."""
    return Recruit.objects.filter(
        handover__commune=commune, handover__receiving_unit=unit, returned__isnull=True
    ).count()


def plan_set(
    *, actor: User, commune: CampaignCommune, receiving_unit: ReceivingUnit, number: int
) -> HandoverPlan | None:
    """Agree how many recruits ``receiving_unit`` takes from ``commune`` (0 removes the
    agreement). The numbers of one service's units may not add up to more than the commune's
    final quota for that service."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, commune.unit_id)
    if number < 0:
        raise ValidationError({"number": [_("The number cannot be negative.")]})
    with transaction.atomic():
        CampaignCommune.objects.select_for_update().get(pk=commune.pk)
        quota = (
            Allocation.objects.filter(commune=commune, service=receiving_unit.service)
            .values_list("final", flat=True)
            .first()
        )
        others = (
            HandoverPlan.objects.filter(
                commune=commune, receiving_unit__service=receiving_unit.service
            )
            .exclude(receiving_unit=receiving_unit)
            .aggregate(total=Sum("number"))["total"]
            or 0
        )
        if quota is None:
            raise ValidationError(_("Split the quota before agreeing the numbers."))
        if others + number > quota:
            raise ValidationError(
                {
                    "number": [
                        _(
                            "The units would take %(total)s from this commune, more than its "
                            "final quota of %(quota)s."
                        )
                        % {"total": others + number, "quota": quota}
                    ]
                }
            )
        handed = _active_recruits(commune, receiving_unit)
        if number < handed:
            raise ValidationError(
                {
                    "number": [
                        _("%(n)s recruits are already handed over to this unit.") % {"n": handed}
                    ]
                }
            )
        existing = HandoverPlan.objects.filter(commune=commune, receiving_unit=receiving_unit)
        old = existing.values_list("number", flat=True).first()
        plan: HandoverPlan | None = None
        if number == 0:
            existing.delete()
        else:
            plan, _created = HandoverPlan.objects.update_or_create(
                commune=commune, receiving_unit=receiving_unit, defaults={"number": number}
            )
        record_event(
            actor=actor,
            action="handover.plan",
            obj=commune,
            scope_unit=commune.unit,
            changes={"unit": receiving_unit.code, "number": [old, number]},
        )
    return plan


# ----------------------------------------------------------------------------- the record


def handover_record(
    *,
    actor: User,
    commune: CampaignCommune,
    receiving_unit: ReceivingUnit,
    handed_on: dt.date,
    place: str,
    locality_signer: str,
    unit_signer: str,
    decisions: Sequence[CallupDecision],
    minutes: str = "",
) -> Handover:
    """The handover record of ``commune``'s recruits to ``receiving_unit`` on ``handed_on``:
    each recruit is a valid decision of that commune and the unit's service, not yet handed
    over, within the number agreed with the unit."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    require_actor_area(actor, commune.unit_id)
    campaign = commune.campaign
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not locality_signer.strip():
        add("locality_signer", _("Name who signs for the locality."))
    if not unit_signer.strip():
        add("unit_signer", _("Name who signs for the receiving unit."))
    if handed_on < campaign.handover_start:
        add("handed_on", _("The handover cannot come before the campaign's handover day."))
    if handed_on > timezone.localdate():
        add("handed_on", _("The date cannot be in the future."))
    if not decisions:
        add("decisions", _("Choose the recruits handed over."))
    for decision in decisions:
        who = decision.person.full_name
        if decision.commune_id != commune.pk:
            add("decisions", _("%(name)s is not called by this commune.") % {"name": who})
        elif decision.status != DecisionStatus.VALID:
            add("decisions", _("%(name)s has no valid decision.") % {"name": who})
        elif decision.service != receiving_unit.service:
            add("decisions", _("%(name)s is called to the other service.") % {"name": who})
        elif decision.issued_on > handed_on:
            add("decisions", _("%(name)s's decision is dated after the handover.") % {"name": who})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        CampaignCommune.objects.select_for_update().get(pk=commune.pk)
        plan = HandoverPlan.objects.filter(commune=commune, receiving_unit=receiving_unit).first()
        if plan is None:
            raise ValidationError(
                _("Agree with the unit how many recruits it takes from this commune first.")
            )
        taken = set(
            Recruit.objects.filter(decision__in=decisions).values_list(
                "decision__person__full_name", flat=True
            )
        )
        if taken:
            raise ValidationError(
                _("Already handed over: %(names)s.") % {"names": ", ".join(sorted(taken))}
            )
        active = _active_recruits(commune, receiving_unit)
        if active + len(decisions) > plan.number:
            raise ValidationError(
                _(
                    "The unit takes %(plan)s from this commune; %(active)s are already handed "
                    "over, %(new)s more is too many."
                )
                % {"plan": plan.number, "active": active, "new": len(decisions)}
            )
        handover = Handover.objects.create(
            commune=commune,
            receiving_unit=receiving_unit,
            handed_on=handed_on,
            place=place.strip(),
            locality_signer=locality_signer.strip(),
            unit_signer=unit_signer.strip(),
            minutes=minutes.strip(),
        )
        Recruit.objects.bulk_create([Recruit(handover=handover, decision=d) for d in decisions])
        record_event(
            actor=actor,
            action="handover.record",
            obj=handover,
            scope_unit=commune.unit,
            changes={
                "unit": receiving_unit.code,
                "handed_on": handed_on.isoformat(),
                "decisions": sorted(d.number for d in decisions),
            },
        )
    return handover


# ----------------------------------------------------------------------------- after handover


def recruit_recheck(
    *,
    actor: User,
    recruit: Recruit,
    rechecked_on: dt.date,
    fit: bool,
    health_class: int | None,
    note: str = "",
) -> list[str]:
    """Record the receiving unit's re-examination; returns the warnings (later than 10 days
    after handover, TT 105/2023 Art 11(7))."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    handover = recruit.handover
    require_actor_area(actor, handover.commune.unit_id)
    errors: dict[str, list[str]] = {}
    if rechecked_on < handover.handed_on:
        errors["rechecked_on"] = [_("The re-examination cannot precede the handover.")]
    if rechecked_on > timezone.localdate():
        errors.setdefault("rechecked_on", []).append(_("The date cannot be in the future."))
    if health_class is not None and not 1 <= health_class <= 6:
        errors["health_class"] = [_("The health class is 1 to 6.")]
    if fit and health_class is not None and health_class > 3:
        errors.setdefault("health_class", []).append(
            _("A recruit found fit has a health class 1, 2 or 3.")
        )
    if hasattr(recruit, "returned"):
        errors.setdefault("__all__", []).append(_("This recruit has been returned."))
    if errors:
        raise ValidationError(errors)
    warnings: list[str] = []
    late = selection_rules.reexam_late(handover.handed_on, rechecked_on)
    if late:
        warnings.append(
            _(
                "Re-examined after the 10 days that end on %(due)s (TT 105/2023 Art 11(7)): "
                "recorded as late."
            )
            % {"due": f"{selection_rules.reexam_due(handover.handed_on):%d/%m/%Y}"}
        )
    with transaction.atomic():
        old = [recruit.rechecked_on, recruit.recheck_fit, recruit.recheck_class]
        recruit.rechecked_on = rechecked_on
        recruit.recheck_fit = fit
        recruit.recheck_class = health_class
        recruit.recheck_note = note.strip()
        recruit.save(update_fields=["rechecked_on", "recheck_fit", "recheck_class", "recheck_note"])
        record_event(
            actor=actor,
            action="handover.recheck",
            obj=recruit,
            scope_unit=handover.commune.unit,
            changes={
                "rechecked": [old, [rechecked_on, fit, health_class]],
                "late": late,
            },
        )
    return warnings


def recruit_return(
    *,
    actor: User,
    recruit: Recruit,
    returned_on: dt.date,
    reason_kind: str,
    reason: str,
    council_form_ref: str = "",
    recheck_form_ref: str = "",
) -> RecruitReturn:
    """Record a recruit sent back to the locality (trả về). A return for health needs the
    unit's re-examination finding him unfit, and the file holds both health forms: the
    council's and the unit's re-examination form (TT 105/2023 Art 13(4)(c))."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    handover = recruit.handover
    require_actor_area(actor, handover.commune.unit_id)
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if reason_kind not in ReturnReason.values:
        add("reason_kind", _("Choose the reason."))
    if not reason.strip():
        add("reason", _("Describe the reason."))
    if returned_on < handover.handed_on:
        add("returned_on", _("A recruit cannot be returned before he is handed over."))
    if returned_on > timezone.localdate():
        add("returned_on", _("The date cannot be in the future."))
    if reason_kind == ReturnReason.HEALTH:
        if recruit.recheck_fit is not False:
            add("reason_kind", _("A return for health needs the re-examination finding him unfit."))
        if not council_form_ref.strip():
            add("council_form_ref", _("Give the reference of the council's health form."))
        if not recheck_form_ref.strip():
            add("recheck_form_ref", _("Give the reference of the unit's re-examination form."))
    if reason_kind == ReturnReason.STANDARDS:
        check = StandardsRecheck.objects.filter(recruit=recruit).first()
        if check is None or check.meets:
            add(
                "reason_kind",
                _("A return for the standards needs the unit's re-check finding them unmet."),
            )
        elif not recheck_form_ref.strip():
            recheck_form_ref = check.document_ref
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Recruit.objects.select_for_update().get(pk=recruit.pk)
        if RecruitReturn.objects.filter(recruit=recruit).exists():
            raise ValidationError(_("This recruit has already been returned."))
        returned = RecruitReturn.objects.create(
            recruit=recruit,
            returned_on=returned_on,
            reason_kind=reason_kind,
            reason=reason.strip(),
            council_form_ref=council_form_ref.strip(),
            recheck_form_ref=recheck_form_ref.strip(),
        )
        record_event(
            actor=actor,
            action="handover.return",
            obj=returned,
            scope_unit=handover.commune.unit,
            changes={
                "decision": recruit.decision.number,
                "returned_on": returned_on.isoformat(),
                "reason_kind": reason_kind,
            },
            reason=reason.strip(),
        )
    return returned


def locality_quota_with(campaign_id: int, receiving_unit: ReceivingUnit) -> int:
    """The locality's quota with ``receiving_unit``: the numbers it takes from the campaign's
    communes, or (no number agreed yet) the campaign's quota for the unit's service."""
    agreed = HandoverPlan.objects.filter(
        commune__campaign_id=campaign_id, receiving_unit=receiving_unit
    ).aggregate(total=Sum("number"))["total"]
    if agreed:
        return int(agreed)
    quota = (
        Quota.objects.filter(campaign_id=campaign_id, service=receiving_unit.service)
        .values_list("value", flat=True)
        .first()
    )
    return int(quota or 0)


def replacement_cap_for(campaign_id: int, receiving_unit: ReceivingUnit, day: dt.date) -> int:
    from muster.law.callup.campaign import replacement_cap

    return replacement_cap(locality_quota_with(campaign_id, receiving_unit), day)


@dataclass
class ReplacementResult:
    replacement: Replacement
    warnings: list[str] = field(default_factory=list)


def standby_next(selection_list: SelectionList) -> SelectionEntry | None:
    """The first standby citizen, in list order, never called in this campaign."""
    called = CallupDecision.objects.filter(campaign_id=selection_list.commune.campaign_id).values(
        "person_id"
    )
    return (
        selection_list.entries.filter(list_kind=ListKind.STANDBY)
        .exclude(person_id__in=called)
        .select_related("person")
        .order_by("place")
        .first()
    )


def replacement_record(
    *,
    actor: User,
    returned: RecruitReturn,
    replaced_on: dt.date,
    person: Person | None = None,
    skip_reason: str = "",
) -> ReplacementResult:
    """Replace a returned recruit (bù đổi) with the next citizen of the commune's standby list.

    ``person`` None takes the next one; naming another standby citizen needs ``skip_reason``.
    The replacement gets a new call-up decision (the campaign's numbering) and the returned
    recruit's decision becomes "replaced". Past 15 days of the handover, or beyond 2 % of the
    locality's quota with that unit, the replacement is recorded with a warning."""
    require_cap(actor, Cap.MANAGE_CAMPAIGN)
    recruit = returned.recruit
    handover = recruit.handover
    commune = handover.commune
    require_actor_area(actor, commune.unit_id)
    old = recruit.decision
    errors: dict[str, list[str]] = {}
    if replaced_on < returned.returned_on:
        errors["replaced_on"] = [_("The replacement cannot precede the return.")]
    if replaced_on > timezone.localdate():
        errors.setdefault("replaced_on", []).append(_("The date cannot be in the future."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        unit = ReceivingUnit.objects.select_for_update().get(pk=handover.receiving_unit_id)
        standby = (
            SelectionList.objects.select_for_update(of=("self",))
            .filter(commune=commune, service=old.service, state=SelectionState.FROZEN)
            .select_related("commune__campaign", "commune__unit")
            .first()
        )
        if standby is None:
            raise ValidationError(
                _("The commune has no frozen selection list for this service: no standby list.")
            )
        if Replacement.objects.filter(returned=returned).exists():
            raise ValidationError(_("This recruit has already been replaced."))
        upcoming = standby_next(standby)
        if person is None:
            if upcoming is None:
                raise ValidationError(_("The standby list is exhausted."))
            chosen = upcoming
        else:
            found = standby.entries.filter(person=person).select_related("person").first()
            if found is None or found.list_kind != ListKind.STANDBY:
                raise ValidationError(
                    {"person": [_("The replacement must come from the standby list.")]}
                )
            chosen = found
            passed_over = upcoming is None or upcoming.pk != found.pk
            if passed_over and not skip_reason.strip():
                raise ValidationError(
                    {
                        "skip_reason": [
                            _(
                                "%(name)s is not the next standby citizen (%(next)s): give the "
                                "reason for passing over the next one."
                            )
                            % {
                                "name": found.person.full_name,
                                "next": upcoming.person.full_name if upcoming else "—",
                            }
                        ]
                    }
                )
        if CallupDecision.objects.filter(
            campaign_id=commune.campaign_id,
            person_id=chosen.person_id,
            status=DecisionStatus.VALID,
        ).exists():
            raise ValidationError(
                {"person": [_("This citizen already has a valid call-up decision.")]}
            )
        from muster.conscription.selection.selectors import is_volunteer

        volunteer = is_volunteer(
            campaign=commune.campaign, person=chosen.person, service=old.service
        )
        problems = gate_problems(
            person=chosen.person, on=replaced_on, volunteer=volunteer, service=old.service
        )
        if problems:
            raise ValidationError({"person": [refusal(problems)]})
        old.status = DecisionStatus.REPLACED
        old.save(update_fields=["status"])
        decision = issue_numbered(
            actor=actor,
            commune=commune,
            person=chosen.person,
            service=old.service,
            issued_on=replaced_on,
            enlist_on=replaced_on,
            changes={"replaces": old.number},
        )
        count = (
            Replacement.objects.filter(
                returned__recruit__handover__commune__campaign_id=commune.campaign_id,
                returned__recruit__handover__receiving_unit=unit,
            ).count()
            + 1
        )
        cap = replacement_cap_for(commune.campaign_id, unit, handover.handed_on)
        late = selection_rules.replacement_late(handover.handed_on, replaced_on)
        over_cap = count > cap
        replacement = Replacement.objects.create(
            returned=returned,
            decision=decision,
            replaced_on=replaced_on,
            late=late,
            over_cap=over_cap,
            skip_reason=skip_reason.strip() if chosen != upcoming else "",
        )
        record_event(
            actor=actor,
            action="handover.replace",
            obj=replacement,
            scope_unit=commune.unit,
            changes={
                "replaced": old.number,
                "decision": decision.number,
                "person": str(chosen.person.public_id),
                "standby_place": chosen.place,
                "late": late,
                "over_cap": over_cap,
                "cap": cap,
                "count": count,
            },
            reason=skip_reason.strip(),
        )
    warnings: list[str] = []
    if late:
        warnings.append(
            _(
                "Replaced after the 15 days that end on %(due)s (TT 148/2018 Art 7(3)): recorded "
                "as late."
            )
            % {"due": f"{selection_rules.replacement_due(handover.handed_on):%d/%m/%Y}"}
        )
    if over_cap:
        warnings.append(
            _(
                "%(count)s replacements to this unit exceed 2%% of the locality's quota with it "
                "(at most %(cap)s, TT 148/2018 Art 7(3)): recorded as over the cap."
            )
            % {"count": count, "cap": cap}
        )
    return ReplacementResult(replacement=replacement, warnings=warnings)
