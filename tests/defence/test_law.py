"""The pure defence rules: the steps of each kind, the cycles and their flags, the calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law.callup.year import YearInput
from muster.law.defence import cycles, works


def test_each_kind_has_its_ordered_steps():
    assert works.steps_of("land") == ("investment", "funding", "land")
    hq = works.steps_of(works.WorkKind.COMMUNE_HQ)
    assert hq.index("land") < hq.index("design") < hq.index("start") < hq.index("completion")
    assert "land" not in works.steps_of("other")
    assert works.out_of_order("commune_hq", {"investment"}, "design") == ["land"]
    assert works.out_of_order("commune_hq", {"investment", "land"}, "design") == []
    assert not works.STEPS_BASIS.confirmed  # the procedure is Muster's reading


def test_area_in_ha():
    assert works.area_in_ha(1143, "m2") == pytest.approx(0.1143)
    assert works.area_in_ha(1.5, "ha") == 1.5
    with pytest.raises(ValueError):
        works.area_in_ha(1, "acre")


def test_civil_defence_rules_rest_on_decree_02_and_are_flagged_unverified():
    day = dt.date(2025, 1, 1)
    plan = cycles.BOOK.rule("defence.civil_plan_cycle", day)
    drill = cycles.BOOK.rule("defence.civil_drill_cycle", day)
    assert plan.int_param("cycle_years") == 5 and plan.int_param("adjust_every_years") == 1
    assert drill.int_param("cycle_years") == 5
    assert not plan.confirmed and not drill.confirmed
    assert "18/2023" in " ".join(c.document for c in plan.citations)
    assert cycles.plan_cycle_end(2021) == 2025 and cycles.plan_cycle_end(2026) == 2030
    # Before Decree 02/2019 took effect there is no rule.
    assert cycles.BOOK.rule_or_none("defence.civil_plan_cycle", dt.date(2019, 2, 19)) is None


def test_drill_due_on_the_cycle_boundary():
    held = dt.date(2021, 10, 1)
    assert not cycles.drill_due("civil_defence", held, 2025)  # 4 years on
    assert cycles.drill_due("civil_defence", held, 2026)  # 5 years on
    assert cycles.drill_due("combat", None, 2026)


def test_air_defence_days_cap():
    rule = cycles.BOOK.rule("defence.air_defence_days", dt.date(2026, 1, 1))
    assert rule.int_param("max_days_per_year") == 7


def test_calendar_steps_of_a_year():
    steps = {s.kind: s for s in cycles.year_steps(YearInput(2026))}
    assert set(steps) == {cycles.WORK_PLAN_KIND, cycles.CIVIL_PLAN_KIND, cycles.DRILLS_KIND}
    assert steps[cycles.WORK_PLAN_KIND].due == dt.date(2026, 1, 31)
    assert steps[cycles.CIVIL_PLAN_KIND].due == dt.date(2026, 12, 31)
    assert all(not s.confirmed for s in steps.values())
    assert cycles.year_steps(YearInput(2018)) == []
