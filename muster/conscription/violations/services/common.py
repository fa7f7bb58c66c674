"""What the violation services share: the checks, the locked case and its audit event."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.conscription import perms
from muster.conscription.violations.models import ViolationCase, ViolationState
from muster.core.validation import not_future
from muster.law.callup.violations import bands, deadlines
from muster.law.callup.violations import states as case_states

if TYPE_CHECKING:
    from muster.accounts.models import User


#: States whose case carries a sanction that counts for a repeat.
SANCTIONED_STATES = (ViolationState.PENALISED, ViolationState.PAID, ViolationState.CLOSED)


def aged_17_of(case: ViolationCase) -> bool:
    """The citizen turned 17 in the year of the act (True for a named offender: only the first
    registration, a citizen's act, depends on it)."""
    if case.person is None:
        return True
    return deadlines.aged_17_in_year(case.person.date_of_birth.year, case.occurred_on)


def case_band(case: ViolationCase, *, repeat: bool = False) -> bands.Band:
    """The band of the case's act on its day, for its offender (``NoRuleInForce``,
    ``bands.NotAnOffender`` as ``bands.band_for``)."""
    return bands.band_for(
        case.kind,
        case.occurred_on,
        repeat=repeat,
        aged_17_in_year=aged_17_of(case),
        subject=case.subject,
    )


def _in_area(actor: User, unit_id: int) -> None:
    require_actor_area(actor, unit_id, _("This citizen is outside your area."))


def _state_label(state: str) -> str:
    return str(ViolationState(state).label)


def _locked_case(actor: User, case: ViolationCase) -> ViolationCase:
    """Check the actor's role and area, and lock the case for the step."""
    require(perms.can_handle_violation(actor))
    locked = (
        ViolationCase.objects.select_for_update(of=("self",))
        .select_related("person", "unit")
        .get(pk=case.pk)
    )
    _in_area(actor, locked.unit_id)
    return locked


def _lock(actor: User, case: ViolationCase, target: str) -> ViolationCase:
    """Lock the case and refuse a step the state machine does not allow."""
    locked = _locked_case(actor, case)
    if not case_states.can_move(locked.state, target):
        raise ValidationError(
            _("A case that is “%(state)s” cannot become “%(target)s”; it must be: %(required)s.")
            % {
                "state": _state_label(locked.state),
                "target": _state_label(target),
                "required": ", ".join(
                    f"“{_state_label(s)}”" for s in case_states.sources_of(target)
                ),
            }
        )
    return locked


def _step_date(errors: dict[str, list[str]], field: str, day: dt.date, case: ViolationCase) -> None:
    """The date of a step of ``case``: not in the future, not before the act."""
    not_future(errors, field, day)
    if day < case.occurred_on:
        errors.setdefault(field, []).append(_("This date cannot precede the act."))


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
        object_repr=f"{case.get_kind_display()} — {case.offender_label}",
    )
