"""The demo reserve: built from the demo registry, idempotent, its registers on the communes
of 01/07/2025, its 2023 intake registered in time, one current placement of PTKV 1."""

from __future__ import annotations

import pytest

from muster.demo.people.writer import generate_demo_registry
from muster.demo.reserve import PLACEMENT_DAY, REFORM, UNITS, demo_step
from muster.law.ages import age_on
from muster.reserve.models import (
    DischargeReception,
    KhungBAppointment,
    Placement,
    PlacementRun,
    ReserveUnit,
    Reservist,
    UnitStrength,
)

pytestmark = pytest.mark.django_db

SCALE = 0.05


def test_demo_reserve_is_built_once_and_placed(units):
    generate_demo_registry(units=units, seed=2025, scale=SCALE)
    lines = demo_step(units=units, seed=2025, scale=SCALE)
    assert lines and lines[0].startswith("Demo reserve:")
    assert demo_step(units=units, seed=2025, scale=SCALE) == []  # idempotent
    cadres = list(KhungBAppointment.objects.select_related("unit"))
    assert cadres and len({c.unit_id for c in cadres}) == len(cadres)
    assert ReserveUnit.objects.count() == len(UNITS)
    open_rows = Reservist.objects.filter(removed_on__isnull=True).select_related("person", "holder")
    assert open_rows.exists()
    for r in open_rows:
        assert r.holder.is_valid_on(REFORM) and r.registered_on >= REFORM
        assert r.person.sex == "M" and 18 <= age_on(r.person.date_of_birth, REFORM) <= 45
        if r.kind == "nco_soldier":
            assert r.reserve_class in (1, 2) and r.class_reason_vi
    for reception in DischargeReception.objects.all():
        first = Reservist.objects.filter(reception=reception).order_by("registered_on").first()
        assert first is not None and first.registered_on <= reception.registration_due_on
        assert first.reserve_class == 1
    run = PlacementRun.objects.get(current=True)
    assert run.area == units["PTKV1"] and run.day == PLACEMENT_DAY
    assert Placement.objects.filter(run=run).count() == run.placed > 0
    assert UnitStrength.objects.filter(run=run).count() == len(UNITS)
