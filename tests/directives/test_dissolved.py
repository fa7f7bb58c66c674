"""Reporting obligations across the 1 July 2025 reform: a unit owes the periods it existed in,
the units it became take over the rest, and a unit with nobody to take over is shown as
dissolved (``muster.directives.handover``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from muster.accounts.services import system_actor
from muster.directives import selectors
from muster.directives.models import TargetShare
from muster.directives.services.reports import report_create, reportable_targets
from muster.geo.models import UnitChange
from tests.directives.factories import add_target, make_directive

pytestmark = pytest.mark.django_db

AFTER_THE_YEAR = dt.date(2026, 1, 31)  # every 2025 report is due by then
JUNE = dt.date(2025, 6, 1)


def _months(obligations, unit) -> list[int]:
    return [o.period.start.month for o in obligations if o.unit.pk == unit.pk]


def test_a_unit_ended_on_30_06_2025_owes_nothing_after_june(units):
    directive, _target = make_directive(units["KD"], shares=[(units["DHOP"], Decimal(1))])
    owed = selectors.obligations(
        directive=directive, unit_ids=frozenset({units["DHOP"].pk}), on=AFTER_THE_YEAR
    )
    assert _months(owed, units["DHOP"]) == [1, 2, 3, 4, 5, 6]
    # Dissolved by the day asked about: its past obligations are history, never overdue.
    assert all(o.history and o.ended_on == dt.date(2025, 6, 30) for o in owed)
    assert not any(o.overdue for o in owed)
    # Before its end, the same unit's missing reports are overdue as usual.
    on_30_06 = selectors.obligations(
        directive=directive, unit_ids=frozenset({units["DHOP"].pk}), on=dt.date(2025, 6, 30)
    )
    assert on_30_06 and all(o.overdue and not o.history for o in on_30_06[:-1])


def test_the_successor_commune_owes_july_onwards_for_the_inherited_target(units):
    directive, target = make_directive(units["KD"], shares=[(units["DHOP"], Decimal(1))])
    owed = selectors.obligations(
        directive=directive,
        unit_ids=frozenset({units["DHOP"].pk, units["DHOP25"].pk}),
        on=AFTER_THE_YEAR,
    )
    assert _months(owed, units["DHOP25"]) == [7, 8, 9, 10, 11, 12]
    assert all(o.overdue for o in owed if o.unit.pk == units["DHOP25"].pk)
    assert reportable_targets(directive, units["DHOP25"]) == [target]
    assert units["DHOP25"].pk in selectors.reporting_unit_ids(directive)
    # Each unit reports only for its own periods: clear messages, nothing written.
    with pytest.raises(ValidationError, match="không tồn tại trong kỳ này"):
        report_create(
            actor=system_actor(), directive=directive, unit=units["DHOP25"], period_start=JUNE
        )
    with pytest.raises(ValidationError, match="không tồn tại trong kỳ này"):
        report_create(
            actor=system_actor(),
            directive=directive,
            unit=units["DHOP"],
            period_start=dt.date(2025, 7, 1),
        )
    july = report_create(
        actor=system_actor(),
        directive=directive,
        unit=units["DHOP25"],
        period_start=dt.date(2025, 7, 1),
    )
    assert july.unit == units["DHOP25"]


def test_a_successor_with_its_own_share_is_not_expected_twice(units):
    directive, target = make_directive(units["KD"], shares=[(units["DHOP"], Decimal(1))])
    # The new commune's own share (a directive's area follows the hierarchy of its issuing
    # unit, so the services would not place it under Kim Động: written directly).
    TargetShare.objects.create(target=target, unit=units["DHOP25"], value=Decimal(1))
    owed = selectors.obligations(
        directive=directive,
        unit_ids=frozenset({units["DHOP"].pk, units["DHOP25"].pk}),
        on=AFTER_THE_YEAR,
    )
    assert _months(owed, units["DHOP25"]) == [7, 8, 9, 10, 11, 12]


def test_a_split_commune_hands_over_to_both_successors(units):
    directive, _target = make_directive(units["KD"], shares=[(units["NT"], Decimal(1))])
    reporting = selectors.reporting_unit_ids(directive)
    assert {units["NT"].pk, units["HC25"].pk, units["SN25"].pk} <= reporting


def test_the_roll_up_does_not_count_the_dissolved_unit_after_its_end(units, personas):
    directive, _target = make_directive(
        units["KD"], shares=[(units["DHOP"], Decimal(1)), (units["DT"], Decimal(1))]
    )
    board = selectors.board(user=personas["admin"], directive=directive, on=AFTER_THE_YEAR)
    overdue = {(o.unit.pk, o.period.start.month) for o in board.overdue}
    old = {units["DHOP"].pk, units["DT"].pk}
    assert not any(unit in old for unit, _month in overdue)
    # Their successors are the ones missing July to December.
    assert overdue == {
        (units[key].pk, month) for key in ("DHOP25", "ND25") for month in range(7, 13)
    }
    assert len(board.history) == 12  # two communes × January–June


def test_a_district_without_successor_hands_over_to_the_unit_in_its_place(units):
    """Kim Động with no UnitChange of its own: the regional command over the communes its
    communes became takes its periods after 30/06/2025."""
    UnitChange.objects.filter(predecessor=units["KD"]).delete()
    directive, _target = make_directive(units["HY"], shares=[])
    add_target(
        directive.tasks.get(),
        2,
        "Báo cáo của huyện",
        value=Decimal(1),
        unit_label="báo cáo",
        lead_unit=units["KD"],
    )
    owed = selectors.obligations(
        directive=directive,
        unit_ids=frozenset({units["KD"].pk, units["PTKV1"].pk}),
        on=AFTER_THE_YEAR,
    )
    assert _months(owed, units["KD"]) == [1, 2, 3, 4, 5, 6]
    assert _months(owed, units["PTKV1"]) == [7, 8, 9, 10, 11, 12]


def _orphan_dong_thanh(units):
    """Đồng Thanh with no successor, nor any for its villages: nobody takes over."""
    UnitChange.objects.filter(predecessor=units["DT"]).delete()
    UnitChange.objects.filter(predecessor__parent=units["DT"]).delete()


def test_a_unit_with_nobody_to_take_over_is_shown_dissolved(units, personas, login, client):
    _orphan_dong_thanh(units)
    directive, _target = make_directive(units["KD"], shares=[(units["DT"], Decimal(1))])
    board = selectors.board(user=personas["leader"], directive=directive, on=AFTER_THE_YEAR)
    assert [(d.unit, d.ended_on) for d in board.dissolved] == [(units["DT"], dt.date(2025, 6, 30))]
    assert not board.overdue
    login(personas["leader"])
    url = reverse("directives:directive_board", kwargs={"public_id": directive.public_id})
    page = client.get(url, {"on": "31/01/2026"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert page.status_code == 200
    html = page.content.decode()
    assert "đơn vị đã giải thể ngày 30/06/2025" in html
    assert 'data-testid="overdue"' not in html
    assert 'data-testid="history"' in html  # January–June, as history
