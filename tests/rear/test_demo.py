"""The demo rear policy: built on the 2025 recruits still serving, idempotent; the third house
case of the year is refused by the cap, one family is not visited at Tết; the directive's
figure reads the visits."""

from __future__ import annotations

import pytest

from muster.demo.rear import demo_step
from muster.directives.sources import read_source
from muster.rear.models import CaseStatus, Entitlement, SupportCase, Visit
from tests.core.factories import make_person
from tests.rear.factories import second_soldier, soldier

pytestmark = pytest.mark.django_db


def test_demo_rear_is_built_once(units):
    first = soldier(make_person(units["DHOP"], full_name="An Văn Bình"))
    second = second_soldier(make_person(units["DHOP"], full_name="Bùi Văn Cường"))
    lines = demo_step(units=units, seed=1, scale=0.05)
    assert lines and "1 refused" in lines[0]
    assert demo_step(units=units, seed=1, scale=0.05) == []
    houses = SupportCase.objects.filter(recruit=first, kind="house")
    assert [c.status for c in houses] == [CaseStatus.GRANTED, CaseStatus.GRANTED]
    assert SupportCase.objects.filter(kind="illness", papers_missing=True).exists()
    assert Entitlement.objects.filter(kind="health_insurance").count() == 4
    assert Visit.objects.filter(occasion="army_day").count() == 2
    assert list(Visit.objects.filter(occasion="tet").values_list("recruit", flat=True)) == [
        first.pk
    ]
    assert second.pk not in set(
        Visit.objects.filter(occasion="tet").values_list("recruit", flat=True)
    )
    subtree = frozenset({units["DHOP"].pk})
    assert str(read_source("rear.families_visited_pct", subtree, 2025)) == "50.0"
