"""The directive's live figure of the placement (``reserve.unit_strength_pct``): filled
full-strength posts over the establishment of the set's units, by the latest placement on or
before the day the year is read on; none before any placement; a unit out of the set does not
count."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from muster.directives.sources import read_source
from muster.reserve.placement.services import run_placement
from tests.reserve.unit_factories import make_reservist, make_unit

pytestmark = pytest.mark.django_db


def test_strength_counts_filled_posts_of_the_sets_units(personas, units):
    dhop, dt_ = units["DHOP"], units["DT"]
    make_unit(dhop, posts={"BB": 4}, code="C1")
    make_unit(dt_, posts={"BB": 2}, code="C2")
    for name in ("Nguyễn Văn An", "Lê Văn Ba", "Phạm Văn Cư"):
        make_reservist(dhop, specialty="BB", name=name)
    assert read_source("reserve.unit_strength_pct", frozenset({dhop.pk}), 2025) is None
    run_placement(actor=personas["district_officer"], area=units["KD"], day=dt.date(2025, 5, 2))
    # The three men of Đức Hợp fill its own unit first (own area): 3 of 4; Đồng Thanh's 0 of 2.
    both = read_source("reserve.unit_strength_pct", frozenset({dhop.pk, dt_.pk}), 2025)
    assert both == Decimal("50.0")
    assert read_source("reserve.unit_strength_pct", frozenset({dhop.pk}), 2025) == Decimal("75.0")
    assert read_source("reserve.unit_strength_pct", frozenset({dt_.pk}), 2025) == Decimal("0.0")
    # The year before the placement has no figure.
    assert read_source("reserve.unit_strength_pct", frozenset({dhop.pk, dt_.pk}), 2024) is None
