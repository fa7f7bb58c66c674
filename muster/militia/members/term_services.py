"""A member's term (Law 48/2019 Art 8, Art 13 as amended by Law 98/2025): the extension by up
to 2 years decided by the commune chairman, the completion recognised at the end of the term
(standing militia with 24 months recognised as having completed military service, Law
78/2015 Art 4(4)(a); the class-1 reserve where Law 78/2015 Art 24(2)(e) gives it), and leaving
the force. The rules are ``muster.law.militia.terms`` and ``authorities``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.validation import not_future, raise_errors
from muster.law.militia import terms
from muster.law.militia.authorities import deciding_authority
from muster.law.militia.enums import Component, Force
from muster.militia.members.models import Membership, MembershipStatus
from muster.militia.perms import can_manage_militia

if TYPE_CHECKING:
    from muster.accounts.models import User


def _citation(reason_rules: object) -> str:
    rules = getattr(reason_rules, "rules", ())
    return "; ".join(c.label_vi for r in rules for c in r.citations)[:255]


def _serving(errors: dict[str, list[str]], membership: Membership) -> None:
    if membership.status != MembershipStatus.SERVING:
        errors.setdefault("__all__", []).append(_("This member no longer serves."))


def membership_extend(
    *, actor: User, membership: Membership, until: dt.date, on: dt.date, decision_ref: str
) -> Membership:
    """Extend the term to ``until`` (at most 2 years past its end, Art 8), by the decision
    ``decision_ref`` of ``on`` (the commune chairman's, or the agency head's)."""
    require(can_manage_militia(actor))
    require_actor_area(actor, membership.holder_id)
    decision_ref = decision_ref.strip()
    component = Component(membership.component)
    errors: dict[str, list[str]] = {}
    _serving(errors, membership)
    not_future(errors, "on", on)
    if not decision_ref:
        errors.setdefault("decision_ref", []).append(_("Give the decision's number."))
    term = terms.term(membership.joined_on, component)
    if not terms.extension_allowed(membership.joined_on, component, until):
        errors.setdefault("until", []).append(
            _("An extension ends after the term (%(end)s) and by %(max)s at the latest.")
            % {"end": f"{term.end:%d/%m/%Y}", "max": f"{term.max_extension_end:%d/%m/%Y}"}
        )
    raise_errors(errors)
    authority = deciding_authority("extension", on, Force(membership.force))
    with transaction.atomic():
        old = membership.extended_to
        membership.extended_to = until
        membership.save(update_fields=["extended_to"])
        record_event(
            actor=actor,
            action="militia.extend",
            obj=membership,
            scope_unit=membership.holder,
            changes={
                "extended_to": [old.isoformat() if old else None, until.isoformat()],
                "decision": decision_ref,
                "authority": authority.code,
                "citation": _citation(authority),
            },
        )
    return membership


@dataclass(frozen=True)
class Completion:
    """What completing recognised: standing service counted as military service (24 months,
    and by whom), and the reserve class the member moves to (None: none by this rule)."""

    membership: Membership
    military_service: bool
    recognised_by: str
    reserve_class: int | None


def completion_outlook(membership: Membership, on: dt.date) -> Completion:
    """What completing on ``on`` would recognise (shown before the decision)."""
    component = Component(membership.component)
    service = terms.counts_as_military_service(membership.joined_on, on, component)
    by = deciding_authority("service_recognition", on).code if service else ""
    return Completion(
        membership=membership,
        military_service=service,
        recognised_by=by,
        reserve_class=terms.reserve_class_on_completion(component, membership.training_months, on),
    )


def membership_complete(
    *, actor: User, membership: Membership, on: dt.date, decision_ref: str
) -> Completion:
    """Recognise the completion of the duty (hoàn thành nghĩa vụ, Art 13) on ``on``, from the
    last day of the term or of its extension."""
    require(can_manage_militia(actor))
    require_actor_area(actor, membership.holder_id)
    decision_ref = decision_ref.strip()
    errors: dict[str, list[str]] = {}
    _serving(errors, membership)
    not_future(errors, "on", on)
    if not decision_ref:
        errors.setdefault("decision_ref", []).append(_("Give the decision's number."))
    last = membership.extended_to or membership.term_ends_on
    if not terms.can_recognise_completion(
        membership.joined_on, Component(membership.component), on, last
    ):
        errors.setdefault("on", []).append(
            _("Completion is recognised from the last day of the term (%(last)s).")
            % {"last": f"{last:%d/%m/%Y}"}
        )
    raise_errors(errors)
    outlook = completion_outlook(membership, on)
    authority = deciding_authority("completion", on, Force(membership.force))
    with transaction.atomic():
        membership.status = MembershipStatus.COMPLETED
        membership.ended_on = on
        membership.end_reason = decision_ref
        membership.save(update_fields=["status", "ended_on", "end_reason"])
        record_event(
            actor=actor,
            action="militia.complete",
            obj=membership,
            scope_unit=membership.holder,
            changes={
                "status": [MembershipStatus.SERVING, MembershipStatus.COMPLETED],
                "ended_on": on.isoformat(),
                "decision": decision_ref,
                "authority": authority.code,
                "military_service": outlook.military_service,
                "reserve_class": outlook.reserve_class,
            },
        )
    return outlook


def membership_leave(
    *, actor: User, membership: Membership, on: dt.date, reason: str
) -> Membership:
    """The member leaves the force before completing (thôi thực hiện nghĩa vụ, Art 12)."""
    require(can_manage_militia(actor))
    require_actor_area(actor, membership.holder_id)
    reason = reason.strip()
    errors: dict[str, list[str]] = {}
    _serving(errors, membership)
    not_future(errors, "on", on)
    if not reason:
        errors.setdefault("reason", []).append(_("Give the reason."))
    if on < membership.joined_on:
        errors.setdefault("on", []).append(_("The member cannot leave before joining."))
    raise_errors(errors)
    with transaction.atomic():
        membership.status = MembershipStatus.LEFT
        membership.ended_on = on
        membership.end_reason = reason[:255]
        membership.save(update_fields=["status", "ended_on", "end_reason"])
        record_event(
            actor=actor,
            action="militia.leave",
            obj=membership,
            scope_unit=membership.holder,
            changes={"status": [MembershipStatus.SERVING, MembershipStatus.LEFT]},
            reason=reason,
        )
    return membership
