"""The militia's other allowances (seniority, special defence, the deputy commander's one-off
payment) and the standing and maritime militia's benefits, on the day before, of and after
Decree 16/2025 (23/03/2025), with the 59/60/71/72-month boundaries of seniority."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.law.militia import benefits as b
from muster.law.militia.enums import Post
from muster.law.sources import DECREE_16, DECREE_72

D = dt.date
BEFORE, ON, AFTER = D(2025, 3, 22), D(2025, 3, 23), D(2025, 3, 24)


@pytest.mark.parametrize(
    ("months", "percent"), [(0, 0), (59, 0), (60, 5), (71, 5), (72, 6), (83, 6), (84, 7), (120, 10)]
)
def test_seniority_boundaries(months, percent):
    share = b.seniority_share(Post.DEPUTY_COMMANDER, months, AFTER)
    assert share is not None and share.percent == percent


def test_seniority_is_the_deputy_commanders_only():
    assert b.seniority_share(Post.COMMANDER, 80, AFTER) is None
    assert b.seniority_share(Post.SQUAD_LEADER, 80, AFTER) is None


def test_seniority_confirmed_under_the_old_text_unverified_since_decree_16():
    old = b.seniority_share(Post.DEPUTY_COMMANDER, 60, BEFORE)
    new = b.seniority_share(Post.DEPUTY_COMMANDER, 60, ON)
    assert old is not None and new is not None
    assert old.confirmed and not new.confirmed
    assert [c.document for c in old.citations] == [DECREE_72]
    assert [c.document for c in new.citations] == [DECREE_72, DECREE_16]
    assert old.rules[0].valid_to == BEFORE and new.rules[0].valid_from == ON
    assert "Điều 8–10" in old.citations[0].label_vi


def test_nothing_before_decree_72():
    assert b.seniority_share(Post.DEPUTY_COMMANDER, 80, D(2020, 6, 30)) is None
    assert b.special_defence_share(Post.DEPUTY_COMMANDER, D(2020, 6, 30)) is None


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        (Post.DEPUTY_COMMANDER, 50),
        (Post.MOBILE_PLATOON_LEADER, 50),
        (Post.STANDING_SQUAD_LEADER, 50),
        (Post.COMMANDER, None),
        (Post.PLATOON_LEADER, None),
    ],
)
def test_special_defence_posts(post, expected):
    for day in (BEFORE, ON, AFTER):
        share = b.special_defence_share(post, day)
        assert (share.percent if share else None) == expected
    share = b.special_defence_share(Post.DEPUTY_COMMANDER, BEFORE)
    assert share is not None and share.confirmed
    share = b.special_defence_share(Post.DEPUTY_COMMANDER, ON)
    assert share is not None and not share.confirmed


def test_deputy_one_off_after_60_months_one_and_a_half_months_a_year():
    assert b.deputy_one_off(AFTER, 59, 514_800) is None
    paid = b.deputy_one_off(AFTER, 60, 514_800)
    assert paid is not None and paid.amount == 514_800 * 15 * 5 // 10 and paid.per == "once"
    # 71 months are 5 full years; 72 are 6.
    assert b.deputy_one_off(AFTER, 71, 514_800).amount == 3_861_000  # type: ignore[union-attr]
    assert b.deputy_one_off(AFTER, 72, 514_800).amount == 4_633_200  # type: ignore[union-attr]
    assert b.deputy_one_off(BEFORE, 60, 327_800).confirmed  # type: ignore[union-attr]
    assert not b.deputy_one_off(ON, 60, 514_800).confirmed  # type: ignore[union-attr]


def test_service_months_adds_up_interrupted_periods():
    start = D(2020, 1, 1)
    assert b.service_months([(start, None)], D(2024, 12, 30)) == 59
    assert b.service_months([(start, None)], D(2024, 12, 31)) == 60
    # Two periods that touch are one.
    assert b.service_months([(start, D(2022, 1, 1)), (D(2022, 1, 1), None)], D(2024, 12, 31)) == 60
    # Ended periods pool their leftover days: 15 + 15 days make a month.
    periods = [(start, D(2021, 1, 16)), (D(2022, 1, 1), D(2022, 1, 16))]
    assert b.service_months(periods, D(2030, 1, 1)) == 13
    # A period not yet begun, or ended before, adds nothing more.
    assert b.service_months([(D(2026, 1, 1), None)], D(2025, 12, 31)) == 0
    # A month from 31 January runs to 28 February (exclusive): whole by the end of 27/02.
    assert b.service_months([(D(2021, 1, 31), None)], D(2021, 2, 26)) == 0
    assert b.service_months([(D(2021, 1, 31), None)], D(2021, 2, 27)) == 1


def test_standing_militia_entitlements_from_decree_16():
    assert b.standing_entitlements(BEFORE) == ()
    found = b.standing_entitlements(ON)
    assert [e.rules[0].code for e in found] == list(b.STANDING_BENEFITS)
    assert all(e.confirmed for e in found)
    assert "bảo hiểm xã hội" in found[0].text.vi


def test_sea_duty_line_across_the_change():
    line = b.sea_duty_line([BEFORE, ON])
    assert line.amount == (372_500 + 149_000) + (585_000 + 234_000)
    captain = b.sea_duty_line([ON, AFTER], captain=True)
    assert captain.amount == 2 * (585_000 + 234_000 + 187_200)
    assert "2 ngày (23/03/2025–24/03/2025)" in captain.text.vi
    assert captain.confirmed
    with pytest.raises(ValueError):
        b.sea_duty_line([])
