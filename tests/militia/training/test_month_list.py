"""Training days reach the month's allowance list (Decree 72/2020 as amended by Decree 16/2025):
the days a member attended at a session are paid there at the daily work rate of each day,
beside the call-out days; standing militia are not paid by the day."""

from __future__ import annotations

import datetime as dt

from muster.militia.allowances.lines import month_lines
from tests.militia.training.test_training import _attend, _plans, _session


def test_session_days_are_paid_on_the_months_list(personas, force, units):
    commander = personas["commune_commander"]
    plans = _plans(commander, units["DHOP"])
    m = force["members"]
    session = _session(commander, plans["mobile"], start=dt.date(2025, 4, 7), days=3)
    _attend(
        commander,
        session,
        [(m["first"], True, 3, ""), (m["second"], True, 2, ""), (m["third"], False, 0, "")],
    )
    listing = month_lines(units["DHOP"], dt.date(2025, 4, 1))
    daily = {
        (x.person.full_name, x.days): x.amount for x in listing.lines if x.kind == "daily_work"
    }
    assert daily == {("Lê Văn An", 3): 3 * 327_600, ("Phạm Văn Bình", 2): 2 * 327_600}
    may = month_lines(units["DHOP"], dt.date(2025, 5, 1))
    assert not [x for x in may.lines if x.kind == "daily_work"]
