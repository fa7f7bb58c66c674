"""The year calendar's steps (muster.law.callup.year): every deadline at its boundary — the day
before, the day, the day after — and the police report's last day across a weekend and a
holiday (Civil Code 2015 Art 148(5))."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law.callup import campaign
from muster.law.callup import year as y

D = dt.date
Status = y.Status

PLAN_2027 = campaign.Calendar(
    year=2027,
    handover=D(2027, 3, 4),
    pool_review_by=D(2026, 8, 15),
    screening_start=D(2026, 10, 1),
    screening_end=D(2026, 10, 20),
    exam_start=D(2026, 11, 1),
    exam_end=D(2026, 12, 20),
    nomination_by=D(2027, 1, 10),
    decisions_by=D(2027, 2, 10),
)
PLAN_2026 = campaign.Calendar(year=2026, handover=D(2026, 3, 4))


def steps(year: int, holidays=frozenset(), plans=None) -> dict[str, y.Step]:
    data = y.YearInput(year, plans if plans is not None else {}, holidays)
    return {s.code: s for s in y.year_steps(data)}


def around(step: y.Step) -> list[Status]:
    """Not done: the status on the day before the last day, the day, the day after."""
    return [y.status(step, done_on=None, today=step.due + dt.timedelta(days=d)) for d in (-1, 0, 1)]


DUE_DUE_LATE = [Status.DUE, Status.DUE, Status.LATE]


def test_january_list_by_31_january():
    step = steps(2026)["january_list.2026"]
    assert (step.start, step.due) == (D(2026, 1, 1), D(2026, 1, 31))
    assert around(step) == DUE_DUE_LATE
    # Done on the day: done; the day after: done late.
    assert y.status(step, done_on=D(2026, 1, 31), today=D(2026, 3, 1)) == Status.DONE
    assert y.status(step, done_on=D(2026, 2, 1), today=D(2026, 3, 1)) == Status.DONE_LATE
    # Before the window opens: upcoming.
    assert y.status(step, done_on=None, today=D(2025, 12, 31)) == Status.UPCOMING


def test_january_list_cites_law_98_from_2026_only():
    assert len(steps(2025)["january_list.2025"].citations) == 1
    assert steps(2026)["january_list.2026"].citations[1].document == y.LAW_98


def test_april_registration_window():
    step = steps(2026)["april_registration.2026"]
    assert (step.start, step.due) == (D(2026, 4, 1), D(2026, 4, 30))
    assert around(step) == DUE_DUE_LATE
    assert y.status(step, done_on=None, today=D(2026, 3, 31)) == Status.UPCOMING
    assert y.status(step, done_on=None, today=D(2026, 4, 1)) == Status.DUE


def test_police_report_window_is_25th_to_30th():
    step = steps(2026)["police_report.2026Q2"]
    assert (step.start, step.due) == (D(2026, 6, 25), D(2026, 6, 30))
    assert around(step) == DUE_DUE_LATE
    assert y.status(step, done_on=None, today=D(2026, 6, 24)) == Status.UPCOMING
    assert y.status(step, done_on=D(2026, 6, 30), today=D(2026, 7, 5)) == Status.DONE
    assert y.status(step, done_on=D(2026, 7, 1), today=D(2026, 7, 5)) == Status.DONE_LATE
    assert not step.confirmed


def test_police_report_last_day_rolls_past_a_weekend():
    # 30/09/2028 is a Saturday: the last day is Monday 02/10/2028.
    step = steps(2028)["police_report.2028Q3"]
    assert step.due == D(2028, 10, 2)
    assert y.status(step, done_on=None, today=D(2028, 9, 30)) == Status.DUE
    assert y.status(step, done_on=None, today=D(2028, 10, 1)) == Status.DUE
    assert y.status(step, done_on=None, today=D(2028, 10, 2)) == Status.DUE
    assert y.status(step, done_on=None, today=D(2028, 10, 3)) == Status.LATE


def test_police_report_last_day_rolls_past_a_holiday_and_a_weekend():
    # 30/12/2028 Saturday, 31/12 Sunday, 01/01/2029 New Year: Tuesday 02/01/2029.
    step = steps(2028, holidays=frozenset({D(2029, 1, 1)}))["police_report.2028Q4"]
    assert step.due == D(2029, 1, 2)
    assert around(step) == DUE_DUE_LATE
    # A day off on an ordinary Tuesday 30/06/2026 moves the last day to 01/07/2026.
    moved = steps(2026, holidays=frozenset({D(2026, 6, 30)}))["police_report.2026Q2"]
    assert moved.due == D(2026, 7, 1)
    assert y.status(moved, done_on=D(2026, 7, 1), today=D(2026, 7, 2)) == Status.DONE


def test_no_police_report_before_decree_220():
    assert [c for c in steps(2025) if c.startswith("police_report")] == [
        "police_report.2025Q3",
        "police_report.2025Q4",
    ]


def test_quarter_window_rejects_a_fifth_quarter():
    with pytest.raises(ValueError):
        y.quarter_window(2026, 5, frozenset())


def test_callup_decisions_15_days_before_handover():
    plan = campaign.Calendar(year=2027, handover=D(2027, 3, 4))
    step = steps(2027, plans={2027: plan})["callup_decisions.2027"]
    assert step.due == D(2027, 2, 17)  # 4 March − 15 days
    assert around(step) == DUE_DUE_LATE
    # The plan's earlier date wins.
    assert steps(2027, plans={2027: PLAN_2027})["callup_decisions.2027"].due == D(2027, 2, 10)


def test_reexam_within_10_days_of_handover_is_shown_by_its_dates():
    step = steps(2026, plans={2026: PLAN_2026})["reexam.2026"]
    assert (step.start, step.due) == (D(2026, 3, 4), D(2026, 3, 14))
    assert not step.per_commune
    untracked = [
        y.status(step, done_on=None, today=step.due + dt.timedelta(days=d), tracked=False)
        for d in (-1, 0, 1)
    ]
    assert untracked == [Status.DUE, Status.DUE, Status.PASSED]


def test_single_day_step_is_due_a_week_ahead():
    step = steps(2026, plans={2027: PLAN_2027})["pool_review.2027"]
    assert step.due == D(2026, 8, 15)
    week = D(2026, 8, 15) - dt.timedelta(days=y.WARN_DAYS)
    assert y.status(step, done_on=None, today=week - dt.timedelta(days=1)) == Status.UPCOMING
    assert y.status(step, done_on=None, today=week) == Status.DUE


def test_a_year_holds_the_end_of_one_campaign_and_the_start_of_the_next():
    codes = set(steps(2026, plans={2026: PLAN_2026, 2027: PLAN_2027}))
    assert {"handover.2026", "reexam.2026", "callup_decisions.2026"} <= codes
    assert {"pool_review.2027", "screening.2027", "examination.2027"} <= codes
    # The 2027 campaign's decisions and handover fall in 2027, not on the 2026 calendar.
    assert "handover.2027" not in codes and "nomination.2027" not in codes
    assert "handover.2027" in steps(2027, plans={2027: PLAN_2027})


def test_steps_are_in_date_order_and_every_step_is_cited_in_both_languages():
    listed = y.year_steps(y.YearInput(2026, {2026: PLAN_2026, 2027: PLAN_2027}))
    assert listed == sorted(listed, key=lambda s: (s.first_day, s.due, s.code))
    for step in listed:
        assert step.title.vi and step.title.en
        assert all(c.label and c.label_vi for c in step.citations)


def test_a_registered_builder_adds_its_steps():
    def extra(data: y.YearInput) -> list[y.Step]:
        return [y.Step(f"extra.{data.year}", "extra", y.JANUARY_LIST, D(data.year, 5, 5), ())]

    y.register_builder("test_extra", extra)
    try:
        assert "extra.2026" in steps(2026)
        with pytest.raises(ValueError):
            y.register_builder("test_extra", lambda data: [])
    finally:
        del y.BUILDERS["test_extra"]
