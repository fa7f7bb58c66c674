"""State changes of violation cases (vụ vi phạm Luật NVQS).

open → notice_served → good_reason | penalised → paid; escalated (criminal referral); closed.
Each service checks the role (403) and the area, refuses a step the state machine does not
allow with a message naming the state it needs, validates, writes in one transaction with the
case row locked, and records the audit event in it. The penalty band is frozen on the case
when it is opened, from the rule in force on the day of the act (``violation_rules``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.conscription import perms
from muster.conscription import violation_rules as rules
from muster.conscription.law import NoRuleInForce
from muster.conscription.models import (
    Campaign,
    ViolationCase,
    ViolationKind,
    ViolationNotice,
    ViolationState,
)
from muster.core.dates import today
from muster.geo.models import Unit
from muster.people.models import Person

if TYPE_CHECKING:
    from muster.accounts.models import User

#: States whose case carries a sanction that counts for a repeat.
SANCTIONED_STATES = (ViolationState.PENALISED, ViolationState.PAID, ViolationState.CLOSED)

_KIND_PREFIX_VI = {
    "province": "tỉnh",
    "district": "huyện",
    "commune": "xã",
    "ward": "phường",
    "town": "thị trấn",
    "special_zone": "đặc khu",
}


def _in_area(actor: User, unit_id: int) -> None:
    require_actor_area(actor, unit_id, _("This citizen is outside your area."))


def _not_future(errors: dict[str, list[str]], field: str, day: dt.date) -> None:
    if day > today():
        errors.setdefault(field, []).append(_("This date cannot be in the future."))


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _state_label(state: str) -> str:
    return str(ViolationState(state).label)


def _lock(actor: User, case: ViolationCase, target: str) -> ViolationCase:
    """Lock the case and refuse a step the state machine does not allow."""
    require(perms.can_handle_violation(actor))
    locked = (
        ViolationCase.objects.select_for_update(of=("self",))
        .select_related("person", "unit")
        .get(pk=case.pk)
    )
    _in_area(actor, locked.unit_id)
    if not rules.can_move(locked.state, target):
        raise ValidationError(
            _("A case that is “%(state)s” cannot become “%(target)s”; it must be: %(required)s.")
            % {
                "state": _state_label(locked.state),
                "target": _state_label(target),
                "required": ", ".join(f"“{_state_label(s)}”" for s in rules.sources_of(target)),
            }
        )
    return locked


def _audit(
    actor: User,
    action: str,
    case: ViolationCase,
    changes: dict[str, object],
    reason: str = "",
) -> None:
    record_event(
        actor=actor,
        action=action,
        obj=case,
        scope_unit=case.unit,
        changes=changes,
        reason=reason,
        object_repr=f"{case.get_kind_display()} — {case.person.full_name}",
    )


# ----------------------------------------------------------------------------- repeats


def priors_of(person: Person, *, exclude: ViolationCase | None = None) -> list[rules.PriorSanction]:
    """The person's earlier sanctions (a decided penalty), for repeat detection."""
    qs = ViolationCase.objects.filter(
        person=person, state__in=SANCTIONED_STATES, decided_on__isnull=False
    )
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    found: list[rules.PriorSanction] = []
    for case in qs:
        assert case.decided_on is not None
        executed: dt.date | None
        if case.warning_only:
            executed = case.decided_on
        elif case.fine_amount and (case.paid_amount or 0) >= case.fine_amount:
            executed = case.paid_on
        else:
            executed = None
        found.append(
            rules.PriorSanction(
                key=str(case.public_id),
                kind=case.kind,
                decided_on=case.decided_on,
                warning=case.warning_only,
                executed_on=executed,
            )
        )
    return found


def repeat_of(person: Person, kind: str, occurred_on: dt.date) -> ViolationCase | None:
    """The earlier sanctioned case of which an act of ``kind`` on ``occurred_on`` is a repeat."""
    found = rules.find_repeat(priors_of(person), kind, occurred_on)
    if found is None:
        return None
    return ViolationCase.objects.get(public_id=found.key)


def band_of(person: Person, kind: str, occurred_on: dt.date, repeat: bool) -> rules.Band:
    return rules.band_for(
        kind,
        occurred_on,
        repeat=repeat,
        aged_17_in_year=rules.aged_17_in_year(person.date_of_birth.year, occurred_on),
    )


# ----------------------------------------------------------------------------- open


@transaction.atomic
def case_open(
    *,
    actor: User,
    person: Person,
    kind: str,
    occurred_on: dt.date,
    facts: str,
    campaign: Campaign | None = None,
    source_ref: str = "",
) -> ViolationCase:
    """Open a case for ``person``'s act of ``kind`` on ``occurred_on``.

    The band of the decree in force on that day is frozen on the case; an earlier sanction of
    the same act that still counts makes the case a repeat (``repeat_of``)."""
    require(perms.can_handle_violation(actor))
    _in_area(actor, person.registration_unit_id)
    person = (
        Person.objects.select_for_update().select_related("registration_unit").get(pk=person.pk)
    )
    errors: dict[str, list[str]] = {}
    facts = facts.strip()
    if kind not in ViolationKind.values:
        errors["kind"] = [_("Choose the act.")]
    if not facts:
        errors["facts"] = [_("Describe the facts: what happened, when and where.")]
    _not_future(errors, "occurred_on", occurred_on)
    if occurred_on < rules.COVERAGE_START:
        errors.setdefault("occurred_on", []).append(
            _("No penalty rule is recorded for acts before %(day)s.")
            % {"day": f"{rules.COVERAGE_START:%d/%m/%Y}"}
        )
    if occurred_on <= person.date_of_birth:
        errors.setdefault("occurred_on", []).append(_("The date is before the citizen's birth."))
    if (
        campaign is not None
        and not campaign.communes.filter(unit=person.registration_unit).exists()
    ):
        errors.setdefault("campaign", []).append(
            _("The citizen's commune does not take part in this campaign.")
        )
    if (
        kind in ViolationKind.values
        and ViolationCase.objects.filter(person=person, kind=kind, occurred_on=occurred_on)
        .exclude(state=ViolationState.CLOSED, decided_on__isnull=True)
        .exists()
    ):
        errors.setdefault("__all__", []).append(
            _("This citizen already has a case for this act on this day.")
        )
    _raise(errors)
    earlier = repeat_of(person, kind, occurred_on)
    band = band_of(person, kind, occurred_on, earlier is not None)
    try:
        with transaction.atomic():
            case = ViolationCase.objects.create(
                person=person,
                unit=person.registration_unit,
                campaign=campaign,
                kind=kind,
                occurred_on=occurred_on,
                facts=facts,
                decree=band.decree,
                penalty_citation=band.citation_vi[:255],
                warning_only=band.warning,
                fine_min=band.fine_min,
                fine_max=band.fine_max,
                rule_code=band.rule_code,
                band_confirmed=band.confirmed,
                repeat_of=earlier,
                source_ref=source_ref,
            )
    except IntegrityError:
        raise ValidationError(_("A case has already been opened from this record.")) from None
    _audit(
        actor,
        "violation.open",
        case,
        {
            "kind": kind,
            "occurred_on": occurred_on,
            "decree": band.decree,
            "band": [band.fine_min, band.fine_max],
            "warning": band.warning,
            "repeat_of": earlier.public_id if earlier else None,
            "source": source_ref,
        },
        reason=band.citation_vi,
    )
    return case


# ----------------------------------------------------------------------------- notices


@transaction.atomic
def notice_serve(
    *,
    actor: User,
    case: ViolationCase,
    served_on: dt.date,
    served_to: str,
    content: str,
    respond_by: dt.date | None = None,
) -> ViolationNotice:
    """Serve a notice or summons (giấy mời, thông báo); the first one moves an open case to
    "notice served", later ones keep the state."""
    require(perms.can_handle_violation(actor))
    locked = (
        ViolationCase.objects.select_for_update(of=("self",))
        .select_related("person", "unit")
        .get(pk=case.pk)
    )
    _in_area(actor, locked.unit_id)
    if locked.state not in rules.NOTICE_STATES:
        raise ValidationError(
            _("No notice can be served in a case that is “%(state)s”.")
            % {"state": _state_label(locked.state)}
        )
    errors: dict[str, list[str]] = {}
    if not served_to.strip():
        errors["served_to"] = [_("Say to whom the notice was handed.")]
    if not content.strip():
        errors["content"] = [_("Say what the notice asks or tells.")]
    _not_future(errors, "served_on", served_on)
    if served_on < locked.occurred_on:
        errors.setdefault("served_on", []).append(_("The notice cannot precede the act."))
    if respond_by is not None and respond_by < served_on:
        errors["respond_by"] = [_("The answer date cannot precede the notice.")]
    _raise(errors)
    notice = ViolationNotice.objects.create(
        case=locked,
        served_on=served_on,
        served_to=served_to.strip(),
        content=content.strip(),
        respond_by=respond_by,
    )
    changes: dict[str, object] = {"served_on": served_on, "served_to": served_to.strip()}
    if locked.state == ViolationState.OPEN:
        locked.state = ViolationState.NOTICE_SERVED
        locked.save(update_fields=["state"])
        changes["state"] = [ViolationState.OPEN, ViolationState.NOTICE_SERVED]
    _audit(actor, "violation.notice", locked, changes, reason=content.strip())
    return notice


# ----------------------------------------------------------------------------- good reason


@transaction.atomic
def good_reason_accept(
    *, actor: User, case: ViolationCase, reason: str, details: str, on: dt.date
) -> ViolationCase:
    """Close the case on a good reason (lý do chính đáng) of the list in force on the day of
    the act, where the act allows one ("… without good reason")."""
    locked = _lock(actor, case, ViolationState.GOOD_REASON)
    try:
        applies = rules.band_for(
            locked.kind,
            locked.occurred_on,
            aged_17_in_year=rules.aged_17_in_year(
                locked.person.date_of_birth.year, locked.occurred_on
            ),
        ).good_reason_applies
    except NoRuleInForce:
        applies = False
    errors: dict[str, list[str]] = {}
    if not applies:
        errors["reason"] = [_("This act has no “good reason” exception in the decree.")]
    elif rules.good_reason(reason, locked.occurred_on) is None:
        errors["reason"] = [_("Choose one of the good reasons of the decree in force.")]
    if not details.strip():
        errors["details"] = [_("Give the details and the evidence of the good reason.")]
    _not_future(errors, "on", on)
    if on < locked.occurred_on:
        errors.setdefault("on", []).append(_("This date cannot precede the act."))
    _raise(errors)
    before = locked.state
    locked.state = ViolationState.GOOD_REASON
    locked.good_reason = reason
    locked.good_reason_note = details.strip()[:255]
    locked.closed_on = on
    locked.save(update_fields=["state", "good_reason", "good_reason_note", "closed_on"])
    _audit(
        actor,
        "violation.good_reason",
        locked,
        {"state": [before, locked.state], "good_reason": reason, "closed_on": on},
        reason=details.strip(),
    )
    return locked


# ----------------------------------------------------------------------------- penalty


def vnd(amount: int) -> str:
    """``62.500.000`` (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")


def _fine_messages(problems: list[str], case: ViolationCase, day: dt.date) -> list[str]:
    band = {"min": vnd(case.fine_min), "max": vnd(case.fine_max)}
    messages = {
        "warning_no_fine": _("The sanction for this act is a warning: no fine can be set."),
        "fine_required": _("Enter the fine decided (VND)."),
        "below_band": _("The fine is below the band of %(min)s–%(max)s VND.") % band,
        "above_band": _("The fine is above the band of %(min)s–%(max)s VND.") % band,
        "above_maximum": _("The fine is above the individual maximum of %(max)s VND.")
        % {"max": vnd(rules.individual_maximum(day))},
    }
    return [messages[p] for p in problems]


@transaction.atomic
def penalty_decide(
    *,
    actor: User,
    case: ViolationCase,
    decision_number: str,
    decided_on: dt.date,
    decided_by: str,
    fine_amount: int | None,
    apply_lighter: bool = False,
) -> ViolationCase:
    """Record the penalty decision (quyết định xử phạt): a warning, or a fine within the band
    frozen on the case and not above the individual maximum.

    ``apply_lighter``: the decree in force on ``decided_on`` is lighter for this act than the
    one of the day of the act, and the decider applies it (Law 80/2015 Art 156(3) [U]); the
    case's band is replaced by the lighter one."""
    locked = _lock(actor, case, ViolationState.PENALISED)
    errors: dict[str, list[str]] = {}
    decision_number = decision_number.strip()
    decided_by = decided_by.strip()
    if not decision_number:
        errors["decision_number"] = [_("Enter the number of the penalty decision.")]
    if not decided_by:
        errors["decided_by"] = [_("Name the authority that decided.")]
    _not_future(errors, "decided_on", decided_on)
    if decided_on < locked.occurred_on:
        errors.setdefault("decided_on", []).append(_("This date cannot precede the act."))
    _raise(errors)
    changes: dict[str, object] = {}
    if apply_lighter:
        lighter = rules.lighter_band(
            locked.kind,
            locked.occurred_on,
            decided_on,
            repeat=locked.repeat_of_id is not None,
            aged_17_in_year=rules.aged_17_in_year(
                locked.person.date_of_birth.year, locked.occurred_on
            ),
        )
        if lighter is None:
            _raise(
                {"apply_lighter": [_("The decree in force on the decision date is not lighter.")]}
            )
        assert lighter is not None
        changes["band"] = [[locked.fine_min, locked.fine_max], [lighter.fine_min, lighter.fine_max]]
        changes["decree"] = [locked.decree, lighter.decree]
        locked.decree = lighter.decree
        locked.penalty_citation = (lighter.citation_vi + "; Luật 80/2015/QH13 Điều 156 khoản 3")[
            :255
        ]
        locked.warning_only = lighter.warning
        locked.fine_min, locked.fine_max = lighter.fine_min, lighter.fine_max
        locked.rule_code = lighter.rule_code
        locked.band_confirmed = False
    amount = fine_amount or None
    problems = rules.fine_problems(
        warning=locked.warning_only,
        fine_min=locked.fine_min,
        fine_max=locked.fine_max,
        amount=amount,
        day=locked.occurred_on,
    )
    if problems:
        _raise({"fine_amount": _fine_messages(problems, locked, locked.occurred_on)})
    before = locked.state
    locked.state = ViolationState.PENALISED
    locked.decision_number = decision_number[:40]
    locked.decided_on = decided_on
    locked.decided_by = decided_by[:120]
    locked.fine_amount = None if locked.warning_only else amount
    locked.save()
    _audit(
        actor,
        "violation.decide",
        locked,
        {
            **changes,
            "state": [before, locked.state],
            "decision_number": decision_number,
            "decided_on": decided_on,
            "decided_by": decided_by,
            "warning": locked.warning_only,
            "fine": locked.fine_amount,
        },
        reason=locked.penalty_citation,
    )
    return locked


@transaction.atomic
def payment_record(
    *, actor: User, case: ViolationCase, paid_on: dt.date, amount: int
) -> ViolationCase:
    """Record a payment of the fine; partial payments add up, and the case is "paid" once the
    whole fine is in."""
    require(perms.can_handle_violation(actor))
    locked = (
        ViolationCase.objects.select_for_update(of=("self",))
        .select_related("person", "unit")
        .get(pk=case.pk)
    )
    _in_area(actor, locked.unit_id)
    if locked.state != ViolationState.PENALISED:
        raise ValidationError(
            _("A payment is recorded only in a case that is “%(state)s”; this one is “%(now)s”.")
            % {"state": _state_label(ViolationState.PENALISED), "now": _state_label(locked.state)}
        )
    if locked.warning_only or not locked.fine_amount:
        raise ValidationError(_("The sanction is a warning: there is nothing to pay."))
    errors: dict[str, list[str]] = {}
    already = locked.paid_amount or 0
    if amount <= 0:
        errors["amount"] = [_("Enter the amount paid (VND).")]
    elif already + amount > locked.fine_amount:
        errors["amount"] = [
            _("The payments would exceed the fine: %(left)s VND are left to pay.")
            % {"left": vnd(locked.fine_amount - already)}
        ]
    _not_future(errors, "paid_on", paid_on)
    assert locked.decided_on is not None
    if paid_on < locked.decided_on:
        errors.setdefault("paid_on", []).append(_("A payment cannot precede the decision."))
    if locked.paid_on is not None and paid_on < locked.paid_on:
        errors.setdefault("paid_on", []).append(
            _("A payment cannot precede the previous one (%(day)s).")
            % {"day": f"{locked.paid_on:%d/%m/%Y}"}
        )
    _raise(errors)
    before = locked.state
    locked.paid_amount = already + amount
    locked.paid_on = paid_on
    if locked.paid_amount >= locked.fine_amount:
        locked.state = ViolationState.PAID
    locked.save(update_fields=["paid_amount", "paid_on", "state"])
    _audit(
        actor,
        "violation.pay",
        locked,
        {
            "amount": amount,
            "paid_on": paid_on,
            "paid_total": [already, locked.paid_amount],
            "state": [before, locked.state],
        },
    )
    return locked


# ----------------------------------------------------------------------------- escalation


@transaction.atomic
def case_escalate(
    *,
    actor: User,
    case: ViolationCase,
    escalated_on: dt.date,
    note: str,
    prior_conviction: bool = False,
    reason: str = "",
) -> ViolationCase:
    """Refer the case for criminal proceedings (chuyển hồ sơ đề nghị truy cứu trách nhiệm
    hình sự). Allowed when Penal Code Art 332's condition holds (the act is listed, and the
    citizen was sanctioned for it or convicted and not yet expunged), otherwise only with an
    explicit ``reason``."""
    locked = _lock(actor, case, ViolationState.ESCALATED)
    errors: dict[str, list[str]] = {}
    if not note.strip():
        errors["note"] = [_("Say to which body the file is sent and with what.")]
    _not_future(errors, "escalated_on", escalated_on)
    if escalated_on < locked.occurred_on:
        errors.setdefault("escalated_on", []).append(_("This date cannot precede the act."))
    possible = rules.escalation_possible(
        locked.kind,
        locked.occurred_on,
        prior_sanction=locked.repeat_of_id is not None,
        prior_conviction=prior_conviction,
    )
    if not possible and not reason.strip():
        errors["reason"] = [
            _(
                "The condition of Penal Code Art 332 does not hold (the act is not listed, or "
                "there is no earlier sanction or conviction for it): give the reason for the "
                "referral."
            )
        ]
    _raise(errors)
    before = locked.state
    basis = "art332" if possible else "reason"
    detail = note.strip() if possible else f"{note.strip()} — {reason.strip()}"
    locked.state = ViolationState.ESCALATED
    locked.escalated_on = escalated_on
    locked.escalation_note = detail[:255]
    locked.escalation_basis = basis
    locked.save(update_fields=["state", "escalated_on", "escalation_note", "escalation_basis"])
    _audit(
        actor,
        "violation.escalate",
        locked,
        {
            "state": [before, locked.state],
            "escalated_on": escalated_on,
            "basis": basis,
            "prior_conviction": prior_conviction,
            "repeat_of": locked.repeat_of.public_id if locked.repeat_of else None,
        },
        reason=detail,
    )
    return locked


# ----------------------------------------------------------------------------- close


@transaction.atomic
def case_close(*, actor: User, case: ViolationCase, closed_on: dt.date, note: str) -> ViolationCase:
    """Close a case: a warning decided, a fine paid in full, a referral answered, or (open or
    notice served) no violation after all."""
    locked = _lock(actor, case, ViolationState.CLOSED)
    errors: dict[str, list[str]] = {}
    if not note.strip():
        errors["note"] = [_("Say why the case is closed.")]
    if locked.state == ViolationState.PENALISED and not locked.warning_only:
        errors.setdefault("__all__", []).append(
            _("The fine is not paid in full: record the payment first.")
        )
    _not_future(errors, "closed_on", closed_on)
    if closed_on < locked.occurred_on:
        errors.setdefault("closed_on", []).append(_("This date cannot precede the act."))
    _raise(errors)
    before = locked.state
    locked.state = ViolationState.CLOSED
    locked.closed_on = closed_on
    locked.closing_note = note.strip()[:255]
    locked.save(update_fields=["state", "closed_on", "closing_note"])
    _audit(
        actor,
        "violation.close",
        locked,
        {"state": [before, locked.state], "closed_on": closed_on},
        reason=note.strip(),
    )
    return locked


# ----------------------------------------------------------------------------- defaults


def unit_words(unit: Unit) -> str:
    """``xã Đức Hợp``, ``huyện Kim Động`` (the unit with its kind, in Vietnamese)."""
    prefix = _KIND_PREFIX_VI.get(unit.kind)
    return f"{prefix} {unit.name}" if prefix else unit.name


def default_decided_by(case: ViolationCase, on: dt.date) -> str:
    """The deciding authority proposed on the penalty form (free text, [U] default): the
    district chairman before 1 Jul 2025, the commune chairman from then."""
    try:
        found = rules.default_authority(on)
    except NoRuleInForce:
        return ""
    unit: Unit | None = case.unit
    if found.level == "district":
        unit = case.unit.parent if case.unit.parent_id else None
        if unit is None or unit.kind != "district":
            return "Chủ tịch UBND cấp huyện"
    assert unit is not None
    return f"Chủ tịch UBND {unit_words(unit)}"
