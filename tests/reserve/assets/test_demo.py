"""The demo technical assets: a few hundred across the communes of 1 Jul 2025, one 2025
registration per commune, needs and same-kind assignments when reserve units exist;
idempotent; the step is registered at order 42."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count

from muster.core.registry import registry
from muster.demo.reserve_assets import PER_COMMUNE, load_demo_assets
from muster.reserve.assets.rounds import round_reports
from muster.reserve.models import Asset, AssetAssignment, AssetNeed, RegistrationRound
from tests.core.factories import make_person
from tests.reserve.assets.factories import make_unit

pytestmark = pytest.mark.django_db


def test_demo_assets_rounds_needs_and_assignments(units):
    for i in range(5):
        make_person(
            units["DHOP"], full_name=f"Nguyễn Văn Chủ {i}", date_of_birth=dt.date(1980, 1, i + 1)
        )
    make_unit(units["DHOP25"], "d1", established_on=dt.date(2025, 7, 1))
    loaded = load_demo_assets(units=units, seed=7)
    assert loaded is not None
    assets, rounds, needs, assigned = loaded
    assert assets == 5 * PER_COMMUNE and rounds == 5 and needs == 4 and assigned > 0
    assert Asset.objects.filter(owner_person__isnull=False, holder=units["DHOP25"]).exists()
    assert set(Asset.objects.values_list("kind", flat=True)) == {
        "road_vehicle",
        "watercraft",
        "construction",
        "communications",
    }
    for a in AssetAssignment.objects.select_related("asset", "need"):
        assert a.asset.kind == a.need.kind and a.reason.startswith("Cùng loại")
    assert not AssetAssignment.objects.values("asset").annotate(n=Count("pk")).filter(n__gt=1)
    for need in AssetNeed.objects.annotate(n=Count("assignments")):
        assert need.n <= need.count
    for report in round_reports(RegistrationRound.objects.all()):
        t = report.total
        assert t.at_start + t.new - t.removed == t.at_close
    assert load_demo_assets(units=units, seed=7) is None


def test_demo_step_is_registered_at_42():
    step = registry.demo_steps["reserve.assets"]
    assert step.order == 42 and step.resolve().__name__ == "demo_step"
