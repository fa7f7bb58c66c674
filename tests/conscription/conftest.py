"""Fixtures shared by the call-up tests: the district officer, and the 2025 Kim Động campaign
whose Đức Hợp commune has an army quota of 3.

A module that needs another campaign (no quota yet, other pools) defines its own ``campaign``
fixture, which takes the place of this one in that module.
"""

from __future__ import annotations

import pytest

from tests.conscription.campaign_factories import dhop_commune
from tests.conscription.province_factories import make_province
from tests.conscription.selection_factories import campaign_with_quota


@pytest.fixture
def officer(personas):
    return personas["district_officer"]


@pytest.fixture
def campaign(units, officer):
    return campaign_with_quota(units, officer, dhop_army=3)


@pytest.fixture
def commune(campaign, units):
    return dhop_commune(campaign, units)


@pytest.fixture
def province(units):
    """Hưng Yên's 2026 campaign with every commune's pool reported, and its users."""
    return make_province(units)
