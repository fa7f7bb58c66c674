"""Registration deadlines: the rule in force on the event's day, counted in working days."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law.calendar import add_days, add_working_days
from muster.law.callup.registration import RULES, NoRuleError, Trigger, deadline, is_late, rule_for

D = dt.date
# National Day 2025: Mon 1/9 and Tue 2/9 off; Hùng Kings 2025: Mon 7/4.
HOLIDAYS = frozenset({D(2025, 9, 1), D(2025, 9, 2), D(2025, 4, 7)})


def test_transfer_in_is_ten_working_days_until_30_june_2025():
    # Thu 27/3/2025 → Fri 28, Mon 31, Tue 1/4 … Fri 4 (6), Mon 7/4 holiday, Tue 8 … Fri 11 (10).
    result = deadline(Trigger.TRANSFER_IN, D(2025, 3, 27), HOLIDAYS)
    assert result.due == D(2025, 4, 11)
    assert result.rule.amount == 10
    assert "78/2015" in result.rule.citation


def test_transfer_in_is_five_working_days_from_1_july_2025_across_weekend_and_holiday():
    # Thu 28/8/2025 → Fri 29 (1), weekend, Mon 1/9 + Tue 2/9 holiday, Wed 3 (2) … Mon 8/9 (5).
    result = deadline(Trigger.TRANSFER_IN, D(2025, 8, 28), HOLIDAYS)
    assert result.due == D(2025, 9, 8)
    assert result.rule.amount == 5
    assert "98/2025" in result.rule.citation


@pytest.mark.parametrize(
    ("day", "amount"),
    [(D(2025, 6, 30), 10), (D(2025, 7, 1), 5), (D(2016, 1, 1), 10), (D(2030, 1, 1), 5)],
)
def test_boundary_of_law_98_2025(day, amount):
    assert rule_for(Trigger.TRANSFER_IN, day).amount == amount
    assert rule_for(Trigger.ABSENCE_RETURN, day).amount == amount


def test_no_rule_before_law_78_2015():
    with pytest.raises(NoRuleError):
        rule_for(Trigger.TRANSFER_IN, D(2015, 12, 31))


def test_reserve_registration_fifteen_working_days():
    # Mon 4/8/2025 + 15 working days → Mon 25/8/2025 (no holiday in between).
    assert deadline(Trigger.RESERVE_REGISTRATION, D(2025, 8, 4), HOLIDAYS).due == D(2025, 8, 25)


def test_removal_report_calendar_days_before_and_after_reform():
    assert deadline(Trigger.REMOVAL_REPORT, D(2025, 6, 2), HOLIDAYS).due == D(2025, 6, 12)
    # 27/8 + 5 days = Mon 1/9, a holiday → rolls to Wed 3/9.
    assert deadline(Trigger.REMOVAL_REPORT, D(2025, 8, 27), HOLIDAYS).due == D(2025, 9, 3)


def test_certificate_within_one_day():
    # Fri 11/4/2025 + 1 day = Saturday → the next working day, Mon 14/4.
    assert deadline(Trigger.CERTIFICATE, D(2025, 4, 11), HOLIDAYS).due == D(2025, 4, 14)
    assert deadline(Trigger.CERTIFICATE, D(2025, 4, 15), HOLIDAYS).due == D(2025, 4, 16)


def test_working_day_calculator():
    friday = D(2025, 8, 8)
    assert add_working_days(friday, 0, ()) == friday
    assert add_working_days(friday, 1, ()) == D(2025, 8, 11)
    assert add_working_days(D(2025, 8, 9), 1, ()) == D(2025, 8, 11)  # from a Saturday
    assert add_working_days(D(2025, 8, 29), 1, HOLIDAYS) == D(2025, 9, 3)
    assert add_days(D(2025, 8, 4), 2, ()) == D(2025, 8, 6)
    with pytest.raises(ValueError):
        add_working_days(friday, -1, ())


def test_lateness():
    assert not is_late(D(2025, 9, 8), D(2025, 9, 8))
    assert is_late(D(2025, 9, 8), D(2025, 9, 9))


def test_every_rule_cites_its_law_and_rules_do_not_overlap():
    for rule in RULES:
        assert rule.citation
        for other in RULES:
            if other is rule or other.trigger != rule.trigger:
                continue
            end = rule.valid_to or D(9999, 12, 31)
            other_end = other.valid_to or D(9999, 12, 31)
            assert end < other.valid_from or other_end < rule.valid_from
