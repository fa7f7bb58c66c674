"""Who trains whom (TT 69/2020 Art 7): the pre-2025 split up to 30/06/2025, no level and an
unconfirmed rule from 01/07/2025, nothing before Law 48/2019 took effect."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law.militia.enums import Component
from muster.law.militia.training_extra import trainer
from muster.law.rulebook import NoRuleInForce

LAST_OLD = dt.date(2025, 6, 30)
FIRST_NEW = dt.date(2025, 7, 1)


@pytest.mark.parametrize(
    ("component", "first_year", "level"),
    [
        (Component.ARTILLERY, False, "province"),
        (Component.AIR_DEFENCE, True, "province"),
        (Component.MARITIME, False, "province"),
        (Component.MOBILE, True, "district"),
        (Component.ENGINEERING, False, "district"),
        (Component.STANDING, True, "commune"),
        (Component.MOBILE, False, "commune"),
        (Component.ON_SITE, False, "commune"),
    ],
)
def test_the_pre_2025_split(component, first_year, level):
    found = trainer(component, first_year, LAST_OLD)
    assert found.level == level and found.rule.confirmed
    assert found.rule.citations[0].article == "7"


def test_after_the_reform_the_split_is_unverified():
    found = trainer(Component.MOBILE, False, FIRST_NEW)
    assert found.level is None and not found.rule.confirmed


def test_no_rule_before_the_militia_law():
    with pytest.raises(NoRuleInForce):
        trainer(Component.MOBILE, False, dt.date(2020, 6, 30))
