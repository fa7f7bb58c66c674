"""The militia strength report (báo cáo quân số dân quân tự vệ) of a reader's area on a day:
one row per commune of the day, rolled up to the commune's superior (the district before
1 Jul 2025, the regional defence command after) and to the province, cut to the reader's
scope, or to one unit of it and the units that became it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from muster.geo.models import Unit
from muster.geo.scope import scope_of, scope_of_unit
from muster.militia.reports.figures import Figures, figures_by_commune, total

if TYPE_CHECKING:
    from muster.accounts.models import User


@dataclass(frozen=True)
class CommuneRow:
    commune: Unit
    figures: Figures


@dataclass(frozen=True)
class Group:
    """A unit above the communes (district, regional command or province) and its figures."""

    unit: Unit | None
    figures: Figures
    communes: tuple[CommuneRow, ...]


@dataclass(frozen=True)
class StrengthReport:
    day: dt.date
    #: The unit the report is cut to (None: the reader's whole area).
    unit: Unit | None
    rows: tuple[CommuneRow, ...]
    #: One group per commune's superior (district or regional command), in tree order.
    regions: tuple[Group, ...]
    #: One group per province.
    provinces: tuple[Group, ...]
    total: Figures


def _communes(user: User, day: dt.date, unit: Unit | None) -> list[Unit]:
    query = scope_of(user).units().valid_on(day).commune_level()
    if unit is not None:
        query = query.filter(scope_of_unit(unit).q("pk"))
    return list(query.select_related("parent__parent").order_by("path"))


def _group(rows: list[CommuneRow], key: str) -> tuple[Group, ...]:
    groups: dict[int | None, list[CommuneRow]] = {}
    heads: dict[int | None, Unit | None] = {}
    for row in rows:
        head = row.commune.parent
        if key == "province" and head is not None and head.tier > 1 and head.parent is not None:
            head = head.parent
        pk = head.pk if head is not None else None
        groups.setdefault(pk, []).append(row)
        heads[pk] = head
    return tuple(
        Group(unit=heads[pk], figures=total(r.figures for r in members), communes=tuple(members))
        for pk, members in groups.items()
    )


def strength_report(*, user: User, day: dt.date, unit: Unit | None = None) -> StrengthReport:
    """The report of ``user``'s area on ``day`` (or of ``unit``, already checked to be in his
    area, and the units that became it). Six queries or so, whatever the number of communes
    and members."""
    communes = _communes(user, day, unit)
    holders = scope_of(user).q("holder")
    if unit is not None:
        holders &= scope_of_unit(unit).q("holder")
    figures = figures_by_commune(communes, day, holders)
    rows = [CommuneRow(commune=c, figures=figures[c.pk]) for c in communes]
    return StrengthReport(
        day=day,
        unit=unit,
        rows=tuple(rows),
        regions=_group(rows, "region"),
        provinces=_group(rows, "province"),
        total=total(r.figures for r in rows),
    )
