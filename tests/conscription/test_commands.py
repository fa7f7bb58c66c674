"""``evaluate_eligibility`` and ``eligibility_docs``; the generated doc must not be stale."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from muster.law.callup import docs
from muster.law.callup.eligibility.engine import evaluate
from muster.law.callup.eligibility.facts import FACT_FIELDS, Facts, Verdict
from muster.law.callup.eligibility.reasons import REASON_CODES
from muster.law.callup.serialize import FACT_KEYS, parse_case, verdict_json

DOC = Path(settings.BASE_DIR) / "docs" / "eligibility.md"


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the source language) unless a test overrides it."""
    with translation.override("en"):
        yield


GOOD = [
    {
        "id": "A1",
        "sex": "male",
        "birth_date": "2004-05-01",
        "health_class": 2,
        "bmi": 21.5,
        "school_grade": 12,
        "political": "pass",
    },
    {
        "id": 2,
        "sex": "male",
        "birth_date": "2005-03-10",
        "health_class": 1,
        "bmi": 22,
        "school_grade": 12,
        "political": "pass",
        "full_time_higher_education": True,
    },
    {
        "id": "A3",
        "as_of": "2025-06-30",
        "sex": "male",
        "birth_date": "2005-03-10",
        "health_class": 1,
        "bmi": 22,
        "school_grade": 12,
        "political": "pass",
        "standing_militia": True,
    },
]


def run(tmp_path, cases, *args):
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("evaluate_eligibility", str(path), *args, stdout=out, stderr=err)
    except CommandError as exc:
        error = exc
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    return lines, err.getvalue(), error


def test_good_file_gives_one_json_line_per_case(tmp_path):
    lines, err, error = run(tmp_path, GOOD, "--as-of", "2026-01-15")
    assert error is None
    assert err == ""
    assert [line["id"] for line in lines] == ["A1", 2, "A3"]
    first, second, third = lines
    assert first["callable"] is True
    assert first["as_of"] == "2026-01-15"
    assert first["reasons"] == []
    assert first["registration"] == {"status": "registered", "reason": None}
    assert {s["status"] for s in first["standards"]} == {"pass"}
    assert second["callable"] is False
    assert [r["code"] for r in second["reasons"]] == ["41.1.g"]
    (citation,) = second["reasons"][0]["citations"]
    assert (citation["article"], citation["clause"], citation["point"]) == ("41", "1", "g")
    assert second["authority"]["code"] == "provincial_chairman"
    # A case's own as_of wins: judged by the law of 30 June 2025.
    assert third["as_of"] == "2025-06-30"
    assert [r["code"] for r in third["deferrals"]] == ["41.1.h"]
    assert third["authority"]["code"] == "district_chairman"
    assert third["deferrals"][0]["rules"] == [
        {"code": "41.1.h", "valid_from": "2020-07-01", "valid_to": None}
    ]


def test_malformed_cases_get_a_message_each_and_a_failure(tmp_path):
    cases = [
        GOOD[0],
        {"id": "B1", "sex": "man", "birth_date": "2003-02-30", "bmi": True, "foo": 1},
        7,
        {"sex": "male", "birth_date": "2004-01-01", "health_class": 9},
        {"id": "B4", "sex": "male", "birth_date": "2004-01-01", "as_of": "2010-01-01"},
        GOOD[1],
    ]
    lines, err, error = run(tmp_path, cases, "--as-of", "2026-01-15")
    assert error is not None
    assert "4 of 6" in str(error)
    assert [line["id"] for line in lines] == ["A1", 2]  # good cases still printed
    messages = err.splitlines()
    assert len(messages) == 4
    assert messages[0].startswith('case 2 (id "B1"): ')
    for problem in (
        "birth_date: must be a date",
        "bmi: must be a number",
        "foo: unknown field",
        "sex: must be one of male, female",
    ):
        assert problem in messages[0]
    assert messages[1] == "case 3 (id null): a case must be a JSON object"
    assert "id: missing" in messages[2]
    assert "health_class: must be between 1 and 6" in messages[2]
    assert messages[3] == (
        'case 5 (id "B4"): 2010-01-01 is before 2018-11-20, the first day whose law is encoded.'
    )


def test_messages_are_in_the_users_language(tmp_path):
    cases = [{"id": "B1", "sex": "man", "birth_date": "2003-02-30", "foo": 1}]
    with translation.override("vi"):
        _, err, error = run(tmp_path, cases)
    assert str(error) == "1 trong 1 hồ sơ sai định dạng."
    assert err.strip() == (
        'hồ sơ 1 (id "B1"): birth_date: phải là ngày dạng YYYY-MM-DD; '
        "foo: trường không xác định; sex: phải là một trong: male, female"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"id": 1}', "must hold a JSON list"),
    ],
)
def test_whole_file_errors(tmp_path, content, message):
    path = tmp_path / "cases.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("evaluate_eligibility", str(path), stdout=io.StringIO())


def test_missing_file_and_bad_date(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("evaluate_eligibility", str(tmp_path / "none.json"))
    with pytest.raises(CommandError, match="--as-of"):
        call_command("evaluate_eligibility", str(tmp_path / "none.json"), "--as-of", "15/01/26")


def test_policy_setting_is_read(tmp_path, settings):
    case = dict(GOOD[0], myopia_dioptres=1.5)
    lines, _, _ = run(tmp_path, [case], "--as-of", "2026-01-15")
    assert [r["code"] for r in lines[0]["reasons"]] == ["myopia"]
    settings.MUSTER_ELIGIBILITY_POLICY = {"myopia_at_threshold_excluded": False}
    lines, _, _ = run(tmp_path, [case], "--as-of", "2026-01-15")
    assert lines[0]["callable"] is True
    settings.MUSTER_ELIGIBILITY_POLICY = {"nonsense": 1}
    _, _, error = run(tmp_path, [case], "--as-of", "2026-01-15")
    assert error is not None
    assert "MUSTER_ELIGIBILITY_POLICY" in str(error)


def test_exit_status_through_manage_py(tmp_path):
    path = tmp_path / "cases.json"
    path.write_text(json.dumps([GOOD[0], {"id": "bad"}]), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "manage.py", "evaluate_eligibility", str(path), "--as-of", "2026-01-15"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin", "MUSTER_VAR_DIR": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    # A real run speaks Vietnamese (LANGUAGE_CODE "vi").
    assert 'hồ sơ 2 (id "bad"): sex: thiếu; birth_date: thiếu' in result.stderr


# ------------------------------------------------------------------------------ parsing


def test_parser_accepts_every_fact_field():
    assert set(FACT_FIELDS) == set(FACT_KEYS)


def test_parser_builds_facts_with_defaults():
    case = parse_case({"id": "x", "sex": "female", "birth_date": "2004-01-01", "bmi": 20})
    assert case.facts == Facts(sex="female", birth_date=case.facts.birth_date, bmi=20.0)
    assert case.as_of is None


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ({"registration_bar_ends": "2026-01-01"}, "registration_bar_ends: given without"),
        ({"posting_ended": "2026-01-01"}, "posting_ended: given without posted_since"),
        (
            {"posted_since": "2026-01-02", "posting_ended": "2026-01-01"},
            "posting_ended: before posted_since",
        ),
        ({"volunteer": 1}, "volunteer: must be true or false"),
        ({"school_grade": 7.5}, "school_grade: must be an integer"),
        ({"parent_work_capacity_loss": 101}, "between 0 and 100"),
        ({"myopia_dioptres": -1}, "myopia_dioptres: must be between 0 and 30"),
        ({"political": "ok"}, "political: must be one of pass, fail, unknown"),
        ({"birth_date": None}, "birth_date: must be a date"),
        ({"id": True}, "id: must be a non-empty string or an integer"),
    ],
)
def test_parser_problems(extra, problem):
    raw = {"id": "x", "sex": "male", "birth_date": "2004-01-01", **extra}
    with pytest.raises(ValueError, match=problem):
        parse_case(raw)


# --------------------------------------------------------------------------------- docs


def test_generated_doc_is_up_to_date():
    """Fails when law.py or REASON_CODES changed without ``manage.py eligibility_docs``."""
    current = DOC.read_text(encoding="utf-8")
    assert docs.splice(current, docs.render_rules()) == current, (
        "docs/eligibility.md is stale: run manage.py eligibility_docs"
    )


def test_doc_names_every_input_field_and_reason_code():
    text = DOC.read_text(encoding="utf-8")
    for name in (*FACT_FIELDS, "id", "as_of"):
        assert f"`{name}`" in text, name
    for code in REASON_CODES:
        assert f"`{code}`" in text, code


def test_eligibility_docs_check_and_rewrite(tmp_path):
    stale = tmp_path / "doc.md"
    stale.write_text(f"# Title\n\n{docs.BEGIN}\nold\n{docs.END}\ntail\n", encoding="utf-8")
    with pytest.raises(CommandError, match="stale"):
        call_command("eligibility_docs", "--check", "--path", str(stale), stdout=io.StringIO())
    call_command("eligibility_docs", "--path", str(stale), stdout=io.StringIO())
    text = stale.read_text(encoding="utf-8")
    assert text.startswith("# Title\n")
    assert text.endswith(f"{docs.END}\ntail\n")
    assert "`41.1.h`" in text
    call_command("eligibility_docs", "--check", "--path", str(stale), stdout=io.StringIO())
    no_markers = tmp_path / "plain.md"
    no_markers.write_text("# Nothing\n", encoding="utf-8")
    with pytest.raises(CommandError, match="markers"):
        call_command("eligibility_docs", "--path", str(no_markers), stdout=io.StringIO())


def test_every_verdict_field_is_serialised():
    verdict = evaluate(Facts(sex="male", birth_date=dt.date(2004, 1, 1)), dt.date(2026, 1, 15))
    renamed = {"on": "as_of", "registration_reason": "registration"}
    fields = {renamed.get(f.name, f.name) for f in dataclasses.fields(Verdict)}
    assert set(verdict_json("x", verdict)) == fields | {"id"}


# ------------------------------------------------- measures and ICD codes the command judges


def _codes_of(line):
    return [r["code"] for r in line["reasons"]]


def test_physique_measures_are_scored_by_the_command(tmp_path):
    base = {k: v for k, v in GOOD[0].items() if k not in ("bmi",)}
    cases = [
        # 170 cm, 60 kg, chest 85: physique 1, BMI 20.8: class 2 stands, callable.
        dict(base, id="fit", height_cm=170, weight_kg=60, chest_cm=85),
        # 152 cm: height scores 6, so the class is 6 whatever the given class.
        dict(base, id="short", height_cm=152, weight_kg=50, chest_cm=80),
        # No class given and a physique of 1: the other stations are unknown.
        dict(base, id="unknown", health_class=None, height_cm=170, weight_kg=60, chest_cm=85),
        # A BMI of 31.1 computed from the measures, outside the TT 68/2025 range.
        dict(base, id="heavy", height_cm=170, weight_kg=90, chest_cm=95),
    ]
    lines, err, error = run(tmp_path, cases, "--as-of", "2026-01-15")
    assert error is None and err == ""
    by_id = {line["id"]: line for line in lines}
    assert by_id["fit"]["callable"] is True
    assert _codes_of(by_id["short"])[:1] == ["health_class"]
    assert "41.1.a" in _codes_of(by_id["short"])
    assert _codes_of(by_id["unknown"]) == ["health_class_unknown"]
    assert "bmi" in _codes_of(by_id["heavy"])


def test_icd_codes_of_the_exemption_list_exempt_from_registration(tmp_path):
    cases = [
        dict(GOOD[0], id="epilepsy", icd_codes=["g40"]),
        dict(GOOD[0], id="hiv", icd_codes=["Z21"]),
        dict(GOOD[0], id="asthma", icd_codes=["J45"]),
    ]
    lines, err, error = run(tmp_path, cases, "--as-of", "2026-01-15")
    assert error is None and err == ""
    by_id = {line["id"]: line for line in lines}
    assert by_id["epilepsy"]["registration"]["status"] == "exempt_from_registration"
    assert by_id["hiv"]["registration"]["status"] == "exempt_from_registration"
    assert by_id["asthma"]["callable"] is True


def test_bad_measures_and_codes_are_reported(tmp_path):
    cases = [dict(GOOD[0], id="bad", height_cm="tall", weight_kg=1000, icd_codes=["xx", 5])]
    lines, err, error = run(tmp_path, cases, "--as-of", "2026-01-15")
    assert lines == [] and error is not None
    assert "height_cm: must be a number" in err
    assert "weight_kg: must be between 10 and 300" in err
    assert "icd_codes: must be a list of ICD-10 codes" in err
