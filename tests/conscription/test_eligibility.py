"""Table tests of the eligibility engine: every ground, every boundary, every law version."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from muster.law.ages import months_before, years_before
from muster.law.callup.eligibility.engine import Evaluator, evaluate, evaluate_many
from muster.law.callup.eligibility.facts import Facts, OutsideCoverage, Verdict
from muster.law.callup.policy import Policy

D = dt.date
ON = D(2026, 1, 15)


def fit(**changes: Any) -> Facts:
    """A man who passes every standard on ``ON``; ``changes`` override single facts."""
    base: dict[str, Any] = {
        "sex": "male",
        "birth_date": D(2004, 5, 1),
        "health_class": 2,
        "bmi": 21.0,
        "school_grade": 12,
        "political": "pass",
    }
    base.update(changes)
    return Facts(**base)


def codes(verdict: Verdict) -> list[str]:
    return [r.code for r in verdict.reasons]


def rule_codes(verdict: Verdict, code: str) -> set[str]:
    return {r.code for reason in verdict.reasons if reason.code == code for r in reason.rules}


def test_a_fit_man_is_callable():
    verdict = evaluate(fit(), ON)
    assert verdict.callable
    assert verdict.registration == "registered"
    assert verdict.reasons == ()
    assert verdict.authority is None
    assert {s.status for s in verdict.standards} == {"pass"}
    assert [s.standard for s in verdict.standards] == [
        "sex",
        "age",
        "health_class",
        "myopia",
        "hyperopia",
        "bmi",
        "drug_addiction",
        "education",
        "political",
    ]


# ------------------------------------------------------------------------------------ age


@pytest.mark.parametrize(
    ("birth", "changes", "expected"),
    [
        # 18th birthday: the day before, and the day itself.
        (D(2008, 1, 16), {}, ["age_under"]),
        (D(2008, 1, 15), {}, []),
        # 26th birthday ends "the end of age 25".
        (D(2000, 1, 16), {}, []),
        (D(2000, 1, 15), {}, ["age_over"]),
        # Graduates deferred while studying: to the end of age 27 (day before the 28th).
        (D(2000, 1, 15), {"college_graduate": True, "deferred_while_studying": True}, []),
        (D(1998, 1, 16), {"college_graduate": True, "deferred_while_studying": True}, []),
        (
            D(1998, 1, 15),
            {"college_graduate": True, "deferred_while_studying": True},
            ["age_over"],
        ),
        # Both conditions are needed for the extension.
        (D(2000, 1, 15), {"college_graduate": True}, ["age_over"]),
        (D(2000, 1, 15), {"deferred_while_studying": True}, ["age_over"]),
    ],
)
def test_age_boundaries(birth, changes, expected):
    assert codes(evaluate(fit(birth_date=birth, **changes), ON)) == expected


@pytest.mark.parametrize(
    ("on", "callable_"),
    [(D(2026, 2, 28), False), (D(2026, 3, 1), True), (D(2028, 2, 28), True)],
)
def test_29_february_birthday_falls_on_1_march_in_common_years(on, callable_):
    verdict = evaluate(fit(birth_date=D(2008, 2, 29)), on)
    assert verdict.callable is callable_


def test_age_reason_cites_art_30():
    verdict = evaluate(fit(birth_date=D(2010, 1, 1)), ON)
    (reason,) = verdict.reasons
    assert reason.code == "age_under"
    assert any(c.article == "30" for c in reason.citations)


# ------------------------------------------------------------------------------ standards


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"health_class": 3}, []),
        # The council's class 4-6 is also the Art 41(1)(a) deferral ground (issue 14).
        ({"health_class": 4}, ["health_class", "41.1.a"]),
        ({"health_class": 6, "health_class_temporary": True}, ["health_class", "41.1.a"]),
        ({"health_class": 2, "health_class_temporary": True}, ["health_class_temporary"]),
        ({"health_class": None}, ["health_class_unknown"]),
        ({"school_grade": 8}, []),
        ({"school_grade": 7}, ["education"]),
        ({"school_grade": 7, "grade7_approved": True}, []),
        ({"school_grade": 6, "grade7_approved": True}, ["education"]),
        ({"school_grade": 5, "primary_allowance_approved": True}, []),
        ({"school_grade": 4, "primary_allowance_approved": True}, ["education"]),
        ({"school_grade": None}, ["education_unknown"]),
        ({"political": "fail"}, ["political"]),
        ({"political": "unknown"}, ["political_unknown"]),
        ({"drug_addiction": True}, ["drug_addiction"]),
        ({"bmi": None}, ["bmi_unknown"]),
        ({"hyperopia_dioptres": 0.5}, ["hyperopia"]),
        ({"myopia_dioptres": 1.25}, []),
        ({"myopia_dioptres": 1.75}, ["myopia"]),
    ],
)
def test_standards(changes, expected):
    assert codes(evaluate(fit(**changes), ON)) == expected


@pytest.mark.parametrize(
    ("on", "authority"),
    [(D(2025, 6, 30), "district_chairman"), (D(2025, 7, 1), "provincial_chairman")],
)
def test_class_4_to_6_is_the_41_1_a_ground_with_its_deciding_authority(on, authority):
    verdict = evaluate(fit(health_class=5, birth_date=D(2003, 5, 1)), on)
    assert [r.code for r in verdict.deferrals] == ["41.1.a"]
    assert verdict.authority is not None and verdict.authority.code == authority
    # Volunteering never waives 41.1.a.
    volunteered = evaluate(fit(health_class=5, birth_date=D(2003, 5, 1), volunteer=True), on)
    assert "41.1.a" in [r.code for r in volunteered.reasons]


def test_standard_results_carry_status_and_rules():
    verdict = evaluate(fit(school_grade=7, political="unknown"), ON)
    by_name = {s.standard: s for s in verdict.standards}
    assert by_name["education"].status == "fail"
    assert by_name["education"].reason is not None
    assert by_name["education"].reason.code == "education"
    assert by_name["political"].status == "unknown"
    assert by_name["age"].status == "pass"
    assert by_name["age"].reason is None
    assert by_name["age"].rules[0].code == "std.age"


@pytest.mark.parametrize(
    ("bmi", "strict", "tt68_only"),
    [
        (17.99, ["bmi"], ["bmi"]),
        (18.0, ["bmi"], []),
        (18.49, ["bmi"], []),
        (18.5, [], []),
        (29.9, [], []),
        (29.91, ["bmi"], ["bmi"]),
        (30.0, ["bmi"], ["bmi"]),
    ],
)
def test_bmi_boundaries_under_each_policy(bmi, strict, tt68_only):
    assert codes(evaluate(fit(bmi=bmi), ON)) == strict
    assert codes(evaluate(fit(bmi=bmi), ON, Policy(bmi_tt105_cross_check=False))) == tt68_only


def test_bmi_reason_cites_the_rule_that_fired():
    assert rule_codes(evaluate(fit(bmi=17.99), ON), "bmi") == {"std.bmi"}
    assert rule_codes(evaluate(fit(bmi=18.2), ON), "bmi") == {"health.bmi_bands"}


@pytest.mark.parametrize(
    ("bmi", "none", "rounded"),
    [
        (29.94, ["bmi"], []),
        (29.95, ["bmi"], ["bmi"]),
        (18.45, ["bmi"], []),  # rounds to 18.5
        (18.44, ["bmi"], ["bmi"]),
        (17.96, ["bmi"], ["bmi"]),  # 18.0: passes TT 68, fails the TT 105 cross-check
    ],
)
def test_sub_tenth_bmi_gaps_under_each_rounding_policy(bmi, none, rounded):
    assert codes(evaluate(fit(bmi=bmi), ON)) == none
    assert codes(evaluate(fit(bmi=bmi), ON, Policy(bmi_rounding="half_up_tenth"))) == rounded


def test_rounding_without_cross_check_passes_17_96():
    policy = Policy(bmi_tt105_cross_check=False, bmi_rounding="half_up_tenth")
    assert evaluate(fit(bmi=17.96), ON, policy).callable
    assert not evaluate(fit(bmi=17.94), ON, policy).callable


@pytest.mark.parametrize(
    ("myopia", "health_class", "strict", "lenient"),
    [
        (1.5, 2, ["myopia"], []),
        (1.5, 3, ["myopia"], []),
        (1.25, 3, [], []),
        (1.75, 1, ["myopia"], ["myopia"]),
    ],
)
def test_myopia_of_1_5_under_each_policy_position(myopia, health_class, strict, lenient):
    facts = fit(myopia_dioptres=myopia, health_class=health_class)
    assert codes(evaluate(facts, ON)) == strict
    lenient_policy = Policy(myopia_at_threshold_excluded=False)
    assert codes(evaluate(facts, ON, lenient_policy)) == lenient


def test_myopia_before_tt68_is_class_3_only_and_inclusive_whatever_the_policy():
    day = D(2025, 6, 30)
    lenient = Policy(myopia_at_threshold_excluded=False)
    for policy in (Policy(), lenient):
        assert codes(evaluate(fit(myopia_dioptres=1.5, health_class=3), day, policy)) == ["myopia"]
        assert codes(evaluate(fit(myopia_dioptres=4.0, health_class=2), day, policy)) == []
        assert codes(evaluate(fit(myopia_dioptres=1.25, health_class=3), day, policy)) == []


# -------------------------------------------------------------------------- registration


def test_registration_bar_lasts_to_its_end_date():
    barred = evaluate(fit(registration_bar="a", registration_bar_ends=ON), ON)
    assert barred.registration == "barred"
    assert codes(barred) == ["registration_barred"]
    ended = evaluate(fit(registration_bar="a", registration_bar_ends=ON - dt.timedelta(1)), ON)
    assert ended.registration == "registered"
    assert ended.callable
    indefinite = evaluate(fit(registration_bar="c"), ON)
    assert indefinite.registration == "barred"


def test_registration_exempt_condition():
    verdict = evaluate(fit(registration_exempt_condition=True), ON)
    assert verdict.registration == "exempt_from_registration"
    assert codes(verdict) == ["registration_exempt"]
    assert verdict.reasons[0].citations[0].article == "14"


def test_bar_takes_precedence_over_exemption():
    verdict = evaluate(fit(registration_bar="b", registration_exempt_condition=True), ON)
    assert verdict.registration == "barred"


def test_volunteering_never_lifts_the_registration_layer():
    verdict = evaluate(fit(registration_bar="a", volunteer=True), ON)
    assert not verdict.callable
    assert codes(verdict) == ["registration_barred"]


# ------------------------------------------------------------------------------- grounds


@pytest.mark.parametrize(
    ("changes", "deferrals", "exemptions"),
    [
        ({"health_council_unfit": True}, ["41.1.a"], []),
        ({"sole_breadwinner": True}, ["41.1.b"], []),
        ({"family_disaster": True}, ["41.1.b"], []),
        ({"parent_work_capacity_loss": 60}, [], []),
        ({"parent_work_capacity_loss": 61}, ["41.1.c"], []),
        ({"parent_work_capacity_loss": 80}, ["41.1.c"], []),
        ({"parent_work_capacity_loss": 81}, [], ["41.2.c"]),
        ({"parent_work_capacity_loss": 100}, [], ["41.2.c"]),
        ({"sibling_serving": True}, ["41.1.d"], []),
        # Resettled: the last day of the 3rd year, then the first day of the 4th.
        ({"resettled_on": D(2023, 1, 16)}, ["41.1.đ"], []),
        ({"resettled_on": D(2023, 1, 15)}, [], []),
        ({"resettled_on": D(2026, 2, 1)}, [], []),  # not yet resettled
        # Posted: 23 months and 30 days, then 24 months.
        ({"posted_since": D(2024, 1, 16)}, ["41.1.e"], []),
        ({"posted_since": D(2024, 1, 15)}, [], ["41.2.đ"]),
        ({"posted_since": D(2026, 2, 1)}, [], []),  # posting not started
        ({"posted_since": D(2025, 1, 1), "posting_ended": D(2025, 6, 1)}, [], []),
        ({"posted_since": D(2022, 1, 1), "posting_ended": D(2024, 1, 1)}, [], ["41.2.đ"]),
        ({"posted_since": D(2022, 1, 2), "posting_ended": D(2024, 1, 1)}, [], []),
        ({"posted_since": D(2025, 1, 1), "posting_ended": ON}, ["41.1.e"], []),
        ({"in_general_education": True}, ["41.1.g"], []),
        ({"full_time_higher_education": True}, ["41.1.g"], []),
        (
            {"full_time_higher_education": True, "higher_education_deferral_used": True},
            [],
            [],
        ),
        ({"standing_militia": True}, ["41.1.h"], []),
        ({"child_of_martyr_or_class1_invalid": True}, [], ["41.2.a"]),
        ({"brother_of_martyr": True}, [], ["41.2.b"]),
        ({"child_of_class2_invalid": True}, [], ["41.2.c"]),
        ({"cipher_worker": True}, [], ["41.2.d"]),
    ],
)
def test_grounds(changes, deferrals, exemptions):
    verdict = evaluate(fit(**changes), ON)
    assert [r.code for r in verdict.deferrals] == deferrals
    assert [r.code for r in verdict.exemptions] == exemptions
    assert codes(verdict) == deferrals + exemptions
    assert verdict.callable is not (deferrals or exemptions)
    if deferrals or exemptions:
        assert verdict.authority is not None
        assert verdict.authority.code == "provincial_chairman"


def test_ground_reason_cites_its_point_of_art_41():
    verdict = evaluate(fit(sibling_serving=True), ON)
    (citation,) = verdict.deferrals[0].citations
    assert (citation.article, citation.clause, citation.point) == ("41", "1", "d")


def test_posting_month_end_clamps():
    # 31 Mar 2024 + 24 months = 31 Mar 2026; 31 Aug 2023 + 24 months → 31 Aug 2025.
    day = D(2026, 3, 30)
    assert [r.code for r in evaluate(fit(posted_since=D(2024, 3, 31)), day).deferrals] == ["41.1.e"]
    assert [r.code for r in evaluate(fit(posted_since=D(2024, 3, 30)), day).exemptions] == [
        "41.2.đ"
    ]
    assert months_before(D(2026, 2, 28), 24) == D(2024, 2, 28)
    assert months_before(D(2025, 2, 28), 12) == D(2024, 2, 28)
    assert months_before(D(2024, 2, 29), 12) == D(2023, 2, 28)
    assert months_before(D(2026, 1, 31), 2) == D(2025, 11, 30)
    assert years_before(D(2028, 2, 29), 3) == D(2025, 2, 28)


# ---------------------------------------------------------------------------- volunteering


def test_volunteering_waives_grounds_b_to_h_and_every_exemption():
    facts = fit(
        volunteer=True,
        sole_breadwinner=True,
        sibling_serving=True,
        in_general_education=True,
        standing_militia=True,
        child_of_martyr_or_class1_invalid=True,
        cipher_worker=True,
    )
    verdict = evaluate(facts, ON)
    assert verdict.callable
    assert verdict.volunteer
    assert [r.code for r in verdict.waived] == [
        "41.1.b",
        "41.1.d",
        "41.1.g",
        "41.1.h",
        "41.2.a",
        "41.2.d",
    ]
    assert verdict.authority is None


def test_volunteering_never_waives_41_1_a():
    verdict = evaluate(fit(volunteer=True, health_council_unfit=True, sibling_serving=True), ON)
    assert not verdict.callable
    assert codes(verdict) == ["41.1.a"]
    assert [r.code for r in verdict.waived] == ["41.1.d"]
    assert verdict.authority is not None


@pytest.mark.parametrize(
    "changes",
    [
        {"health_class": 4},
        {"myopia_dioptres": 2.0},
        {"bmi": 17.0},
        {"school_grade": 6},
        {"political": "fail"},
        {"birth_date": D(1990, 1, 1)},
        {"drug_addiction": True},
    ],
)
def test_volunteering_never_cures_a_failed_standard(changes):
    assert not evaluate(fit(volunteer=True, **changes), ON).callable


def test_women_are_callable_only_as_volunteers():
    woman = fit(sex="female")
    assert codes(evaluate(woman, ON)) == ["female_not_volunteer"]
    reason = evaluate(woman, ON).reasons[0]
    assert (reason.citations[0].article, reason.citations[0].clause) == ("6", "2")
    assert evaluate(dataclasses.replace(woman, volunteer=True), ON).callable


# -------------------------------------------------------------------------- law versions


def test_standing_militia_before_and_after_law_48_2019():
    militia = fit(birth_date=D(2000, 5, 1), standing_militia=True, bmi=None)
    before = evaluate(militia, D(2020, 6, 30))
    after = evaluate(militia, D(2020, 7, 1))
    assert before.callable
    assert before.deferrals == ()
    assert [r.code for r in after.deferrals] == ["41.1.h"]
    assert not after.callable


def test_health_circular_change_on_1_january_2024():
    facts = fit(birth_date=D(2003, 5, 1), bmi=18.2)
    before = evaluate(facts, D(2023, 12, 31))
    after = evaluate(facts, D(2024, 1, 1))
    assert before.callable  # no BMI rule under TTLT 16/2016 in this engine
    assert "bmi" not in [s.standard for s in before.standards]
    assert codes(after) == ["bmi"]
    health_before = next(s for s in before.standards if s.standard == "health_class")
    health_after = next(s for s in after.standards if s.standard == "health_class")
    assert "health.classification" in [r.code for r in health_before.rules]
    assert health_before.rules[1].citations[0].document.startswith("TTLT 16/2016")
    assert health_after.rules[1].citations[0].document.startswith("TT 105/2023")


def test_hiv_becomes_a_registration_exemption_on_1_january_2024():
    facts = fit(birth_date=D(2003, 5, 1), hiv_positive=True)
    before = evaluate(facts, D(2023, 12, 31))
    after = evaluate(facts, D(2024, 1, 1))
    assert before.registration == "registered"
    assert codes(before) == ["hiv"]
    assert after.registration == "exempt_from_registration"
    assert codes(after) == ["registration_exempt", "hiv"]
    later = evaluate(facts, D(2025, 7, 1))
    assert codes(later) == ["registration_exempt"]  # TT 68 dropped HIV from Art 4(3)(c)


def test_reform_of_1_july_2025():
    before, after = D(2025, 6, 30), D(2025, 7, 1)
    student = fit(birth_date=D(2005, 3, 10), full_time_higher_education=True)
    assert evaluate(student, before).authority.code == "district_chairman"  # type: ignore[union-attr]
    assert evaluate(student, after).authority.code == "provincial_chairman"  # type: ignore[union-attr]

    myopic = fit(birth_date=D(2005, 3, 10), myopia_dioptres=1.75, health_class=2)
    assert evaluate(myopic, before).callable
    assert codes(evaluate(myopic, after)) == ["myopia"]

    far_sighted = fit(birth_date=D(2005, 3, 10), hyperopia_dioptres=1.0, health_class=1)
    assert evaluate(far_sighted, before).callable
    assert codes(evaluate(far_sighted, after)) == ["hyperopia"]

    thin = fit(birth_date=D(2005, 3, 10), bmi=17.5)
    assert rule_codes(evaluate(thin, before), "bmi") == {"health.bmi_bands"}
    assert rule_codes(evaluate(thin, after), "bmi") == {"std.bmi"}

    barred = fit(birth_date=D(2005, 3, 10), registration_bar="b")
    laws_before = {c.document for c in evaluate(barred, before).reasons[0].citations}
    laws_after = {c.document for c in evaluate(barred, after).reasons[0].citations}
    assert not any("98/2025" in d for d in laws_before)
    assert any("98/2025" in d for d in laws_after)


def test_tt_106_on_30_september_2025():
    facts = fit(health_class=5)
    before = evaluate(facts, D(2025, 9, 29)).reasons[0]
    after = evaluate(facts, D(2025, 9, 30)).reasons[0]
    assert not any("106/2025" in c.document for c in before.citations)
    assert any("106/2025" in c.document for c in after.citations)


def test_days_before_coverage_are_refused():
    with pytest.raises(OutsideCoverage):
        evaluate(fit(), D(2018, 11, 19))
    assert evaluate(fit(birth_date=D(2000, 1, 1), bmi=None), D(2018, 11, 20)).callable


# -------------------------------------------------------------------------------- batch


def test_batch_matches_single_evaluation_and_shares_verdicts():
    cases = [fit(), fit(sibling_serving=True), fit(), fit(school_grade=3)]
    batch = evaluate_many(cases, ON)
    assert batch == [evaluate(c, ON) for c in cases]
    assert batch[0] is batch[2]  # identical outcomes share one immutable verdict


def test_fresh_evaluator_agrees_with_the_cached_one():
    facts = fit(parent_work_capacity_loss=70, volunteer=True)
    assert Evaluator(ON).evaluate(facts) == evaluate(facts, ON)
