"""``manage.py evaluate_militia FILE.json [--as-of DATE]`` and the JSON it reads and writes."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from muster.law.militia.engine import judge
from muster.law.militia.facts import FACT_FIELDS
from muster.law.militia.serialize import FACT_KEYS, parse_case, verdict_json

CASES = [
    {"id": "A-01", "sex": "male", "birth_date": "2007-04-10", "fit": True},
    {
        "id": "A-02",
        "sex": "female",
        "birth_date": "2001-02-01",
        "fit": True,
        "youngest_child_born": "2025-01-15",
    },
    {
        "id": 3,
        "sex": "male",
        "birth_date": "1978-05-20",
        "fit": True,
        "volunteer": True,
        "spouse_in_police": True,
    },
    {
        "id": "A-04",
        "as_of": "2025-06-30",
        "sex": "male",
        "birth_date": "1999-09-09",
        "studying": True,
        "fit": True,
    },
]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _run(tmp_path, cases, *args):
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases), "utf-8")
    out, err = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("evaluate_militia", str(path), *args, stdout=out, stderr=err)
    except CommandError as exc:
        error = exc
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    return lines, err.getvalue(), error


def test_every_fact_field_is_read_from_json():
    assert set(FACT_FIELDS) == set(FACT_KEYS)


def test_the_command_writes_one_verdict_per_case(tmp_path):
    lines, err, error = _run(tmp_path, CASES, "--as-of", "2026-12-07")
    assert error is None and err == ""
    assert [(v["id"], v["status"]) for v in lines] == [
        ("A-01", "eligible"),
        ("A-02", "deferred"),
        (3, "eligible"),
        ("A-04", "deferred"),
    ]
    assert lines[0]["as_of"] == "2026-12-07" and lines[0]["age"] == 19
    assert lines[0]["authority"]["code"] == "commune_chairman"
    assert lines[1]["reasons"][0]["code"] == "11.1.a"
    assert lines[1]["reasons"][0]["citations"][0]["label_vi"].startswith(
        "điểm a khoản 1 Điều 11 Luật Dân quân tự vệ"
    )
    assert lines[2]["waived"] == ["age_over", "11.1.d"]
    # The case's own day wins: before 1 Jul 2025 the district chairman (unverified) decides.
    assert lines[3]["as_of"] == "2025-06-30"
    assert lines[3]["authority"]["code"] == "district_chairman"
    assert lines[3]["authority"]["confirmed"] is False


def test_the_output_round_trips_through_the_engine(tmp_path):
    lines, _err, _error = _run(tmp_path, CASES, "--as-of", "2026-12-07")
    for raw, line in zip(CASES, lines, strict=True):
        case = parse_case(raw)
        day = case.as_of or dt.date(2026, 12, 7)
        assert verdict_json(case.id, judge(case.facts, day)) == line


def test_malformed_cases_are_reported_and_the_good_ones_still_judged(tmp_path):
    bad = [
        CASES[0],
        {"id": 5, "sex": "x", "birth_date": "1999-13-01", "colour": "red"},
        {"sex": "male", "birth_date": "2000-01-01", "fit": "yes"},
        {"id": "old", "as_of": "2020-06-30", "sex": "male", "birth_date": "2000-01-01"},
    ]
    lines, err, error = _run(tmp_path, bad, "--as-of", "2026-12-07")
    assert [v["id"] for v in lines] == ["A-01"]
    assert "case 2 (id 5): birth_date: must be a date YYYY-MM-DD" in err
    assert "colour: unknown field" in err and "sex: must be one of male, female" in err
    assert "case 3 (id null): id: missing; fit: must be true or false" in err
    assert "case 4" in err and "2020-07-01" in err
    assert error is not None and "3 of 4 cases were malformed" in str(error)


def test_bad_files_and_days(tmp_path):
    assert "--as-of" in str(_run(tmp_path, CASES, "--as-of", "07/12/2026")[2])
    path = tmp_path / "object.json"
    path.write_text("{}", "utf-8")
    with pytest.raises(CommandError, match="list of cases"):
        call_command("evaluate_militia", str(path), stdout=io.StringIO())
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("evaluate_militia", str(tmp_path / "missing.json"), stdout=io.StringIO())


def test_messages_follow_the_active_language(tmp_path):
    with translation.override("vi"):
        _lines, err, error = _run(tmp_path, [{"id": 1, "sex": "male"}], "--as-of", "2026-01-01")
    assert "birth_date: thiếu" in err
    assert error is not None and "1 trong 1 hồ sơ sai định dạng" in str(error)
