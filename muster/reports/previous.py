"""Last year's figures beside this year's: the previous campaign of each row's units, mapped
through the lineage (or the recorded ``QuotaHistory`` where no campaign exists)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from muster.conscription.campaign.models import Campaign, CampaignCommune, QuotaHistory
from muster.reports.collect import collect
from muster.reports.figures import facts as figures_facts
from muster.reports.figures import metrics as figures_metrics
from muster.reports.figures.facts import Tally
from muster.reports.rows import Lineage, ReportRow

if TYPE_CHECKING:
    pass


@dataclass
class Previous:
    """Last year's tally of a row: from last year's campaign(s) or from ``QuotaHistory``."""

    tally: Tally
    source: str  # "campaign" or "history"
    units: list[str] = field(default_factory=list)  # names of last year's communes summed
    partial: list[str] = field(default_factory=list)  # of which only part merged here


def _batches(rows: list[ReportRow], units: dict[int, frozenset[int]]) -> list[list[ReportRow]]:
    """Rows grouped so that no two rows of a group share a unit (a commune split between two
    rows counts in each; ``collect`` attributes a unit to one row per call)."""
    batches: list[tuple[list[ReportRow], set[int]]] = []
    for row in rows:
        for members, taken in batches:
            if not taken & units[row.key]:
                members.append(row)
                taken.update(units[row.key])
                break
        else:
            batches.append(([row], set(units[row.key])))
    return [members for members, _taken in batches]


def previous_year(
    campaign: Campaign, rows: list[ReportRow], *, visible: frozenset[int], lineage: Lineage
) -> tuple[dict[int, Previous], Tally | None, list[Campaign]]:
    """Last year's figures for each row, their total, and the campaigns they came from.

    A row of this year answers for its units and every unit that became them (``UnitChange``
    lineage): last year's campaign communes among those are summed, with last year's citizens
    the row's commune holds (``people.succession``: registered at any of those units; for a
    split commune, by village). A campaign commune that was split counts whole in each row it
    partly became (flagged); the total counts it once. Rows with no campaign last year fall
    back to ``QuotaHistory`` (quota, pool, handed over, replacements only)."""
    roots = {r.key: lineage.roots(r.units) for r in rows}
    units = {key: frozenset(found) & visible for key, found in roots.items()}
    all_units = frozenset(u for found in units.values() for u in found)
    last_communes = list(
        CampaignCommune.objects.filter(
            campaign__year=campaign.year - 1, campaign__call=1, unit_id__in=all_units
        ).select_related("campaign__unit", "unit")
    )
    campaigns: dict[int, Campaign] = {c.campaign_id: c.campaign for c in last_communes}
    per_row: dict[int, list[Tally]] = defaultdict(list)
    names: dict[int, set[str]] = defaultdict(set)
    totals: list[Tally] = []
    batches = _batches(rows, units)
    for campaign_id, past in campaigns.items():
        communes = [c for c in last_communes if c.campaign_id == campaign_id]
        past_rows: dict[int, ReportRow] = {}
        for r in rows:
            mine = tuple(c for c in communes if c.unit_id in units[r.key])
            if mine:
                past_rows[r.key] = ReportRow(unit=r.unit, communes=mine, units=units[r.key])
                names[r.key].update(c.unit.name for c in mine)
        for batch in batches:
            group = [past_rows[r.key] for r in batch if r.key in past_rows]
            for key, tally in collect(past, group, visible=visible, lineage=lineage).items():
                per_row[key].append(tally)
        if len(batches) == 1:
            totals.extend(per_row[key][-1] for key in past_rows)
        else:
            whole = ReportRow(
                unit=campaign.unit,
                communes=tuple({c.pk: c for r in past_rows.values() for c in r.communes}.values()),
                units=frozenset(u for r in past_rows.values() for u in r.units),
                holders=tuple(r.unit for r in past_rows.values()),
            )
            totals.extend(collect(past, [whole], visible=visible, lineage=lineage).values())
    missing = [r for r in rows if r.key not in per_row]
    history_units: set[int] = set()
    history_rows: dict[int, dict[str, QuotaHistory]] = defaultdict(dict)
    if missing:
        wanted = frozenset(u for r in missing for u in units[r.key])
        for h in QuotaHistory.objects.filter(
            year=campaign.year - 1, unit_id__in=wanted
        ).select_related("unit"):
            history_rows[h.unit_id][h.service] = h

    def history_tally(unit_ids: Iterable[int]) -> Tally | None:
        found = [history_rows[u] for u in unit_ids if u in history_rows]
        if not found:
            return None
        tallies = []
        for by_service in found:
            pools = [h.callable_pool for h in by_service.values()]
            known = [p for p in pools if p is not None]
            tallies.append(
                figures_metrics.history_tally(
                    quota={s: h.quota for s, h in by_service.items()},
                    callable_pool=max(known) if known and len(known) == len(pools) else None,
                    handed_over={s: h.handed_over for s, h in by_service.items()},
                    replacements=sum(h.replacements for h in by_service.values()),
                )
            )
        return figures_facts.total(tallies)

    for r in missing:
        hist = history_tally(units[r.key])
        if hist is not None:
            per_row[r.key].append(hist)
            recorded = [u for u in units[r.key] if u in history_rows]
            history_units.update(recorded)
            names[r.key].update(next(iter(history_rows[u].values())).unit.name for u in recorded)
    if history_units:
        whole_history = history_tally(sorted(history_units))
        if whole_history is not None:
            totals.append(whole_history)
    out: dict[int, Previous] = {}
    for r in rows:
        if not per_row[r.key]:
            continue
        partial_names = {
            c.unit.name for c in last_communes if roots[r.key].get(c.unit_id) is True
        } | {
            next(iter(history_rows[u].values())).unit.name
            for u in units[r.key]
            if u in history_rows and roots[r.key].get(u) is True
        }
        out[r.key] = Previous(
            tally=figures_facts.total(per_row[r.key]),
            source="campaign" if r.key not in {m.key for m in missing} else "history",
            units=sorted(names[r.key]),
            partial=sorted(partial_names & names[r.key]),
        )
    prev_total = figures_facts.total(totals) if len(out) == len(rows) and totals else None
    return out, prev_total, sorted(campaigns.values(), key=lambda c: c.unit.name)
