"""Rear-policy test records: a soldier handed over in February 2025 with his parents, and a
support case of his family."""

from __future__ import annotations

import datetime as dt

from muster.accounts.services import system_actor
from muster.conscription.handover.models import Recruit
from muster.people.models import FamilyTie, Person
from muster.rear import services
from muster.rear.models import SupportCase
from tests.conscription.selection_factories import matrix_recruit
from tests.reserve.factories import recruit_of

HANDED = dt.date(2025, 2, 13)


def soldier(person: Person, *, handed_on: dt.date = HANDED) -> Recruit:
    """``person`` handed over on ``handed_on``, with a mother, a father and a brother."""
    return with_family(recruit_of(person, handed_on=handed_on))


def second_soldier(person: Person) -> Recruit:
    """Another soldier in a test that has one already (a campaign of 2024, handed over on the
    same day as the first)."""
    world = {"unit_out": person.registration_unit, "person_out": person}
    return with_family(matrix_recruit(world, "out"))


def with_family(recruit: Recruit) -> Recruit:
    person = recruit.decision.person
    for relation, name in (("mother", "Lê Thị Hoa"), ("father", "Trần Văn Bình")):
        FamilyTie.objects.create(
            person=person, relation=relation, relative_name=name, relative_birth_year=1975
        )
    FamilyTie.objects.create(person=person, relation="brother", relative_name="Trần Văn Cường")
    return recruit


def tie(recruit: Recruit, relation: str) -> FamilyTie:
    return recruit.decision.person.family_ties.get(relation=relation)


def make_case(recruit: Recruit, **kwargs: object) -> SupportCase:
    kwargs.setdefault("kind", "house")
    kwargs.setdefault("event_on", dt.date(2026, 3, 2))
    return services.record_case(actor=system_actor(), recruit=recruit, **kwargs)  # type: ignore[arg-type]


def case_kwargs(world: dict, side: str) -> dict:
    key = f"rear_case_{side}"
    if key not in world:
        world[key] = make_case(with_family(matrix_recruit(world, side)))
    return {"public_id": world[key].public_id}
