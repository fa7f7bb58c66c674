"""State changes of deferral and exemption dossiers (hồ sơ tạm hoãn, miễn gọi nhập ngũ).

proposed → reviewed (commune NVQS council) → granted | refused (decision) → ended. Each
service checks the role (403) and the area, refuses a transition the state machine does not
allow with a message saying why, validates, writes in one transaction and records the audit
event in it. The deciding authority comes from the law in force on the decision date.
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
from muster.conscription.dossiers.models import Dossier, DossierState
from muster.law.callup import dossiers as rules
from muster.people.models import Person

if TYPE_CHECKING:
    from muster.accounts.models import User

STATE_REQUIRED = {
    DossierState.REVIEWED: DossierState.PROPOSED,
    DossierState.GRANTED: DossierState.REVIEWED,
    DossierState.REFUSED: DossierState.REVIEWED,
    DossierState.ENDED: DossierState.GRANTED,
}


def _in_area(actor: User, person: Person) -> None:
    require_actor_area(actor, person.registration_unit_id, _("This citizen is outside your area."))


def _audit(actor: User, dossier: Dossier, action: str, changes: dict[str, object]) -> None:
    """The audit event of a step of ``dossier``, in its citizen's registration unit."""
    record_event(
        actor=actor,
        action=action,
        obj=dossier,
        scope_unit=dossier.person.registration_unit,
        changes=changes,
    )


def _lock(actor: User, dossier: Dossier, target: DossierState) -> Dossier:
    """Lock the dossier and refuse a transition the state machine does not allow."""
    locked = Dossier.objects.select_for_update().select_related("person").get(pk=dossier.pk)
    _in_area(actor, locked.person)
    if not rules.can_move(locked.state, target):
        raise ValidationError(
            _(
                "A dossier that is “%(state)s” cannot become “%(target)s”: it must be "
                "“%(required)s” first."
            )
            % {
                "state": DossierState(locked.state).label,
                "target": target.label,
                "required": STATE_REQUIRED[target].label,
            }
        )
    return locked


def dossier_propose(
    *,
    actor: User,
    person: Person,
    ground: str,
    proposed_on: dt.date,
    evidence: str,
    ground_start: dt.date | None = None,
    end_date: dt.date | None = None,
) -> Dossier:
    """Open a request or proposal for deferral or exemption on one ground of Art 41."""
    require(perms.can_propose_dossier(actor))
    _in_area(actor, person)
    errors: dict[str, list[str]] = {}
    found = rules.ground_rule(ground, proposed_on)
    if found is None:
        errors["ground"] = [_("This ground is not in the law in force on the proposal date.")]
    if not evidence.strip():
        errors["evidence"] = [_("Describe the evidence attached.")]
    if ground in rules.END_COMPUTED:
        if ground_start is None:
            errors["ground_start"] = [_("Enter the resettlement date.")]
        elif ground_start > proposed_on:
            errors["ground_start"] = [_("The resettlement date cannot follow the proposal.")]
        else:
            end_date = rules.computed_end(ground, ground_start)
            if end_date <= proposed_on:
                errors["ground_start"] = [_("The first 3 years after resettlement are over.")]
    elif ground in rules.EXEMPTION_GROUNDS and end_date is not None:
        errors["end_date"] = [_("An exemption has no end date.")]
    elif ground in rules.END_REQUIRED and end_date is None:
        errors["end_date"] = [
            _("Enter the day the ground ends (graduation, end of posting, discharge).")
        ]
    if end_date is not None and end_date <= proposed_on and "ground_start" not in errors:
        errors["end_date"] = [_("The ground must end after the proposal date.")]
    if errors or found is None:
        raise ValidationError(errors)
    citation = "; ".join(c.label for c in found.citations)
    try:
        with transaction.atomic():
            dossier = Dossier.objects.create(
                person=person,
                kind=rules.kind_of(ground),
                ground=ground,
                ground_citation=citation[:255],
                proposed_on=proposed_on,
                evidence=evidence.strip(),
                ground_start=ground_start if ground in rules.END_COMPUTED else None,
                end_date=end_date,
            )
            _audit(
                actor,
                dossier,
                "dossier.propose",
                {
                    "person": str(person.public_id),
                    "ground": ground,
                    "proposed_on": proposed_on.isoformat(),
                    "end_date": end_date.isoformat() if end_date else None,
                },
            )
    except IntegrityError:
        raise ValidationError(
            {"ground": [_("This citizen already has an open dossier on this ground.")]}
        ) from None
    return dossier


def dossier_review(
    *,
    actor: User,
    dossier: Dossier,
    reviewed_on: dt.date,
    votes_for: int,
    votes_against: int,
    minutes: str,
) -> Dossier:
    """Record the commune NVQS council's review (Art 36(3): resolutions by majority)."""
    require(perms.can_review_dossier(actor, dossier))
    errors: dict[str, list[str]] = {}
    if votes_for < 0 or votes_against < 0 or votes_for + votes_against == 0:
        errors["votes_for"] = [_("Enter the votes cast (at least one).")]
    if not minutes.strip():
        errors["minutes"] = [_("Enter the minutes of the meeting.")]
    with transaction.atomic():
        locked = _lock(actor, dossier, DossierState.REVIEWED)
        if reviewed_on < locked.proposed_on:
            errors["reviewed_on"] = [_("The review cannot precede the proposal.")]
        if errors:
            raise ValidationError(errors)
        locked.state = DossierState.REVIEWED
        locked.reviewed_on = reviewed_on
        locked.votes_for = votes_for
        locked.votes_against = votes_against
        locked.minutes = minutes.strip()
        locked.save()
        _audit(
            actor,
            locked,
            "dossier.review",
            {
                "reviewed_on": reviewed_on.isoformat(),
                "votes_for": votes_for,
                "votes_against": votes_against,
            },
        )
    return locked


def dossier_decide(
    *,
    actor: User,
    dossier: Dossier,
    granted: bool,
    decision_number: str,
    decision_date: dt.date,
) -> Dossier:
    """Record the decision; the authority is the one the law names on ``decision_date``."""
    require(perms.can_decide_dossier(actor, dossier, on=decision_date))
    errors: dict[str, list[str]] = {}
    if not decision_number.strip():
        errors["decision_number"] = [_("Enter the decision number.")]
    with transaction.atomic():
        target = DossierState.GRANTED if granted else DossierState.REFUSED
        locked = _lock(actor, dossier, target)
        assert locked.reviewed_on is not None
        if decision_date < locked.reviewed_on:
            errors["decision_date"] = [_("The decision cannot precede the council's review.")]
        if errors:
            raise ValidationError(errors)
        authority, citation = rules.authority_on(decision_date)
        locked.state = target
        locked.decision_number = decision_number.strip()
        locked.decision_date = decision_date
        locked.authority = authority
        locked.authority_citation = citation[:255]
        locked.save()
        _audit(
            actor,
            locked,
            "dossier.decide",
            {
                "granted": granted,
                "decision_number": locked.decision_number,
                "decision_date": decision_date.isoformat(),
                "authority": authority,
            },
        )
    return locked


def dossier_end(*, actor: User, dossier: Dossier, ended_on: dt.date, note: str = "") -> Dossier:
    """Close a granted dossier whose ground has ended (after the re-review)."""
    require(perms.can_end_dossier(actor, dossier))
    with transaction.atomic():
        locked = _lock(actor, dossier, DossierState.ENDED)
        assert locked.decision_date is not None
        if ended_on < locked.decision_date:
            raise ValidationError({"ended_on": [_("The end cannot precede the decision.")]})
        locked.state = DossierState.ENDED
        locked.ended_on = ended_on
        locked.end_note = note.strip()[:255]
        locked.save()
        _audit(
            actor,
            locked,
            "dossier.end",
            {"ended_on": ended_on.isoformat()},
        )
    return locked
