"""Directives through the API's read functions: the directives concerning the area, a
directive's targets with their value, shares and owed reports as the board computes them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.http import Http404

from muster.api.resources import directives as api
from muster.directives.selectors import board
from tests.api.resources.conftest import as_user
from tests.directives.factories import add_target, make_directive

pytestmark = pytest.mark.django_db

ON = dt.date(2025, 3, 20)


def _kw(user) -> dict:
    actor, scope = as_user(user)
    return {"actor": actor, "scope": scope}


def test_a_commune_user_lists_the_directives_concerning_it(directive, units, commune_user):
    other, _target = make_directive(units["DT"], title="Chỉ thị của Đồng Thanh")
    mine = [api.DirectiveOut.of(d) for d in api.directive_list(**_kw(commune_user))]
    assert [d.public_id for d in mine] == [directive.public_id]
    assert mine[0].unit.name == "Kim Động" and mine[0].number == "01-CT/TU"
    assert list(api.directive_list(**_kw(commune_user), year=2024)) == []
    with pytest.raises(Http404):
        api.directive_targets(**_kw(commune_user), public_id=other.public_id)


def test_targets_with_shares_cut_to_the_area(directive, units, commune_user, district_user):
    mine = api.directive_targets(**_kw(commune_user), public_id=directive.public_id, on=ON)
    assert not mine.full_view and len(mine.targets) == 1
    target = mine.targets[0]
    assert [(s.unit.name, s.planned) for s in target.shares] == [("Đức Hợp", 6.0)]
    assert target.achieved is None and target.status == "no_data" and target.status_label
    assert {r.unit.name for r in mine.reports} == {"Đức Hợp"}
    assert all(r.state == "missing" for r in mine.reports)
    full = api.directive_targets(**_kw(district_user), public_id=directive.public_id, on=ON)
    assert full.full_view
    assert sorted(s.unit.name for s in full.targets[0].shares) == ["Đồng Thanh", "Đức Hợp"]
    assert full.targets[0].planned == 10.0
    assert {r.unit.name for r in full.reports} == {"Đồng Thanh", "Đức Hợp"}
    overdue = [r for r in full.reports if r.overdue]
    assert overdue and all(r.days_late > 0 for r in overdue)


def test_values_are_the_boards(directive, district_user):
    out = api.directive_targets(**_kw(district_user), public_id=directive.public_id, on=ON)
    the_board = board(user=district_user, directive=directive, on=ON)
    rows = [r for t in the_board.tasks for r in t.targets]
    assert [t.public_id for t in out.targets] == [r.target.public_id for r in rows]
    assert [t.status for t in out.targets] == [r.status.value for r in rows]
    assert len(out.reports) == len(the_board.obligations)


def test_queries_do_not_grow_with_the_targets(
    directive, units, district_user, django_assert_max_num_queries
):
    kw = _kw(district_user)
    with django_assert_max_num_queries(1):
        [api.DirectiveOut.of(d) for d in api.directive_list(**kw)]
    task = directive.tasks.get()
    with django_assert_max_num_queries(17):
        api.directive_targets(**kw, public_id=directive.public_id, on=ON)
    for order in (2, 3, 4):
        add_target(
            task,
            order,
            f"Chỉ tiêu {order}",
            value=Decimal(2),
            shares=[(units["DHOP"], Decimal(1)), (units["DT"], Decimal(1))],
        )
    with django_assert_max_num_queries(17):
        out = api.directive_targets(**kw, public_id=directive.public_id, on=ON)
    assert len(out.targets) == 4
