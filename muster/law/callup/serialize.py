"""JSON in and out of the eligibility engine. Pure: no Django.

Input: one JSON object per case, ``{"id": ..., "sex": "male", "birth_date": "2004-05-01", ...}``
with the field names of ``eligibility.Facts`` (see docs/eligibility.md). Unknown keys, wrong
types and out-of-range values are errors; every problem of a case is reported, not just the
first. Problems are English templates marked with ``gettext_noop`` (so ``makemessages`` finds
them); the Django layer translates them with ``Problem.render(gettext)``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from muster.law.callup.eligibility.facts import Facts, Reason, StandardResult, Verdict
from muster.law.health.rules import exempt_illness, is_icd
from muster.law.health.scoring import physique
from muster.law.rulebook import Citation, Rule

_BOOL_FIELDS = frozenset(
    {
        "volunteer",
        "registration_exempt_condition",
        "hiv_positive",
        "drug_addiction",
        "health_class_temporary",
        "grade7_approved",
        "primary_allowance_approved",
        "college_graduate",
        "deferred_while_studying",
        "health_council_unfit",
        "sole_breadwinner",
        "family_disaster",
        "sibling_serving",
        "in_general_education",
        "full_time_higher_education",
        "higher_education_deferral_used",
        "standing_militia",
        "child_of_martyr_or_class1_invalid",
        "brother_of_martyr",
        "child_of_class2_invalid",
        "cipher_worker",
    }
)
_DATE_FIELDS = frozenset(
    {"birth_date", "registration_bar_ends", "resettled_on", "posted_since", "posting_ended"}
)
#: Integer fields with their inclusive range; all may be null.
_INT_FIELDS: Mapping[str, tuple[int, int]] = {
    "health_class": (1, 6),
    "school_grade": (0, 12),
    "parent_work_capacity_loss": (0, 100),
}
#: Number fields with their inclusive range.
_FLOAT_FIELDS: Mapping[str, tuple[float, float]] = {
    "myopia_dioptres": (0.0, 30.0),
    "hyperopia_dioptres": (0.0, 30.0),
    "bmi": (5.0, 100.0),
}
_NULLABLE_FLOATS = frozenset({"bmi"})
_CHOICE_FIELDS: Mapping[str, tuple[str, ...]] = {
    "sex": ("male", "female"),
    "political": ("pass", "fail", "unknown"),
    "registration_bar": ("a", "b", "c"),
}
_NULLABLE_CHOICES = frozenset({"registration_bar"})
_REQUIRED = ("sex", "birth_date")
#: Measurements the engine does not take but the case may give: the command scores them
#: itself (TT 105/2023 App. I Part I physique table; App. I Part III illnesses by ICD-10).
_MEASURE_FIELDS: Mapping[str, tuple[float, float]] = {
    "height_cm": (50.0, 250.0),
    "weight_kg": (10.0, 300.0),
    "chest_cm": (30.0, 200.0),
}
#: ICD-10 codes found at screening or examination (a list of strings).
ICD_KEY = "icd_codes"
#: App. I Part III item of HIV (B20-B24, Z21).
_HIV_ITEM = 9
#: Keys of a case that are not facts.
CASE_KEYS = frozenset({"id", "as_of"})
FACT_KEYS = (
    _BOOL_FIELDS | _DATE_FIELDS | set(_INT_FIELDS) | set(_FLOAT_FIELDS) | set(_CHOICE_FIELDS)
)
#: Inputs the command judges into facts itself.
MEASURE_KEYS = frozenset(_MEASURE_FIELDS) | {ICD_KEY}


@dataclass(frozen=True, slots=True)
class Case:
    id: str | int
    facts: Facts
    as_of: dt.date | None


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation without translating it (this module stays pure)."""
    return message


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a case: the field, an English template and its parameters."""

    field: str | None
    template: str
    params: Mapping[str, object] = dataclasses.field(default_factory=dict)

    def render(self, translate: Callable[[str], str] = str) -> str:
        text = translate(self.template) % self.params
        return f"{self.field}: {text}" if self.field else text


class CaseError(ValueError):
    """A malformed case; ``problems`` lists every problem found."""

    def __init__(self, case_id: object, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.render() for p in problems))
        self.case_id = case_id
        self.problems = problems

    def render(self, translate: Callable[[str], str] = str) -> str:
        return "; ".join(p.render(translate) for p in self.problems)


MUST_BE_DATE = gettext_noop("must be a date YYYY-MM-DD")
MUST_BE_BOOL = gettext_noop("must be true or false")
MUST_BE_INT = gettext_noop("must be an integer")
MUST_BE_NUMBER = gettext_noop("must be a number")
MUST_BE_BETWEEN = gettext_noop("must be between %(low)s and %(high)s")
MUST_BE_ONE_OF = gettext_noop("must be one of %(choices)s")
MISSING = gettext_noop("missing")
UNKNOWN_FIELD = gettext_noop("unknown field")
NOT_AN_OBJECT = gettext_noop("a case must be a JSON object")
BAD_ID = gettext_noop("must be a non-empty string or an integer")
GIVEN_WITHOUT = gettext_noop("given without %(other)s")
BEFORE = gettext_noop("before %(other)s")
MUST_BE_ICD_LIST = gettext_noop('must be a list of ICD-10 codes such as "F20" or "B90.2"')
NOT_AN_ICD = gettext_noop("%(code)s is not an ICD-10 code")


def parse_date(value: object) -> dt.date | None:
    """A case's ISO date ``YYYY-MM-DD``, or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def case_head(raw: Mapping[str, object], problems: list[Problem]) -> dt.date | None:
    """Check a case's ``id`` and optional ``as_of`` (the fields every batch case has);
    return ``as_of``, adding a problem for each bad one."""
    case_id = raw.get("id")
    if "id" not in raw:
        problems.append(Problem("id", MISSING))
    elif isinstance(case_id, bool) or not isinstance(case_id, str | int) or case_id == "":
        problems.append(Problem("id", BAD_ID))
    as_of: dt.date | None = None
    if raw.get("as_of") is not None:
        as_of = parse_date(raw["as_of"])
        if as_of is None:
            problems.append(Problem("as_of", MUST_BE_DATE))
    return as_of


def check_date(
    name: str, value: object, values: dict[str, Any], problems: list[Problem], *, required: bool
) -> None:
    """Store a date field in ``values`` (None allowed unless ``required``) or add a problem."""
    if value is None and not required:
        values[name] = None
    elif (day := parse_date(value)) is not None:
        values[name] = day
    else:
        problems.append(Problem(name, MUST_BE_DATE))


def check_int(
    name: str,
    value: object,
    bounds: tuple[int, int],
    values: dict[str, Any],
    problems: list[Problem],
) -> None:
    """Store a whole-number field within ``bounds`` (None allowed) or add a problem."""
    low, high = bounds
    if value is None:
        values[name] = None
    elif isinstance(value, bool) or not isinstance(value, int):
        problems.append(Problem(name, MUST_BE_INT))
    elif not low <= value <= high:
        problems.append(Problem(name, MUST_BE_BETWEEN, {"low": low, "high": high}))
    else:
        values[name] = value


def parse_case(raw: object) -> Case:
    """Validate one JSON case; raise ``CaseError`` with every problem found."""
    if not isinstance(raw, dict):
        raise CaseError(None, [Problem(None, NOT_AN_OBJECT)])
    problems: list[Problem] = []
    case_id = raw.get("id")
    as_of = case_head(raw, problems)
    values: dict[str, Any] = {}
    for name in sorted(set(raw) - CASE_KEYS):
        value = raw[name]
        if name not in FACT_KEYS and name not in MEASURE_KEYS:
            problems.append(Problem(name, UNKNOWN_FIELD))
        elif name == ICD_KEY:
            if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
                problems.append(Problem(name, MUST_BE_ICD_LIST))
            else:
                values[name] = value
        elif name in _MEASURE_FIELDS:
            low_m, high_m = _MEASURE_FIELDS[name]
            if value is None:
                values[name] = None
            elif isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(Problem(name, MUST_BE_NUMBER))
            elif not low_m <= value <= high_m:
                bounds = {"low": f"{low_m:g}", "high": f"{high_m:g}"}
                problems.append(Problem(name, MUST_BE_BETWEEN, bounds))
            else:
                values[name] = float(value)
        elif name in _BOOL_FIELDS:
            if isinstance(value, bool):
                values[name] = value
            else:
                problems.append(Problem(name, MUST_BE_BOOL))
        elif name in _DATE_FIELDS:
            check_date(name, value, values, problems, required=name == "birth_date")
        elif name in _INT_FIELDS:
            check_int(name, value, _INT_FIELDS[name], values, problems)
        elif name in _FLOAT_FIELDS:
            low_f, high_f = _FLOAT_FIELDS[name]
            if value is None and name in _NULLABLE_FLOATS:
                values[name] = None
            elif isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(Problem(name, MUST_BE_NUMBER))
            elif not low_f <= value <= high_f:
                bounds = {"low": f"{low_f:g}", "high": f"{high_f:g}"}
                problems.append(Problem(name, MUST_BE_BETWEEN, bounds))
            else:
                values[name] = float(value)
        else:
            choices = _CHOICE_FIELDS[name]
            if value is None and name in _NULLABLE_CHOICES:
                values[name] = None
            elif value in choices:
                values[name] = value
            else:
                problems.append(Problem(name, MUST_BE_ONE_OF, {"choices": ", ".join(choices)}))
    for name in _REQUIRED:
        if name not in raw:
            problems.append(Problem(name, MISSING))
    problems.extend(_consistency(values))
    problems.extend(_judge_measures(values))
    if problems:
        raise CaseError(case_id, problems)
    assert isinstance(case_id, str | int)  # checked above
    return Case(case_id, Facts(**values), as_of)


def _judge_measures(values: dict[str, Any]) -> list[Problem]:
    """Turn the measurements and ICD codes of a case into the engine's facts, in place.

    * Height and weight (and, for a man, chest) are scored on the physique table; the BMI is
      computed from them when the case gives none. The physique score is one indicator of
      the class (the worst score): a given ``health_class`` is raised to it, and a physique
      score of 4 or worse is the class on its own (the exam stops there). A score of 1-3
      with no class given leaves the class unknown: the other stations are not known.
    * An ICD code on TT 105/2023 App. I Part III makes the citizen exempt from registration
      (Art 14); an HIV code (item 9) also records HIV. Other well-formed codes change nothing.
    """
    problems: list[Problem] = []
    height = values.pop("height_cm", None)
    weight = values.pop("weight_kg", None)
    chest = values.pop("chest_cm", None)
    for code in values.pop(ICD_KEY, []):
        illness = exempt_illness(code)
        if illness is None and not is_icd(code):
            problems.append(Problem(ICD_KEY, NOT_AN_ICD, {"code": code[:12]}))
        elif illness is not None:
            values["registration_exempt_condition"] = True
            if illness.item == _HIV_ITEM:
                values["hiv_positive"] = True
    if height is None or weight is None:
        return problems
    sex = values.get("sex")
    if sex not in ("male", "female"):
        return problems
    if sex == "male" and chest is None:
        if values.get("bmi") is None:
            values["bmi"] = float(weight / (height / 100) ** 2)
        return problems
    found = physique(sex, height, weight, chest if sex == "male" else None)
    if values.get("bmi") is None:
        values["bmi"] = float(found.bmi_value)
    score = found.score.value
    given = values.get("health_class")
    if given is not None:
        values["health_class"] = max(given, score)
    elif score >= 4:
        values["health_class"] = score
    return problems


def _consistency(values: Mapping[str, Any]) -> list[Problem]:
    problems = []
    if values.get("registration_bar_ends") is not None and values.get("registration_bar") is None:
        problems.append(
            Problem("registration_bar_ends", GIVEN_WITHOUT, {"other": "registration_bar"})
        )
    ended, since = values.get("posting_ended"), values.get("posted_since")
    if ended is not None and since is None:
        problems.append(Problem("posting_ended", GIVEN_WITHOUT, {"other": "posted_since"}))
    elif ended is not None and since is not None and ended < since:
        problems.append(Problem("posting_ended", BEFORE, {"other": "posted_since"}))
    return problems


# ------------------------------------------------------------------------------- output


def citation_json(citation: Citation) -> dict[str, object]:
    return {
        "document": citation.document,
        "article": citation.article,
        "clause": citation.clause,
        "point": citation.point,
        "label": citation.label,
        "text": citation.text,
    }


def rule_json(item: Rule) -> dict[str, object]:
    return {
        "code": item.code,
        "valid_from": item.valid_from.isoformat(),
        "valid_to": item.valid_to.isoformat() if item.valid_to else None,
    }


def reason_json(reason: Reason) -> dict[str, object]:
    return {
        "code": reason.code,
        "message": reason.message,
        "rules": [rule_json(r) for r in reason.rules],
        "citations": [citation_json(c) for c in reason.citations],
    }


def standard_json(result: StandardResult) -> dict[str, object]:
    return {
        "standard": result.standard,
        "status": result.status,
        "code": result.reason.code if result.reason else None,
        "rules": [rule_json(r) for r in result.rules],
        "citations": [citation_json(c) for r in result.rules for c in r.citations],
    }


def verdict_json(case_id: str | int, verdict: Verdict) -> dict[str, object]:
    """One output line: the layered verdict with codes and citations."""
    return {
        "id": case_id,
        "as_of": verdict.on.isoformat(),
        "callable": verdict.callable,
        "registration": {
            "status": verdict.registration,
            "reason": reason_json(verdict.registration_reason)
            if verdict.registration_reason
            else None,
        },
        "standards": [standard_json(s) for s in verdict.standards],
        "deferrals": [reason_json(r) for r in verdict.deferrals],
        "exemptions": [reason_json(r) for r in verdict.exemptions],
        "volunteer": verdict.volunteer,
        "waived": [r.code for r in verdict.waived],
        "authority": reason_json(verdict.authority) if verdict.authority else None,
        "reasons": [reason_json(r) for r in verdict.reasons],
    }
