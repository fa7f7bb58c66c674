"""Reads of the militia's allowances, scoped to the acting user's area: the month's list of a
commune, the province's rates that apply to it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.http import Http404
from django.utils.translation import gettext as _

from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.militia.allowances.lines import MonthList, month_lines, province_of
from muster.militia.allowances.models import ProvinceRate

if TYPE_CHECKING:
    from muster.accounts.models import User


def allowance_month(*, user: User, commune: Unit, month: dt.date) -> MonthList:
    """The month's allowance list of ``commune``, if it lies in ``user``'s area (else 404)."""
    if not scope_of(user).contains(commune):
        raise Http404(_("Not found, or outside your area."))
    return month_lines(commune, month)


def rates_for_commune(*, user: User, commune: Unit) -> list[ProvinceRate]:
    """The rates the commune's province has set, newest first (the commune is in the area)."""
    if not scope_of(user).contains(commune):
        raise Http404(_("Not found, or outside your area."))
    return list(
        ProvinceRate.objects.filter(province_id=province_of(commune))
        .select_related("province")
        .order_by("kind", "-valid_from")
    )
