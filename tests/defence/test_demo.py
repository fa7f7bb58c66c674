"""The demo's defence works: built once, every step done has evidence, the approved steps
give the directive's task 1 its figures."""

from __future__ import annotations

import pytest

from muster.defence import sources
from muster.defence.models import DefenceWork, Drill, Milestone, Plan
from muster.demo.defence import demo_step

pytestmark = pytest.mark.django_db


def test_demo_defence_is_built_once(units):
    lines = demo_step(units=units, seed=2025, scale=0.05)
    assert lines and lines[0].startswith("Defence works:")
    assert demo_step(units=units, seed=2025, scale=0.05) == []
    assert DefenceWork.objects.count() == 3
    for m in Milestone.objects.filter(approved_on__isnull=False):
        assert m.evidence.exists() and m.done_on is not None
    dhop = frozenset({units["DHOP"].pk})
    dt_ = frozenset({units["DT"].pk})
    assert sources.land_ha(dhop, 2025) == 1.5
    assert sources.land_m2(dt_, 2025) == 1143
    assert sources.hq_started(dhop, 2025) == 1
    hq = DefenceWork.objects.get(kind="commune_hq")
    assert hq.milestones.get(step="investment").done_on.isoformat() == "2025-03-20"
    assert Plan.objects.filter(kind="civil_defence").count() == 3
    assert Drill.objects.filter(held_on__isnull=True).count() == 2
