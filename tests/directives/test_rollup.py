"""Roll-up arithmetic and status rule (pure)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from muster.directives import rollup
from muster.directives.rollup import Direction, Share, Status

amounts = st.decimals(min_value=0, max_value=10_000, places=3, allow_nan=False)
shares_st = st.lists(
    st.builds(Share, planned=amounts, achieved=st.one_of(st.none(), amounts)), max_size=20
)


@given(shares_st)
def test_weighted_progress_stays_within_0_and_100(shares):
    progress = rollup.weighted_progress(shares)
    if progress is not None:
        assert Decimal(0) <= progress <= Decimal(100)
    ceiling = rollup.weighted_progress(shares, Direction.AT_MOST)
    assert ceiling in (None, Decimal(0), Decimal(100))


@given(shares_st, amounts)
def test_sum_of_shares_and_mismatch(shares, target_value):
    total = rollup.sum_of_shares(shares)
    assert total == sum((s.planned for s in shares), Decimal(0))
    if shares:
        assert rollup.shares_mismatch(target_value, shares) + total == target_value


@given(st.lists(amounts, min_size=1, max_size=10))
def test_all_shares_met_is_100(planned):
    assert rollup.weighted_progress([Share(p, p) for p in planned]) == Decimal(100)


def test_weighting_by_share_and_no_compensation_between_communes():
    # 1.5 ha fully done in one commune, nothing of 0.5 in the other: 75 %.
    shares = [Share(Decimal("1.5"), Decimal("1.5")), Share(Decimal("0.5"), Decimal(0))]
    assert rollup.weighted_progress(shares) == Decimal(75)
    # Over-achievement is clamped: 300 % in one does not hide 0 % in the other.
    shares = [Share(Decimal(1), Decimal(3)), Share(Decimal(1), Decimal(0))]
    assert rollup.weighted_progress(shares) == Decimal(50)
    # A share without a figure counts as 0 % once another has one.
    assert rollup.weighted_progress([Share(Decimal(1), Decimal(1)), Share(Decimal(1), None)]) == 50
    assert rollup.weighted_progress([Share(Decimal(1), None)]) is None


def test_ceiling_target_zero_replacements():
    assert rollup.share_progress(Decimal(0), Decimal(0), Direction.AT_MOST) == 100
    assert rollup.share_progress(Decimal(0), Decimal(1), Direction.AT_MOST) == 0
    start, due = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    kw = {"start": start, "due": due, "direction": Direction.AT_MOST}
    assert rollup.status(progress=Decimal(100), on=dt.date(2025, 6, 1), **kw) == Status.ON_TRACK
    assert rollup.status(progress=Decimal(0), on=dt.date(2025, 6, 1), **kw) == Status.LATE
    assert rollup.status(progress=Decimal(100), on=dt.date(2026, 1, 1), **kw) == Status.DONE


def test_status_by_elapsed_time():
    start, due = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    mid = dt.date(2025, 7, 2)  # half the window gone (182 of 364 days)
    assert rollup.elapsed_percent(start, due, mid) == 50
    assert rollup.status(progress=Decimal(40), start=start, due=due, on=mid) == Status.ON_TRACK
    assert rollup.status(progress=Decimal(39), start=start, due=due, on=mid) == Status.AT_RISK
    assert rollup.status(progress=Decimal(100), start=start, due=due, on=mid) == Status.DONE
    assert (
        rollup.status(progress=Decimal(99), start=start, due=due, on=dt.date(2026, 1, 1))
        == Status.LATE
    )
    assert rollup.status(progress=None, start=start, due=due, on=mid) == Status.NO_DATA
    assert rollup.worst([Status.DONE, Status.AT_RISK, Status.ON_TRACK]) == Status.AT_RISK
