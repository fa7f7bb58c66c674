"""Recording the province's target for the militia's share of the population (the province's
decision on the strength of the force; legal-reference §3 and issue 17 item 3)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.audit.services import record_event
from muster.core.validation import raise_errors
from muster.geo.models import Unit, UnitKind
from muster.militia.targets.models import StrengthTarget
from muster.militia.targets.perms import can_set_strength_target
from muster.militia.targets.selectors import provinces_for

if TYPE_CHECKING:
    from muster.accounts.models import User


def strength_target_set(
    *,
    actor: User,
    province: Unit,
    year: int,
    ratio_pct: Decimal,
    decision_ref: str,
    citation: str = "",
) -> StrengthTarget:
    """Record (or correct) ``province``'s target for ``year``: ``ratio_pct`` members per 100
    inhabitants, by the province's decision ``decision_ref``."""
    require(can_set_strength_target(actor))
    if province.kind != UnitKind.PROVINCE or province.pk not in {
        p.pk for p in provinces_for(actor)
    }:
        raise ValidationError(_("This record is outside your area."))
    decision_ref, citation = decision_ref.strip(), citation.strip()
    errors: dict[str, list[str]] = {}
    if not Decimal(0) < ratio_pct <= Decimal(100):
        errors["ratio_pct"] = [_("The share is a percentage above 0 and at most 100.")]
    if not decision_ref:
        errors["decision_ref"] = [_("Give the reference of the province's decision.")]
    if year < 2020 or year > 2100:
        errors["year"] = [_("Give a year from 2020.")]
    raise_errors(errors)
    with transaction.atomic():
        old = StrengthTarget.objects.filter(province=province, year=year).first()
        target, _created = StrengthTarget.objects.update_or_create(
            province=province,
            year=year,
            defaults={"ratio_pct": ratio_pct, "decision_ref": decision_ref, "citation": citation},
        )
        record_event(
            actor=actor,
            action="militia.strength_target",
            obj=target,
            scope_unit=province,
            changes={
                "year": year,
                "ratio_pct": [str(old.ratio_pct) if old else None, str(ratio_pct)],
                "decision": decision_ref,
            },
        )
    return target
