"""Collecting a campaign's figures per report row: counts grouped by commune from a few grouped
queries, attributed to the row that holds each citizen on the day, and the recruits' facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
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

from muster.conscription.campaign.models import Allocation, Campaign
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.dossiers.models import Dossier, DossierKind, DossierState
from muster.conscription.handover.models import Recruit, RecruitReturn, Replacement
from muster.conscription.selection.models import ListKind, SelectionEntry, SelectionState, Volunteer
from muster.conscription.violations.models import ViolationCase
from muster.health.models import HealthCall, SessionKind
from muster.law.ages import birth_range
from muster.law.callup import campaign as campaign_rules
from muster.people.models import Person, Sex
from muster.people.registration.models import EventKind, RegistrationBar, RegistrationEvent
from muster.people.succession import Holding
from muster.reports.figures.facts import RecruitFact, Tally
from muster.reports.rows import (
    REGISTERED_AGES,
    Lineage,
    ReportRow,
    campaign_year,
    health_window,
    reference_day,
)

if TYPE_CHECKING:
    pass


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


def rows_of(qs: QuerySet[Any], at: _Attribution) -> QuerySet[Any]:
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
    for person_id, unit_id, residence, kind, ground in rows_of(standing, at).values_list(
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
    for person_id, unit_id, residence in rows_of(applied, at).values_list(
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
