"""Reads of the call-up reports, cut to the acting user's area (``geo.scope``; the rows do
their set arithmetic in memory on the area's unit ids).

The results report is a few grouped queries whatever the number of communes: citizens counted
by registration commune (``GROUP BY registration_unit``), and the quota-sized records of the
campaign (decisions, selection entries, recruits, returns, replacements) read once and added up
by ``figures``. Definitions: docs/reports.md.

Rows. A report has one row per commune-level unit: the campaign's communes, except that a
campaign commune merged away before the handover day is folded into its successor of that day
(the 2025 Kim Động campaign was opened with Nhân La and Vũ Xá on 1/11/2024; from 1/12/2024 they
are Diên Hồng, whose citizens are registered there), so the row's quota is theirs and its
citizens are the successor's and theirs.

A citizen counts in the commune where he was registered on the campaign's reference day (the
handover day): his registration unit, unless he transferred out after that day, in which case
the commune he left by his first transfer after it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.utils.translation import gettext as _

from muster.accounts.perms import Cap
from muster.conscription.campaign import selectors as campaign_selectors
from muster.conscription.campaign.board import deadline_rows
from muster.conscription.campaign.models import Allocation, Campaign, CampaignCommune, QuotaHistory
from muster.conscription.campaign.selectors import campaigns_for_user
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.dossiers.models import Dossier, DossierKind, DossierState
from muster.conscription.handover.models import Recruit, RecruitReturn, Replacement
from muster.conscription.registration.models import EventKind, RegistrationBar, RegistrationEvent
from muster.conscription.selection.models import ListKind, SelectionEntry, SelectionState, Volunteer
from muster.conscription.violations.models import ViolationCase
from muster.geo import scope as geo_scope
from muster.geo.lineage_store import lineage_all
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit
from muster.health.models import HealthCall, HealthSession, SessionKind
from muster.jobs.models import Job
from muster.law.ages import birth_range
from muster.law.callup import campaign as campaign_rules
from muster.people.models import Person, Sex
from muster.people.succession import Holding
from muster.reports.figures import dashboard as figures_dashboard
from muster.reports.figures import facts as figures_facts
from muster.reports.figures import metrics as figures_metrics
from muster.reports.figures import spreads as figures_spreads
from muster.reports.figures.facts import RecruitFact, Tally
from muster.reports.models import JOB_KIND_PREFIX, ExportFormat, ExportKind

if TYPE_CHECKING:
    from muster.accounts.models import User

#: Call-up age counted as "registered": 18 to 27 on the handover day (as the registry pool).
REGISTERED_AGES = (18, 27)


# ----------------------------------------------------------------------------- lineage


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


# ----------------------------------------------------------------------------- rows


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


# ----------------------------------------------------------------------------- collecting


def _moved(day: dt.date, units: frozenset[int]) -> dict[int, int]:
    """Citizens who transferred out after ``day`` and concern ``units`` (now registered there,
    or left one of them): person → the commune he was registered in on ``day``."""
    left_here = RegistrationEvent.objects.filter(
        kind=EventKind.TRANSFER_OUT, event_date__gt=day, from_unit_id__in=units
    ).values("person_id")
    events = (
        RegistrationEvent.objects.filter(kind=EventKind.TRANSFER_OUT, event_date__gt=day)
        .filter(Q(person__registration_unit_id__in=units) | Q(person_id__in=Subquery(left_here)))
        .order_by("person_id", "event_date", "id")
        .values_list("person_id", "from_unit_id")
    )
    moved: dict[int, int] = {}
    for person_id, from_unit in events:
        if from_unit is not None:
            moved.setdefault(person_id, from_unit)
    return moved


@dataclass(frozen=True)
class _Attribution:
    """Where citizens count: the row holding their registration unit (and, for a commune that
    was split, their village), and the citizens who moved after the reference day → the unit
    they were registered in on it."""

    hold: Holding
    row_of: dict[int, int]  # holding commune id → row key
    moved: dict[int, int]

    @property
    def units(self) -> list[int]:
        return [*self.hold.whole, *self.hold.split_units]

    @property
    def split(self) -> bool:
        return bool(self.hold.split_units)

    def row(self, registration_unit: int | None, residence: int | None) -> int | None:
        if registration_unit is None:
            return None
        commune = self.hold.commune_of(registration_unit, residence)
        return None if commune is None else self.row_of.get(commune)

    def person_row(
        self, person_id: int, registration_unit: int, residence: int | None
    ) -> int | None:
        if person_id in self.moved:
            return self.row(self.moved[person_id], None)
        return self.row(registration_unit, residence)


def attribution(
    rows: list[ReportRow], *, day: dt.date, visible: frozenset[int], lineage: Lineage
) -> _Attribution:
    """Who holds whom for ``rows`` on ``day``, cut to the units ``visible`` to the user."""
    row_of = {u.pk: r.key for r in rows for u in r.holder_units}
    found = lineage.holding([u for r in rows for u in r.holder_units])
    hold = Holding(
        whole={u: c for u, c in found.whole.items() if u in visible},
        villages=found.villages,
        split_units=frozenset(found.split_units & visible),
    )
    units = frozenset([*hold.whole, *hold.split_units])
    return _Attribution(hold=hold, row_of=row_of, moved=_moved(day, units))


def _grouped(
    qs: QuerySet[Any],
    at: _Attribution,
    *,
    person: str,
    keys: tuple[str, ...] = (),
    **aggregates: Any,
) -> Iterator[tuple[int, dict[str, Any]]]:
    """``qs`` aggregated per report row (and ``keys``): rows of the citizens the rows hold,
    corrected for the citizens who moved after the reference day.

    ``person`` is the path to the citizen ("" for ``Person`` itself)."""
    moved = at.moved
    prefix = f"{person}__" if person else ""
    unit_path = f"{prefix}registration_unit_id"
    residence_path = f"{prefix}residence_unit_id"
    person_path = f"{person}_id" if person else "pk"
    group = (unit_path, residence_path) if at.split else (unit_path,)
    if person:
        # ``+ 0`` keeps the planner from walking every citizen of the units through the unit
        # index and probing his records one by one: it starts from the (fewer) records instead
        # (SQLite picked the citizens first: 2× slower on a district; PostgreSQL hashes both).
        qs = qs.alias(_unit=ExpressionWrapper(F(unit_path) + 0, output_field=IntegerField()))
        main = qs.filter(_unit__in=at.units).order_by()
    else:
        main = qs.filter(**{f"{unit_path}__in": at.units}).order_by()
    if moved:
        main = main.exclude(**{f"{person_path}__in": list(moved)})
    for item in main.values(*group, *keys).annotate(**aggregates):
        row = at.row(item.pop(unit_path), item.pop(residence_path, None))
        if row is not None:
            yield row, item
    if moved:
        back = qs.filter(**{f"{person_path}__in": list(moved)}).order_by()
        for item in back.values(person_path, *keys).annotate(**aggregates):
            row = at.row(moved[item.pop(person_path)], None)
            if row is not None:
                yield row, item


def _rows_of(qs: QuerySet[Any], at: _Attribution) -> QuerySet[Any]:
    """The records of the citizens the rows hold, or who moved after the day."""
    qs = qs.alias(
        _unit=ExpressionWrapper(F("person__registration_unit_id") + 0, output_field=IntegerField())
    )
    condition = Q(_unit__in=at.units)
    if at.moved:
        condition |= Q(person_id__in=list(at.moved))
    return qs.filter(condition).order_by()


def collect(
    campaign: Campaign, rows: list[ReportRow], *, visible: frozenset[int], lineage: Lineage
) -> dict[int, Tally]:
    """The base counts of every row of ``campaign`` (a constant number of queries)."""
    tallies = {r.key: Tally() for r in rows}
    if not rows:
        return tallies
    day = reference_day(campaign)
    commune_row = {c.pk: r.key for r in rows for c in r.communes}
    communes = list(commune_row)
    at = attribution(rows, day=day, visible=visible, lineage=lineage)

    # Registered men of call-up age, neither removed from the register nor barred on the day.
    born_from, born_to = birth_range(day, *REGISTERED_AGES)
    # The removed and the barred are few: one uncorrelated subquery each (not a probe per man).
    removed = RegistrationEvent.objects.filter(kind=EventKind.REMOVAL, event_date__lte=day).values(
        "person_id"
    )
    barred = (
        RegistrationBar.objects.filter(start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .values("person_id")
    )
    people = Person.objects.filter(sex=Sex.MALE, date_of_birth__range=(born_from, born_to)).exclude(
        Q(pk__in=Subquery(removed)) | Q(pk__in=Subquery(barred))
    )
    for row, item in _grouped(people, at, person="", n=Count("pk")):
        tallies[row].registered += item["n"]

    # Screening and examination.
    start, end = health_window(campaign)
    calls = HealthCall.objects.filter(session__date__range=(start, end))
    exam = Q(session__kind=SessionKind.EXAMINATION)
    for row, item in _grouped(
        calls,
        at,
        person="person",
        keys=("session__kind",),
        n=Count("person", distinct=True),
        late=Count("pk", filter=Q(notice_late=True)),
    ):
        t = tallies[row]
        if item["session__kind"] == SessionKind.SCREENING:
            t.called_screening += item["n"]
        else:
            t.called_exam += item["n"]
        t.late_notices += item["late"]
    # Each examined citizen counts once, with the class of his latest examination in the
    # window; the examined are therefore the sum of the classes.
    classed = calls.filter(exam, health_class__isnull=False)
    later = HealthCall.objects.filter(
        person_id=OuterRef("person_id"),
        session__kind=SessionKind.EXAMINATION,
        session__date__range=(start, end),
        health_class__isnull=False,
    ).filter(
        Q(concluded_on__gt=OuterRef("concluded_on"))
        | Q(concluded_on=OuterRef("concluded_on"), pk__gt=OuterRef("pk"))
    )
    for row, item in _grouped(
        classed.filter(~Exists(later)),
        at,
        person="person",
        keys=("health_class",),
        n=Count("pk"),
    ):
        tallies[row].health_class[item["health_class"]] += item["n"]
        tallies[row].examined += item["n"]

    # Deferrals and exemptions standing on the day.
    standing = (
        Dossier.objects.filter(
            state__in=[DossierState.GRANTED, DossierState.ENDED], decision_date__lte=day
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=day))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    )
    # Decisions and applications are a few per hundred citizens: read them once, attribute each
    # citizen in Python (the moves after the day included), count each citizen once.
    seen: set[tuple[int, str, str, int]] = set()
    for person_id, unit_id, residence, kind, ground in _rows_of(standing, at).values_list(
        "person_id", "person__registration_unit_id", "person__residence_unit_id", "kind", "ground"
    ):
        found = at.person_row(person_id, unit_id, residence)
        if found is None:
            continue
        t = tallies[found]
        deferral = kind == DossierKind.DEFERRAL
        if (found, "ground", ground, person_id) not in seen:
            seen.add((found, "ground", ground, person_id))
            (t.deferred if deferral else t.exempt)[ground] += 1
        if (found, "kind", kind, person_id) not in seen:
            seen.add((found, "kind", kind, person_id))
            if deferral:
                t.deferred_people += 1
            else:
                t.exempt_people += 1

    # Volunteers (written applications not withdrawn by the day).
    applied = Volunteer.objects.filter(campaign=campaign).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day)
    )
    volunteers: set[tuple[int, int]] = set()
    for person_id, unit_id, residence in _rows_of(applied, at).values_list(
        "person_id", "person__registration_unit_id", "person__residence_unit_id"
    ):
        found = at.person_row(person_id, unit_id, residence)
        if found is not None and (found, person_id) not in volunteers:
            volunteers.add((found, person_id))
            tallies[found].volunteers_applied += 1

    # Pools and quotas.
    for r in rows:
        pools = [c.pool_used for c in r.communes]
        if any(p is None for p in pools):
            tallies[r.key].unknown = tallies[r.key].unknown | {"callable"}
        tallies[r.key].callable = sum(p or 0 for p in pools)
    for commune_id, service, final in Allocation.objects.filter(
        commune_id__in=communes
    ).values_list("commune_id", "service", "final"):
        tallies[commune_row[commune_id]].quota[service] += final

    # Call-up decisions (valid) and their delivery (a replacement's decision, issued after the
    # handover, cannot have the 15 days' notice and is not counted late, as on the board).
    replacing = Replacement.objects.filter(decision_id=OuterRef("pk"))
    for commune_id, service, delivered, enlist, is_replacement in (
        CallupDecision.objects.filter(commune_id__in=communes, status=DecisionStatus.VALID)
        .annotate(is_replacement=Exists(replacing))
        .values_list("commune_id", "service", "delivered_on", "enlist_on", "is_replacement")
    ):
        t = tallies[commune_row[commune_id]]
        t.decisions[service] += 1
        if (
            not is_replacement
            and delivered is not None
            and campaign_rules.notice_is_late("campaign.notice.callup", delivered, enlist)
        ):
            t.late_deliveries += 1

    # Official lists (frozen).
    for item in (
        SelectionEntry.objects.filter(
            selection__commune_id__in=communes,
            selection__state=SelectionState.FROZEN,
            list_kind=ListKind.OFFICIAL,
        )
        .values("selection__commune_id", "selection__service")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        t = tallies[commune_row[item["selection__commune_id"]]]
        t.selected[item["selection__service"]] += item["n"]

    # Recruits handed over, returned, replaced.
    for fact in recruit_facts(campaign, commune_row):
        tallies[fact.row].add_recruit(fact)
    for item in (
        RecruitReturn.objects.filter(recruit__handover__commune_id__in=communes)
        .values("recruit__handover__commune_id", "reason_kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        t = tallies[commune_row[item["recruit__handover__commune_id"]]]
        t.returns[item["reason_kind"]] += item["n"]
    for item in (
        Replacement.objects.filter(returned__recruit__handover__commune_id__in=communes)
        .values("returned__recruit__handover__commune_id")
        .annotate(
            n=Count("pk"),
            late=Count("pk", filter=Q(late=True)),
            over=Count("pk", filter=Q(over_cap=True)),
        )
        .order_by()
    ):
        t = tallies[commune_row[item["returned__recruit__handover__commune_id"]]]
        t.replacements += item["n"]
        t.replacements_late += item["late"]
        t.replacements_over_cap += item["over"]

    # Violations of the campaign, or of the campaign year when not linked to one.
    year_from, year_to = campaign_year(campaign)
    for item in (
        ViolationCase.objects.filter(Q(unit_id__in=at.units) | Q(unit__parent_id__in=at.units))
        .filter(
            Q(campaign=campaign) | Q(campaign__isnull=True, occurred_on__range=(year_from, year_to))
        )
        .values("unit_id", "unit__parent_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        found = at.row(item["unit_id"], None) or at.row(item["unit__parent_id"], None)
        if found is not None:
            tallies[found].violations[item["kind"]] += item["n"]
    return tallies


def recruit_facts(campaign: Campaign, commune_row: dict[int, int]) -> list[RecruitFact]:
    day = reference_day(campaign)
    volunteer = Volunteer.objects.filter(
        campaign=campaign, person_id=OuterRef("decision__person_id")
    ).filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))
    replacement = Replacement.objects.filter(decision_id=OuterRef("decision_id"))
    rows = (
        Recruit.objects.filter(handover__commune_id__in=list(commune_row))
        .annotate(is_volunteer=Exists(volunteer), is_replacement=Exists(replacement))
        .values_list(
            "handover__commune_id",
            "decision__service",
            "decision__person__date_of_birth",
            "handover__handed_on",
            "decision__person__higher_level",
            "decision__person__study_status",
            "decision__person__party_member",
            "decision__person__youth_union_member",
            "decision__person__ethnicity",
            "is_volunteer",
            "is_replacement",
        )
        .order_by()
    )
    return [
        RecruitFact(
            row=commune_row[commune_id],
            service=service,
            born=born,
            handed_on=handed_on,
            higher_level=level,
            study_status=status,
            party_member=party,
            youth_union_member=youth,
            ethnicity=ethnicity,
            volunteer=vol,
            replacement=repl,
        )
        for (
            commune_id,
            service,
            born,
            handed_on,
            level,
            status,
            party,
            youth,
            ethnicity,
            vol,
            repl,
        ) in rows
    ]


# ----------------------------------------------------------------------------- previous year


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


# ----------------------------------------------------------------------------- the report


@dataclass
class Line:
    row: ReportRow
    values: dict[str, figures_facts.Number | None]
    previous: Previous | None
    previous_values: dict[str, figures_facts.Number | None] | None
    changes: dict[str, figures_facts.Number | None]

    @property
    def name(self) -> str:
        return self.row.unit.name


@dataclass
class ResultsReport:
    campaign: Campaign
    unit: Unit
    day: dt.date
    lines: list[Line]
    total: dict[str, figures_facts.Number | None]
    total_previous: dict[str, figures_facts.Number | None] | None
    total_changes: dict[str, figures_facts.Number | None]
    previous_campaigns: list[Campaign]
    tallies: dict[int, Tally]

    @property
    def single(self) -> bool:
        """A commune's own report: one row, no total needed."""
        return len(self.lines) == 1 and self.unit.kind in COMMUNE_LEVEL_KINDS

    @property
    def has_previous(self) -> bool:
        return any(line.previous is not None for line in self.lines)

    def has(self, section: str) -> bool:
        """Whether the campaign holds data for a stage yet (else the page says so)."""
        t = self.total
        checks = {
            "health": (t["called_screening"] or 0) + (t["called_exam"] or 0) > 0,
            "deferral": (t["deferred"] or 0) + (t["exempt"] or 0) > 0,
            "quota": (t["quota_total"] or 0) > 0,
            "decisions": (t["decisions"] or 0) > 0,
            "selection": (t["selected"] or 0) > 0,
            "handover": bool(t["handed_over"]) or bool(t["replacements"]),
            "violations": (t["violations"] or 0) > 0,
            "volunteers": (t["volunteers_applied"] or 0) > 0,
        }
        return checks[section]


def _changes(
    current: dict[str, figures_facts.Number | None],
    previous: dict[str, figures_facts.Number | None] | None,
) -> dict[str, figures_facts.Number | None]:
    if previous is None:
        return dict.fromkeys(current)
    return {k: figures_metrics.change(v, previous.get(k)) for k, v in current.items()}


def results_report(*, user: User, campaign: Campaign, unit: Unit) -> ResultsReport:
    """The call-up results report of ``campaign`` for ``unit`` (a commune, or a district /
    PTKV / province and its communes), as ``user`` may see it, with last year beside it."""
    visible = geo_scope.scope_of(user).unit_ids()
    lineage = Lineage()
    rows = build_rows(campaign, visible=visible, scope=scope_of(unit, lineage), lineage=lineage)
    tallies = collect(campaign, rows, visible=visible, lineage=lineage)
    if not any(sum(t.handed_over.values()) or t.replacements for t in tallies.values()):
        # Nothing handed over yet: the handover's figures are "no data yet", not 0 % of the quota.
        for t in tallies.values():
            t.unknown = t.unknown | {"handed_over"}
    previous, prev_total, past = previous_year(campaign, rows, visible=visible, lineage=lineage)
    lines = []
    for r in rows:
        vals = figures_metrics.values(tallies[r.key])
        prev = previous.get(r.key)
        prev_vals = figures_metrics.values(prev.tally) if prev else None
        lines.append(Line(r, vals, prev, prev_vals, _changes(vals, prev_vals)))
    total = figures_metrics.values(figures_facts.total(tallies.values()))
    total_prev = figures_metrics.values(prev_total) if prev_total is not None else None
    return ResultsReport(
        campaign=campaign,
        unit=unit,
        day=reference_day(campaign),
        lines=lines,
        total=total,
        total_previous=total_prev,
        total_changes=_changes(total, total_prev),
        previous_campaigns=past,
        tallies=tallies,
    )


def evenness_of(report: ResultsReport) -> figures_spreads.Evenness:
    return figures_spreads.evenness(
        [(line.row.key, line.values) for line in report.lines],
        {line.row.key: line.previous_values for line in report.lines},
        handover_recorded=report.has("handover"),
    )


# ----------------------------------------------------------------------------- fetching


def campaign_for_user(user: User, public_id: Any) -> Campaign:
    """A campaign with at least one commune in the user's area (404 otherwise), for reports."""
    return campaign_selectors.campaign_for_user(user, public_id, Cap.VIEW_REPORTS)


def report_unit(user: User, campaign: Campaign, raw: str | None) -> Unit:
    """The unit a report covers: ``?unit=<uuid>`` if the user may see it, else the campaign's
    unit when it lies in the user's area, else the user's own scope unit."""
    area = geo_scope.scope_of(user)
    if raw:
        unit = Unit.objects.filter(area.q("pk"), public_id=raw).first() if _is_uuid(raw) else None
        if unit is None:
            raise Http404(_("Not found, or outside your area."))
        return unit
    if area.contains(campaign.unit_id) or user.scope_unit is None:
        return campaign.unit
    return user.scope_unit


def _is_uuid(raw: str) -> bool:
    import uuid

    try:
        uuid.UUID(raw)
    except ValueError:
        return False
    return True


def unit_choices(user: User, campaign: Campaign) -> list[Unit]:
    """The units a report can be asked for: the campaign's unit (if in the area), the units
    between it and the communes, and the commune rows."""
    area = geo_scope.scope_of(user)
    visible = area.unit_ids()
    lineage = Lineage()
    rows = build_rows(campaign, visible=visible, scope=None, lineage=lineage)
    choices: list[Unit] = []
    if campaign.unit_id in visible:
        choices.append(campaign.unit)
        middle = Unit.objects.filter(
            path__startswith=campaign.unit.path,
            depth__gt=campaign.unit.depth,
            pk__in=visible,
            valid_from__lte=campaign.handover_start,
        ).exclude(kind__in=COMMUNE_LEVEL_KINDS)
        middle = middle.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=campaign.exam_start))
        choices.extend(u for u in middle.exclude(kind__in=("village", "residential_group")))
    elif user.scope_unit is not None and len(rows) > 1:
        choices.append(user.scope_unit)
    choices.extend(r.unit for r in rows)
    return choices


def report_campaigns(user: User) -> QuerySet[Campaign]:
    return campaigns_for_user(user)


# ----------------------------------------------------------------------------- lists


@dataclass(frozen=True)
class ListEntry:
    row: ReportRow
    person: Person
    basis: str
    service: str
    number: int | None
    issued_on: dt.date | None
    delivered_on: dt.date | None
    enlist_on: dt.date | None


def _rows_for(user: User, campaign: Campaign, unit: Unit) -> tuple[list[ReportRow], Lineage]:
    visible = geo_scope.scope_of(user).unit_ids()
    lineage = Lineage()
    rows = build_rows(campaign, visible=visible, scope=scope_of(unit, lineage), lineage=lineage)
    return rows, lineage


def callup_list(*, user: User, campaign: Campaign, unit: Unit) -> list[ListEntry]:
    """Citizens called up: valid call-up decisions, then citizens on a frozen official list
    who have no valid decision yet."""
    rows, _lineage = _rows_for(user, campaign, unit)
    commune_row = {c.pk: r for r in rows for c in r.communes}
    entries: list[ListEntry] = []
    decided: set[int] = set()
    for d in (
        CallupDecision.objects.filter(commune_id__in=list(commune_row), status=DecisionStatus.VALID)
        .select_related("person", "person__residence_unit", "person__registration_unit")
        .order_by("commune__unit__name_search", "person__name_search", "id")
    ):
        decided.add(d.person_id)
        entries.append(
            ListEntry(
                commune_row[d.commune_id],
                d.person,
                "decision",
                d.service,
                d.number,
                d.issued_on,
                d.delivered_on,
                d.enlist_on,
            )
        )
    for e in (
        SelectionEntry.objects.filter(
            selection__commune_id__in=list(commune_row),
            selection__state=SelectionState.FROZEN,
            list_kind=ListKind.OFFICIAL,
        )
        .exclude(person_id__in=decided)
        .select_related("selection", "person", "person__residence_unit")
        .order_by("selection__commune__unit__name_search", "place", "id")
    ):
        entries.append(
            ListEntry(
                commune_row[e.selection.commune_id],
                e.person,
                "official_list",
                e.selection.service,
                None,
                None,
                None,
                None,
            )
        )
    entries.sort(
        key=lambda e: (e.row.unit.name_search, e.basis != "decision", e.person.name_search)
    )
    return entries


@dataclass(frozen=True)
class DossierEntry:
    row: ReportRow
    dossier: Dossier


def dossier_list(*, user: User, campaign: Campaign, unit: Unit, kind: str) -> list[DossierEntry]:
    """Deferrals (or exemptions) standing on the reference day, by ground: the dossiers the
    results report counts."""
    rows, lineage = _rows_for(user, campaign, unit)
    day = reference_day(campaign)
    by_key = {r.key: r for r in rows}
    at = attribution(rows, day=day, visible=geo_scope.scope_of(user).unit_ids(), lineage=lineage)
    standing = (
        Dossier.objects.filter(
            kind=kind,
            state__in=[DossierState.GRANTED, DossierState.ENDED],
            decision_date__lte=day,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=day))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    )
    order = {
        g: i for i, g in enumerate(figures_facts.DEFERRAL_GROUNDS + figures_facts.EXEMPTION_GROUNDS)
    }
    out: list[DossierEntry] = []
    for dossier in _rows_of(standing, at).select_related("person", "person__residence_unit"):
        key = at.person_row(
            dossier.person_id, dossier.person.registration_unit_id, dossier.person.residence_unit_id
        )
        if key is not None:
            out.append(DossierEntry(by_key[key], dossier))
    out.sort(
        key=lambda e: (
            order.get(e.dossier.ground, 99),
            e.row.unit.name_search,
            e.dossier.person.name_search,
            e.dossier.pk,
        )
    )
    return out


def health_sessions(*, user: User, campaign: Campaign, unit: Unit) -> list[HealthSession]:
    """Screening and examination sessions of the campaign's window in the report's area (the
    books 2k, 2l and the council's report 2b are printed from them)."""
    rows, lineage = _rows_for(user, campaign, unit)
    area = geo_scope.scope_of(user)
    visible = area.unit_ids()
    at = attribution(rows, day=reference_day(campaign), visible=visible, lineage=lineage)
    start, end = health_window(campaign)
    ids = set(
        HealthSession.objects.filter(area.q("unit"), date__range=(start, end))
        .filter(Q(calls__person__registration_unit_id__in=at.units) | Q(unit_id__in=at.units))
        .values_list("pk", flat=True)
    )
    return list(
        HealthSession.objects.filter(pk__in=ids)
        .select_related("unit")
        .annotate(called=Count("calls"))
        .order_by("kind", "date", "id")
    )


# ----------------------------------------------------------------------------- dashboard


@dataclass
class Dashboard:
    report: ResultsReport
    stage: str
    deadlines: list[Any]
    indicators: list[figures_dashboard.Indicator]
    evenness: figures_spreads.Evenness
    today: dt.date
    class_counts: list[int]
    deferral_counts: list[tuple[str, int]]


def dashboard(*, user: User, campaign: Campaign, unit: Unit, today: dt.date) -> Dashboard:
    report = results_report(user=user, campaign=campaign, unit=unit)
    after = campaign_rules.rule("campaign.replacement", campaign.handover_start).int_param("days")
    stage = figures_dashboard.stage_on(
        today,
        screening_start=campaign.screening_start,
        exam_start=campaign.exam_start,
        exam_end=campaign.exam_end,
        nomination_by=campaign.nomination_by,
        handover_start=campaign.handover_start,
        handover_end=campaign.handover_end,
        after_days=after,
    )
    t = report.total
    grounds = [(g, int(t[f"deferred_{g}"] or 0)) for g in figures_facts.DEFERRAL_GROUNDS] + [
        (g, int(t[f"exempt_{g}"] or 0)) for g in figures_facts.EXEMPTION_GROUNDS
    ]
    return Dashboard(
        report=report,
        stage=stage,
        deadlines=deadline_rows(campaign, today),
        indicators=figures_dashboard.indicators(report.total, report.total_previous),
        evenness=evenness_of(report),
        today=today,
        class_counts=[int(t[f"class_{k}"] or 0) for k in range(1, 7)],
        deferral_counts=grounds,
    )


# ----------------------------------------------------------------------------- export jobs


@dataclass(frozen=True)
class Export:
    """A report export (a background job of kind ``reports.<kind>``) with its campaign."""

    job: Job
    campaign: Campaign | None

    @property
    def kind_label(self) -> str:
        return str(ExportKind(self.job.kind.removeprefix(JOB_KIND_PREFIX)).label)

    @property
    def fmt_label(self) -> str:
        return str(ExportFormat(self.job.params.get("fmt")).label)


def _exports(jobs: Iterable[Job]) -> list[Export]:
    jobs = list(jobs)
    ids = {str(j.params.get("campaign")) for j in jobs}
    campaigns = {
        str(c.public_id): c
        for c in Campaign.objects.select_related("unit").filter(public_id__in=ids)
    }
    return [Export(job=j, campaign=campaigns.get(str(j.params.get("campaign")))) for j in jobs]


def _own_exports(user: User) -> QuerySet[Job]:
    return (
        Job.objects.filter(owner=user, kind__startswith=JOB_KIND_PREFIX)
        .select_related("scope_unit")
        .defer("content")
    )


def exports_for_user(user: User, *, limit: int = 50) -> list[Export]:
    """The user's own latest exports (anyone else's are never listed)."""
    return _exports(_own_exports(user)[:limit])


def export_for_user(user: User, public_id: uuid.UUID) -> Export:
    """The user's own export (anyone else's, even an administrator's view of it, is a 404),
    whose unit is still in the user's area."""
    job = _own_exports(user).filter(public_id=public_id).first()
    if job is None or not geo_scope.scope_of(user).contains(job.scope_unit_id):
        raise Http404(_("Not found, or outside your area."))
    return _exports([job])[0]
