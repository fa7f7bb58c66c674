"""Each ground of Law 48/2019 Art 11 from the facts that meet it, and who may volunteer
(Art 11(3): deferral c–g and exemption a, b, d)."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law.militia.engine import MilitiaFacts, grounds_found, judge
from muster.law.militia.enums import Sex
from muster.law.militia.grounds import (
    DEFERRAL_CODES,
    EXEMPTION_CODES,
    GROUND_BY_CODE,
    VOLUNTEER_ADMISSIBLE,
)

D = dt.date
ON = D(2026, 6, 1)
BORN = D(1996, 1, 1)  # 30 on ON

#: One set of facts per ground, for a man (11.1.a: raising a young child alone).
GROUND_FACTS: dict[str, dict[str, object]] = {
    "11.1.a": {"youngest_child_born": D(2025, 1, 1), "raising_child_alone": True},
    "11.1.b": {"fit": False},
    "11.1.c": {"spouse_in_army": True},
    "11.1.d": {"spouse_in_police": True},
    "11.1.đ": {"spouse_posted_hardship": True},
    "11.1.e": {"sole_worker_poor_household": True},
    "11.1.g": {"relative_work_capacity_loss": 70},
    "11.1.h": {"studying": True},
    "11.2.a": {"spouse_or_child_of_martyr": True},
    "11.2.b": {"relative_work_capacity_loss": 81},
    "11.2.c": {"placed_reservist": True},
    "11.2.d": {"carer_of_heroic_mother_or_invalid": True},
    "11.2.đ": {"cipher_worker": True},
}


def _facts(sex: Sex = Sex.MALE, **values: object) -> MilitiaFacts:
    base: dict[str, object] = {"fit": True}
    base.update(values)
    return MilitiaFacts(sex=sex, birth_date=BORN, **base)  # type: ignore[arg-type]


def test_the_law_has_eight_deferral_and_five_exemption_grounds():
    assert tuple(f"11.1.{p}" for p in ("a", "b", "c", "d", "đ", "e", "g", "h")) == DEFERRAL_CODES
    assert tuple(f"11.2.{p}" for p in ("a", "b", "c", "d", "đ")) == EXEMPTION_CODES
    assert set(GROUND_FACTS) == set(GROUND_BY_CODE)


def test_volunteers_are_admissible_for_deferral_c_to_g_and_exemption_a_b_d():
    assert {
        "11.1.c",
        "11.1.d",
        "11.1.đ",
        "11.1.e",
        "11.1.g",
        "11.2.a",
        "11.2.b",
        "11.2.d",
    } == VOLUNTEER_ADMISSIBLE


@pytest.mark.parametrize("code", list(GROUND_FACTS))
def test_each_ground_is_found_and_decides_the_status(code):
    verdict = judge(_facts(**GROUND_FACTS[code]), ON)
    assert [g.code for g in verdict.grounds] == [code]
    assert verdict.status == ("deferred" if code.startswith("11.1.") else "exempt")
    reason = next(r for r in verdict.reasons if r.code == code)
    assert reason.text == GROUND_BY_CODE[code].text
    assert reason.citations[0].article == "11"
    assert verdict.authority is not None and verdict.authority.code == "commune_chairman"


@pytest.mark.parametrize("code", list(GROUND_FACTS))
def test_volunteering_waives_only_the_admissible_grounds(code):
    verdict = judge(_facts(volunteer=True, **GROUND_FACTS[code]), ON)
    if code in VOLUNTEER_ADMISSIBLE:
        assert verdict.status == "eligible"
        assert [w.code for w in verdict.waived] == [code]
        assert any(r.code == "militia.11.3" for r in verdict.waived[0].rules)
    else:
        assert verdict.status in ("deferred", "exempt")
        assert verdict.waived == ()


def test_a_pregnant_woman_or_a_mother_of_a_young_child_is_deferred():
    assert [g.code for g in grounds_found(_facts(Sex.FEMALE, pregnant=True), ON)] == ["11.1.a"]
    mother = _facts(Sex.FEMALE, youngest_child_born=D(2023, 6, 2))
    assert [g.code for g in grounds_found(mother, ON)] == ["11.1.a"]


def test_a_father_is_deferred_only_when_raising_the_child_alone():
    assert grounds_found(_facts(youngest_child_born=D(2025, 1, 1)), ON) == ()


@pytest.mark.parametrize(
    ("child_born", "deferred"),
    [(D(2023, 6, 1), False), (D(2023, 6, 2), True), (D(2026, 6, 1), True), (D(2026, 6, 2), False)],
)
def test_the_child_is_under_36_months_until_the_third_birthday(child_born, deferred):
    facts = _facts(Sex.FEMALE, youngest_child_born=child_born)
    assert bool(grounds_found(facts, ON)) is deferred


@pytest.mark.parametrize(
    ("loss", "codes"),
    [(60, []), (61, ["11.1.g"]), (80, ["11.1.g"]), (81, ["11.2.b"]), (100, ["11.2.b"])],
)
def test_loss_of_working_capacity_defers_from_61_and_exempts_from_81(loss, codes):
    found = grounds_found(_facts(relative_work_capacity_loss=loss), ON)
    assert [g.code for g in found] == codes


def test_every_sentence_of_ground_e_and_h_counts():
    for values in ({"supports_dependants": True}, {"family_disaster": True}):
        assert [g.code for g in grounds_found(_facts(**values), ON)] == ["11.1.e"]
    assert [g.code for g in grounds_found(_facts(abroad=True), ON)] == ["11.1.h"]


def test_an_exemption_outranks_a_deferral():
    verdict = judge(_facts(cipher_worker=True, studying=True), ON)
    assert verdict.status == "exempt"
    assert [r.code for r in verdict.reasons] == ["11.2.đ", "11.1.h"]


def test_every_sentence_of_the_grounds_is_in_both_languages_and_keeps_them_apart():
    for ground in GROUND_BY_CODE.values():
        assert ground.text.vi and ground.text.en and ground.text.vi != ground.text.en
        assert "Art " not in ground.text.vi and "Law " not in ground.text.vi
        assert "Điều" not in ground.text.en
