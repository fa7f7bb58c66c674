"""The rows of a call-up report: its units (a commune and the communes it absorbed, through
the lineage), the reference days of a campaign, and the row builder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import (
    Q,
)

from muster.conscription.campaign.models import Campaign, CampaignCommune
from muster.geo.lineage_store import lineage_all
from muster.geo.models import Unit
from muster.people.succession import Holding

if TYPE_CHECKING:
    pass


#: Call-up age counted as "registered": 18 to 27 on the handover day (as the registry pool).
REGISTERED_AGES = (18, 27)


class Lineage:
    """Every ``UnitChange`` in memory (one query, ``geo.selectors.lineage_all``), asked through
    the pure ``geo.lineage``."""

    def __init__(self) -> None:
        loaded = lineage_all()
        self.pure = loaded.lineage
        self.units = loaded.units

    def holding(self, communes: Iterable[Unit]) -> Holding:
        """``people.succession.holding`` from the changes in memory (no query): which commune
        holds a citizen registered at a unit that became one of ``communes`` (whole, or for a
        split unit by the village that went to it)."""
        return Holding.of(self.pure.holding(c.pk for c in communes))

    def roots(self, unit_ids: Iterable[int]) -> dict[int, bool]:
        """The units and every unit that became them, transitively; the value says whether the
        unit reached them only in part (a split: Ngọc Thanh into Hiệp Cường and Sơn Nam)."""
        return self.pure.roots(unit_ids)

    def successor_on(self, unit: Unit, day: dt.date) -> Unit | None:
        """The one unit that ``unit`` became by ``day`` (following whole mergers), valid on
        ``day``; ``None`` when it was split or did not end."""
        found = self.pure.successor_on(unit.pk, day)
        return None if found is None else self.units[found]


def scope_of(unit: Unit, lineage: Lineage) -> frozenset[int]:
    """The units a report of ``unit`` covers: its subtree and the subtrees of every unit that
    became it (a 2026 commune answers for the communes it absorbed)."""
    return subtree_ids(Unit.objects.filter(pk__in=list(lineage.roots([unit.pk]))))


def subtree_ids(units: Iterable[Unit]) -> frozenset[int]:
    condition = Q()
    found = False
    for unit in units:
        condition |= Q(path__startswith=unit.path)
        found = True
    if not found:
        return frozenset()
    return frozenset(Unit.objects.filter(condition).values_list("pk", flat=True))


@dataclass(frozen=True)
class ReportRow:
    """One commune-level unit of a report and the campaign communes it stands for."""

    unit: Unit
    communes: tuple[CampaignCommune, ...]
    #: The row's unit and its folded communes (for the scope and last year's lineage).
    units: frozenset[int]
    #: The communes whose citizens count in the row (``people.succession.holding``: those
    #: registered at them or at any unit that became them); the row's unit unless a total.
    holders: tuple[Unit, ...] = ()

    @property
    def key(self) -> int:
        return self.unit.pk

    @property
    def holder_units(self) -> tuple[Unit, ...]:
        return self.holders or (self.unit,)

    @property
    def folded(self) -> list[Unit]:
        return [c.unit for c in self.communes if c.unit_id != self.unit.pk]


def reference_day(campaign: Campaign) -> dt.date:
    """The day the report counts on: the (first) handover day."""
    return campaign.handover_start


def health_window(campaign: Campaign) -> tuple[dt.date, dt.date]:
    """Screening and examination sessions counted: 1 July of the year before to the handover
    day (as the campaign board)."""
    return dt.date(campaign.year - 1, 7, 1), campaign.handover_start


def campaign_year(campaign: Campaign) -> tuple[dt.date, dt.date]:
    """Violations not linked to a campaign count in the campaign year: 1 July to 30 June."""
    return dt.date(campaign.year - 1, 7, 1), dt.date(campaign.year, 6, 30)


def build_rows(
    campaign: Campaign,
    *,
    visible: frozenset[int],
    scope: frozenset[int] | None,
    lineage: Lineage,
    only_units: frozenset[int] | None = None,
) -> list[ReportRow]:
    """The report rows of ``campaign`` seen by a user whose area is ``visible``, limited to
    the units ``scope`` (a selected unit's subtree and predecessors; ``None``: all)."""
    day = reference_day(campaign)
    communes = campaign.communes.filter(unit_id__in=visible).select_related("unit")
    if only_units is not None:
        communes = communes.filter(unit_id__in=only_units)
    grouped: dict[int, tuple[Unit, list[CampaignCommune]]] = {}
    for commune in communes.order_by("unit__path"):
        target = lineage.successor_on(commune.unit, day) or commune.unit
        grouped.setdefault(target.pk, (target, []))[1].append(commune)
    rows: list[ReportRow] = []
    for unit, members in grouped.values():
        units = frozenset({unit.pk, *(c.unit_id for c in members)})
        if scope is not None and not (units & scope):
            continue
        rows.append(ReportRow(unit=unit, communes=tuple(members), units=units & visible))
    rows.sort(key=lambda r: (r.unit.name_search, r.unit.pk))
    return rows
