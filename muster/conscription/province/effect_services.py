"""What a decided province decision does to the records it covers (from 01/07/2025).

``decision_apply`` runs inside ``decision_decide``'s transaction, so the decision and its
effects are written together or not at all:

* the call-up lists: each frozen list the proposal covered is approved
  (``selection_approve``) with the decision's number and date, on the council's proposal;
* the deferrals and exemptions: each dossier the commune councils reviewed is granted
  (``dossier_decide``) with the decision as its deciding document, or refused where the
  chairman did not accept the item;
* the communes' quotas: the shares are already in force (``quota_set`` split them when the
  quota was received), so the decision confirms them; it writes nothing.

What the proposal froze must still stand: a list approved or changed since, a dossier decided
or gone since, a share changed since, and the whole decision is refused with the communes or
citizens concerned named.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.audit.services import record_event
from muster.conscription.campaign.models import Allocation
from muster.conscription.dossiers.models import Dossier, DossierState
from muster.conscription.dossiers.services import dossier_decide
from muster.conscription.perms import can_decide_province
from muster.conscription.province.models import (
    DecisionKind,
    DecisionStatus,
    ProvinceDecision,
    ProvinceDecisionItem,
)
from muster.conscription.selection.models import ListKind, SelectionList, SelectionState
from muster.conscription.selection.services.lists import selection_approve

if TYPE_CHECKING:
    from muster.accounts.models import User

#: ``Dossier.decision_number`` holds at most this many characters.
DOSSIER_NUMBER_MAX = 40


def _refuse(problems: list[str]) -> None:
    if problems:
        raise ValidationError(
            _("The proposal no longer matches the records it covers: %(problems)s")
            % {"problems": "; ".join(problems)}
        )


def _inner(error: ValidationError, where: str) -> ValidationError:
    """A refusal of an existing service, named after the list or dossier it concerns."""
    return ValidationError(
        _("%(where)s: %(problem)s") % {"where": where, "problem": " ".join(error.messages)}
    )


def _approve_lists(
    actor: User, decision: ProvinceDecision, items: list[ProvinceDecisionItem]
) -> int:
    covered: dict[tuple[int, str], set[int]] = defaultdict(set)
    names: dict[tuple[int, str], str] = {}
    for item in items:
        key = (item.commune_id, item.service)
        covered[key].add(item.person_id or 0)
        names[key] = item.commune.unit.name
    lists = {
        (s.commune_id, s.service): s
        for s in SelectionList.objects.select_for_update(of=("self",))
        .select_related("commune__unit", "commune__campaign")
        .filter(commune_id__in={c for c, _s in covered})
    }
    problems = []
    for key, people in covered.items():
        found = lists.get(key)
        if found is None or found.state != SelectionState.FROZEN:
            problems.append(
                _("%(commune)s: the list is no longer frozen") % {"commune": names[key]}
            )
        elif found.approved_on is not None:
            problems.append(
                _("%(commune)s: the list was already approved on %(day)s (%(number)s)")
                % {
                    "commune": names[key],
                    "day": f"{found.approved_on:%d/%m/%Y}",
                    "number": found.approval_number,
                }
            )
        elif people != set(
            found.entries.filter(list_kind=ListKind.OFFICIAL).values_list("person_id", flat=True)
        ):
            problems.append(
                _("%(commune)s: the official list changed since the proposal")
                % {"commune": names[key]}
            )
    _refuse(problems)
    assert decision.decided_on is not None
    proposal = f"{decision.proposal_number} ngày {decision.proposed_on:%d/%m/%Y}"
    for key in covered:
        try:
            selection_approve(
                actor=actor,
                selection_list=lists[key],
                approved_on=decision.decided_on,
                approval_number=decision.number,
                council_proposal=proposal,
            )
        except ValidationError as error:
            raise _inner(error, names[key]) from error
    return len(covered)


def _decide_dossiers(
    actor: User, decision: ProvinceDecision, items: list[ProvinceDecisionItem]
) -> int:
    if len(decision.number) > DOSSIER_NUMBER_MAX:
        raise ValidationError(
            _("A deferral or exemption decision number has at most %(n)s characters.")
            % {"n": DOSSIER_NUMBER_MAX}
        )
    open_dossiers: dict[tuple[int | None, str], Dossier] = {
        (d.person_id, d.ground): d
        for d in Dossier.objects.select_for_update(of=("self",)).filter(
            person_id__in={i.person_id for i in items}, state=DossierState.REVIEWED
        )
    }
    problems = [
        _("%(person)s (%(ground)s): the dossier is no longer waiting for a decision")
        % {"person": i.person.full_name if i.person else "—", "ground": i.ground}
        for i in items
        if (i.person_id, i.ground) not in open_dossiers
    ]
    _refuse(problems)
    assert decision.decided_on is not None
    for item in items:
        try:
            dossier_decide(
                actor=actor,
                dossier=open_dossiers[(item.person_id, item.ground)],
                granted=not item.refused,
                decision_number=decision.number,
                decision_date=decision.decided_on,
            )
        except ValidationError as error:
            name = item.person.full_name if item.person else item.ground
            raise _inner(error, name) from error
    return len(items)


def _confirm_quotas(decision: ProvinceDecision, items: list[ProvinceDecisionItem]) -> int:
    in_force = {
        (a.commune_id, a.service): a.final
        for a in Allocation.objects.filter(commune__campaign_id=decision.campaign_id)
    }
    problems = [
        _("%(commune)s: the share changed since the proposal (%(then)s → %(now)s)")
        % {
            "commune": i.commune.unit.name,
            "then": i.value,
            "now": in_force.get((i.commune_id, i.service), "—"),
        }
        for i in items
        if in_force.get((i.commune_id, i.service)) != i.value
    ]
    _refuse(problems)
    return len(items)


def decision_apply(
    *, actor: User, decision: ProvinceDecision, refused: Collection[int] = ()
) -> int:
    """Make the decided ``decision`` effective through the services that own the records it
    covers; ``refused`` are the pks of the items the chairman did not accept (deferrals and
    exemptions only). Returns how many lists, dossiers or shares it covered. Called by
    ``decision_decide`` inside its transaction, after it recorded the decision."""
    require(can_decide_province(actor, decision))
    if decision.status != DecisionStatus.DECIDED:
        raise ValidationError(_("Record the chairman's decision first."))
    items = list(decision.items.select_related("commune__unit", "person"))
    refused = set(refused)
    unknown = refused - {i.pk for i in items}
    if unknown or (refused and decision.kind != DecisionKind.DEFERRAL):
        raise ValidationError(
            _("Only items of this proposal about deferrals and exemptions can be refused.")
        )
    with transaction.atomic():
        if refused:
            ProvinceDecisionItem.objects.filter(pk__in=refused).update(refused=True)
            for item in items:
                item.refused = item.pk in refused
        if decision.kind == DecisionKind.CALLUP_LIST:
            count = _approve_lists(actor, decision, items)
        elif decision.kind == DecisionKind.DEFERRAL:
            count = _decide_dossiers(actor, decision, items)
        else:
            count = _confirm_quotas(decision, items)
        record_event(
            actor=actor,
            action="province.apply",
            obj=decision,
            scope_unit=decision.campaign.unit,
            changes={
                "kind": decision.kind,
                "number": decision.number,
                "covered": count,
                "refused": len(refused),
            },
        )
    return count
