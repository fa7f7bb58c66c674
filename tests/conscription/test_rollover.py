"""Year roll-over (rollover.py): who enters the pool, who ages out, who needs re-review.

Boundaries are checked on the day before and the day of each legal threshold (Law 78/2015 Art 30:
from full 18 to the end of 25, 27 for graduates deferred while studying).
"""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law.callup.rollover import (
    Candidate,
    Ground,
    enters_pool,
    in_call_up_age,
    previous_call_up,
    roll_over,
)

CALL_UP = dt.date(2026, 2, 10)
PREVIOUS = dt.date(2025, 2, 10)


@pytest.mark.parametrize(
    ("birth", "enters"),
    [
        (dt.date(2008, 2, 10), True),  # 18th birthday on the call-up day
        (dt.date(2008, 2, 11), False),  # 18th birthday the day after: next year
        (dt.date(2007, 2, 11), True),  # 18th birthday the day after last year's call-up
        (dt.date(2007, 2, 10), False),  # 18 on last year's call-up day: already in the pool
        (dt.date(2000, 1, 1), False),
    ],
)
def test_enters_pool_at_18_on_the_call_up_date(birth, enters):
    assert enters_pool(birth, CALL_UP, PREVIOUS) is enters
    assert (roll_over([Candidate("x", birth)], call_up=CALL_UP).entering == ["x"]) is enters


@pytest.mark.parametrize(
    ("birth", "graduate", "out"),
    [
        # End of age 25 = the day before the 26th birthday.
        (dt.date(2000, 2, 10), False, True),  # 26 on the call-up day: out
        (dt.date(2000, 2, 11), False, False),  # still 25 on the call-up day
        (dt.date(1999, 2, 11), False, True),  # 26 the day after last year's call-up
        (dt.date(1999, 2, 10), False, False),  # already out last year
        # Graduates deferred while studying: end of 27.
        (dt.date(2000, 2, 10), True, False),
        (dt.date(1998, 2, 10), True, True),  # 28 on the call-up day
        (dt.date(1998, 2, 11), True, False),  # still 27
    ],
)
def test_ages_out_after_the_upper_age(birth, graduate, out):
    result = roll_over([Candidate("x", birth, graduate_deferred=graduate)], call_up=CALL_UP)
    assert (result.ageing_out == ["x"]) is out


@pytest.mark.parametrize(
    ("birth", "graduate", "inside"),
    [
        (dt.date(2008, 2, 10), False, True),
        (dt.date(2008, 2, 11), False, False),
        (dt.date(2000, 2, 11), False, True),
        (dt.date(2000, 2, 10), False, False),
        (dt.date(1998, 2, 11), True, True),
        (dt.date(1998, 2, 10), True, False),
    ],
)
def test_in_call_up_age_day_before_and_day_of(birth, graduate, inside):
    assert in_call_up_age(birth, CALL_UP, graduate_deferred=graduate) is inside


BIRTH_20 = dt.date(2005, 6, 1)


@pytest.mark.parametrize(
    ("kwargs", "ground"),
    [
        ({"study_end_date": CALL_UP - dt.timedelta(days=1)}, Ground.STUDIES_ENDED),
        ({"study_end_date": PREVIOUS}, Ground.STUDIES_ENDED),
        ({"bar_end_dates": [CALL_UP - dt.timedelta(days=1)]}, Ground.BAR_ENDED),
        ({"sibling_discharge_dates": [dt.date(2025, 9, 1)]}, Ground.SIBLING_DISCHARGED),
    ],
)
def test_ground_ended_before_the_call_up_day_needs_review(kwargs, ground):
    result = roll_over([Candidate("x", BIRTH_20, **kwargs)], call_up=CALL_UP)
    assert [r.key for r in result.re_review] == ["x"]
    assert result.re_review[0].grounds[0][0] == ground


@pytest.mark.parametrize(
    "kwargs",
    [
        {"study_end_date": CALL_UP},  # still studying on the call-up day (last day)
        {"study_end_date": PREVIOUS - dt.timedelta(days=1)},  # reviewed last year
        {"bar_end_dates": [CALL_UP]},  # bar in force on its end date
        {"bar_end_dates": [dt.date(2027, 1, 1)]},
        {"sibling_discharge_dates": [CALL_UP + dt.timedelta(days=1)]},
        {},
    ],
)
def test_ground_still_holding_or_already_reviewed_is_not_listed(kwargs):
    assert roll_over([Candidate("x", BIRTH_20, **kwargs)], call_up=CALL_UP).re_review == []


def test_ageing_out_is_not_reviewed_and_out_of_age_is_ignored():
    ended = {"study_end_date": dt.date(2025, 6, 30)}
    result = roll_over(
        [
            Candidate("out", dt.date(2000, 1, 1), **ended),  # 26 on 01/01/2026
            Candidate("young", dt.date(2009, 1, 1), **ended),  # 17
            Candidate("in", BIRTH_20, **ended),
        ],
        call_up=CALL_UP,
    )
    assert result.ageing_out == ["out"]
    assert [r.key for r in result.re_review] == ["in"]


def test_previous_call_up_on_29_february():
    assert previous_call_up(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)


def test_previous_must_precede():
    with pytest.raises(ValueError):
        roll_over([], call_up=CALL_UP, previous=CALL_UP)
