"""State changes of the unit tree. Every write records an audit event."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.audit.services import record_event
from muster.core.text import fold
from muster.geo.models import ChangeKind, Unit, UnitChange

if TYPE_CHECKING:
    from muster.accounts.models import User


def _path_segment(pk: int) -> str:
    return f"{pk:08d}/"


@transaction.atomic
def unit_create(
    *,
    actor: User,
    code: str,
    kind: str,
    name: str,
    parent: Unit | None,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    legal_basis: str = "",
    population: int | None = None,
    population_synthetic: bool = False,
    code_verified: bool = True,
    reason: str = "",
) -> Unit:
    """Create a unit under ``parent`` and place it in the tree (materialised path)."""
    if parent is not None and parent.tier >= Unit(kind=kind).tier:
        raise ValidationError(_("A unit must sit below a unit of a higher tier."))
    if parent is not None and (
        valid_from < parent.valid_from or (parent.valid_to and valid_from > parent.valid_to)
    ):
        raise ValidationError(_("The unit must start while its parent unit exists."))
    unit = Unit(
        code=code,
        kind=kind,
        name=name,
        name_search=fold(name),
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        legal_basis=legal_basis,
        population=population,
        population_synthetic=population_synthetic,
        code_verified=code_verified,
    )
    unit.full_clean(exclude=["path", "name_search"])
    unit.save()
    unit.path = (parent.path if parent else "") + _path_segment(unit.pk)
    unit.depth = (parent.depth + 1) if parent else 0
    unit.save(update_fields=["path", "depth"])
    record_event(
        actor=actor,
        action="geo.unit_create",
        obj=unit,
        scope_unit=unit,
        changes={"code": [None, code], "name": [None, name], "kind": [None, kind]},
        reason=reason,
    )
    return unit


@transaction.atomic
def unit_change_record(
    *,
    actor: User,
    predecessors: list[Unit],
    successor: Unit,
    kind: ChangeKind,
    effective_date: dt.date,
    legal_basis: str,
    partial: frozenset[int] = frozenset(),
    reason: str = "",
) -> list[UnitChange]:
    """Record that ``predecessors`` became ``successor`` on ``effective_date``.

    The predecessors must have ended the day before; the successor must start that day.
    ``partial`` holds the pks of predecessors of which only a part moved (a split).
    """
    day_before = effective_date - dt.timedelta(days=1)
    if successor.valid_from != effective_date:
        raise ValidationError(_("The successor unit must start on the effective date."))
    for unit in predecessors:
        if unit.valid_to != day_before:
            raise ValidationError(
                _("%(name)s must end the day before the change takes effect.") % {"name": unit}
            )
    rows = [
        UnitChange(
            predecessor=unit,
            successor=successor,
            kind=kind,
            effective_date=effective_date,
            legal_basis=legal_basis,
            partial=unit.pk in partial,
        )
        for unit in predecessors
    ]
    UnitChange.objects.bulk_create(rows)
    record_event(
        actor=actor,
        action="geo.unit_change",
        obj=successor,
        scope_unit=successor,
        changes={"predecessors": [None, [u.code for u in predecessors]], "kind": [None, kind]},
        reason=reason or legal_basis,
    )
    return rows
