"""Who decides the province's call-up decisions, by day (Law 98/2025 from 01/07/2025)."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law import book
from muster.law.callup import province

LAST_DISTRICT_DAY = dt.date(2025, 6, 30)
REFORM = dt.date(2025, 7, 1)


@pytest.mark.parametrize("kind", province.KINDS)
def test_district_chairman_until_30_june_then_provincial_chairman(kind: str) -> None:
    before = province.decider(kind, LAST_DISTRICT_DAY)
    after = province.decider(kind, REFORM)
    assert before.authority == "district_chairman" and not before.is_province
    assert not before.needs_council_proposal
    assert after.authority == "provincial_chairman" and after.is_province
    # The provincial council proposes (Art 37 as amended) and the basis says so.
    assert after.needs_council_proposal
    assert "Art 37" in after.citation and "Điều 37" in after.citation_vi


def test_district_council_ends_with_the_reform() -> None:
    assert province.council_levels(LAST_DISTRICT_DAY) == ("province", "district", "commune")
    assert province.council_levels(REFORM) == ("province", "commune")


def test_province_rules_are_in_the_rule_book_and_flag_what_is_unverified() -> None:
    received = book.rule("province.quota_received", REFORM)
    regional = book.rule("province.regional_command", REFORM)
    assert not received.confirmed and not regional.confirmed
    assert book.rule("province.council", REFORM).confirmed
    assert book.rule_or_none("province.quota_received", LAST_DISTRICT_DAY) is None


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        province.decider("handover", REFORM)
