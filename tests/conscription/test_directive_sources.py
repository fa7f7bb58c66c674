"""The call-up's live figures for a directive's targets (issue 15, item 13): the quota met and
the replacements after handover, read from the campaign of the directive's year in the area."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from muster.conscription.handover import services as hs
from muster.conscription.handover.models import ReturnReason
from muster.directives.sources import read_source, read_source_each
from muster.geo.models import Unit
from tests.conscription.selection_factories import handed_over, issued_list


def _area(unit: Unit) -> frozenset[int]:
    return frozenset(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))


def _met(unit, year=2025):
    return read_source("callup.quota_met_pct", _area(unit), year)


def _replacements(unit, year=2025):
    return read_source("callup.replacements", _area(unit), year)


@pytest.fixture
def listed(commune, officer):
    """Đức Hợp (army quota 3 of the district's 30): 3 official, 3 standby, 3 decisions."""
    return issued_list(officer, commune, people=6, standby=3)


def test_no_campaign_of_the_year_is_no_data(campaign, units):
    assert _met(units["DHOP"], 2026) is None
    assert _replacements(units["DHOP"], 2026) is None


def test_decisions_count_once_handed_over(listed, commune, units):
    assert _met(units["DHOP"]) == Decimal(0)  # decisions issued, nobody handed over yet
    assert _replacements(units["DHOP"]) == Decimal(0)


def test_quota_met_returns_and_replacements(listed, commune, officer, units):
    handover = handed_over(officer, commune)
    assert _met(units["DHOP"]) == Decimal(100)
    assert _met(units["KD"]) == Decimal(10)  # 3 handed over of the district's 30
    recruit = handover.recruits.order_by("decision__number").first()
    returned = hs.recruit_return(
        actor=officer,
        recruit=recruit,
        returned_on=dt.date(2025, 2, 20),
        reason_kind=ReturnReason.PROCEDURE,
        reason="Hồ sơ thiếu xác minh chính trị",
    )
    assert _met(units["DHOP"]) == Decimal("66.7")  # the unit sent one back: 2 of 3
    hs.replacement_record(actor=officer, returned=returned, replaced_on=dt.date(2025, 2, 25))
    assert _met(units["DHOP"]) == Decimal(100)  # the replacement joined the unit
    assert _replacements(units["DHOP"]) == Decimal(1)
    assert _replacements(units["KD"]) == Decimal(1)
    assert _replacements(units["DT"]) == Decimal(0)


@pytest.mark.parametrize("name", ["callup.quota_met_pct", "callup.replacements", "callup.recruits"])
def test_a_board_reads_every_share_at_once_with_the_figures_of_one_by_one(
    name, listed, commune, officer, units, django_assert_max_num_queries
):
    """The directive board reads a bound target for each commune's share: a few queries for all
    of them (it took three per share), each figure the one a single read gives."""
    handed_over(officer, commune)
    areas = [_area(units[code]) for code in ("DHOP", "DT", "KD", "DHOP")]
    one_by_one = [read_source(name, area, 2025) for area in areas]
    with django_assert_max_num_queries(3):
        assert read_source_each(name, areas, 2025) == one_by_one
    assert read_source_each(name, [_area(units["DHOP"])], 2026) == [None]
