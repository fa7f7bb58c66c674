"""The penalty of a violation case decided and paid, the case escalated (criminal referral)
and closed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.conscription.violations.models import ViolationCase, ViolationState
from muster.conscription.violations.services.common import (
    _audit,
    _lock,
    _locked_case,
    _state_label,
    _step_date,
    aged_17_of,
)
from muster.core.validation import not_future, raise_errors
from muster.law.callup.violations import bands
from muster.law.callup.violations import repeats as repeat_rules

if TYPE_CHECKING:
    from muster.accounts.models import User


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
        "above_maximum": (
            _("The fine is above the organisation maximum of %(max)s VND.")
            if case.is_organisation
            else _("The fine is above the individual maximum of %(max)s VND.")
        )
        % {"max": vnd(bands.maximum(day, case.subject))},
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
    _step_date(errors, "decided_on", decided_on, locked)
    raise_errors(errors)
    changes: dict[str, object] = {}
    if apply_lighter:
        lighter = bands.lighter_band(
            locked.kind,
            locked.occurred_on,
            decided_on,
            repeat=locked.repeat_of_id is not None,
            aged_17_in_year=aged_17_of(locked),
            subject=locked.subject,
        )
        if lighter is None:
            raise_errors(
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
        remedy = lighter.remedy.title_vi[:255] if lighter.remedy else ""
        if remedy != locked.remedial_measures:
            changes["remedial_measures"] = [locked.remedial_measures, remedy]
        locked.remedial_measures = remedy
        locked.remedial_confirmed = lighter.remedy.confirmed if lighter.remedy else True
    amount = fine_amount or None
    problems = bands.fine_problems(
        warning=locked.warning_only,
        fine_min=locked.fine_min,
        fine_max=locked.fine_max,
        amount=amount,
        day=locked.occurred_on,
        subject=locked.subject,
    )
    if problems:
        raise_errors({"fine_amount": _fine_messages(problems, locked, locked.occurred_on)})
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
            "remedial_measures": locked.remedial_measures,
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
    locked = _locked_case(actor, case)
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
    not_future(errors, "paid_on", paid_on)
    assert locked.decided_on is not None
    if paid_on < locked.decided_on:
        errors.setdefault("paid_on", []).append(_("A payment cannot precede the decision."))
    if locked.paid_on is not None and paid_on < locked.paid_on:
        errors.setdefault("paid_on", []).append(
            _("A payment cannot precede the previous one (%(day)s).")
            % {"day": f"{locked.paid_on:%d/%m/%Y}"}
        )
    raise_errors(errors)
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
    _step_date(errors, "escalated_on", escalated_on, locked)
    possible = repeat_rules.escalation_possible(
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
    raise_errors(errors)
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
    _step_date(errors, "closed_on", closed_on, locked)
    raise_errors(errors)
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
