"""The demo step of the reserve's 2025 training: nothing without reservists, then call-ups,
a deferral, a readiness check and the meetings, and nothing new on a second run."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.core.registry import registry
from muster.demo.reserve_training import demo_step
from muster.reserve.models import Meeting, ReserveUnit, Reservist, TrainingCall
from tests.core.factories import make_person

pytestmark = pytest.mark.django_db


def test_demo_step_is_registered_after_the_reserve_step():
    assert registry.demo_steps["reserve.training"].order == 44


def test_demo_skips_without_reservists_then_builds_once(units):
    assert demo_step(units=units, seed=1, scale=1.0) == []
    for i in range(5):
        person = make_person(units["DHOP"], full_name=f"Nguyễn Văn {i}")
        Reservist.objects.create(
            person=person,
            holder=units["DHOP"],
            kind="nco_soldier",
            reserve_class=1,
            registered_on=dt.date(2024, 1, 1),
            certificate_number=f"DB-{i}",
        )
    ReserveUnit.objects.create(
        area=units["DHOP"],
        code="B1",
        name="Trung đội 1",
        role="combat",
        force="local",
        established_on=dt.date(2024, 1, 1),
    )
    lines = demo_step(units=units, seed=1, scale=1.0)
    assert lines and "1 training call-ups" in lines[0]
    assert set(TrainingCall.objects.values_list("kind", flat=True)) == {"training", "check"}
    assert TrainingCall.objects.get(kind="training").entries.filter(status="deferred").count() == 1
    assert Meeting.objects.filter(kind="khung_b").count() == 4
    assert Meeting.objects.filter(kind="december").count() == 1
    assert demo_step(units=units, seed=1, scale=1.0) == []
