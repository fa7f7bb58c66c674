"""Training caps, deferral grounds, meeting timing and the Decree 79/2020 allowances: the cap
boundaries, the day before and after each dated amount, the lines recounted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from muster.law import book
from muster.law.reserve import allowances as al
from muster.law.reserve import training as tr
from muster.law.reserve.rules_benefits import KHUNG_B_AMOUNTS
from muster.law.reserve.training_enums import CallKind, DeferralGround, KhungBPost, MeetingKind
from muster.law.sources import DECREE_24_2023_FROM, DECREE_73_2024_FROM, DECREE_79_FROM

ON = dt.date(2025, 5, 5)


@pytest.mark.parametrize(("done", "allowed"), [(350, True), (351, False)])
def test_class_one_total_is_capped_at_12_months_of_30_days(done, allowed):
    verdict = tr.check_call(kind=CallKind.TRAINING, reserve_class=1, days=10, done_days=done, on=ON)
    assert verdict.allowed is allowed
    if not allowed:
        assert "vượt 1 ngày" in verdict.reason.vi
        assert "Điều 22 Luật Lực lượng dự bị động viên 53/2019/QH14" in verdict.citation_vi
        assert not verdict.confirmed  # the 30-day month is a default


@pytest.mark.parametrize(("days", "allowed"), [(7, True), (8, False)])
def test_readiness_check_lasts_at_most_7_days_whatever_the_class(days, allowed):
    for klass in (1, 2, None):
        verdict = tr.check_call(
            kind=CallKind.CHECK, reserve_class=klass, days=days, done_days=0, on=ON
        )
        assert verdict.allowed is allowed
    assert (
        "không quá 7 ngày"
        in tr.check_call(kind=CallKind.CHECK, reserve_class=1, days=8, done_days=0, on=ON).reason.vi
    )


@pytest.mark.parametrize(("done_extra", "allowed"), [(50, True), (51, False)])
def test_extra_training_is_capped_at_2_months(done_extra, allowed):
    verdict = tr.check_call(
        kind=CallKind.EXTRA,
        reserve_class=1,
        days=10,
        done_days=100,
        done_extra_days=done_extra,
        on=ON,
    )
    assert verdict.allowed is allowed


@pytest.mark.parametrize(("sessions", "allowed"), [(1, True), (2, False)])
def test_class_two_has_at_most_two_training_sessions_a_year(sessions, allowed):
    verdict = tr.check_call(
        kind=CallKind.TRAINING,
        reserve_class=2,
        days=30,
        done_days=900,
        sessions_this_year=sessions,
        on=ON,
    )
    assert verdict.allowed is allowed


def test_call_days_count_both_ends_and_refuse_reversed_dates():
    assert tr.call_days(dt.date(2025, 5, 1), dt.date(2025, 5, 7)) == 7
    with pytest.raises(ValueError):
        tr.call_days(dt.date(2025, 5, 7), dt.date(2025, 5, 1))


def test_deferral_grounds_are_cited_to_article_22_4():
    text = tr.deferral_reason(DeferralGround.EXAM, ON)
    assert "khoản 4 Điều 22" in text.vi
    assert "Art 22(4)" in text.en


@pytest.mark.parametrize(
    ("kind", "day", "hours", "allowed"),
    [
        (MeetingKind.KHUNG_B, dt.date(2025, 3, 28), 4, True),
        (MeetingKind.KHUNG_B, dt.date(2025, 3, 28), 4.5, False),
        (MeetingKind.KHUNG_B, dt.date(2025, 2, 28), 2, False),
        (MeetingKind.KHUNG_B, dt.date(2025, 12, 1), 2, True),
        (MeetingKind.DECEMBER, dt.date(2025, 12, 20), 4, True),
        (MeetingKind.DECEMBER, dt.date(2025, 11, 30), 4, False),
    ],
)
def test_meetings_fall_in_their_month_and_last_at_most_half_a_day(kind, day, hours, allowed):
    assert tr.check_meeting(kind, day, hours).allowed is allowed


def test_khung_b_meeting_organiser_changes_with_law_98():
    before = tr.meeting_rule(MeetingKind.KHUNG_B, dt.date(2025, 6, 30))
    after = tr.meeting_rule(MeetingKind.KHUNG_B, dt.date(2025, 7, 1))
    assert before.param("organiser") == "district_command" and not before.confirmed
    assert after.param("organiser") == "regional_command"


# --------------------------------------------------------------------------- allowances


@pytest.mark.parametrize(("days", "paid"), [(44, False), (45, True)])
def test_khung_b_quarter_needs_45_days_in_the_post(days, paid):
    line = al.khung_b_line(KhungBPost.COMPANY_COMMANDER, year=2025, quarter=2, days_in_post=days)
    assert isinstance(line, al.Line) is paid
    if paid:
        assert line.amount == 720_000
        assert not line.confirmed  # Decree 79/2020 amounts may be stale
        assert "Nghị định 79/2020/NĐ-CP" in line.citations[0].label_vi


def test_every_khung_b_post_has_its_amount():
    for post, amount in KHUNG_B_AMOUNTS.items():
        line = al.khung_b_line(post, year=2025, quarter=4, days_in_post=92)
        assert isinstance(line, al.Line) and line.amount == amount
    assert KHUNG_B_AMOUNTS[KhungBPost.REGIMENT_COMMANDER] == 1_040_000


def test_allowances_start_with_decree_79():
    before = DECREE_79_FROM - dt.timedelta(days=1)
    assert book.rule_or_none("reserve.allowance.officer_placed", before) is None
    assert book.rule("reserve.allowance.officer_placed", DECREE_79_FROM).int_param("amount") == (
        160_000
    )
    line = al.khung_b_line(KhungBPost.SQUAD_LEADER, year=2020, quarter=2, days_in_post=91)
    assert isinstance(line, al.NoLine)


@pytest.mark.parametrize(("days", "paid"), [(14, False), (15, True)])
def test_officer_placed_needs_15_days_in_the_month(days, paid):
    line = al.officer_month_line(year=2025, month=2, days_in_unit=days)
    assert isinstance(line, al.Line) is paid
    if paid:
        assert line.amount == 160_000


@pytest.mark.parametrize(("months", "paid"), [(5, False), (6, True)])
def test_soldier_placed_needs_6_consecutive_months(months, paid):
    line = al.soldier_year_line(year=2025, consecutive_months=months)
    assert isinstance(line, al.Line) is paid
    if paid:
        assert line.amount == 320_000


def test_base_salary_is_known_from_1_july_2023_and_confirmed_from_1_july_2024():
    assert al.base_salary(DECREE_24_2023_FROM - dt.timedelta(days=1)) is None
    before = al.base_salary(DECREE_73_2024_FROM - dt.timedelta(days=1))
    assert before is not None and before.int_param("amount") == 1_800_000 and not before.confirmed
    base = al.base_salary(DECREE_73_2024_FROM)
    assert base is not None and base.int_param("amount") == 2_340_000 and base.confirmed


def test_officer_training_is_paid_per_day_at_the_base_salary_of_the_day():
    # 4,2 × 2.340.000 ÷ 26 = 378.000 a day; 7 days.
    line = al.training_line(
        officer=True,
        first=dt.date(2025, 5, 5),
        last=dt.date(2025, 5, 11),
        days=7,
        coefficient=Decimal("4.2"),
    )
    assert isinstance(line, al.Line)
    assert line.amount == 7 * 378_000
    assert "hệ số 4,2" in line.text.vi


def test_officer_training_across_the_first_base_salary_is_not_computed():
    line = al.training_line(
        officer=True,
        first=dt.date(2023, 6, 28),
        last=dt.date(2023, 7, 2),
        days=5,
        coefficient=Decimal("4.2"),
    )
    assert isinstance(line, al.NoLine)
    assert "28/06/2023" in line.reason.vi
    line = al.training_line(
        officer=True,
        first=dt.date(2024, 7, 1),
        last=dt.date(2024, 7, 5),
        days=5,
        coefficient=Decimal("4.2"),
    )
    assert isinstance(line, al.Line) and line.amount == 5 * 378_000


@pytest.mark.parametrize(
    ("days", "amount"),
    [(4, None), (5, 468_000), (15, 468_000), (16, 936_000), (31, 936_000), (32, None)],
)
def test_soldier_training_is_half_a_month_for_5_to_15_days_a_month_for_16_to_31(days, amount):
    # rank allowance 0,4 × 2.340.000 = 936.000 a month.
    first = dt.date(2025, 5, 1)
    line = al.training_line(
        officer=False,
        first=first,
        last=first + dt.timedelta(days=days - 1),
        days=days,
        coefficient=Decimal("0.4"),
    )
    if amount is None:
        assert isinstance(line, al.NoLine)
    else:
        assert isinstance(line, al.Line) and line.amount == amount


def test_state_paid_reservists_and_missing_coefficients_get_no_line():
    first = dt.date(2025, 5, 1)
    kw = {"officer": False, "first": first, "last": first, "days": 10}
    assert isinstance(al.training_line(**kw, coefficient=Decimal(1), state_paid=True), al.NoLine)
    assert isinstance(al.training_line(**kw, coefficient=None), al.NoLine)
