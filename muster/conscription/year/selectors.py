"""The year calendar of communes (lịch công tác năm): the pure steps of
``muster.law.callup.year`` for each commune, from the plans of the campaigns its commune takes
part in, with the status read from the live data of the registered ``CalendarSource``s.

Reads only: the caller has already chosen and authorised the communes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from muster.conscription.campaign.models import CampaignCommune
from muster.conscription.campaign.selectors import calendar_of
from muster.core import lawtext
from muster.core.calendar import holidays_between
from muster.core.registry import registry
from muster.geo.models import Unit
from muster.law.callup import campaign as campaign_rules
from muster.law.callup import year as year_rules

Status = year_rules.Status
#: The statuses a reminder counts: still to do, or missed.
OPEN = (Status.DUE, Status.LATE)


@dataclass
class Entry:
    """One step of one commune's year, with its status."""

    step: year_rules.Step
    status: Status
    done_on: dt.date | None = None

    @property
    def title(self) -> str:
        return lawtext.text(self.step.title)

    @property
    def citation(self) -> str:
        return lawtext.cite_all(self.step.citations)


@dataclass
class StepRow:
    """One step over several communes: how many are at each status, and which are late."""

    step: year_rules.Step
    counts: dict[str, int] = field(default_factory=dict)
    late: list[Unit] = field(default_factory=list)
    communes: int = 0

    @property
    def title(self) -> str:
        return lawtext.text(self.step.title)

    @property
    def citation(self) -> str:
        return lawtext.cite_all(self.step.citations)

    @property
    def status(self) -> Status:
        """The worst status over the communes: late before due before the rest."""
        for worst in (Status.LATE, Status.DONE_LATE, Status.DUE, Status.UPCOMING, Status.PASSED):
            if self.counts.get(worst):
                return worst
        return Status.DONE


def plans_for(communes: Sequence[Unit], year: int) -> dict[int, dict[int, campaign_rules.Calendar]]:
    """``{commune id: {enlistment year: plan}}`` of the first calls of campaign ``year`` (its
    handover falls in ``year``) and ``year + 1`` (its pool review and exams do)."""
    plans: dict[int, dict[int, campaign_rules.Calendar]] = {c.pk: {} for c in communes}
    rows = CampaignCommune.objects.filter(
        unit__in=communes, campaign__year__in=(year, year + 1), campaign__call=1
    ).select_related("campaign")
    for row in rows:
        plans[row.unit_id][row.campaign.year] = calendar_of(row.campaign)
    return plans


def _extra_builders() -> list[year_rules.Builder]:
    return [s.steps for s in registry.calendar_sources.values() if s.steps is not None]


def statuses(communes: Sequence[Unit], year: int, today: dt.date) -> dict[int, list[Entry]]:
    """Every commune's entries of the year, each with its status on ``today``."""
    holidays = holidays_between(dt.date(year, 1, 1), dt.date(year + 1, 1, 31))
    plans = plans_for(communes, year)
    extra = _extra_builders()
    steps_of: dict[int, list[year_rules.Step]] = {}
    by_code: dict[str, tuple[year_rules.Step, list[int]]] = {}
    for commune in communes:
        data = year_rules.YearInput(year, plans[commune.pk], holidays)
        steps = year_rules.year_steps(data) + [s for b in extra for s in b(data)]
        steps_of[commune.pk] = steps
        for step in steps:
            by_code.setdefault(step.code, (step, []))[1].append(commune.pk)
    done: dict[str, dict[int, dt.date]] = {}
    running: dict[str, dict[int, str]] = {}
    tracked: set[str] = set()
    for code, (step, ids) in by_code.items():
        source = registry.calendar_sources.get(step.kind)
        if source is not None and source.status is not None:
            running[code] = dict(source.status(step, ids, today))
        elif source is not None and source.done is not None:
            done[code] = dict(source.done(step, ids))
            tracked.add(code)
    result: dict[int, list[Entry]] = {}
    for commune in communes:
        entries = []
        for step in sorted(steps_of[commune.pk], key=lambda s: (s.first_day, s.due, s.code)):
            if step.code in running:
                # A running step: the reader's status, and done when nothing is open.
                found = running[step.code].get(commune.pk, Status.DONE)
                entries.append(Entry(step, Status(found)))
                continue
            done_on = done.get(step.code, {}).get(commune.pk)
            entries.append(
                Entry(
                    step,
                    year_rules.status(
                        step, done_on=done_on, today=today, tracked=step.code in tracked
                    ),
                    done_on,
                )
            )
        result[commune.pk] = entries
    return result


def commune_calendar(commune: Unit, year: int, today: dt.date) -> list[Entry]:
    return statuses([commune], year, today)[commune.pk]


def area_calendar(communes: Sequence[Unit], year: int, today: dt.date) -> list[StepRow]:
    """The year over several communes: one row per step, with the count at each status and
    the late communes by name."""
    names = {c.pk: c for c in communes}
    rows: dict[str, StepRow] = {}
    for commune_id, entries in statuses(communes, year, today).items():
        for entry in entries:
            row = rows.setdefault(entry.step.code, StepRow(entry.step))
            row.communes += 1
            row.counts[entry.status] = row.counts.get(entry.status, 0) + 1
            if entry.status == Status.LATE:
                row.late.append(names[commune_id])
    return sorted(rows.values(), key=lambda r: (r.step.first_day, r.step.due, r.step.code))


@dataclass(frozen=True)
class Reminder:
    """One line of the home page's reminders: a step, and how many communes are late or due."""

    row: StepRow

    @property
    def late(self) -> int:
        return self.row.counts.get(Status.LATE, 0)

    @property
    def due(self) -> int:
        return self.row.counts.get(Status.DUE, 0)


def reminders(communes: Sequence[Unit], today: dt.date) -> list[Reminder]:
    """The steps of the year with communes late or due on ``today``, grouped per step (one
    line each), the most late first. Untracked steps (by their dates alone) count as due while
    their window is open and are never late."""
    lines = [
        Reminder(row)
        for row in area_calendar(communes, today.year, today)
        if any(row.counts.get(s) for s in OPEN)
    ]
    return sorted(lines, key=lambda r: (-r.late, r.row.step.due, r.row.step.code))
