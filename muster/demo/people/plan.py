"""The demo registry's inputs and plans as plain data, and the plan of the villages."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from muster.demo.people.vocabulary import (
    DUC_HOP_KEY,
    DUC_TRUNG,
    VILLAGE_NAMES,
    VILLAGES_PER_COMMUNE,
)
from muster.geo.models import UnitKind

# --- Pure inputs and plans -----------------------------------------------------------------


@dataclass(frozen=True)
class CommuneInput:
    """The facts about one commune-level unit that the pure generator needs."""

    key: str
    code: str
    name: str
    kind: str
    population: int
    #: (key, code) of the units it became on 1 July 2025, in order; the villages are split
    #: over them in that order (a partial split sends the first part to the first one).
    successors: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class VillagePlan:
    commune_key: str
    code: str
    name: str
    kind: str
    population: int
    successor_key: str | None
    successor_code: str | None


@dataclass(frozen=True)
class TiePlan:
    public_id: uuid.UUID
    relation: str
    relative_name: str
    relative_birth_year: int
    is_martyr: bool = False
    war_invalid_class: int | None = None
    war_invalid_loss_pct: int | None = None
    sick_soldier_loss_pct: int | None = None
    serving_as_soldier: bool = False
    able_to_work: bool = True


@dataclass(frozen=True)
class PersonPlan:
    commune_key: str
    village_code: str
    public_id: uuid.UUID
    full_name: str
    sex: str
    date_of_birth: dt.date
    national_id: str
    ethnicity: str
    religion: str
    phone: str
    occupation: str
    workplace: str
    school_grade: int
    in_school: bool
    higher_level: str
    field_of_study: str
    study_mode: str
    study_status: str
    study_end_date: dt.date | None
    party_member: bool
    youth_union_member: bool
    marital_status: str
    ties: tuple[TiePlan, ...]


@dataclass(frozen=True)
class DemoPlan:
    villages: tuple[VillagePlan, ...]
    people: tuple[PersonPlan, ...]


@dataclass(frozen=True)
class DemoSummary:
    people: int
    family_ties: int
    villages: int


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split ``total`` into ``parts`` uneven positive shares that add up to it."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    scale = total / sum(weights)
    shares = [int(w * scale) for w in weights]
    shares[-1] += total - sum(shares)
    return shares


def plan_villages(communes: Sequence[CommuneInput], rng: random.Random) -> list[VillagePlan]:
    """Villages (thôn) or residential groups (tổ dân phố) of each commune and their 2025 rows.

    Names are unique among the villages that end up in the same 2025 commune.
    """
    used_by_group: dict[str, set[str]] = {}
    successor_counters: dict[str, int] = {}
    plans: list[VillagePlan] = []
    for commune in communes:
        count = rng.randint(*VILLAGES_PER_COMMUNE)
        if commune.kind == UnitKind.TOWN:
            kind = str(UnitKind.RESIDENTIAL_GROUP)
            names = [f"Tổ dân phố {i}" for i in range(1, count + 1)]
        else:
            kind = str(UnitKind.VILLAGE)
            group = commune.successors[0][0] if commune.successors else commune.key
            used = used_by_group.setdefault(group, {DUC_TRUNG})
            pool = [name for name in VILLAGE_NAMES if name not in used]
            names = rng.sample(pool, count)
            if commune.key == DUC_HOP_KEY:
                names[rng.randrange(count)] = DUC_TRUNG
            used.update(names)
        populations = _split(commune.population, count, rng)
        for index, (name, population) in enumerate(zip(names, populations, strict=True)):
            successor_key: str | None = None
            successor_code: str | None = None
            if commune.successors:
                # Villages are split over the successors in order, in contiguous blocks.
                which = index * len(commune.successors) // count
                successor_key, base_code = commune.successors[which]
                successor_counters[successor_key] = successor_counters.get(successor_key, 0) + 1
                successor_code = f"{base_code}-{successor_counters[successor_key]:02d}"
            plans.append(
                VillagePlan(
                    commune_key=commune.key,
                    code=f"{commune.code}-{index + 1:02d}",
                    name=name,
                    kind=kind,
                    population=population,
                    successor_key=successor_key,
                    successor_code=successor_code,
                )
            )
    return plans
