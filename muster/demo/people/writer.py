"""Writes the demo plan to the database: the communes' villages and the people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from muster.accounts.services import system_actor
from muster.audit.services import record_event
from muster.core.text import fold
from muster.demo.people.builder import build_demo_plan
from muster.demo.people.plan import CommuneInput, DemoSummary, VillagePlan
from muster.demo.people.vocabulary import DEMO_REASON, LAST_DISTRICT_DAY, REFORM_LEGAL_BASIS
from muster.geo.models import ChangeKind, Unit, UnitChange
from muster.geo.services import unit_change_record, unit_create
from muster.people.models import FamilyTie, Person

# --- Writer --------------------------------------------------------------------------------


def demo_communes(units: dict[str, Unit]) -> list[CommuneInput]:
    """The 15 commune-level units of Kim Động valid on 30 June 2025, in fixture order."""
    district = units["KD"]
    key_by_pk = {unit.pk: key for key, unit in units.items()}
    chosen = [
        (key, unit)
        for key, unit in units.items()
        if unit.parent_id == district.pk and unit.is_valid_on(LAST_DISTRICT_DAY)
    ]
    successors: dict[int, list[tuple[str, str]]] = {}
    changes = UnitChange.objects.filter(
        predecessor_id__in=[unit.pk for _key, unit in chosen],
        effective_date=LAST_DISTRICT_DAY + dt.timedelta(days=1),
    ).order_by("id")
    for change in changes.select_related("successor"):
        key = key_by_pk.get(change.successor_id)
        if key is not None:
            successors.setdefault(change.predecessor_id, []).append((key, change.successor.code))
    communes: list[CommuneInput] = []
    for key, unit in chosen:
        if unit.population is None:
            raise ValueError(f"{unit} has no (synthetic) population in the fixture")
        communes.append(
            CommuneInput(
                key=key,
                code=unit.code,
                name=unit.name,
                kind=unit.kind,
                population=unit.population,
                successors=tuple(successors.get(unit.pk, ())),
            )
        )
    return communes


def _village_unit(
    *, code: str, kind: str, name: str, parent: Unit, population: int
) -> tuple[Unit, bool]:
    existing = Unit.objects.filter(code=code, valid_from=parent.valid_from).first()
    if existing is not None:
        return existing, False
    unit = unit_create(
        actor=system_actor(),
        code=code,
        kind=kind,
        name=name,
        parent=parent,
        valid_from=parent.valid_from,
        valid_to=parent.valid_to,
        population=population,
        population_synthetic=True,
        code_verified=False,
        reason=DEMO_REASON,
    )
    return unit, True


def _write_villages(
    plans: Sequence[VillagePlan], units: dict[str, Unit]
) -> tuple[dict[str, Unit], int]:
    """Create (or reuse) the village rows; returns them by code and how many were created."""
    by_code: dict[str, Unit] = {}
    created = 0
    for plan in plans:
        village, new = _village_unit(
            code=plan.code,
            kind=plan.kind,
            name=plan.name,
            parent=units[plan.commune_key],
            population=plan.population,
        )
        by_code[plan.code] = village
        created += new
        if plan.successor_key is None or plan.successor_code is None:
            continue
        successor_commune = units[plan.successor_key]
        successor, new = _village_unit(
            code=plan.successor_code,
            kind=plan.kind,
            name=plan.name,
            parent=successor_commune,
            population=plan.population,
        )
        created += new
        if not UnitChange.objects.filter(predecessor=village, successor=successor).exists():
            unit_change_record(
                actor=system_actor(),
                predecessors=[village],
                successor=successor,
                kind=ChangeKind.REFORM,
                effective_date=successor_commune.valid_from,
                legal_basis=REFORM_LEGAL_BASIS,
                reason=DEMO_REASON,
            )
    return by_code, created


@transaction.atomic
def generate_demo_registry(*, units: dict[str, Unit], seed: int, scale: float = 1.0) -> DemoSummary:
    """Write the synthetic villages, citizens (công dân) and family ties of the demo district.

    ``units`` is what :func:`muster.geo.loading.load_units_fixture` returns. Villages already
    there are reused; people are written only if no synthetic person exists yet. One audit event
    records the registry load (the villages get one each, from the geo services).
    """
    communes = demo_communes(units)
    reserved = frozenset(Person.objects.values_list("national_id", flat=True))
    plan = build_demo_plan(communes, seed=seed, scale=scale, reserved_ids=reserved)
    villages, villages_created = _write_villages(plan.villages, units)
    if Person.objects.filter(is_synthetic=True).exists():
        return DemoSummary(people=0, family_ties=0, villages=villages_created)

    people: list[Person] = []
    for p in plan.people:
        people.append(
            Person(
                public_id=p.public_id,
                full_name=p.full_name,
                name_search=fold(p.full_name),
                sex=p.sex,
                date_of_birth=p.date_of_birth,
                national_id=p.national_id,
                registration_unit=units[p.commune_key],
                residence_unit=villages[p.village_code],
                ethnicity=p.ethnicity,
                religion=p.religion,
                phone=p.phone,
                occupation=p.occupation,
                workplace=p.workplace,
                school_grade=p.school_grade,
                in_school=p.in_school,
                higher_level=p.higher_level,
                field_of_study=p.field_of_study,
                study_mode=p.study_mode,
                study_status=p.study_status,
                study_end_date=p.study_end_date,
                party_member=p.party_member,
                youth_union_member=p.youth_union_member,
                marital_status=p.marital_status,
                is_synthetic=True,
            )
        )
    Person.objects.bulk_create(people, batch_size=2000)
    ties = [
        FamilyTie(
            public_id=t.public_id,
            person=person,
            relation=t.relation,
            relative_name=t.relative_name,
            relative_birth_year=t.relative_birth_year,
            is_martyr=t.is_martyr,
            war_invalid_class=t.war_invalid_class,
            war_invalid_loss_pct=t.war_invalid_loss_pct,
            sick_soldier_loss_pct=t.sick_soldier_loss_pct,
            serving_as_soldier=t.serving_as_soldier,
            able_to_work=t.able_to_work,
        )
        for person, p in zip(people, plan.people, strict=True)
        for t in p.ties
    ]
    FamilyTie.objects.bulk_create(ties, batch_size=2000)
    district = units["KD"]
    record_event(
        actor=system_actor(),
        action="people.demo_load",
        obj=district,
        scope_unit=district,
        changes={"people": [None, len(people)], "family_ties": [None, len(ties)]},
        reason=DEMO_REASON,
    )
    return DemoSummary(people=len(people), family_ties=len(ties), villages=villages_created)


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the people app): the synthetic registry."""
    if Person.objects.filter(is_synthetic=True).exists():
        return ["Demo registry already loaded; reusing it."]
    summary = generate_demo_registry(units=units, seed=seed, scale=scale)
    return [
        f"Demo registry: {summary.people} citizens, {summary.family_ties} family ties, "
        f"{summary.villages} villages (synthetic)."
    ]
