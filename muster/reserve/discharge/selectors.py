"""Reads of discharge reception: the soldiers expected home by month and those received."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from muster.conscription.handover.models import Recruit
from muster.geo.models import Unit
from muster.geo.scope import scope_of, scope_of_unit
from muster.law.reserve.classes import Served
from muster.law.reserve.discharge_allowances import DischargeAllowances, discharge_allowances
from muster.reserve.discharge.models import DischargeReception

if TYPE_CHECKING:
    from muster.accounts.models import User

#: The service term of NCOs and soldiers (Law 78/2015 Art 21(1)): 24 months.
SERVICE_MONTHS = 24


def _plus_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (a day the month lacks: its last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, last)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Expected:
    recruit: Recruit
    expected_on: dt.date  # the last day of 24 months from the handover


@dataclass(frozen=True)
class Month:
    month: dt.date  # its first day
    soldiers: list[Expected]


@dataclass(frozen=True)
class Received:
    reception: DischargeReception
    registered_on: dt.date | None
    late: bool  # registered after the due date, or not yet and the due date has passed


def expected_returns(*, user: User, commune: Unit, since: dt.date) -> list[Month]:
    """The commune's recruits (handed over by the call-up) whose 24 months end on or after
    ``since`` and who have not been received, by month of the expected discharge (one query)."""
    recruits = (
        Recruit.objects.filter(
            scope_of(user).q("decision__person__registration_unit"),
            scope_of_unit(commune).q("decision__person__registration_unit"),
        )
        .exclude(decision__person__discharge_receptions__discharged_on__gte=since)
        .select_related("decision__person", "handover")
        .order_by("handover__handed_on", "decision__person__full_name")
    )
    months: dict[dt.date, list[Expected]] = defaultdict(list)
    for recruit in recruits:
        end = _plus_months(recruit.handover.handed_on, SERVICE_MONTHS) - dt.timedelta(days=1)
        if end >= since:
            months[end.replace(day=1)].append(Expected(recruit, end))
    return [Month(m, months[m]) for m in sorted(months)]


def received(*, user: User, commune: Unit, day: dt.date) -> list[Received]:
    """The soldiers the commune received, newest first, with their reserve registration
    (two queries): late in red when registered after the due date or still unregistered
    after it."""
    rows = list(
        DischargeReception.objects.filter(scope_of(user).q("holder"), holder=commune)
        .select_related("person")
        .prefetch_related("reservists")
        .order_by("-arrived_home_on", "pk")
    )
    found = []
    for r in rows:
        dates = [x.registered_on for x in r.reservists.all()]
        on = min(dates) if dates else None
        late = on > r.registration_due_on if on is not None else day > r.registration_due_on
        found.append(Received(r, on, late))
    return found


def allowances_of(reception: DischargeReception) -> DischargeAllowances:
    """The one-off allowances owed for the service of ``reception`` (Decree 27/2016 Arts 7–8),
    counted in the base salary in force on the discharge day."""
    served = Served.between(reception.service_started_on, reception.discharged_on)
    return discharge_allowances(served, reception.discharged_on)
