"""The placement history read from the runs, and the lines of the payment lists at their legal
boundaries: 14 / 15 days in a month (officer), 5 months 29 days / 6 consecutive months (NCO,
soldier), 44 / 45 days in a Khung B post, and the rule's date in force."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.accounts.services import system_actor
from muster.reserve.payments.history import Period, consecutive_months, periods_of, whole_months
from muster.reserve.payments.models import KhungBAppointment
from muster.reserve.payments.selectors import ListKind, payment_list
from muster.reserve.payments.selectors import Period as ListPeriod
from tests.reserve.payments.factories import make_run
from tests.reserve.unit_factories import make_reservist, make_unit

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def world(units):
    dhop = units["DHOP"]
    return {
        "area": dhop,
        "c1": make_unit(dhop, code="C1", established_on=D(2020, 1, 1)),
        "c2": make_unit(dhop, code="C2", established_on=D(2020, 1, 1)),
        "officer": make_reservist(dhop, kind="officer", name="Nguyễn Văn Sĩ"),
        "soldier": make_reservist(dhop, name="Lê Văn Binh"),
    }


def test_periods_end_the_day_before_a_run_that_no_longer_places_him(world, units):
    s, c1, c2 = world["soldier"], world["c1"], world["c2"]
    make_run(world["area"], D(2025, 1, 10), {s: c1})
    make_run(world["area"], D(2025, 3, 1), {s: c1})  # same unit: the period goes on
    make_run(world["area"], D(2025, 5, 1), {s: c2})  # another unit
    make_run(units["DT"], D(2025, 6, 1))  # a run of another area: nothing to do with him
    make_run(units["KD"], D(2025, 8, 1))  # the district's run replaces the commune's: not named
    make_run(world["area"], D(2025, 10, 1), {s: c1})
    assert periods_of([s.pk])[s.pk] == [
        Period(c1.pk, D(2025, 1, 10), D(2025, 4, 30)),
        Period(c2.pk, D(2025, 5, 1), D(2025, 7, 31)),
        Period(c1.pk, D(2025, 10, 1), None),
    ]


def test_refusal_ends_and_removal_caps_the_period(world):
    s, c1 = world["soldier"], world["c1"]
    make_run(world["area"], D(2025, 1, 1), {s: c1})
    make_run(world["area"], D(2025, 2, 1), refused=[s])
    make_run(world["area"], D(2025, 3, 1), {s: c1})
    s.removed_on = D(2025, 4, 10)
    s.save()
    assert periods_of([s.pk])[s.pk] == [
        Period(c1.pk, D(2025, 1, 1), D(2025, 1, 31)),
        Period(c1.pk, D(2025, 3, 1), D(2025, 4, 9)),
    ]


def test_whole_months():
    assert whole_months(D(2025, 7, 1), D(2025, 12, 31)) == 6
    assert whole_months(D(2025, 7, 2), D(2025, 12, 31)) == 5  # 5 months 30 days
    assert whole_months(D(2025, 1, 31), D(2025, 2, 27)) == 0
    assert whole_months(D(2025, 1, 31), D(2025, 2, 28)) == 1


def test_back_to_back_periods_in_one_unit_join():
    periods = [Period(1, D(2025, 1, 1), D(2025, 3, 31)), Period(1, D(2025, 4, 1), D(2025, 6, 30))]
    assert consecutive_months(periods, 2025) == (1, 6)
    split = [Period(1, D(2025, 1, 1), D(2025, 3, 31)), Period(2, D(2025, 4, 1), D(2025, 6, 30))]
    assert consecutive_months(split, 2025) == (1, 3)


@pytest.mark.parametrize(("next_run", "amount"), [(D(2025, 3, 15), 0), (D(2025, 3, 16), 160_000)])
def test_officer_needs_15_days_in_the_month(world, next_run, amount):
    o = world["officer"]
    make_run(world["area"], D(2025, 3, 1), {o: world["c1"]})
    make_run(world["area"], next_run)  # he is no longer named: out on that day
    sheet = payment_list(world["area"], ListPeriod(ListKind.OFFICERS, 2025, 3))
    (line,) = sheet.lines
    assert line.counted == (next_run - D(2025, 3, 1)).days  # 14, then 15
    assert line.amount == amount == sheet.total
    assert "Nghị định 79/2020" in line.citation_vi and not line.confirmed


@pytest.mark.parametrize(("placed_on", "months", "amount"), [(2, 5, 0), (1, 6, 320_000)])
def test_soldier_needs_6_consecutive_months(world, placed_on, months, amount):
    make_run(world["area"], D(2025, 7, placed_on), {world["soldier"]: world["c1"]})
    sheet = payment_list(world["area"], ListPeriod(ListKind.SOLDIERS, 2025, 0))
    (line,) = sheet.lines
    assert (line.counted, line.amount) == (months, amount)


def test_officers_are_not_on_the_soldiers_list(world):
    make_run(world["area"], D(2025, 1, 1), {world["officer"]: world["c1"]})
    assert payment_list(world["area"], ListPeriod(ListKind.SOLDIERS, 2025, 0)).lines == []


def test_rule_of_the_period_date(world):
    """Decree 79/2020 is read from 1 Jul 2020: June 2020 has no rule, July has one."""
    make_run(world["area"], D(2020, 5, 1), {world["officer"]: world["c1"]})
    june = payment_list(world["area"], ListPeriod(ListKind.OFFICERS, 2020, 6)).lines[0]
    july = payment_list(world["area"], ListPeriod(ListKind.OFFICERS, 2020, 7)).lines[0]
    assert (june.amount, july.amount) == (0, 160_000)
    assert "No allowance rule" in june.line.reason.en  # type: ignore[union-attr]


@pytest.mark.parametrize(("day", "amount"), [(16, 0), (15, 480_000)])
def test_khung_b_needs_45_days_in_the_post(world, day, amount):
    """Q1 2025: 15 Feb–31 Mar is 45 days, 16 Feb–31 Mar 44."""
    KhungBAppointment.objects.create(
        reservist=world["soldier"],
        unit=world["c1"],
        post="squad_leader",
        appointed_on=D(2025, 2, day),
        actor=system_actor(),
    )
    sheet = payment_list(world["area"], ListPeriod(ListKind.KHUNG_B, 2025, 1))
    (line,) = sheet.lines
    assert (line.counted, line.amount) == (45 if day == 15 else 44, amount)


def test_khung_b_ended_on_is_not_counted(world):
    KhungBAppointment.objects.create(
        reservist=world["soldier"],
        unit=world["c1"],
        post="company_commander",
        appointed_on=D(2025, 1, 1),
        ended_on=D(2025, 2, 15),  # 1 Jan–14 Feb: 45 days
        actor=system_actor(),
    )
    (line,) = payment_list(world["area"], ListPeriod(ListKind.KHUNG_B, 2025, 1)).lines
    assert (line.counted, line.amount) == (45, 720_000)
    assert payment_list(world["area"], ListPeriod(ListKind.KHUNG_B, 2025, 2)).lines == []


def test_soldier_with_less_than_a_month_is_listed_with_0(world):
    make_run(world["area"], D(2025, 12, 10), {world["soldier"]: world["c1"]})
    (line,) = payment_list(world["area"], ListPeriod(ListKind.SOLDIERS, 2025, 0)).lines
    assert (line.counted, line.amount) == (0, 0)
    assert "0 tháng liên tục" in line.line.reason.vi  # type: ignore[union-attr]
