"""Who may sign a call-out order, by date: the district level until 30/06/2025, the commune
chairman (and, for the militia, the commune commander) from 01/07/2025; disaster orders only
from the Civil Defence Law (01/07/2024); unverified values flagged."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law.book import rule
from muster.law.mobilisation.rules import OrderKind, may_order, order_basis
from muster.law.rulebook import NoRuleInForce

LAST_DISTRICT_DAY = dt.date(2025, 6, 30)
REFORM = dt.date(2025, 7, 1)


@pytest.mark.parametrize("kind", list(OrderKind))
def test_the_district_chairman_signs_until_the_reform_and_not_after(kind):
    assert may_order(kind, "district_chairman", LAST_DISTRICT_DAY)
    assert not may_order(kind, "district_chairman", REFORM)


def test_the_commune_chairman_calls_reservists_for_checks_only_from_the_reform():
    assert not may_order("readiness_check", "commune_chairman", LAST_DISTRICT_DAY)
    assert may_order("readiness_check", "commune_chairman", REFORM)
    # The commune commander deploys the militia for a drill on both sides of the reform.
    assert may_order("drill", "commune_commander", LAST_DISTRICT_DAY)
    assert may_order("drill", "commune_commander", REFORM)
    assert not may_order("readiness_check", "commune_commander", REFORM)


def test_disaster_orders_start_with_the_civil_defence_law():
    assert not may_order("disaster", "commune_chairman", dt.date(2024, 6, 30))
    assert may_order("disaster", "commune_chairman", dt.date(2024, 7, 1))
    with pytest.raises(NoRuleInForce):
        order_basis("search_rescue", dt.date(2024, 6, 30))
    assert may_order("search_rescue", "provincial_chairman", REFORM)
    assert not may_order("search_rescue", "provincial_chairman", LAST_DISTRICT_DAY)


def test_the_basis_cites_the_amended_articles_and_flags_what_is_unverified():
    basis = order_basis("disaster", dt.date(2025, 9, 20), ("militia", "asset"))
    words = basis.text()
    assert "Luật Phòng thủ dân sự 18/2023/QH15" in words.vi
    assert "khoản 16 Điều 10 Luật 98/2025/QH15" in words.vi
    assert "khoản 7 Điều 7 Luật 98/2025/QH15" in words.vi
    assert not basis.confirmed and words.vi.endswith("(chưa xác minh)")
    assert words.en.endswith("(unverified)")
    # The militia's deployment and the assets' call-out are confirmed by the reference.
    assert rule("mobilisation.force.militia", REFORM).confirmed
    assert rule("mobilisation.force.assets", REFORM).confirmed
    assert not rule("mobilisation.force.militia", LAST_DISTRICT_DAY).confirmed


def test_an_unknown_authority_or_kind_may_not_order():
    assert not may_order("drill", "village_head", REFORM)
    with pytest.raises(ValueError):
        order_basis("parade", REFORM)
