"""The pure rules of violations: bands by decree and day, repeats, Art 332, good reasons,
deadlines and the state machine (muster/law/callup/violations/)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from muster.law.callup.violations import acts, bands, deadlines, good_reasons
from muster.law.callup.violations import book as violation_book
from muster.law.callup.violations import repeats as repeat_rules
from muster.law.callup.violations import states as case_states
from muster.law.rulebook import NoRuleInForce

LAST_OLD = dt.date(2025, 8, 4)
FIRST_NEW = dt.date(2025, 8, 5)
M = 1_000_000

#: kind → (old band, new band); None = a warning. Legal reference §2.10 (new, and old Art 9
#: and Art 10 columns); old registration bands from the press summaries of Decree 37/2022.
EXPECTED = {
    acts.NO_FIRST_REGISTRATION: (None, None),  # a man aged 17 in the year, first offence
    acts.NO_CHANGE_REGISTRATION: ((8, 10), (8, 10)),
    acts.ABSENT_SCREENING: ((10, 12), (3, 5)),
    acts.REFUSED_SCREENING: ((12, 15), (5, 8)),
    acts.ABSENT_EXAM: ((10, 12), (15, 20)),
    acts.REFUSED_EXAM: ((12, 15), (20, 30)),
    acts.CHEATED_EXAM: ((15, 20), (30, 40)),
    acts.DEFIED_EXAM: ((25, 35), (50, 75)),
    acts.ABSENT_CALLUP: ((30, 40), (30, 40)),
    acts.EVADED_AFTER_FIT: ((40, 50), (40, 50)),
    acts.REFUSED_CALLUP: ((50, 75), (50, 75)),
}
#: Bands the legal reference does not confirm (press only, or [U], or §12 item 6).
UNCONFIRMED_NEW = {acts.NO_CHANGE_REGISTRATION, acts.DEFIED_EXAM}
UNCONFIRMED_OLD = {acts.NO_FIRST_REGISTRATION, acts.NO_CHANGE_REGISTRATION}
GOOD_REASON_KINDS = {
    acts.ABSENT_SCREENING,
    acts.REFUSED_SCREENING,
    acts.ABSENT_EXAM,
    acts.REFUSED_EXAM,
    acts.ABSENT_CALLUP,
}
ART332 = {
    acts.NO_FIRST_REGISTRATION,
    acts.NO_CHANGE_REGISTRATION,
    acts.ABSENT_CALLUP,
    acts.EVADED_AFTER_FIT,
    acts.REFUSED_CALLUP,
}


def _pair(band: bands.Band) -> tuple[int, int] | None:
    return None if band.warning else (band.fine_min // M, band.fine_max // M)


def test_every_kind_has_an_expectation():
    # The citizen's own acts; the third parties' acts of Decree 218/2025 (obstruction, the
    # organisations' reports) are in test_violation_offences218.py.
    assert set(EXPECTED) == set(acts.CITIZEN_KINDS)


def test_kinds_mirror_the_model_choices():
    from muster.conscription.violations.models import ViolationKind

    assert tuple(ViolationKind.values) == acts.KINDS


@pytest.mark.parametrize("kind", acts.CITIZEN_KINDS)
def test_the_decree_of_the_day_of_the_act_decides(kind):
    old, new = bands.band_for(kind, LAST_OLD), bands.band_for(kind, FIRST_NEW)
    assert old.decree == acts.OLD_DECREE and new.decree == acts.NEW_DECREE
    assert (_pair(old), _pair(new)) == EXPECTED[kind]
    assert "120/2013" in old.citation_vi and "37/2022" in old.citation_vi
    assert new.citation_vi.startswith("Nghị định 218/2025/NĐ-CP, Điều ")
    assert old.valid_to == LAST_OLD and new.valid_from == FIRST_NEW and new.valid_to is None
    assert old.confirmed is (kind not in UNCONFIRMED_OLD)
    assert new.confirmed is (kind not in UNCONFIRMED_NEW)
    assert old.good_reason_applies is new.good_reason_applies is (kind in GOOD_REASON_KINDS)


@pytest.mark.parametrize("kind", acts.CITIZEN_KINDS)
def test_no_band_before_decree_37_2022(kind):
    with pytest.raises(NoRuleInForce):
        bands.band_for(kind, violation_book.COVERAGE_START - dt.timedelta(days=1))
    assert bands.band_for(kind, violation_book.COVERAGE_START).decree == acts.OLD_DECREE


def test_article_and_clause_citations():
    assert bands.band_for(acts.ABSENT_SCREENING, FIRST_NEW).citation_vi.endswith("Điều 9 khoản 1")
    assert bands.band_for(acts.REFUSED_CALLUP, FIRST_NEW).citation_vi.endswith("Điều 10 khoản 3")
    assert bands.band_for(acts.EVADED_AFTER_FIT, FIRST_NEW).citation_vi.endswith(
        "Điều 10 khoản 2 điểm b"
    )
    assert bands.band_for(acts.ABSENT_CALLUP, LAST_OLD).citation_vi.endswith("Điều 7 khoản 1")
    assert bands.band_for(acts.DEFIED_EXAM, LAST_OLD).citation.endswith("Art 6(4)")
    # Unverified parts say so in the note.
    assert "unverified" in bands.band_for(acts.DEFIED_EXAM, FIRST_NEW).note
    assert "inferred" in bands.band_for(acts.ABSENT_EXAM, FIRST_NEW).note


# ----------------------------------------------------------------------------- first registration


@pytest.mark.parametrize(
    ("day", "repeat", "aged17", "expected", "confirmed"),
    [
        # Decree 37/2022: the man aged 17 in the year is warned, first time or not ...
        (LAST_OLD, False, True, None, False),
        (LAST_OLD, True, True, None, False),
        # ... anyone else who fails the first registration is fined.
        (LAST_OLD, False, False, (8, 10), False),
        # Decree 218/2025: warning for a first offence, fined on a repeat.
        (FIRST_NEW, False, True, None, True),
        (FIRST_NEW, True, True, (8, 10), True),
        # An older man: the press says nothing; the fine is a default (unconfirmed).
        (FIRST_NEW, False, False, (8, 10), False),
    ],
)
def test_first_registration_warning_and_repeat(day, repeat, aged17, expected, confirmed):
    band = bands.band_for(acts.NO_FIRST_REGISTRATION, day, repeat=repeat, aged_17_in_year=aged17)
    assert _pair(band) == expected
    assert band.confirmed is confirmed
    assert band.midpoint == (None if expected is None else 9 * M)


@pytest.mark.parametrize("kind", sorted(set(acts.CITIZEN_KINDS) - {acts.NO_FIRST_REGISTRATION}))
def test_a_repeat_does_not_change_other_bands(kind):
    for day in (LAST_OLD, FIRST_NEW):
        assert _pair(bands.band_for(kind, day, repeat=True)) == _pair(bands.band_for(kind, day))


def test_aged_17_in_the_year():
    assert deadlines.aged_17_in_year(2008, dt.date(2025, 1, 1))
    assert deadlines.aged_17_in_year(2008, dt.date(2025, 12, 31))
    assert not deadlines.aged_17_in_year(2007, dt.date(2025, 8, 5))


def test_midpoint_is_the_middle_of_the_band():
    assert bands.band_for(acts.REFUSED_CALLUP, FIRST_NEW).midpoint == 62_500_000
    assert bands.band_for(acts.ABSENT_EXAM, LAST_OLD).midpoint == 11_000_000
    assert bands.band_for(acts.NO_FIRST_REGISTRATION, FIRST_NEW).midpoint is None


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown violation kind"):
        bands.band_for("no_such_act", FIRST_NEW)


# ----------------------------------------------------------------------------- fines


@pytest.mark.parametrize(
    ("amount", "problems"),
    [
        (None, ["fine_required"]),
        (0, ["fine_required"]),
        (29_999_999, ["below_band"]),
        (30_000_000, []),
        (40_000_000, []),
        (40_000_001, ["above_band"]),
    ],
)
def test_fine_within_the_band(amount, problems):
    band = bands.band_for(acts.ABSENT_CALLUP, FIRST_NEW)
    found = bands.fine_problems(
        warning=False, fine_min=band.fine_min, fine_max=band.fine_max, amount=amount, day=FIRST_NEW
    )
    assert found == problems


def test_a_warning_takes_no_fine():
    assert (
        bands.fine_problems(warning=True, fine_min=0, fine_max=0, amount=None, day=FIRST_NEW) == []
    )
    assert bands.fine_problems(warning=True, fine_min=0, fine_max=0, amount=1, day=FIRST_NEW) == [
        "warning_no_fine"
    ]


@pytest.mark.parametrize("day", [LAST_OLD, FIRST_NEW])
def test_individual_maximum_is_75_million(day):
    assert bands.individual_maximum(day) == 75 * M
    assert (
        bands.fine_problems(warning=False, fine_min=0, fine_max=80 * M, amount=75 * M, day=day)
        == []
    )
    assert bands.fine_problems(
        warning=False, fine_min=0, fine_max=80 * M, amount=75 * M + 1, day=day
    ) == ["above_maximum"]


def test_every_band_fits_under_the_maximum():
    for item in violation_book.iter_rules():
        if item.code.startswith("violation.band."):
            assert 0 <= item.int_param("fine_min") <= item.int_param("fine_max")
            assert item.int_param("fine_max") <= bands.individual_maximum(item.valid_from)


# ----------------------------------------------------------------------------- lighter law


def test_a_later_lighter_decree_is_offered():
    # Absent from screening on 01/08/2025 (10–12M); decided on 10/08/2025 under 218 (3–5M).
    lighter = bands.lighter_band(acts.ABSENT_SCREENING, dt.date(2025, 8, 1), dt.date(2025, 8, 10))
    assert lighter is not None and _pair(lighter) == (3, 5) and lighter.decree == acts.NEW_DECREE


def test_a_heavier_later_decree_is_not_offered():
    assert bands.lighter_band(acts.ABSENT_EXAM, dt.date(2025, 8, 1), dt.date(2025, 8, 10)) is None
    assert (
        bands.lighter_band(acts.REFUSED_CALLUP, dt.date(2025, 8, 1), dt.date(2025, 8, 10)) is None
    )


def test_same_decree_or_a_warning_is_never_lighter():
    assert bands.lighter_band(acts.ABSENT_SCREENING, LAST_OLD, LAST_OLD) is None
    assert bands.lighter_band(acts.ABSENT_SCREENING, FIRST_NEW, dt.date(2026, 1, 1)) is None
    assert bands.lighter_band(acts.NO_FIRST_REGISTRATION, LAST_OLD, FIRST_NEW) is None


def test_an_older_man_unregistered_before_218_is_not_lighter_after():
    assert (
        bands.lighter_band(acts.NO_FIRST_REGISTRATION, LAST_OLD, FIRST_NEW, aged_17_in_year=False)
        is None
    )


# ----------------------------------------------------------------------------- repeats


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
        (dt.date(2024, 8, 31), 6, dt.date(2025, 2, 28)),
        (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2025, 12, 15), 1, dt.date(2026, 1, 15)),
    ],
)
def test_add_months(day, months, expected):
    assert repeat_rules.add_months(day, months) == expected


def _prior(kind=acts.NO_CHANGE_REGISTRATION, *, warning=False, executed=dt.date(2025, 2, 14)):
    return repeat_rules.PriorSanction(
        key="a", kind=kind, decided_on=dt.date(2025, 2, 5), warning=warning, executed_on=executed
    )


def test_a_fine_counts_for_a_year_after_it_was_paid():
    prior = _prior()
    assert repeat_rules.counts_until(prior) == dt.date(2026, 2, 14)
    assert repeat_rules.counts_as_repeat(prior, acts.NO_CHANGE_REGISTRATION, dt.date(2026, 2, 14))
    assert not repeat_rules.counts_as_repeat(
        prior, acts.NO_CHANGE_REGISTRATION, dt.date(2026, 2, 15)
    )


def test_a_warning_counts_for_six_months():
    prior = _prior(acts.NO_FIRST_REGISTRATION, warning=True, executed=dt.date(2025, 2, 5))
    assert repeat_rules.counts_until(prior) == dt.date(2025, 8, 5)
    assert repeat_rules.counts_as_repeat(prior, acts.NO_FIRST_REGISTRATION, dt.date(2025, 8, 5))
    assert not repeat_rules.counts_as_repeat(prior, acts.NO_FIRST_REGISTRATION, dt.date(2025, 8, 6))


def test_an_unpaid_fine_always_counts():
    prior = _prior(executed=None)
    assert repeat_rules.counts_until(prior) is None
    assert repeat_rules.counts_as_repeat(prior, acts.NO_CHANGE_REGISTRATION, dt.date(2030, 1, 1))


def test_a_repeat_is_the_same_act_after_the_decision():
    prior = _prior()
    assert not repeat_rules.counts_as_repeat(prior, acts.ABSENT_EXAM, dt.date(2025, 6, 1))
    assert not repeat_rules.counts_as_repeat(prior, acts.NO_CHANGE_REGISTRATION, prior.decided_on)
    assert not repeat_rules.counts_as_repeat(
        prior, acts.NO_CHANGE_REGISTRATION, dt.date(2025, 1, 1)
    )
    assert repeat_rules.counts_as_repeat(prior, acts.NO_CHANGE_REGISTRATION, dt.date(2025, 2, 6))


def test_find_repeat_takes_the_latest_sanction_that_counts():
    older = repeat_rules.PriorSanction(
        "old", acts.ABSENT_EXAM, dt.date(2024, 1, 10), False, dt.date(2024, 1, 20)
    )
    newer = repeat_rules.PriorSanction("new", acts.ABSENT_EXAM, dt.date(2024, 12, 1), False, None)
    other = repeat_rules.PriorSanction(
        "x", acts.ABSENT_SCREENING, dt.date(2024, 12, 2), False, None
    )
    assert (
        repeat_rules.find_repeat([older, newer, other], acts.ABSENT_EXAM, dt.date(2025, 1, 5)).key
        == "new"
    )
    assert repeat_rules.find_repeat([older], acts.ABSENT_EXAM, dt.date(2025, 1, 21)) is None
    assert repeat_rules.find_repeat([], acts.ABSENT_EXAM, dt.date(2025, 1, 5)) is None


# ----------------------------------------------------------------------------- Art 332


@pytest.mark.parametrize("kind", acts.KINDS)
@pytest.mark.parametrize(
    ("sanction", "conviction"), list(itertools.product([False, True], repeat=2))
)
def test_criminal_referral_condition(kind, sanction, conviction):
    for day in (dt.date(2025, 6, 30), dt.date(2025, 7, 1), FIRST_NEW):
        assert repeat_rules.art332_covers(kind, day) is (kind in ART332)
        assert repeat_rules.escalation_possible(
            kind, day, prior_sanction=sanction, prior_conviction=conviction
        ) is (kind in ART332 and (sanction or conviction))


def test_the_health_examination_call_is_not_an_art332_act():
    assert not repeat_rules.art332_covers(acts.ABSENT_EXAM, FIRST_NEW)
    assert not repeat_rules.escalation_possible(acts.DEFIED_EXAM, FIRST_NEW, prior_sanction=True)


def test_art332_after_the_2025_amendment_is_unconfirmed():
    assert violation_book.rule("violation.criminal", dt.date(2025, 6, 30)).confirmed
    assert not violation_book.rule("violation.criminal", dt.date(2025, 7, 1)).confirmed


@pytest.mark.parametrize("kind", acts.CITIZEN_KINDS)
def test_evasion_under_law_art_3_8(kind):
    expected = kind not in {
        acts.NO_CHANGE_REGISTRATION,
        acts.ABSENT_SCREENING,
        acts.REFUSED_SCREENING,
        acts.CHEATED_EXAM,
    }
    assert repeat_rules.is_evasion(kind, FIRST_NEW) is expected
    assert repeat_rules.is_evasion(kind, dt.date(2025, 6, 30)) is expected


# ----------------------------------------------------------------------------- good reasons


def test_good_reasons_dated():
    old, new = good_reasons.good_reasons(LAST_OLD), good_reasons.good_reasons(FIRST_NEW)
    codes = ["illness", "relative_ill", "relative_death", "disaster", "not_received"]
    assert [g.code for g in old] == [g.code for g in new] == codes
    assert all(g.confirmed for g in old) and not any(g.confirmed for g in new)
    assert good_reasons.good_reasons(violation_book.COVERAGE_START - dt.timedelta(days=1)) == ()
    assert good_reasons.good_reason("disaster", FIRST_NEW).title_vi.startswith(
        "Nhà ở nằm trong vùng"
    )
    assert good_reasons.good_reason("no_such_reason", FIRST_NEW) is None


# ----------------------------------------------------------------------------- deadlines


def test_payment_due_ten_days_after_the_decision():
    assert deadlines.payment_due(dt.date(2025, 3, 1)) == dt.date(2025, 3, 11)
    common = {"decided_on": dt.date(2025, 3, 1), "fine": 10 * M}
    assert not deadlines.payment_overdue(**common, paid=None, today=dt.date(2025, 3, 11))
    assert deadlines.payment_overdue(**common, paid=None, today=dt.date(2025, 3, 12))
    assert deadlines.payment_overdue(**common, paid=5 * M, today=dt.date(2025, 3, 12))
    assert not deadlines.payment_overdue(**common, paid=10 * M, today=dt.date(2025, 3, 12))
    assert not deadlines.payment_overdue(
        decided_on=None, fine=None, paid=None, today=dt.date(2030, 1, 1)
    )
    assert not deadlines.payment_overdue(
        decided_on=dt.date(2025, 3, 1), fine=None, paid=None, today=dt.date(2030, 1, 1)
    )


def test_first_registration_deadline_end_of_april():
    assert deadlines.first_registration_deadline(2024) == dt.date(2024, 4, 30)
    assert not violation_book.rule("violation.first_registration_by", dt.date(2024, 1, 1)).confirmed


def test_default_authority_moves_to_the_commune_on_1_july_2025():
    assert deadlines.default_authority(dt.date(2025, 6, 30)).level == "district"
    assert deadlines.default_authority(dt.date(2025, 7, 1)).level == "commune"
    assert "Chủ tịch UBND cấp xã" in deadlines.default_authority(dt.date(2026, 1, 1)).title_vi


def test_rules_outside_the_reference_are_unconfirmed():
    for code in (
        "violation.repeat_window",
        "violation.payment",
        "violation.lenity",
        "violation.authority",
    ):
        assert not violation_book.rule(code, dt.date(2025, 7, 1)).confirmed, code


def test_band_versions_are_contiguous():
    codes = {i.code for i in violation_book.iter_rules() if i.code.startswith("violation.band.")}
    assert len(codes) == len(acts.KINDS) + 1  # the older man's first registration
    new_offences = {f"violation.band.{k}" for k in (acts.OBSTRUCTED_EXAM, *acts.ORG_KINDS)}
    for code in codes - new_offences:  # new offences of Decree 218/2025 have no old version
        old = violation_book.rule(code, LAST_OLD)
        new = violation_book.rule(code, FIRST_NEW)
        assert old.valid_to is not None and old.valid_to + dt.timedelta(days=1) == new.valid_from


# ----------------------------------------------------------------------------- states

ALLOWED = {
    ("open", "notice_served"),
    ("open", "good_reason"),
    ("open", "escalated"),
    ("open", "closed"),
    ("notice_served", "good_reason"),
    ("notice_served", "penalised"),
    ("notice_served", "escalated"),
    ("notice_served", "closed"),
    ("penalised", "paid"),
    ("penalised", "closed"),
    ("paid", "closed"),
    ("escalated", "closed"),
}
STATES = ["open", "notice_served", "good_reason", "penalised", "paid", "escalated", "closed"]


@pytest.mark.parametrize(("state", "target"), list(itertools.product(STATES, STATES)))
def test_state_machine(state, target):
    assert case_states.can_move(state, target) is ((state, target) in ALLOWED)


def test_states_mirror_the_model_and_final_states_go_nowhere():
    from muster.conscription.violations.models import ViolationState

    assert set(ViolationState.values) == set(STATES) == set(case_states.TRANSITIONS)
    for final in case_states.FINAL_STATES:
        assert case_states.TRANSITIONS[final] == frozenset()
    assert case_states.sources_of("penalised") == ("notice_served",)
