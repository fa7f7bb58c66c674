"""The rule registry: versions, look-ups, citations and the policy."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys

import pytest

from muster.law import book as law
from muster.law import rulebook
from muster.law import sources as law_sources
from muster.law.book import rule, rules_in_force
from muster.law.callup.policy import Policy
from muster.law.rulebook import NoRuleInForce

D = dt.date

GROUND_CODES = (
    *(f"41.1.{p}" for p in ("a", "b", "c", "d", "đ", "e", "g", "h")),
    *(f"41.2.{p}" for p in ("a", "b", "c", "d", "đ")),
)


def test_every_rule_is_cited_and_dated():
    for item in law.RULES:
        assert item.citations, item.code
        assert all(c.document for c in item.citations), item.code
        assert item.valid_to is None or item.valid_from <= item.valid_to, item.code
        assert item.title and item.title_vi, item.code


def test_versions_of_a_code_never_overlap():
    for code in law.codes():
        versions = law.versions(code)
        for earlier, later in itertools.pairwise(versions):
            assert earlier.valid_to is not None
            assert earlier.valid_to < later.valid_from


def test_overlapping_versions_are_rejected():
    first = law.versions("std.age")[0]
    with pytest.raises(ValueError, match="overlap"):
        rulebook._index((first, first))


@pytest.mark.parametrize("day", [D(2019, 1, 1), D(2022, 6, 1), D(2025, 8, 1), D(2026, 7, 1)])
def test_at_most_one_version_of_each_code_in_force(day):
    in_force = [r.code for r in rules_in_force(day)]
    assert len(in_force) == len(set(in_force))


def test_all_grounds_of_art_41_are_encoded():
    for code in GROUND_CODES:
        assert rule(code, D(2026, 1, 1)).code == code
    assert rule("41.1.c", D(2026, 1, 1)).kind == "deferral"
    assert rule("41.2.c", D(2026, 1, 1)).kind == "exemption"


def test_standing_militia_ground_starts_with_law_48_2019():
    with pytest.raises(NoRuleInForce):
        rule("41.1.h", D(2020, 6, 30))
    h = rule("41.1.h", D(2020, 7, 1))
    assert {c.document for c in h.citations} == {law_sources.LAW_78, law_sources.LAW_48}
    assert h.citations[1].article == "49"


@pytest.mark.parametrize(
    ("day", "authority"),
    [
        (D(2025, 6, 30), "district_chairman"),
        (D(2025, 7, 1), "provincial_chairman"),
    ],
)
def test_deciding_authority_moves_to_the_province_with_law_98_2025(day, authority):
    item = rule("authority.deferral_exemption", day)
    assert item.param("authority") == authority
    assert item.citations[0].article == "42"


@pytest.mark.parametrize(
    ("day", "documents"),
    [
        (D(2023, 12, 31), {law_sources.TTLT_16}),
        (D(2024, 1, 1), {law_sources.TT_105}),
        (D(2025, 9, 29), {law_sources.TT_105}),
        (D(2025, 9, 30), {law_sources.TT_105, law_sources.TT_106}),
    ],
)
def test_health_classification_follows_the_health_circulars(day, documents):
    assert {c.document for c in rule("health.classification", day).citations} == documents


def test_tt68_changes_the_selection_standards_on_1_july_2025():
    before, after = D(2025, 6, 30), D(2025, 7, 1)
    assert rule("std.myopia", before).param("class_3_only") is True
    assert rule("std.myopia", after).param("class_3_only") is False
    assert law_sources.TT_68 in {c.document for c in rule("std.health_class", after).citations}
    assert law_sources.TT_68 not in {c.document for c in rule("std.health_class", before).citations}
    with pytest.raises(NoRuleInForce):
        rule("std.bmi", before)
    assert rule("std.bmi", after).float_param("min_bmi") == 18.0
    assert rule("std.bmi", after).float_param("max_bmi") == 29.9
    assert law.rule_or_none("std.hiv", after) is None


def test_thresholds_are_data():
    day = D(2026, 1, 1)
    assert rule("std.age", day).int_param("min_age") == 18
    assert rule("std.age", day).int_param("max_age") == 25
    assert rule("std.age", day).int_param("graduate_max_age") == 27
    assert rule("41.1.c", day).int_param("min_percent") == 61
    assert rule("41.1.c", day).int_param("max_percent") == 80
    assert rule("41.2.c", day).int_param("min_percent") == 81
    assert rule("41.2.đ", day).int_param("months") == 24
    assert rule("41.1.đ", day).int_param("years") == 3
    assert rule("std.education", day).int_param("min_grade") == 8
    with pytest.raises(TypeError):
        rule("std.myopia", day).int_param("class_3_only")  # a bool is not an int here


def test_unknown_code_and_day_before_the_law():
    with pytest.raises(NoRuleInForce, match="unknown rule"):
        rule("41.9.z", D(2026, 1, 1))
    with pytest.raises(NoRuleInForce, match="not in force"):
        rule("std.health_class", D(2018, 11, 19))


def test_change_dates_name_every_reform():
    days = set(law.change_dates())
    for day in (D(2020, 7, 1), D(2024, 1, 1), D(2025, 7, 1), D(2025, 9, 30)):
        assert day in days


def test_citation_labels():
    assert rule("41.1.h", D(2026, 1, 1)).citations[0].label.endswith("Art 41(1)(h)")
    assert (
        rule("reg.exempt_illnesses", D(2026, 1, 1)).citations[0].label.endswith("App. I Part III")
    )
    assert "Arts 5–6" in rule("health.classification", D(2026, 1, 1)).citations[0].label


class TestPolicy:
    def test_defaults_are_the_stricter_positions(self):
        policy = Policy()
        assert policy.myopia_at_threshold_excluded is True
        assert policy.bmi_tt105_cross_check is True
        assert policy.bmi_rounding == "none"

    def test_from_mapping(self):
        assert Policy.from_mapping({}) == Policy()
        policy = Policy.from_mapping(
            {"myopia_at_threshold_excluded": False, "bmi_rounding": "half_up_tenth"}
        )
        assert policy == Policy(False, True, "half_up_tenth")
        assert Policy.from_mapping(policy.as_dict()) == policy

    @pytest.mark.parametrize(
        "values",
        [
            {"myopia": True},
            {"myopia_at_threshold_excluded": "yes"},
            {"bmi_tt105_cross_check": 1},
            {"bmi_rounding": "up"},
        ],
    )
    def test_from_mapping_rejects_bad_values(self, values):
        with pytest.raises(ValueError):
            Policy.from_mapping(values)


def test_the_engine_modules_do_not_import_django():
    modules = (
        "muster.law.book",
        "muster.law.callup.eligibility.engine",
        "muster.law.callup.serialize",
        "muster.law.callup.docs",
        "muster.law.health.scoring",
    )
    code = (
        f"import sys; import {', '.join(modules)}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
