"""The province's own allowance amounts: record a rate the province decided, at least the
law's floor on the day it takes effect (Decree 72/2020 Arts 8 and 11 as amended by Decree
16/2025)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.geo.models import KIND_TIER, Unit
from muster.law.militia import allowances as law
from muster.law.rulebook import NoRuleInForce
from muster.law.text import vi_number
from muster.militia.allowances.models import ProvinceRate, RateKind
from muster.militia.perms import can_manage_militia

if TYPE_CHECKING:
    from muster.accounts.models import User


def _floor(kind: str, day: dt.date) -> int:
    if kind == RateKind.VILLAGE_LEADER_MONTHLY:
        return law.village_leader_monthly(day).amount
    return law.daily_work_allowance(day).amount


def province_rate_set(
    *,
    actor: User,
    province: Unit,
    kind: str,
    valid_from: dt.date,
    amount: int,
    decision: str,
) -> ProvinceRate:
    """Record the amount ``province`` decided for ``kind`` from ``valid_from``; refused below
    the law's floor of that day. Needs the province in the actor's area."""
    require(can_manage_militia(actor))
    require_actor_area(
        actor, province, _("Only the province (or an officer over it) records its rates.")
    )
    errors: dict[str, str] = {}
    if KIND_TIER.get(province.kind) != 1:
        errors["province"] = _("Rates are set by a province.")
    if kind not in RateKind.values:
        errors["kind"] = _("Choose the allowance.")
    if not decision.strip():
        errors["decision"] = _("Give the province's decision.")
    if kind in RateKind.values:
        try:
            floor = _floor(kind, valid_from)
        except NoRuleInForce:
            errors["valid_from"] = _("No allowance rule is in force on this day.")
        else:
            if amount < floor:
                errors["amount"] = _(
                    "The amount cannot be below the floor the law sets on that day (%(floor)s đ)."
                ) % {"floor": vi_number(floor)}
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            rate = ProvinceRate.objects.create(
                province=province,
                kind=kind,
                valid_from=valid_from,
                amount=amount,
                decision=decision.strip(),
            )
            record_event(
                actor=actor,
                action="militia.province_rate",
                obj=rate,
                scope_unit=province,
                changes={
                    "kind": kind,
                    "valid_from": valid_from.isoformat(),
                    "amount": amount,
                    "decision": rate.decision,
                },
            )
    except IntegrityError as error:
        raise ValidationError(
            {"valid_from": _("The province already has a rate of this kind from this day.")}
        ) from error
    return rate
