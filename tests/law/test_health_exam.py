"""The stations an examination requires (TT 105/2023 Art 8(5),(6)), as dated data."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law.book import rule, versions
from muster.law.health import exam
from muster.law.sources import TT_105_FROM

MAN_ROUND_1 = {
    "physique",
    "surgery",
    "dermatology",
    "eyes",
    "ent",
    "teeth",
    "internal",
    "neurology",
    "psychiatry",
    "imaging",
}
ROUND_2 = {"lab", "drug_test", "hiv_test"}
AFTER = dt.date(2025, 11, 16)
BEFORE = dt.date(2023, 11, 16)


def test_the_rule_is_in_force_from_tt_105_and_the_old_list_is_unverified():
    current = rule("health.exam_stations", AFTER)
    assert current.valid_from == TT_105_FROM and current.valid_to is None
    assert current.confirmed
    assert any("105/2023" in c.document and c.article == "8" for c in current.citations)
    old = rule("health.exam_stations", BEFORE)
    assert not old.confirmed and old.note
    assert old.valid_to == TT_105_FROM - dt.timedelta(days=1)
    assert [v.valid_from for v in versions("health.exam_stations")][-1] == TT_105_FROM


@pytest.mark.parametrize("on", [AFTER, BEFORE])
def test_a_man_and_a_woman_need_their_rounds(on):
    men = exam.required_stations("male", on)
    women = exam.required_stations("female", on)
    assert set(men[0]) == MAN_ROUND_1 and set(men[1]) == ROUND_2
    assert set(women[0]) == MAN_ROUND_1 | {"gynaecology"} and set(women[1]) == ROUND_2


def test_missing_stations_of_each_round():
    r1, r2 = exam.missing_stations({"physique"}, "male", AFTER)
    assert set(r1) == MAN_ROUND_1 - {"physique"}
    assert set(r2) == ROUND_2
    assert exam.missing_stations(MAN_ROUND_1 | ROUND_2, "male", AFTER) == ((), ())


def test_can_conclude_at_a_failed_standard_or_when_complete():
    assert not exam.can_conclude({"physique": 1}, "male", AFTER)
    assert exam.can_conclude({"physique": 1, "surgery": 4}, "male", AFTER)
    complete = dict.fromkeys(MAN_ROUND_1, 2) | {"lab": 1, "drug_test": None, "hiv_test": None}
    assert exam.can_conclude(complete, "male", AFTER)
    assert not exam.can_conclude(complete, "female", AFTER)


def test_round_two_opens_only_after_a_complete_passed_round_one():
    passed = dict.fromkeys(MAN_ROUND_1, 3)
    assert exam.round_two_open(passed, "male", AFTER)
    assert not exam.round_two_open(passed | {"eyes": 4}, "male", AFTER)
    assert not exam.round_two_open({"physique": 1}, "male", AFTER)
    assert not exam.round_two_open(passed, "female", AFTER)


def test_station_codes_are_the_models():
    from muster.health.models import Station

    assert MAN_ROUND_1 | ROUND_2 | {"gynaecology"} == set(Station.values)
