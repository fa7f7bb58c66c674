"""The reserve rules in the one rule book: dated, cited, unverified values flagged."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law import book
from muster.law.reserve.rules import AUTHORITY_LABELS, RESERVE_RULES
from muster.law.rulebook import NoRuleInForce


def test_every_reserve_rule_joins_the_book_with_citations_in_both_languages():
    codes = {r.code for r in RESERVE_RULES}
    assert codes <= set(book.codes())
    for item in RESERVE_RULES:
        assert item.code.startswith("reserve.")
        assert item.citations and item.title and item.title_vi
        for cite in item.citations:
            assert cite.label and cite.label_vi
            assert "Law " not in cite.label_vi and "Decree " not in cite.label_vi


@pytest.mark.parametrize(
    ("day", "authority", "confirmed"),
    [
        (dt.date(2025, 6, 30), "provincial_and_district_committees", False),
        (dt.date(2025, 7, 1), "provincial_and_commune_committees", True),
    ],
)
def test_placement_authority_changes_with_law_98(day, authority, confirmed):
    item = book.rule("reserve.placement.authority", day)
    assert item.param("authority") == authority
    assert item.confirmed is confirmed
    assert AUTHORITY_LABELS[authority].vi.startswith("Ủy ban nhân dân cấp tỉnh")


def test_registration_moves_to_the_commune_command_on_1_july_2025():
    assert (
        book.rule("reserve.registration.authority", dt.date(2025, 6, 30)).param("authority")
        == "district_command"
    )
    after = book.rule("reserve.registration.authority", dt.date(2025, 7, 1))
    assert after.param("authority") == "commune_command"
    assert after.citations[0].label_vi.startswith("khoản 3 Điều 7 Luật 98/2025/QH15")


def test_law_53_rules_start_on_1_july_2020():
    with pytest.raises(NoRuleInForce):
        book.rule("reserve.placement.spare", dt.date(2020, 6, 30))
    spare = book.rule("reserve.placement.spare", dt.date(2020, 7, 1))
    assert (spare.int_param("spare_min_percent"), spare.int_param("spare_max_percent")) == (10, 15)


def test_values_of_the_legal_reference():
    day = dt.date(2026, 6, 1)
    ages = book.rule("reserve.placement.ages", day)
    assert ages.int_param("combat_professional_max") == 40
    assert ages.int_param("combat_nco_soldier_max") == 35
    assert ages.int_param("support_male_max") == 45
    assert ages.int_param("support_female_max") == 40
    caps = book.rule("reserve.training.caps", day)
    assert caps.int_param("class1_total_months") == 12
    assert caps.int_param("readiness_check_days") == 7
    assert book.rule("reserve.discharge.registration", day).int_param("working_days") == 15
    assert book.rule("reserve.health.check", day).int_param("team_min") == 3


def test_unverified_values_are_flagged():
    day = dt.date(2026, 6, 1)
    for code in (
        "reserve.class2.police_gap",
        "reserve.placement.officer_ages",
        "reserve.conversion",
    ):
        item = book.rule(code, day)
        assert not item.confirmed and item.note, code
    assert book.rule("reserve.class1.police", day).confirmed
