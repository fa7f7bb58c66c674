"""Reads of the placement allowances (Decree 79/2020), scoped by the reader's area: the Khung B
cadres of a unit, and the three payment lists of an area (the reserve units of the area and of
the areas within it): reserve officers by month, professional soldiers / NCOs / soldiers by
year, Khung B cadres by quarter. Each line is computed by the rule in force on the period's
date (``muster.law.reserve.allowances``) from the placement history (``history``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from muster.core import lawtext
from muster.geo.models import Unit
from muster.geo.scope import scope_of_unit
from muster.law.money import Line
from muster.law.reserve import allowances as law
from muster.law.reserve.enums import ReservistKind
from muster.law.reserve.training_enums import KhungBPost
from muster.reserve.payments.history import consecutive_months, days_in_unit, periods_of
from muster.reserve.payments.models import KhungBAppointment
from muster.reserve.placement.models import Placement
from muster.reserve.register.models import Reservist
from muster.reserve.units.models import ReserveUnit

_DAY = dt.timedelta(days=1)


class ListKind(StrEnum):
    OFFICERS = "officers"
    SOLDIERS = "soldiers"
    KHUNG_B = "khung-b"


@dataclass(frozen=True)
class Period:
    """The period of a list: a month, a year or a quarter."""

    kind: ListKind
    year: int
    number: int  # month 1–12, quarter 1–4; 0 for a year

    @property
    def first(self) -> dt.date:
        if self.kind == ListKind.OFFICERS:
            return dt.date(self.year, self.number, 1)
        if self.kind == ListKind.KHUNG_B:
            return dt.date(self.year, self.number * 3 - 2, 1)
        return dt.date(self.year, 1, 1)

    @property
    def last(self) -> dt.date:
        if self.kind == ListKind.OFFICERS:
            end = self.number
        elif self.kind == ListKind.KHUNG_B:
            end = self.number * 3
        else:
            end = 12
        return dt.date(self.year + (end == 12), end % 12 + 1, 1) - _DAY

    @property
    def label_vi(self) -> str:
        if self.kind == ListKind.OFFICERS:
            return f"tháng {self.number:02d}/{self.year}"
        if self.kind == ListKind.KHUNG_B:
            return f"quý {self.number}/{self.year}"
        return f"năm {self.year}"


@dataclass(frozen=True)
class PayLine:
    """One reservist's line: whom, in which unit and post, the days or months counted, and the
    rule's line (or why nothing is paid)."""

    reservist: Reservist
    unit: ReserveUnit | None
    post: str
    counted: int
    line: Line | law.NoLine

    @property
    def amount(self) -> int:
        return self.line.amount if isinstance(self.line, Line) else 0

    @property
    def label(self) -> str:
        return lawtext.text(self.line.text if isinstance(self.line, Line) else self.line.reason)

    @property
    def citation(self) -> str:
        return lawtext.cite_rules(self.line.rules)

    @property
    def citation_vi(self) -> str:
        return "; ".join(dict.fromkeys(c.label_vi for r in self.line.rules for c in r.citations))

    @property
    def confirmed(self) -> bool:
        return all(r.confirmed for r in self.line.rules)

    @property
    def paid(self) -> bool:
        return isinstance(self.line, Line)


@dataclass(frozen=True)
class PaymentList:
    area: Unit
    period: Period
    lines: list[PayLine]

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def confirmed(self) -> bool:
        return all(line.confirmed for line in self.lines if line.paid)


def _units_of(area: Unit) -> dict[int, ReserveUnit]:
    return {
        u.pk: u
        for u in ReserveUnit.objects.filter(scope_of_unit(area).q("area")).select_related("area")
    }


def _placed_lines(area: Unit, period: Period) -> list[PayLine]:
    units = _units_of(area)
    officer = period.kind == ListKind.OFFICERS
    kinds = (
        [ReservistKind.OFFICER]
        if officer
        else [ReservistKind.PROFESSIONAL, ReservistKind.NCO_SOLDIER]
    )
    ids = set(
        Placement.objects.filter(
            unit_id__in=list(units), reservist__kind__in=kinds, run__day__lte=period.last
        ).values_list("reservist_id", flat=True)
    )
    history = periods_of(ids)
    people = Reservist.objects.filter(pk__in=ids).select_related("person")
    lines = []
    for reservist in people:
        periods = [p for p in history.get(reservist.pk, []) if p.unit_id in units]
        if officer:
            unit_id, counted = days_in_unit(periods, period.first, period.last)
            line = law.officer_month_line(
                year=period.year, month=period.number, days_in_unit=counted
            )
        else:
            unit_id, counted = consecutive_months(periods, period.year)
            line = law.soldier_year_line(year=period.year, consecutive_months=counted)
        if unit_id is None:
            continue  # not placed at all in the period: not on the list
        unit = units[unit_id]
        lines.append(PayLine(reservist, unit, reservist.get_kind_display(), counted, line))
    return sorted(lines, key=_order)


def _order(line: PayLine) -> tuple[str, str, int]:
    return (line.unit.code if line.unit else "", line.reservist.person.full_name, line.reservist.pk)


def _khung_b_lines(area: Unit, period: Period) -> list[PayLine]:
    rows = (
        KhungBAppointment.objects.filter(
            scope_of_unit(area).q("unit__area"), appointed_on__lte=period.last
        )
        .exclude(ended_on__lte=period.first)
        .select_related("reservist__person", "unit")
    )
    lines = []
    for row in rows:
        last = period.last if row.ended_on is None else min(period.last, row.ended_on - _DAY)
        days = (last - max(row.appointed_on, period.first)).days + 1
        line = law.khung_b_line(
            KhungBPost(row.post), year=period.year, quarter=period.number, days_in_post=days
        )
        lines.append(PayLine(row.reservist, row.unit, row.post_label, days, line))
    return sorted(lines, key=_order)


def payment_list(area: Unit, period: Period) -> PaymentList:
    """The payment list of ``area`` for ``period`` (the area already checked in scope)."""
    if period.kind == ListKind.KHUNG_B:
        return PaymentList(area, period, _khung_b_lines(area, period))
    return PaymentList(area, period, _placed_lines(area, period))


def cadres_of_unit(unit: ReserveUnit) -> list[KhungBAppointment]:
    """The unit's Khung B appointments, those held first, latest first (one query)."""
    return list(
        KhungBAppointment.objects.filter(unit=unit)
        .select_related("reservist__person", "reservist__holder")
        .order_by("ended_on", "-appointed_on", "pk")
    )
