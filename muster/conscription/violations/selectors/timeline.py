"""One violation case: its timeline, audit trail, payments and the context of its page."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from muster.audit.models import AuditEvent
from muster.audit.selectors import events_for_object
from muster.conscription.violations.models import ViolationCase, ViolationState
from muster.conscription.violations.selectors.lists import is_overdue
from muster.core import lawtext
from muster.law.callup.violations import bands, deadlines, good_reasons
from muster.law.callup.violations import repeats as repeat_rules
from muster.law.rulebook import NoRuleInForce


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


# ----------------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class TimelineEntry:
    day: dt.date
    title: str
    detail: str


def timeline(case: ViolationCase) -> list[TimelineEntry]:
    """The case's steps in date order: the act, notices, good reason, decision, each payment
    (from the audit trail), referral, closing. The caller has authorised the case."""
    entries = [TimelineEntry(case.occurred_on, _("Act"), str(case.get_kind_display()))]
    for notice in case.notices.all():
        detail = _("To %(to)s: %(content)s") % {"to": notice.served_to, "content": notice.content}
        if notice.respond_by:
            detail += " (" + _("answer by %(day)s") % {"day": f"{notice.respond_by:%d/%m/%Y}"} + ")"
        entries.append(TimelineEntry(notice.served_on, _("Notice served"), detail))
    if case.state == ViolationState.GOOD_REASON and case.closed_on:
        reason = good_reasons.good_reason(case.good_reason, case.occurred_on)
        entries.append(
            TimelineEntry(
                case.closed_on,
                _("Good reason"),
                f"{lawtext.title(reason) if reason else case.good_reason}: {case.good_reason_note}",
            )
        )
    if case.decided_on:
        sanction = (
            _("Warning")
            if case.warning_only
            else _("Fine of %(amount)s VND") % {"amount": _vnd(case.fine_amount or 0)}
        )
        entries.append(
            TimelineEntry(
                case.decided_on,
                _("Penalty decision"),
                _("No. %(number)s, %(by)s: %(sanction)s")
                % {"number": case.decision_number, "by": case.decided_by, "sanction": sanction}
                + (
                    "; "
                    + _("remedial measures: %(measures)s") % {"measures": case.remedial_measures}
                    if case.remedial_measures
                    else ""
                ),
            )
        )
    for event in payment_events(case):
        changes = event.changes
        amount = int(changes.get("amount", 0))
        paid_on = dt.date.fromisoformat(str(changes.get("paid_on")))
        entries.append(
            TimelineEntry(paid_on, _("Payment"), _("%(amount)s VND") % {"amount": _vnd(amount)})
        )
    if case.escalated_on:
        entries.append(
            TimelineEntry(
                case.escalated_on, _("Referred for criminal proceedings"), case.escalation_note
            )
        )
    if case.state == ViolationState.CLOSED and case.closed_on:
        entries.append(TimelineEntry(case.closed_on, _("Case closed"), case.closing_note))
    return sorted(entries, key=lambda e: e.day)


def audit_trail(case: ViolationCase) -> QuerySet[AuditEvent]:
    return events_for_object(
        object_type=ViolationCase._meta.label_lower, object_id=str(case.public_id)
    )


def payment_events(case: ViolationCase) -> list[AuditEvent]:
    return list(audit_trail(case).filter(action="violation.pay").order_by("seq"))


def case_context(case: ViolationCase, today: dt.date) -> dict[str, Any]:
    """What the case page shows beside the record: repeats, Art 332, evasion, deadlines."""
    aged17 = case.person is None or deadlines.aged_17_in_year(
        case.person.date_of_birth.year, case.occurred_on
    )
    band = None
    with contextlib.suppress(NoRuleInForce, bands.NotAnOffender):
        band = bands.band_for(
            case.kind,
            case.occurred_on,
            repeat=case.repeat_of_id is not None,
            aged_17_in_year=aged17,
            subject=case.subject,
        )
    lighter = None
    if band is not None and case.state in (ViolationState.OPEN, ViolationState.NOTICE_SERVED):
        lighter = bands.lighter_band(
            case.kind,
            case.occurred_on,
            today,
            repeat=case.repeat_of_id is not None,
            aged_17_in_year=aged17,
            subject=case.subject,
        )
    return {
        "band": band,
        "lighter": lighter,
        "art332": repeat_rules.art332_covers(case.kind, case.occurred_on),
        "escalation_possible": repeat_rules.escalation_possible(
            case.kind, case.occurred_on, prior_sanction=case.repeat_of_id is not None
        ),
        "evasion": repeat_rules.is_evasion(case.kind, case.occurred_on),
        "payment_due": deadlines.payment_due(case.decided_on) if case.decided_on else None,
        "overdue": is_overdue(case, today),
        "left_to_pay": (case.fine_amount or 0) - (case.paid_amount or 0),
        "repeats": list(case.repeats.all().order_by("occurred_on")),
    }
