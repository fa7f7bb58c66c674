"""Allowances on the day before, of and after Decree 16/2025 (23/03/2025): post allowances,
the village militia leader, the daily work allowance and its extension top-up, the maritime
rates, and the month and session lines."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law.militia import allowances as a
from muster.law.militia.enums import Post
from muster.law.sources import DECREE_16, DECREE_72

D = dt.date
BEFORE, ON, AFTER = D(2025, 3, 22), D(2025, 3, 23), D(2025, 3, 24)


@pytest.mark.parametrize(
    ("post", "old", "new"),
    [
        (Post.COMMANDER, 357_600, 561_600),
        (Post.DEPUTY_COMMANDER, 327_800, 514_800),
        (Post.DEPUTY_BATTALION_COMMANDER, 312_900, 491_400),
        (Post.COMPANY_COMMANDER, 298_000, 468_000),
        (Post.DEPUTY_COMPANY_COMMANDER, 223_500, 351_000),
        (Post.PLATOON_LEADER, 178_800, 280_800),
        (Post.SQUAD_LEADER, 149_000, 234_000),
    ],
)
def test_post_allowance_before_on_and_after_23_march_2025(post, old, new):
    assert a.post_allowance(post, BEFORE).amount == old  # type: ignore[union-attr]
    assert a.post_allowance(post, ON).amount == new  # type: ignore[union-attr]
    found = a.post_allowance(post, AFTER)
    assert found is not None and found.amount == new and found.per == "month"
    assert found.confirmed
    assert [c.document for c in found.citations] == [DECREE_72, DECREE_16]


def test_no_amount_for_the_assistant():
    assert a.post_allowance(Post.ASSISTANT, AFTER) is None
    assert a.month_line(Post.ASSISTANT, 2026, 1) is None


def test_village_leader_with_and_without_a_unit_command():
    assert a.village_leader_allowance(BEFORE).amount == 178_800
    assert a.village_leader_allowance(BEFORE, Post.SQUAD_LEADER).amount == 178_800 + 29_800
    assert a.village_leader_allowance(BEFORE, Post.PLATOON_LEADER).amount == 178_800 + 35_760
    assert a.village_leader_allowance(ON).amount == 280_800
    assert a.village_leader_allowance(ON, Post.SQUAD_LEADER).amount == 280_800 + 234_000
    assert a.village_leader_allowance(ON, Post.PLATOON_LEADER).amount == 280_800 + 280_800
    with pytest.raises(ValueError):
        a.village_leader_allowance(ON, Post.COMMANDER)


def test_floors_the_province_must_respect():
    assert (a.village_leader_monthly(BEFORE).amount, a.village_leader_monthly(ON).amount) == (
        745_000,
        1_170_000,
    )
    daily = a.daily_work_allowance(ON)
    assert (a.daily_work_allowance(BEFORE).amount, daily.amount) == (119_200, 327_600)
    assert daily.floor and daily.per == "day"


def test_extension_top_up_is_a_sum_before_and_half_the_daily_rate_after():
    assert a.extension_top_up(BEFORE).amount == 59_600
    assert a.extension_top_up(ON).amount == 163_800
    assert a.extension_top_up(AFTER, daily_rate=400_000).amount == 200_000


def test_maritime_and_sea_captain_rates():
    daily, meals = a.maritime_allowance(BEFORE)
    assert (daily.amount, meals.amount) == (372_500, 149_000)
    daily, meals = a.maritime_allowance(ON)
    assert (daily.amount, meals.amount) == (585_000, 234_000)
    assert (a.sea_captain_allowance(BEFORE).amount, a.sea_captain_allowance(ON).amount) == (
        119_200,
        187_200,
    )


def test_the_standing_completion_allowance_after_decree_16_is_unverified():
    assert a.standing_completion_allowance(BEFORE, 2).amount == 5_960_000
    later = a.standing_completion_allowance(ON, 2)
    assert later.amount == 5_960_000 and not later.confirmed


def test_month_lines_before_across_and_after_the_change():
    assert a.month_line(Post.COMMANDER, 2025, 2).amount == 357_600  # type: ignore[union-attr]
    assert a.month_line(Post.COMMANDER, 2025, 4).amount == 561_600  # type: ignore[union-attr]
    march = a.month_line(Post.COMMANDER, 2025, 3)
    assert march is not None
    # 22 days at 357.600 and 9 at 561.600, of 31: 416.825,8 → 416.826.
    assert march.amount == 416_826
    assert len(march.rules) == 2
    assert march.text.vi == "Phụ cấp chức vụ Chỉ huy trưởng, tháng 03/2025"
    leader = a.month_line(Post.VILLAGE_LEADER, 2026, 1, leads=Post.SQUAD_LEADER)
    assert leader is not None and leader.amount == 514_800


def test_session_lines_day_by_day():
    plain = a.session_line(D(2026, 5, 4), 3)
    assert plain.amount == 3 * 327_600
    assert plain.text.vi.startswith("Trợ cấp ngày công lao động 3 ngày (04/05/2026–06/05/2026")
    across = a.session_line(D(2025, 3, 21), 4, extended=True)
    assert across.amount == 2 * (119_200 + 59_600) + 2 * (327_600 + 163_800)
    provincial = a.session_line(D(2026, 5, 4), 2, rate=350_000, extended=True)
    assert provincial.amount == 2 * (350_000 + 175_000)
    with pytest.raises(ValueError, match="below the floor"):
        a.session_line(D(2026, 5, 4), 1, rate=300_000)
    with pytest.raises(ValueError):
        a.session_line(D(2026, 5, 4), 0)
