"""The pure aggregation: age bands, percentages, spread, the rules that name communes, the
campaign's stage, the indicators' targets, and that the code lists match the models."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from muster.conscription.handover.models import ReturnReason
from muster.conscription.violations.models import ViolationKind
from muster.law.callup import dossiers as dossiers_rules
from muster.reports.figures import dashboard, facts, metrics, spreads
from muster.reports.figures.facts import Tally


def test_code_lists_match_the_models_and_rules():
    assert tuple(ViolationKind.values) == facts.VIOLATION_KINDS
    assert tuple(ReturnReason.values) == facts.RETURN_REASONS
    assert facts.DEFERRAL_GROUNDS == dossiers_rules.DEFERRAL_GROUNDS
    assert facts.EXEMPTION_GROUNDS == dossiers_rules.EXEMPTION_GROUNDS
    keys = [m.key for m in metrics.METRICS]
    assert len(keys) == len(set(keys))
    for section, columns in metrics.COMMUNE_COLUMNS.items():
        assert section in metrics.SECTIONS
        assert set(columns) <= set(keys)


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (dt.date(2007, 2, 13), "18–19"),  # 18 on the day
        (dt.date(2007, 2, 14), "other"),  # 17, one day short
        (dt.date(2005, 2, 13), "20–21"),  # 20 on the day
        (dt.date(2005, 2, 14), "18–19"),  # 19, the day before the 20th birthday
        (dt.date(1997, 2, 14), "26–27"),  # 27
        (dt.date(1997, 2, 13), "other"),  # 28
        (dt.date(2004, 2, 29), "20–21"),  # leap-day birthday counts from 1 March
    ],
)
def test_age_band_on_the_handover_day(born, band):
    assert facts.age_band(born, dt.date(2025, 2, 13)) == band


def test_leap_day_birthday_turns_on_the_first_of_march():
    assert facts.age_band(dt.date(2005, 2, 28), dt.date(2025, 2, 28)) == "20–21"
    assert facts.age_band(dt.date(2004, 2, 29), dt.date(2024, 2, 28)) == "18–19"
    assert facts.age_band(dt.date(2004, 2, 29), dt.date(2024, 2, 29)) == "20–21"


def test_percent_is_exact_and_half_up():
    assert metrics.percent(1, 3) == Decimal("33.3333")
    assert metrics.percent(2, 3) == Decimal("66.6667")
    assert metrics.percent(1, 8) == Decimal("12.5000")
    assert metrics.percent(0, 5) == Decimal("0.0000")
    assert metrics.percent(5, 0) is None


def test_a_tiny_negative_change_prints_as_zero():
    from muster.documents.tables import Kind, format_cell

    assert format_cell(Decimal("-0.0123"), Kind.DECIMAL) == "0,0"
    assert format_cell(Decimal("-0.06"), Kind.DECIMAL) == "-0,1"


def test_values_derive_and_mask_what_is_not_recorded():
    t = Tally(
        health_class=Counter({1: 2, 2: 3, 4: 1}),
        examined=6,
        called_exam=8,
        quota=Counter({"army": 9, "police": 1}),
        callable=200,
        handed_over=Counter({"army": 9, "police": 1}),
        returns=Counter({"health": 1}),
        replacements=1,
        graduates_higher=2,
        graduates_vocational=1,
    )
    v = metrics.values(t)
    assert v["fit"] == 5
    assert v["fit_share"] == Decimal("83.3333")
    assert v["examined_share"] == Decimal("75.0000")
    assert v["quota_total"] == 10
    assert v["planned_rate"] == Decimal("5.0000")
    assert v["in_service"] == 10  # 10 handed over − 1 returned + 1 replacement
    assert v["percent_met"] == Decimal("100.0000")
    assert v["graduates_share"] == Decimal("30.0000")
    history = metrics.history_tally(
        quota={"army": 8}, callable_pool=None, handed_over={"army": 8}, replacements=0
    )
    h = metrics.values(history)
    assert h["quota_army"] == 8 and h["handed_over"] == 8
    assert h["callable"] is None and h["planned_rate"] is None  # pool not recorded
    assert h["registered"] is None and h["examined"] is None and h["percent_met"] is None
    assert h["percent_handover"] == Decimal("100.0000")
    both = metrics.values(t + history)
    assert both["quota_total"] == 18 and both["registered"] is None


def test_spread_is_the_population_deviation():
    s = spreads.spread([Decimal(2), Decimal(4), Decimal(4), Decimal(4), Decimal(5), Decimal(5),
                        Decimal(7), Decimal(9)])  # fmt: skip
    assert (s.n, s.minimum, s.maximum, s.spread) == (8, 2, 9, 7)
    assert s.mean == Decimal("5.0000")
    assert s.std == Decimal("2.0000")
    assert s.cv == Decimal("40.0000")
    empty = spreads.spread([])
    assert empty.n == 0 and empty.std is None


def _row(rate: str | None, quota: int = 5, met: str | None = None, repl: int = 0):
    return {
        "planned_rate": None if rate is None else Decimal(rate),
        "realised_rate": None,
        "percent_met": None if met is None else Decimal(met),
        "replacements": repl,
        "quota_total": quota,
    }


def test_standouts_by_the_documented_rules():
    rows = [(i, _row(r)) for i, r in enumerate(["10", "10", "10", "10", "10", "10", "10", "30"])]
    even = spreads.evenness(rows, {}, handover_recorded=False)
    # mean 12.5, std 6.6144; 30 > 12.5 + 1.5 × 6.61 = 22.4: named high; the others are inside.
    assert [(s.row, s.rule) for s in even.standouts] == [(7, "high")]
    two = spreads.evenness(rows[:2], {}, handover_recorded=False)
    assert two.standouts == ()  # fewer than 3 communes: nobody is named by the std rule
    same = spreads.evenness([(i, _row("10")) for i in range(5)], {}, handover_recorded=False)
    assert same.standouts == ()  # std 0


def test_quota_shortfall_replacements_and_instability_are_named():
    rows = [(1, _row("10", met="90", repl=1, quota=10)), (2, _row("10", met="100", quota=5))]
    previous = {1: _row("8", quota=10), 2: _row("8", quota=3)}
    even = spreads.evenness(rows, previous, handover_recorded=True)
    rules = {(s.row, s.rule) for s in even.standouts}
    assert rules == {(1, "below_quota"), (1, "replacements"), (2, "unstable")}
    assert even.rows[1].changes["quota_total"] == 2
    before = spreads.evenness(rows, previous, handover_recorded=False)
    assert (1, "below_quota") not in {(s.row, s.rule) for s in before.standouts}
    assert even.spread_change("planned_rate", "mean") == Decimal(2)


@pytest.mark.parametrize(
    ("current", "previous", "flag"),
    [(5, 4, False), (6, 4, True), (2, 1, False), (3, 1, True), (13, 10, True), (12, 10, False)],
)
def test_stability_band_is_a_quarter_and_at_least_one(current, previous, flag):
    assert spreads.unstable(current, previous) is flag


@pytest.mark.parametrize(
    ("today", "stage"),
    [
        (dt.date(2024, 10, 6), "preparation"),
        (dt.date(2024, 10, 7), "screening"),
        (dt.date(2024, 10, 31), "screening"),
        (dt.date(2024, 11, 1), "examination"),
        (dt.date(2024, 12, 31), "examination"),
        (dt.date(2025, 1, 1), "review"),
        (dt.date(2025, 1, 10), "review"),
        (dt.date(2025, 1, 11), "decisions"),
        (dt.date(2025, 2, 12), "decisions"),
        (dt.date(2025, 2, 13), "handover"),
        (dt.date(2025, 2, 15), "handover"),
        (dt.date(2025, 2, 16), "after_handover"),
        (dt.date(2025, 3, 2), "after_handover"),
        (dt.date(2025, 3, 3), "closed"),
    ],
)
def test_stage_of_the_campaign(today, stage):
    assert (
        dashboard.stage_on(
            today,
            screening_start=dt.date(2024, 10, 7),
            exam_start=dt.date(2024, 11, 1),
            exam_end=dt.date(2024, 12, 31),
            nomination_by=dt.date(2025, 1, 10),
            handover_start=dt.date(2025, 2, 13),
            handover_end=dt.date(2025, 2, 15),
            after_days=15,
        )
        == stage
    )


def test_indicators_against_their_targets():
    current = {
        "percent_met": Decimal("98.5"),
        "handed_over": 130,
        "replacements": 0,
        "graduates_share": Decimal("26"),
        "examined_share": Decimal("100"),
        "late_notices": 2,
        "late_deliveries": 0,
    }
    got = {i.key: i for i in dashboard.indicators(current, {"graduates_share": Decimal("25")})}
    assert got["percent_met"].met is False and got["percent_met"].target == 100
    assert got["replacements"].met is True
    assert got["graduates_share"].met is True and got["graduates_share"].target == Decimal(25)
    assert got["late_notices"].met is False
    assert got["late_deliveries"].met is True
    no_handover = {i.key: i for i in dashboard.indicators({**current, "handed_over": 0}, None)}
    assert no_handover["percent_met"].met is None  # nothing handed over yet: no verdict
    assert no_handover["graduates_share"].target is None  # no last year: no target
