"""Selection, deferral and exemption decisions (Law 48/2019 Arts 10–11 as amended by Law
98/2025) on the registered citizens of a commune.

* ``select``: the engine (``muster.law.militia.engine.judge``) must find the citizen eligible
  on the day, the decider attesting fitness (Art 10); a volunteer (Art 11(3)) is admitted over
  the grounds the law lets him waive (deferral c–g, exemption a, b, d) and over the age limit
  up to 50 (men) or 45 (women). The selection creates the membership: the component, the unit
  if given, the term of the rule in force on the day (4 years; 2 for standing militia).
* ``defer`` (Art 11(1)(a)–(h)) and ``exempt`` (Art 11(2)(a)–(đ)) name their ground;
* ``refuse``: a volunteer whose ground the law does not let him waive.

Each decision carries the authority of the day (``deciding_authority``: since 1 Jul 2025 the
commune chairman, or the agency head for the self-defence force) and its legal basis.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core import lawtext
from muster.core.validation import not_future, raise_errors
from muster.geo.models import Unit
from muster.law.book import rule
from muster.law.militia import terms
from muster.law.militia.authorities import deciding_authority
from muster.law.militia.engine import judge
from muster.law.militia.enums import Component, Force
from muster.law.militia.facts import MilitiaReason, MilitiaVerdict, OutsideCoverage
from muster.law.militia.grounds import DEFERRAL_CODES, EXEMPTION_CODES, GROUND_BY_CODE
from muster.militia.members.models import (
    Membership,
    MembershipStatus,
    MilitiaRegistration,
)
from muster.militia.members.selectors import art14_bars, placed_reservist_ids
from muster.militia.organisation.models import MilitiaUnit
from muster.militia.perms import can_manage_militia
from muster.militia.selection.facts import facts_of
from muster.militia.selection.models import SelectionDecision, SelectionKind
from muster.people.models import Person

if TYPE_CHECKING:
    from muster.accounts.models import User


def _citation(*reasons: MilitiaReason | None) -> str:
    labels = [c.label_vi for r in reasons if r is not None for c in r.citations]
    return "; ".join(dict.fromkeys(labels))[:400]


def verdict_for(
    person: Person,
    *,
    on: dt.date,
    volunteer: bool = False,
    fit: bool | None = None,
    force: Force = Force.MILITIA,
) -> MilitiaVerdict:
    """The engine's verdict on ``person`` on ``on`` from the registry's facts."""
    ties = person.family_ties.select_related("relative")
    exempt = MilitiaRegistration.objects.filter(
        person=person, ended_on__isnull=True, exempt=True
    ).exists() or person.pk in art14_bars([person.pk], on)
    facts = facts_of(
        person,
        ties,
        on=on,
        registration_exempt=exempt,
        volunteer=volunteer,
        fit=fit,
        force=force,
    )
    if person.pk in placed_reservist_ids([person.pk]):
        facts = replace(facts, placed_reservist=True)
    return judge(facts, on)


def selection_decide(
    *,
    actor: User,
    person: Person,
    commune: Unit,
    kind: str,
    on: dt.date,
    decision_ref: str,
    ground: str = "",
    component: str = "",
    unit: MilitiaUnit | None = None,
    volunteer: bool = False,
    note: str = "",
) -> SelectionDecision:
    """Record the decision ``kind`` (select, defer, exempt, refuse) on ``person``, a citizen
    registered for militia service in ``commune``, made on ``on`` under ``decision_ref``."""
    require(can_manage_militia(actor))
    require_actor_area(actor, commune)
    decision_ref, note, ground = decision_ref.strip(), note.strip(), ground.strip()
    errors: dict[str, list[str]] = {}
    not_future(errors, "on", on)
    if not decision_ref:
        errors.setdefault("decision_ref", []).append(_("Give the decision's number."))
    registration = MilitiaRegistration.objects.filter(
        person=person, holder=commune, ended_on__isnull=True
    ).first()
    if registration is None:
        errors.setdefault("person", []).append(
            _("The citizen is not on this commune's militia register.")
        )
    elif registration.exempt:
        errors.setdefault("person", []).append(
            _("The citizen is exempt from militia registration.")
        )
    if Membership.objects.filter(person=person, status=MembershipStatus.SERVING).exists():
        errors.setdefault("person", []).append(_("The citizen already serves in the force."))
    if kind not in SelectionKind.values:
        errors.setdefault("kind", []).append(_("Choose the decision."))
    raise_errors(errors)
    try:
        verdict = verdict_for(person, on=on, volunteer=volunteer, fit=True)
    except OutsideCoverage:
        raise_errors({"on": [_("The Militia Law 48/2019 is in force from 01/07/2020.")]})
        raise  # pragma: no cover - raise_errors raised
    membership_fields: dict[str, object] = {}
    authority: MilitiaReason | None
    if kind == SelectionKind.SELECT:
        authority = _check_select(errors, verdict, component, unit, commune)
        raise_errors(errors)
        chosen = Component(component)
        membership_fields = {
            "component": chosen,
            "unit": unit,
            "volunteer": volunteer,
            "joined_on": on,
            "term_ends_on": terms.term_end(on, chosen),
            "legal_citation": _citation(authority, *verdict.waived),
        }
    elif kind in (SelectionKind.DEFER, SelectionKind.EXEMPT):
        codes = DEFERRAL_CODES if kind == SelectionKind.DEFER else EXEMPTION_CODES
        if ground not in codes:
            errors.setdefault("ground", []).append(_("Choose the ground of Art 11."))
        raise_errors(errors)
        authority = deciding_authority("deferral_exemption", on)
    else:
        if not volunteer:
            errors.setdefault("volunteer", []).append(
                _("Only a volunteer's application is refused; defer or exempt the others.")
            )
        if verdict.eligible:
            errors.setdefault("kind", []).append(
                _("The law admits this volunteer: select him or her.")
            )
        raise_errors(errors)
        if not ground:
            ground = next((r.code for r in verdict.reasons if r.code in GROUND_BY_CODE), "")
        authority = deciding_authority("selection", on)
    ground_reason = _ground_reason(ground, on)
    with transaction.atomic():
        membership = None
        if membership_fields:
            membership = Membership.objects.create(
                person=person,
                holder=commune,
                decision_ref=decision_ref,
                authority=authority.code,
                **membership_fields,
            )
        decision = SelectionDecision.objects.create(
            person=person,
            holder=commune,
            kind=kind,
            ground=ground,
            volunteer=volunteer,
            decided_on=on,
            authority=authority.code,
            citation=_citation(authority, ground_reason),
            decision_ref=decision_ref,
            note=note,
            membership=membership,
        )
        record_event(
            actor=actor,
            action=f"militia.decision.{kind}",
            obj=decision,
            scope_unit=commune,
            changes={
                "person": str(person.public_id),
                "kind": kind,
                "ground": ground,
                "volunteer": volunteer,
                "component": component or None,
                "authority": authority.code,
                "decision": decision_ref,
            },
            reason=note,
        )
    return decision


def _ground_reason(ground: str, on: dt.date) -> MilitiaReason | None:
    """The ground of Art 11 with its rule of the day (None: no ground)."""
    found = GROUND_BY_CODE.get(ground)
    if found is None:
        return None
    return MilitiaReason(ground, found.text, (rule(found.rule_code, on),))


def _check_select(
    errors: dict[str, list[str]],
    verdict: MilitiaVerdict,
    component: str,
    unit: MilitiaUnit | None,
    commune: Unit,
) -> MilitiaReason:
    if component not in set(Component):
        errors.setdefault("component", []).append(_("Choose the component."))
    if unit is not None and (unit.holder_id != commune.pk or unit.component != component):
        errors.setdefault("unit", []).append(
            _("Choose a unit of this commune and of the chosen component.")
        )
    if not verdict.eligible:
        errors.setdefault("__all__", []).append(
            _("The law does not allow this selection: %(reasons)s")
            % {"reasons": " ".join(lawtext.text(r.text) for r in verdict.reasons)}
        )
    assert verdict.authority is not None or not verdict.eligible
    return verdict.authority or deciding_authority("selection", verdict.on)
