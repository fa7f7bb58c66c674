"""The province's results over every commune, year over year through the 2025 mergers.

Each row is a commune of the campaign (grouped by the regional defence command above it). The
past years are summed over the commune and every unit that became it (``geo.lineage``): the
2024 figures of Phú Thọ, Mai Động and old Đức Hợp stand in the new Đức Hợp's row. A past year
comes from the recorded ``QuotaHistory``, or where none is recorded for a unit, from that year's
campaign in Muster (its communes' final shares). A unit split between two new communes (Ngọc
Thanh) counts whole in each row it partly became, flagged; the total counts it once. The
current year is the results report's own figures (``selectors.results_report``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from muster.conscription.campaign.models import Allocation, Campaign, QuotaHistory
from muster.documents.tables import Column, Kind, TableDocument
from muster.geo.models import Unit, UnitKind
from muster.reports import selectors
from muster.reports.rows import Lineage

if TYPE_CHECKING:
    from muster.accounts.models import User

#: How many past years the page shows beside the campaign's own.
PAST_YEARS = 3


@dataclass
class Figure:
    """A year's quota (army + police) and recruits handed over (None: not recorded)."""

    quota: int = 0
    handed_over: int | None = None

    def add(self, quota: int, handed_over: int | None) -> None:
        self.quota += quota
        if handed_over is not None:
            self.handed_over = (self.handed_over or 0) + handed_over


@dataclass
class Row:
    unit: Unit
    region: str
    years: dict[int, Figure] = field(default_factory=dict)
    #: Names of the former units summed into the row; those only partly merged here.
    former: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)


@dataclass
class YearOverYear:
    campaign: Campaign
    years: list[int]
    rows: list[Row]
    total: dict[int, Figure]

    @property
    def lines(self) -> list[tuple[Row, list[Figure]]]:
        """Each row with its figures in the order of ``years`` (for the template)."""
        return [(row, [row.years[y] for y in self.years]) for row in self.rows]

    @property
    def totals(self) -> list[Figure]:
        return [self.total[y] for y in self.years]


def _past(unit_ids: set[int], years: list[int]) -> dict[tuple[int, int], tuple[int, int | None]]:
    """``(unit, year) -> (quota, handed over)`` of the past years: the recorded history, and
    where a unit has none for a year, that year's first call in Muster (two queries)."""
    out: dict[tuple[int, int], tuple[int, int | None]] = {}
    for h in QuotaHistory.objects.filter(unit_id__in=unit_ids, year__in=years):
        quota, handed = out.get((h.unit_id, h.year), (0, None))
        out[(h.unit_id, h.year)] = (
            quota + h.quota,
            handed if h.handed_over is None else (handed or 0) + h.handed_over,
        )
    from_campaigns: dict[tuple[int, int], int] = defaultdict(int)
    for a in Allocation.objects.filter(
        commune__unit_id__in=unit_ids, commune__campaign__year__in=years, commune__campaign__call=1
    ).values("commune__unit_id", "commune__campaign__year", "final"):
        from_campaigns[(a["commune__unit_id"], a["commune__campaign__year"])] += a["final"]
    for key, quota in from_campaigns.items():
        out.setdefault(key, (quota, None))
    return out


def year_over_year(*, user: User, campaign: Campaign) -> YearOverYear:
    """The campaign's communes in ``user``'s area with their figures of the past years summed
    through the lineage, and the campaign's own from the results report."""
    report = selectors.results_report(user=user, campaign=campaign, unit=campaign.unit)
    lineage = Lineage()
    years = [campaign.year - n for n in range(PAST_YEARS, 0, -1)]
    roots = {line.row.key: lineage.roots([line.row.unit.pk]) for line in report.lines}
    all_units = {u for found in roots.values() for u in found}
    past = _past(all_units, years)
    names = dict(Unit.objects.filter(pk__in=all_units).values_list("pk", "name"))
    parents = {
        u.pk: u
        for u in Unit.objects.filter(pk__in={line.row.unit.parent_id for line in report.lines})
    }
    rows: list[Row] = []
    total: dict[int, Figure] = {y: Figure() for y in [*years, campaign.year]}
    counted: set[tuple[int, int]] = set()
    for line in report.lines:
        unit = line.row.unit
        parent = parents.get(unit.parent_id) if unit.parent_id else None
        region = parent.name if parent and parent.kind == UnitKind.DEFENCE_REGION else ""
        row = Row(unit=unit, region=region)
        for year in years:
            row.years[year] = Figure()
        for u, partial in sorted(roots[line.row.key].items(), key=lambda kv: names.get(kv[0], "")):
            if u != unit.pk and any((u, y) in past for y in years):
                row.former.append(names.get(u, ""))
                if partial:
                    row.partial.append(names.get(u, ""))
            for year in years:
                if (u, year) in past:
                    quota, handed = past[(u, year)]
                    row.years[year].add(quota, handed)
                    if (u, year) not in counted:
                        counted.add((u, year))
                        total[year].add(quota, handed)
        tally = report.tallies.get(line.row.key)
        now = Figure()
        if tally is not None:
            handed_known = "handed_over" not in tally.unknown
            now.add(
                sum(tally.quota.values()), sum(tally.handed_over.values()) if handed_known else None
            )
        row.years[campaign.year] = now
        total[campaign.year].add(now.quota, now.handed_over)
        rows.append(row)
    rows.sort(key=lambda r: (r.region, r.unit.path))
    return YearOverYear(campaign=campaign, years=[*years, campaign.year], rows=rows, total=total)


def table(
    data: YearOverYear, *, commune: str, region: str, quota: str, handed: str, title: str
) -> TableDocument:
    """The year-over-year table for the Excel and PDF exports (headers given translated)."""
    columns = [Column(commune, width=24), Column(region, width=22)]
    for year in data.years:
        columns.append(Column(f"{quota} {year}", Kind.INT, 10))
        columns.append(Column(f"{handed} {year}", Kind.INT, 10))
    body = []
    for row in data.rows:
        name = row.unit.name + (f" ({', '.join(row.former)})" if row.former else "")
        cells: list[int | str | None] = [name, row.region]
        for year in data.years:
            cells += [row.years[year].quota, row.years[year].handed_over]
        body.append(cells)
    totals: list[int | str | None] = ["", ""]
    for year in data.years:
        totals += [data.total[year].quota, data.total[year].handed_over]
    return TableDocument(title=title, columns=columns, rows=body, totals=totals)
