"""Quota apportionment: properties over random instances, hand-worked examples, bad input."""

from __future__ import annotations

import copy
import io
import json
import math
from fractions import Fraction

import pytest
from django.conf import settings as settings_module
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from muster.law.callup.apportionment.inputs import (
    Commune,
    InputError,
    Inputs,
    Override,
    Parameters,
    parse_inputs,
)
from muster.law.callup.apportionment.method import _run, allocate, apportion

NO_BOUNDS = Parameters(floor=False)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def communes(pools, history=None):
    history = history or {}
    return [
        Commune(code=f"C{i:02d}", name="", pool=p, history={"army": history.get(i, {})})
        for i, p in enumerate(pools)
    ]


@st.composite
def instances(draw, *, with_history=True):
    pools = draw(st.lists(st.integers(0, 60), min_size=1, max_size=12))
    if sum(pools) == 0:
        pools[0] = 1
    quota = draw(st.integers(0, sum(pools)))
    history = {}
    if with_history:
        for i in range(len(pools)):
            history[i] = draw(
                st.dictionaries(st.integers(2021, 2024), st.integers(0, 15), max_size=4)
            )
    params = draw(
        st.builds(
            Parameters,
            floor=st.booleans(),
            stability_fraction=st.none() | st.sampled_from([Fraction(0), Fraction(1, 4)]),
            stability_absolute=st.none() | st.integers(0, 3),
            history_years=st.integers(1, 4),
        )
    )
    return quota, pools, history, params


# ---------------------------------------------------------------- properties


@settings(max_examples=400, deadline=None)
@given(instances())
def test_sum_equals_quota_and_each_commune_stays_within_its_bounds(instance):
    quota, pools, history, params = instance
    cs = communes(pools, history)
    result = allocate(quota, cs, year=2025, params=params)
    assert sum(result.values()) == quota
    for c in cs:
        assert 0 <= result[c.code] <= c.pool


@settings(max_examples=400, deadline=None)
@given(instances(with_history=False))
def test_within_one_of_the_exact_share_when_nothing_binds(instance):
    quota, pools, _, _ = instance
    cs = communes(pools)
    result = allocate(quota, cs, params=NO_BOUNDS)
    for c in cs:
        exact = Fraction(quota * c.pool, sum(pools))
        assert math.floor(exact) <= result[c.code] <= math.ceil(exact)


@settings(max_examples=300, deadline=None)
@given(instances(with_history=False))
def test_a_floor_that_does_not_bind_changes_nothing(instance):
    quota, pools, _, _ = instance
    cs = communes(pools)
    if any(0 < Fraction(quota * p, sum(pools)) < 1 for p in pools):
        return  # the floor binds for that commune
    assert allocate(quota, cs, params=Parameters(floor=True)) == allocate(
        quota, cs, params=NO_BOUNDS
    )


@settings(max_examples=600, deadline=None)
@given(instances(), st.data())
def test_a_commune_never_loses_when_only_its_own_pool_grows(instance, data):
    quota, pools, history, params = instance
    i = data.draw(st.integers(0, len(pools) - 1))
    growth = data.draw(st.integers(1, 40))
    before = allocate(quota, communes(pools, history), year=2025, params=params)
    grown = list(pools)
    grown[i] += growth
    after = allocate(quota, communes(grown, history), year=2025, params=params)
    assert after[f"C{i:02d}"] >= before[f"C{i:02d}"]


def test_population_monotonicity_exhaustively_on_small_cases():
    """Every 3-commune instance with pools ≤ 8 and every quota, every growth of one pool."""
    for a in range(9):
        for b in range(9):
            for c in range(1, 9):
                pools = [a, b, c]
                for quota in range(sum(pools) + 1):
                    base = allocate(quota, communes(pools), params=Parameters(floor=True))
                    for i in range(3):
                        grown = list(pools)
                        grown[i] += 1
                        after = allocate(quota, communes(grown), params=Parameters(floor=True))
                        assert after[f"C{i:02d}"] >= base[f"C{i:02d}"], (pools, quota, i)


@settings(max_examples=600, deadline=None)
@given(instances())
def test_raising_the_quota_never_lowers_a_commune_by_more_than_rounding(instance):
    """One recruit more from above: the bounded shares ``e_j`` never fall (they are continuous
    and non-decreasing in the quota), so a result, within one of its share, falls by at most
    one (Hamilton's Alabama paradox) and never more."""
    quota, pools, history, params = instance
    if quota >= sum(pools):
        return
    cs = communes(pools, history)
    before = allocate(quota, cs, year=2025, params=params)
    after = allocate(quota + 1, cs, year=2025, params=params)
    for c in cs:
        assert after[c.code] >= before[c.code] - 1, (c.code, before, after)


@settings(max_examples=400, deadline=None)
@given(instances())
def test_the_bounded_shares_never_fall_when_the_quota_grows(instance):
    quota, pools, history, params = instance
    if quota >= sum(pools):
        return
    cs = communes(pools, history)
    before = _run(quota, cs, "army", 2025, params).rows
    after = _run(quota + 1, cs, "army", 2025, params).rows
    for old, new in zip(before, after, strict=True):
        assert new.bounded_share >= old.bounded_share, (old.code, old, new)


def test_one_recruit_more_does_not_take_the_largest_commune_from_5_to_1():
    """Issue 15, item 17: 12 communes with a pool, one holding 43 % of it. With 11 recruits the
    floor of one per commune cannot be met; with 12 it can, and binds everywhere."""
    cs = communes([43, 6, 6, 5, 5, 5, 5, 5, 5, 5, 5, 5])
    by_quota = {quota: allocate(quota, cs) for quota in range(8, 20)}
    largest = [by_quota[q]["C00"] for q in range(8, 20)]
    assert largest == sorted(largest)  # never falls as the quota grows
    assert by_quota[12] == dict.fromkeys(by_quota[12], 1)  # the floor, met everywhere
    for quota in range(8, 19):
        for code, value in by_quota[quota].items():
            assert by_quota[quota + 1][code] >= value - 1, (quota, code)


# ---------------------------------------------------------------- worked by hand


def test_hamilton_worked_example():
    # quota 10 over pools 57, 31, 9, 3: exact shares 5.7, 3.1, 0.9, 0.3; floors 5, 3, 0, 0
    # (sum 8); two seats left go to the largest remainders 0.9 (C02) and 0.7 (C00).
    assert allocate(10, communes([57, 31, 9, 3]), params=NO_BOUNDS) == {
        "C00": 6,
        "C01": 3,
        "C02": 1,
        "C03": 0,
    }


def test_floor_worked_example():
    # With the floor C02 and C03 are fixed at 1 (their shares 0.9 and 0.3 are below it); the
    # 8 left go to C00 and C01 in proportion: 8 × 57/88 = 5.18…, 8 × 31/88 = 2.81…: floors 5
    # and 2, the one seat left to C01 (remainder 0.81 > 0.18).
    assert allocate(10, communes([57, 31, 9, 3])) == {"C00": 5, "C01": 3, "C02": 1, "C03": 1}


def test_tie_break_larger_pool_then_code():
    # Equal remainders 0.5: the larger pool wins; equal pools: the earlier code wins.
    assert allocate(1, communes([1, 1]), params=NO_BOUNDS) == {"C00": 1, "C01": 0}
    cs = [Commune("B", "", 3), Commune("A", "", 3)]
    assert allocate(1, cs, params=NO_BOUNDS) == {"B": 0, "A": 1}


def test_stability_band_binds_and_others_absorb_it():
    # C00 had 2, 2, 2: band ±1 → at most 3, though its share is 8 × 60/80 = 6.
    params = Parameters(floor=False, stability_absolute=1)
    cs = communes([60, 10, 10], history={0: {2022: 2, 2023: 2, 2024: 2}})
    assert allocate(8, cs, year=2025, params=params) == {"C00": 3, "C01": 3, "C02": 2}


def test_bands_below_the_quota_are_exceeded_in_proportion_and_reported():
    # Both communes had 1 a year with band ±0, but the quota is 6: beyond their bands, in
    # proportion to their (equal) pools.
    params = Parameters(floor=True, stability_absolute=0)
    history = {0: {2024: 1}, 1: {2024: 1}}
    inputs = Inputs(
        year=2025,
        quotas={"army": 6},
        communes=tuple(communes([20, 20], history)),
        parameters=params,
    )
    service = apportion(inputs).services[0]
    assert service.result == {"C00": 3, "C01": 3}
    assert service.computed.relaxations == (
        "stability bands' upper bounds exceeded in proportion to the pools: they add up to 2, "
        "fewer than the 6 to allocate",
    )
    assert [(b.lo, b.hi) for b in service.computed.bounds] == [(1, 20), (1, 20)]


def test_bands_above_the_quota_are_met_in_proportion():
    # Bands [4, 6] and [4, 6] for 5 recruits: each commune first gets its floor (1), then the
    # 3 left go towards the bands' lower bounds in proportion to the pools (30 and 10).
    params = Parameters(floor=True, stability_absolute=1)
    history = {0: {2024: 5}, 1: {2024: 5}}
    run = _run(5, communes([30, 10], history), "army", 2025, params)
    assert [(b.lo, b.hi) for b in run.bounds] == [(1, 4), (1, 4)]
    assert run.relaxations[0].startswith("stability bands' lower bounds met in proportion")
    assert run.result() == {"C00": 4, "C01": 1}


def test_floor_met_in_proportion_when_quota_below_the_communes_with_a_pool():
    inputs = Inputs(year=2025, quotas={"police": 2}, communes=tuple(communes([5, 4, 3])))
    service = apportion(inputs).services[0]
    assert service.result == {"C00": 1, "C01": 1, "C02": 0}
    assert service.computed.relaxations[0].startswith("floor met in proportion to the pools")


def test_an_empty_pool_gets_nothing_even_with_the_floor():
    assert allocate(3, communes([0, 5, 5]))["C00"] == 0


# ---------------------------------------------------------------- overrides


def base_inputs(**changes):
    data = {
        "year": 2025,
        "quotas": {"army": 10, "police": 2},
        "parameters": {"floor": True, "stability_fraction": "1/4", "stability_absolute": 1},
        "communes": [
            {
                "code": "A",
                "name": "Xã A",
                "pool": 57,
                "history": {"army": {"2023": 4, "2024": 5}, "police": {"2024": 1}},
            },
            {
                "code": "B",
                "name": "Xã B",
                "pool": 31,
                "history": {"army": {"2023": 3, "2024": 3}, "police": {"2024": 1}},
            },
            {"code": "C", "name": "Xã C", "pool": 9, "history": {"army": {"2024": 1}}},
            {"code": "D", "name": "Xã D", "pool": 3},
        ],
        "overrides": [],
    }
    data.update(changes)
    return data


def test_override_replaces_the_figure_and_the_rest_is_reapportioned():
    override = {
        "service": "army",
        "commune": "A",
        "value": 7,
        "reason": "Dense industrial zone",
        "authority": "Chủ tịch UBND tỉnh",
    }
    cert = apportion(parse_inputs(base_inputs(overrides=[override])))
    army = cert.services[0]
    assert army.result["A"] == 7
    assert sum(army.result.values()) == 10
    row = army.overrides[0]
    assert (row.computed, row.value, row.adjustment) == (5, 7, 2)
    assert row.authority == "Chủ tịch UBND tỉnh"
    assert army.after_overrides is not None and army.after_overrides.total == 3
    assert {r.code for r in army.after_overrides.rows} == {"B", "C", "D"}


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"commune": "D", "value": 4}, "exceeds the commune's callable pool (3)"),
        ({"commune": "A", "value": 11}, "exceeds the army quota (10)"),
        ({"commune": "Z", "value": 1}, "no commune has the code 'Z'"),
        ({"commune": "A", "value": 1, "reason": ""}, "overrides[0].reason: required"),
        ({"commune": "A", "value": 1, "authority": " "}, "overrides[0].authority: required"),
        ({"commune": "A", "value": -1}, "overrides[0].value: must be a whole number"),
    ],
)
def test_bad_overrides_are_refused(override, message):
    full = {"service": "army", "reason": "r", "authority": "a", **override}
    with pytest.raises(InputError) as info:
        parse_inputs(base_inputs(overrides=[full]))
    assert any(message in p for p in info.value.problems), info.value.problems


def test_overrides_totalling_more_than_the_quota_are_refused():
    overrides = [
        {"service": "army", "commune": c, "value": v, "reason": "r", "authority": "a"}
        for c, v in (("A", 6), ("B", 5))
    ]
    with pytest.raises(InputError) as info:
        parse_inputs(base_inputs(overrides=overrides))
    assert info.value.problems == ["overrides (army): they total 11, more than the quota (10)"]


def test_overrides_that_leave_more_than_the_others_can_give_are_refused():
    inputs = Inputs(
        year=2025,
        quotas={"army": 10},
        communes=tuple(communes([20, 3])),
        overrides=(Override("army", "C00", 0, "r", "a"),),
    )
    with pytest.raises(InputError, match="leave 10 to allocate but the other communes' "):
        apportion(inputs)


def test_a_duplicate_override_is_refused():
    o = {"service": "army", "commune": "A", "value": 1, "reason": "r", "authority": "a"}
    with pytest.raises(InputError, match="a second override"):
        parse_inputs(base_inputs(overrides=[o, o]))


# ---------------------------------------------------------------- evenness


def test_evenness_metrics():
    inputs = Inputs(
        year=2025, quotas={"army": 4}, communes=tuple(communes([10, 30])), parameters=NO_BOUNDS
    )
    e = apportion(inputs).services[0].evenness
    assert [m.call_rate for m in e.communes] == ["0.1000", "0.1000"]
    assert (e.rate_spread, e.rate_std, e.rate_cv) == ("0.0000", "0.0000", "0.0000")
    inputs = Inputs(
        year=2025,
        quotas={"army": 4},
        communes=tuple(communes([10, 10], {0: {2024: 1}, 1: {2024: 3}})),
        parameters=NO_BOUNDS,
    )
    e = apportion(inputs).services[0].evenness
    assert [m.change_from_last_year for m in e.communes] == [1, -1]
    assert (e.changed_communes, e.total_absolute_change) == (2, 2)


# ---------------------------------------------------------------- the command


def run(tmp_path, *args, data=None):
    if data is not None:
        (tmp_path / "in.json").write_text(
            data if isinstance(data, str) else json.dumps(data), encoding="utf-8"
        )
    out = io.StringIO()
    call_command("apportion", *args, stdout=out)
    return out.getvalue()


def test_command_prints_the_certificate_and_verify_accepts_it(tmp_path):
    out = run(tmp_path, str(tmp_path / "in.json"), data=base_inputs())
    cert = json.loads(out)
    assert cert["method"] == "muster-apportion/2"
    assert cert["services"][0]["result"] == {"A": 5, "B": 3, "C": 1, "D": 1}
    assert cert["inputs"]["parameters"]["stability_fraction"] == "1/4"
    (tmp_path / "cert.json").write_text(out, encoding="utf-8")
    assert "is correct" in run(tmp_path, "--verify", str(tmp_path / "cert.json"))
    assert "is correct" in run(
        tmp_path, str(tmp_path / "in.json"), "--verify", str(tmp_path / "cert.json")
    )


def test_verify_reports_a_tampered_certificate(tmp_path):
    cert = json.loads(run(tmp_path, str(tmp_path / "in.json"), data=base_inputs()))
    tampered = copy.deepcopy(cert)
    tampered["services"][0]["result"]["A"] = 6
    tampered["services"][0]["computed"]["rows"][1]["remainder"] = "1/2"
    (tmp_path / "cert.json").write_text(json.dumps(tampered), encoding="utf-8")
    with pytest.raises(CommandError) as info:
        run(tmp_path, "--verify", str(tmp_path / "cert.json"))
    text = str(info.value)
    assert "2 difference(s)" in text
    assert "$.services[0].result.A: expected 5, found 6" in text
    assert "$.services[0].computed.rows[1].remainder: expected '9/11', found '1/2'" in text


def test_verify_against_other_inputs_reports_them(tmp_path):
    cert = run(tmp_path, str(tmp_path / "in.json"), data=base_inputs())
    (tmp_path / "cert.json").write_text(cert, encoding="utf-8")
    other = base_inputs(quotas={"army": 9, "police": 2})
    (tmp_path / "in.json").write_text(json.dumps(other), encoding="utf-8")
    with pytest.raises(CommandError, match=r"inputs differ from .*\$\.inputs\.quotas\.army"):
        run(tmp_path, str(tmp_path / "in.json"), "--verify", str(tmp_path / "cert.json"))


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        ("{not json", ["is not valid JSON (line 1, column 2)"]),
        ([], ["the input must be a JSON object"]),
        (
            {"year": "2025", "quotas": {"army": -1, "navy": 3}, "communes": []},
            [
                "year: must be a whole number",
                "quotas.army: must be a whole number ≥ 0, not -1",
                "quotas.navy: unknown service",
                "communes: must be a non-empty list",
            ],
        ),
        (
            base_inputs(communes=[{"code": "A", "pool": "12"}, {"code": "A", "pool": 3}]),
            [
                "communes[0] (A).pool: must be a whole number ≥ 0, not '12'",
                "communes[1] (A): the code appears twice",
            ],
        ),
        (
            base_inputs(quotas={"army": 1000}),
            ["quotas.army: 1000 exceeds the communes' total callable pool (100)"],
        ),
        (
            base_inputs(parameters={"stability_fraction": "a lot", "floors": 1}),
            ["parameters.floors: unknown parameter", "parameters.stability_fraction: must be"],
        ),
        (
            base_inputs(communes=[{"code": "A", "pool": 5, "history": {"army": {"2025": 1}}}]),
            ["communes[0] (A).history.army.2025: must be a past year before 2025"],
        ),
    ],
)
def test_command_reports_each_problem_and_fails(tmp_path, data, messages):
    with pytest.raises(CommandError) as info:
        run(tmp_path, str(tmp_path / "in.json"), data=data)
    for message in messages:
        assert message in str(info.value)


def test_command_without_arguments_or_with_a_missing_file_fails(tmp_path):
    with pytest.raises(CommandError, match="Give an inputs file"):
        run(tmp_path)
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path, str(tmp_path / "absent.json"))
    (tmp_path / "cert.json").write_text("{}", encoding="utf-8")
    with pytest.raises(CommandError, match="is not an allocation certificate"):
        run(tmp_path, "--verify", str(tmp_path / "cert.json"))


def test_command_exits_non_zero_from_the_shell(tmp_path):
    import subprocess
    import sys

    (tmp_path / "in.json").write_text("[]", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "manage.py", "apportion", str(tmp_path / "in.json")],
        capture_output=True,
        text=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin", "LANGUAGE": "en"},
        check=False,
        cwd=settings_module.BASE_DIR,
    )
    assert done.returncode != 0
    assert "the input must be a JSON object" in done.stderr
