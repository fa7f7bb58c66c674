"""The deadlines of the changes after registration, each at its boundary: the status on the
day before, the day of and the day after the last day; working days across a weekend and a
public holiday; the rule in force on the triggering day (Law 98/2025, Decree 220/2025)."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law.callup import changes
from muster.law.callup.year import WARN_DAYS, Status, YearInput

D = dt.date
K = changes.ChangeKind
#: 1 and 2 September 2025: National Day (Quốc khánh) and the day beside it.
SEPT_2025 = frozenset({D(2025, 9, 1), D(2025, 9, 2)})


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2025, 9, 8) - dt.timedelta(days=WARN_DAYS + 1), Status.UPCOMING),
        (D(2025, 9, 8) - dt.timedelta(days=WARN_DAYS), Status.DUE),
        (D(2025, 9, 7), Status.DUE),  # the day before
        (D(2025, 9, 8), Status.DUE),  # the last day itself
        (D(2025, 9, 9), Status.LATE),  # the day after
    ],
)
def test_status_around_the_last_day(today, expected):
    assert changes.status_on(D(2025, 9, 8), done_on=None, today=today) == expected


@pytest.mark.parametrize(
    ("done_on", "expected"),
    [(D(2025, 9, 7), Status.DONE), (D(2025, 9, 8), Status.DONE), (D(2025, 9, 9), Status.DONE_LATE)],
)
def test_done_on_or_after_the_last_day(done_on, expected):
    # Done wins over the day read: a change recorded late stays "done late", never "late".
    assert changes.status_on(D(2025, 9, 8), done_on=done_on, today=D(2026, 1, 1)) == expected


def test_transfer_counts_five_working_days_past_a_weekend_and_national_day():
    # Arrival Thursday 28/08/2025: Fri 29 (1), Sat–Sun off, Mon 1 and Tue 2 Sept holidays,
    # Wed 3 (2), Thu 4 (3), Fri 5 (4), Mon 8 (5).
    due = changes.deadline(K.TRANSFER, D(2025, 8, 28), SEPT_2025)
    assert due.due == D(2025, 9, 8)
    assert due.rule.amount == 5 and due.rule.confirmed
    # Without the holidays the same arrival is due on Thursday 04/09.
    assert changes.deadline(K.TRANSFER, D(2025, 8, 28), frozenset()).due == D(2025, 9, 4)


def test_transfer_rule_changes_on_1_july_2025():
    # Arrival Monday 30/06/2025, the day before Law 98/2025: 10 working days → Mon 14/07.
    before = changes.deadline(K.TRANSFER, D(2025, 6, 30), frozenset())
    assert (before.rule.amount, before.due) == (10, D(2025, 7, 14))
    # Arrival Tuesday 01/07/2025, the day it takes effect: 5 working days → Tue 08/07.
    on = changes.deadline(K.TRANSFER, D(2025, 7, 1), frozenset())
    assert (on.rule.amount, on.due) == (5, D(2025, 7, 8))
    assert "98/2025" in on.rule.citation


def test_absence_return_uses_the_same_working_days():
    assert changes.deadline(K.ABSENCE, D(2025, 8, 28), SEPT_2025).due == D(2025, 9, 8)
    assert changes.deadline(K.ABSENCE, D(2025, 6, 30), frozenset()).rule.amount == 10


def test_additional_registration_is_unconfirmed_from_decree_220():
    before = changes.deadline(K.ADDITIONAL, D(2025, 8, 6), frozenset())
    on = changes.deadline(K.ADDITIONAL, D(2025, 8, 7), frozenset())
    assert before.rule.confirmed and not on.rule.confirmed
    # 10 calendar days; 17/08/2025 is a Sunday, so the last day runs to Monday 18/08.
    assert on.due == D(2025, 8, 18)
    assert changes.deadline(K.ADDITIONAL, D(2025, 8, 6), frozenset()).due == D(2025, 8, 18)
    # 22/08 + 10 = 01/09, a holiday, then 02/09 too: Wednesday 03/09.
    assert changes.deadline(K.ADDITIONAL, D(2025, 8, 22), SEPT_2025).due == D(2025, 9, 3)


def test_removal_report_within_5_days_from_law_98():
    on = changes.deadline(K.REMOVAL, D(2025, 7, 1), frozenset())
    assert (on.rule.amount, on.due) == (5, D(2025, 7, 7))  # Sun 06/07 rolls to Mon 07/07
    before = changes.deadline(K.REMOVAL, D(2025, 6, 30), frozenset())
    assert (before.rule.amount, before.due) == (10, D(2025, 7, 10))
    assert "Chủ tịch UBND" in on.rule.citation


def test_the_year_has_one_running_step():
    (step,) = changes.year_steps(YearInput(2026))
    assert step.kind == changes.STEP_KIND == "registration_changes"
    assert (step.start, step.due) == (D(2026, 1, 1), D(2026, 12, 31))
