"""Task 1 of the 2025 directive reads the defence works: the board's land and headquarters
targets move when an officer approves a step with evidence, and not before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from muster.defence import services
from muster.directives import selectors
from tests.defence.factories import PDF, make_work, step

pytestmark = pytest.mark.django_db
ON = dt.date(2025, 12, 31)


@pytest.fixture
def directive(units):
    from muster.demo.directives import load_demo_directive

    return load_demo_directive(units=units)


def _task_one(user, directive) -> dict[str, object]:
    board = selectors.board(user=user, directive=directive, on=ON)
    task = next(t for t in board.tasks if t.task.order == 1)
    return {r.target.source: r for r in task.targets}


def test_the_demo_directive_binds_task_one_to_the_works(directive):
    targets = {t.order: t for t in directive.tasks.get(order=1).targets.all()}
    assert targets[1].source == "defence.land_ha" and targets[1].value == Decimal("1.5")
    assert targets[2].source == "defence.land_m2" and targets[2].value == 1143
    assert targets[3].source == "defence.hq_started" and targets[3].kind == "numeric"
    assert targets[3].value == 1


def test_the_board_moves_when_a_step_is_approved_with_evidence(directive, units, personas):
    leader, officer = personas["leader"], personas["district_officer"]
    commander = personas["commune_commander"]
    assert _task_one(leader, directive)["defence.land_ha"].achieved is None  # no work yet
    land = make_work(units["DHOP"], area=Decimal("1.5"))
    hq = make_work(units["DHOP"], kind="commune_hq", name="Trụ sở", area=None)
    rows = _task_one(leader, directive)
    assert rows["defence.land_ha"].achieved == 0
    assert rows["defence.hq_started"].achieved == 0
    day = dt.date(2025, 8, 26)
    milestone = step(land, "land")
    services.milestone_record(
        actor=commander, milestone=milestone, planned_on=None, done_on=day, today=day
    )
    with pytest.raises(ValidationError):
        services.milestone_approve(actor=officer, milestone=milestone, on=day)
    assert _task_one(leader, directive)["defence.land_ha"].achieved == 0  # done is not enough
    services.evidence_add(actor=commander, milestone=milestone, filename="qd.pdf", data=PDF)
    services.milestone_approve(actor=officer, milestone=milestone, on=day)
    rows = _task_one(leader, directive)
    assert rows["defence.land_ha"].achieved == Decimal("1.5")
    assert rows["defence.land_ha"].progress == 100
    assert rows["defence.land_m2"].achieved is None  # Đồng Thanh has no land work
    start = step(hq, "start")
    services.milestone_record(
        actor=commander, milestone=start, planned_on=None, done_on=day, today=day
    )
    services.evidence_add(actor=commander, milestone=start, filename="kc.pdf", data=PDF)
    services.milestone_approve(actor=officer, milestone=start, on=day)
    assert _task_one(leader, directive)["defence.hq_started"].achieved == 1


def test_a_step_done_in_the_year_counts_when_approved_later(directive, units, personas):
    land = make_work(units["DHOP"], area=Decimal("1.5"))
    milestone = step(land, "land")
    done = dt.date(2025, 12, 20)
    services.milestone_record(
        actor=personas["commune_commander"], milestone=milestone, planned_on=None, done_on=done,
        today=done,
    )  # fmt: skip
    services.evidence_add(
        actor=personas["commune_commander"], milestone=milestone, filename="a.pdf", data=PDF
    )
    services.milestone_approve(
        actor=personas["district_officer"], milestone=milestone, on=dt.date(2026, 1, 8)
    )
    assert _task_one(personas["leader"], directive)["defence.land_ha"].achieved == Decimal("1.5")


def test_a_step_done_in_another_year_does_not_count(directive, units, personas):
    land = make_work(units["DT"], area=Decimal(1143), area_unit="m2")
    milestone = step(land, "land")
    day = dt.date(2026, 1, 5)
    services.milestone_record(
        actor=personas["other_commander"], milestone=milestone, planned_on=None, done_on=day,
        today=day,
    )  # fmt: skip
    services.evidence_add(
        actor=personas["other_commander"], milestone=milestone, filename="a.pdf", data=PDF
    )
    services.milestone_approve(actor=personas["district_officer"], milestone=milestone, on=day)
    assert _task_one(personas["leader"], directive)["defence.land_m2"].achieved == 0
