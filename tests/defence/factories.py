"""Defence test records, made through the services (the system actor records and approves)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from muster.accounts.services import system_actor
from muster.defence import services
from muster.defence.models import DefenceWork, Milestone, MilestoneEvidence
from muster.geo.models import Unit

PDF = b"%PDF-1.4\n% test evidence\n%%EOF\n"


def make_work(
    unit: Unit,
    *,
    kind: str = "land",
    name: str = "Đất căn cứ hậu phương",
    area: Decimal | None = Decimal("1.5"),
    area_unit: str = "ha",
) -> DefenceWork:
    return services.work_create(
        actor=system_actor(),
        unit=unit,
        kind=kind,
        name=name,
        location="Thôn Đức Trung",
        area=area,
        area_unit=area_unit,
        budget_planned=Decimal(1_000_000),
    )


def step(work: DefenceWork, code: str) -> Milestone:
    return work.milestones.get(step=code)


def done_with_evidence(milestone: Milestone, day: dt.date) -> MilestoneEvidence:
    services.milestone_record(
        actor=system_actor(), milestone=milestone, planned_on=None, done_on=day, today=day
    )
    return services.evidence_add(
        actor=system_actor(), milestone=milestone, filename="quyet-dinh.pdf", data=PDF
    )


def work_kwargs(world: dict, side: str) -> dict:
    key = f"defence_work_{side}"
    if key not in world:
        world[key] = make_work(world[f"unit_{side}"], name=f"Công trình {side}")
    return {"public_id": world[key].public_id}


def evidence_kwargs(world: dict, side: str) -> dict:
    key = f"defence_evidence_{side}"
    if key not in world:
        work_kwargs(world, side)
        world[key] = done_with_evidence(
            step(world[f"defence_work_{side}"], "investment"), dt.date(2025, 1, 10)
        )
    return {"public_id": world[key].public_id}
