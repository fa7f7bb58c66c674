"""The demo directive's task-3 targets 3.4–3.6 ("Bồi dưỡng kiến thức QP-AN cho đối tượng …")
read the defence education sources, and the board shows the demo education's coverage."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.demo.education import load_demo_education
from muster.directives import selectors
from muster.directives.models import Target
from tests.conscription.selection_factories import campaign_with_quota
from tests.directives.factories import create_demo_accounts

pytestmark = pytest.mark.django_db


def test_targets_3_4_to_3_6_read_the_education_sources(units, personas):
    from muster.demo.directives import load_demo_directive

    campaign_with_quota(units, personas["district_officer"], dhop_army=3)
    create_demo_accounts(units)
    directive = load_demo_directive(units=units)
    load_demo_education(units=units, seed=2025)
    bound = dict(
        Target.objects.filter(task__directive=directive, task__order=3, order__in=(4, 5, 6))
        .order_by("order")
        .values_list("order", "source")
    )
    assert bound == {
        4: "education.group12_sent_pct",
        5: "education.group3_pct",
        6: "education.group4_pct",
    }
    board = selectors.board(user=personas["leader"], directive=directive, on=dt.date(2025, 12, 31))
    rows = {r.target.source: r for t in board.tasks for r in t.targets if r.target.source}
    assert rows["education.group4_pct"].achieved is not None
    assert 0 < rows["education.group4_pct"].achieved <= 100
    assert rows["education.group3_pct"].achieved is not None
