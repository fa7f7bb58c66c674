"""Reads of the changes after registration (biến động sau đăng ký NVQS) of communes: one list
per commune of the changes with a legal deadline, each with its status on a day, and the
calendar's running step over several communes.

What is listed, each judged by the rules of ``muster.law.callup.changes``:

* the additional registrations, transfers in, returns from absence and removals recorded in
  the commune (done, or done late: the deadline and the flag were stored when recorded);
* the absences of 3 months or more still running (open: the deadline counts from the return);
* the items of the police's reports not yet applied: a residence change is due as a transfer
  counted from the move, a detention as a removal report counted from the day the report was
  received (Muster's reading: the report is the confirmation of the Art 13 case); a release
  has no deadline (open);
* the police's quarterly reports of the year whose window has come (25th–30th of the quarter's
  last month).

Reads only: the page's caller has authorised the commune; the rows are cut to the actor's
scope all the same. The queries do not grow with the number of rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Exists, Model, OuterRef, QuerySet

from muster.core import lawtext
from muster.core.calendar import holidays_between
from muster.geo.models import Unit
from muster.geo.scope import Scope, scope_of
from muster.law.callup import changes as rules
from muster.law.callup import registration
from muster.law.callup import year as year_rules
from muster.law.callup.year import Status
from muster.law.text import Text
from muster.people.models import Person
from muster.people.registration.models import (
    EventKind,
    PoliceItemKind,
    PoliceReport,
    PoliceReportItem,
    RegistrationEvent,
)

if TYPE_CHECKING:
    from muster.accounts.models import User

ChangeKind = rules.ChangeKind
M = TypeVar("M", bound=Model)
OPEN = rules.OPEN

_EVENT_KINDS: dict[str, ChangeKind] = {
    EventKind.ADDITIONAL: ChangeKind.ADDITIONAL,
    EventKind.TRANSFER_IN: ChangeKind.TRANSFER,
    EventKind.ABSENCE_RETURN: ChangeKind.ABSENCE,
    EventKind.REMOVAL: ChangeKind.REMOVAL,
}

#: The filters of the page: which statuses each shows.
FILTERS: dict[str, tuple[str, ...]] = {
    "late": (Status.LATE, Status.DONE_LATE),
    "due": (Status.DUE, Status.UPCOMING, OPEN),
    "done": (Status.DONE, Status.DONE_LATE),
}

TITLES: dict[str, Text] = {
    ChangeKind.ADDITIONAL: Text("Đăng ký bổ sung", "Additional registration"),
    ChangeKind.TRANSFER: Text("Đăng ký di chuyển đến", "Transfer in"),
    ChangeKind.ABSENCE: Text(
        "Vắng mặt từ 3 tháng trở lên, đăng ký lại khi trở về",
        "Absence of 3 months or more, registration on return",
    ),
    ChangeKind.REMOVAL: Text("Xóa tên, báo cáo Chủ tịch UBND", "Removal, reported to the chairman"),
    ChangeKind.POLICE_ITEM: Text(
        "Công an báo, chưa cập nhật vào sổ", "Reported by the police, not yet applied"
    ),
    ChangeKind.POLICE_REPORT: Text(
        "Báo cáo quý của Công an xã", "The commune police's quarterly report"
    ),
}


@dataclass
class Change:
    """One change of one commune, with its deadline (``due``) and status on the day read."""

    kind: ChangeKind
    unit_id: int
    status: str
    person: Person | None = None
    trigger_date: dt.date | None = None
    due: dt.date | None = None
    done_on: dt.date | None = None
    citation: str = ""
    confirmed: bool = True
    detail: str = ""
    #: Whether the reader may open the citizen's page (set by ``commune_changes``).
    can_open: bool = False

    @property
    def title(self) -> str:
        return lawtext.text(TITLES[self.kind])

    @property
    def late(self) -> bool:
        return self.status in (Status.LATE, Status.DONE_LATE)


def _citation(rule: registration.DeadlineRule) -> str:
    return lawtext.pick(rule.citation, rule.citation_en)


def _collect(
    commune_ids: Sequence[int],
    year: int,
    today: dt.date,
    *,
    scope: Scope | None = None,
    police_reports: bool = True,
) -> list[Change]:
    """Every change of ``commune_ids`` whose deadline falls in ``year`` (open ones whatever
    their year), with its status on ``today``; five queries whatever the number of rows."""
    holidays = holidays_between(dt.date(year - 1, 12, 1), max(today, dt.date(year + 1, 3, 31)))
    found: list[Change] = []

    def cut(queryset: QuerySet[M], field: str) -> QuerySet[M]:
        return scope.filter(queryset, field) if scope is not None else queryset

    events = cut(
        RegistrationEvent.objects.filter(
            unit_id__in=commune_ids, kind__in=list(_EVENT_KINDS), due_date__year=year
        ).select_related("person__registration_unit"),
        "unit",
    ).order_by("due_date", "id")
    for event in events:
        if event.due_date is None or event.trigger_date is None:
            continue  # the query asks for a due day, and a due day needs its trigger
        try:
            trigger = rules.TRIGGERS[_EVENT_KINDS[event.kind]]
            rule_confirmed = registration.rule_for(trigger, event.trigger_date).confirmed
        except registration.NoRuleError:
            rule_confirmed = True
        found.append(
            Change(
                _EVENT_KINDS[event.kind],
                event.unit_id,
                rules.status_on(event.due_date, done_on=event.event_date, today=today),
                event.person,
                event.trigger_date,
                event.due_date,
                event.event_date,
                lawtext.stored_citation(event.legal_citation),
                rule_confirmed,
            )
        )

    returned = RegistrationEvent.objects.filter(
        person_id=OuterRef("person_id"),
        kind=EventKind.ABSENCE_RETURN,
        event_date__gte=OuterRef("event_date"),
    )
    absences = cut(
        RegistrationEvent.objects.filter(
            unit_id__in=commune_ids,
            kind=EventKind.ABSENCE_START,
            event_date__lte=dt.date(year, 12, 31),
        )
        .exclude(Exists(returned))
        .select_related("person__registration_unit"),
        "unit",
    ).order_by("event_date", "id")
    for event in absences:
        found.append(
            Change(
                ChangeKind.ABSENCE, event.unit_id, OPEN, event.person, event.event_date,
                citation=_citation(
                    registration.rule_for(
                        registration.Trigger.ABSENCE_RETURN, max(event.event_date, today)
                    )
                ),
            )
        )  # fmt: skip

    items = cut(
        PoliceReportItem.objects.filter(
            report__unit_id__in=commune_ids, report__year=year, applied_on__isnull=True
        ).select_related("report", "person__registration_unit"),
        "report__unit",
    ).order_by("event_date", "id")
    for item in items:
        found.append(_police_item(item, holidays, today))
    if not police_reports:
        return found

    reports = {
        (unit_id, quarter): day
        for unit_id, quarter, day in cut(
            PoliceReport.objects.filter(unit_id__in=commune_ids, year=year), "unit"
        ).values_list("unit_id", "quarter", "received_on")
    }
    steps = year_rules.police_reports(year_rules.YearInput(year, holidays=holidays))
    for step in steps:
        quarter = year_rules.quarter_of(step.first_day)
        for commune_id in commune_ids:
            done_on = reports.get((commune_id, quarter))
            state = year_rules.status(step, done_on=done_on, today=today)
            if state == Status.UPCOMING:
                continue
            found.append(
                Change(
                    ChangeKind.POLICE_REPORT, commune_id, state, None, step.start, step.due,
                    done_on, lawtext.cite_all(step.citations), step.confirmed,
                    detail=str(quarter),
                )
            )  # fmt: skip
    return found


def _police_item(item: PoliceReportItem, holidays: frozenset[dt.date], today: dt.date) -> Change:
    """A police item not yet applied: due as a transfer or a removal report, or open."""
    unit_id = item.report.unit_id
    if item.kind == PoliceItemKind.RELEASE:
        return Change(
            ChangeKind.POLICE_ITEM, unit_id, OPEN, item.person, item.event_date,
            detail=item.get_kind_display(),
        )  # fmt: skip
    if item.kind == PoliceItemKind.RESIDENCE:
        kind, day = ChangeKind.TRANSFER, item.event_date
    else:
        kind, day = ChangeKind.REMOVAL, item.report.received_on
    try:
        due = rules.deadline(kind, day, holidays)
    except registration.NoRuleError:
        return Change(ChangeKind.POLICE_ITEM, unit_id, OPEN, item.person, day)
    return Change(
        ChangeKind.POLICE_ITEM,
        unit_id,
        rules.status_on(due.due, done_on=None, today=today),
        item.person,
        day,
        due.due,
        citation=_citation(due.rule),
        confirmed=due.rule.confirmed and kind == ChangeKind.TRANSFER,
        detail=item.get_kind_display(),
    )


def _order(change: Change) -> tuple[int, dt.date, str]:
    rank = {Status.LATE: 0, Status.DUE: 1, OPEN: 2, Status.UPCOMING: 3}.get(change.status, 4)
    return (rank, change.due or change.trigger_date or dt.date.min, change.kind)


def commune_changes(*, actor: User, commune: Unit, year: int, today: dt.date) -> list[Change]:
    """The commune's changes of ``year``: the late first, then the due, the open, the done;
    each citizen linked where ``actor`` may open him."""
    scope = scope_of(actor)
    found = _collect([commune.pk], year, today, scope=scope)
    for change in found:
        if change.person is not None:
            change.can_open = scope.contains(change.person.registration_unit)
    return sorted(found, key=_order)


def counts(found: Sequence[Change]) -> dict[str, int]:
    """How many changes each filter of the page shows."""
    return {name: sum(1 for c in found if c.status in wanted) for name, wanted in FILTERS.items()}


def running_status(
    step: year_rules.Step, commune_ids: Sequence[int], today: dt.date
) -> dict[int, str]:
    """The calendar's running step "changes after registration": ``late`` for a commune with a
    change past its deadline and not done, ``due`` for one with a change due soon. The police's
    quarterly report is left out: it is a step of its own."""
    result: dict[int, str] = {}
    for change in _collect(commune_ids, step.due.year, today, police_reports=False):
        if change.status == Status.LATE:
            result[change.unit_id] = Status.LATE
        elif change.status == Status.DUE:
            result.setdefault(change.unit_id, Status.DUE)
    return result
