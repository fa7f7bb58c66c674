"""The rear policy's pure rules (muster.law.rear): relatives covered, amounts, yearly caps and
their year boundaries, the illness thresholds and the procedure's deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law import book
from muster.law.rear.support import (
    RelativeKind,
    SupportKind,
    assess,
    cap_left,
    decision_due,
    is_covered,
    papers_due,
)

DAY = dt.date(2026, 3, 10)


@pytest.mark.parametrize("relation", [k.value for k in RelativeKind])
def test_parents_in_law_guardian_spouse_children_are_covered(relation):
    assert is_covered(relation)


@pytest.mark.parametrize("relation", ["brother", "sister", "grandfather"])
def test_brothers_and_sisters_are_not_covered(relation):
    assert not is_covered(relation)
    result = assess(SupportKind.DEATH, DAY, relation=relation)
    assert not result.granted


def test_amounts_are_cited_and_flagged_unverified():
    assert assess(SupportKind.HOUSE, DAY).amount == 3_000_000
    assert assess(SupportKind.ILLNESS, DAY, ill_days=30).amount == 500_000
    assert assess(SupportKind.DEATH, DAY, relation="father").amount == 2_000_000
    for code in ("rear.support.house", "rear.support.illness", "rear.support.death"):
        rule = book.rule(code, DAY)
        assert not rule.confirmed and "VBHN 40" in rule.note
        assert rule.citations[0].label_vi == "Điều 6 Nghị định 27/2016/NĐ-CP"


def test_no_support_rule_before_decree_27():
    with pytest.raises(LookupError):
        assess(SupportKind.HOUSE, dt.date(2016, 5, 19))


@pytest.mark.parametrize(
    ("hospital_days", "granted"), [(6, False), (7, True), (None, False), (30, True)]
)
def test_six_days_in_hospital_is_not_enough_seven_is(hospital_days, granted):
    result = assess(SupportKind.ILLNESS, DAY, relation="mother", hospital_days=hospital_days)
    assert result.granted is granted


@pytest.mark.parametrize(("ill_days", "granted"), [(29, False), (30, True), (0, False)])
def test_twenty_nine_days_ill_is_not_a_month_thirty_is(ill_days, granted):
    result = assess(SupportKind.ILLNESS, DAY, relation="mother", ill_days=ill_days)
    assert result.granted is granted
    if not granted:
        assert "30 ngày" in result.refusals[0].vi


def test_the_third_house_case_in_a_year_is_refused_citing_the_rule():
    two = [dt.date(2026, 1, 5), dt.date(2026, 2, 5)]
    assert assess(SupportKind.HOUSE, DAY, earlier=two[:1]).granted
    third = assess(SupportKind.HOUSE, DAY, earlier=two)
    assert not third.granted
    assert "không quá 02 lần" in third.refusals[0].vi
    assert "Điều 6 Nghị định 27/2016/NĐ-CP" in third.refusals[0].vi
    assert "at most 2 a year" in third.refusals[0].en


def test_the_cap_is_counted_in_the_calendar_year_of_the_event():
    last_year = [dt.date(2025, 12, 30), dt.date(2025, 12, 31)]
    assert not assess(SupportKind.HOUSE, dt.date(2025, 12, 31), earlier=last_year).granted
    assert assess(SupportKind.HOUSE, dt.date(2026, 1, 1), earlier=last_year).granted
    assert cap_left(SupportKind.HOUSE, 2025, last_year) == 0
    assert cap_left(SupportKind.HOUSE, 2026, last_year) == 2
    assert cap_left(SupportKind.DEATH, 2026, last_year) is None


def test_the_illness_cap_is_per_relative():
    two = [dt.date(2026, 1, 5), dt.date(2026, 2, 5)]
    third = assess(SupportKind.ILLNESS, DAY, relation="father", hospital_days=9, earlier=two)
    assert not third.granted and "mỗi thân nhân" in third.refusals[0].vi
    other = assess(SupportKind.ILLNESS, DAY, relation="mother", hospital_days=9, earlier=())
    assert other.granted


def test_death_support_once_per_person():
    assert not assess(SupportKind.DEATH, DAY, relation="father", earlier=[DAY]).granted


def test_the_regiment_decides_within_two_working_days():
    friday = dt.date(2026, 3, 6)
    assert decision_due(friday, ()) == dt.date(2026, 3, 10)  # Mon, Tue
    monday = dt.date(2026, 3, 9)
    assert decision_due(monday, {dt.date(2026, 3, 10)}) == dt.date(2026, 3, 12)


def test_missing_papers_within_thirty_days_rolling_past_a_day_off():
    assert papers_due(dt.date(2026, 3, 2), ()) == dt.date(2026, 4, 1)
    # 30 days after 5 Mar 2026 is Saturday 4 Apr: due on Monday 6 Apr.
    assert papers_due(dt.date(2026, 3, 5), ()) == dt.date(2026, 4, 6)
