"""JSON in and out of the militia engine. Pure: no Django.

Input: one JSON object per case, ``{"id": ..., "sex": "male", "birth_date": "2004-05-01", ...}``
with the field names of ``MilitiaFacts`` (see docs/militia.md). Unknown keys, wrong types and
out-of-range values are errors; every problem of a case is reported. The problem templates are
the call-up's (``muster.law.callup.serialize``), already in the catalogue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from muster.law.callup.serialize import (
    GIVEN_WITHOUT,
    MISSING,
    MUST_BE_BOOL,
    MUST_BE_ONE_OF,
    NOT_AN_OBJECT,
    UNKNOWN_FIELD,
    CaseError,
    Problem,
    case_head,
    check_date,
    check_int,
    citation_json,
    rule_json,
)
from muster.law.militia.enums import Force, Sex
from muster.law.militia.facts import MilitiaFacts, MilitiaReason, MilitiaVerdict

__all__ = ["CaseError", "MilitiaCase", "parse_case", "reason_json", "verdict_json"]

_BOOL_FIELDS = frozenset(
    {
        "volunteer",
        "registration_exempt_condition",
        "pregnant",
        "raising_child_alone",
        "spouse_in_army",
        "spouse_in_police",
        "spouse_posted_hardship",
        "sole_worker_poor_household",
        "supports_dependants",
        "family_disaster",
        "studying",
        "abroad",
        "spouse_or_child_of_martyr",
        "placed_reservist",
        "carer_of_heroic_mother_or_invalid",
        "cipher_worker",
    }
)
#: ``fit``: true, false or null (not yet examined).
_NULLABLE_BOOLS = frozenset({"fit"})
_DATE_FIELDS = frozenset({"birth_date", "youngest_child_born"})
_INT_FIELDS: Mapping[str, tuple[int, int]] = {"relative_work_capacity_loss": (0, 100)}
_SEX = {"male": Sex.MALE, "female": Sex.FEMALE}
_FORCE = {"militia": Force.MILITIA, "self_defence": Force.SELF_DEFENCE}
_REQUIRED = ("sex", "birth_date")
CASE_KEYS = frozenset({"id", "as_of"})
FACT_KEYS = _BOOL_FIELDS | _NULLABLE_BOOLS | _DATE_FIELDS | set(_INT_FIELDS) | {"sex", "force"}


@dataclass(frozen=True, slots=True)
class MilitiaCase:
    id: str | int
    facts: MilitiaFacts
    as_of: dt.date | None


def _value(name: str, value: object, values: dict[str, Any], problems: list[Problem]) -> None:
    """Check one field of a case; store it in ``values`` or add a problem."""
    if name in _BOOL_FIELDS or name in _NULLABLE_BOOLS:
        if isinstance(value, bool) or (value is None and name in _NULLABLE_BOOLS):
            values[name] = value
        else:
            problems.append(Problem(name, MUST_BE_BOOL))
    elif name in _DATE_FIELDS:
        check_date(name, value, values, problems, required=name == "birth_date")
    elif name in _INT_FIELDS:
        check_int(name, value, _INT_FIELDS[name], values, problems)
    else:
        choices: Mapping[str, object] = _SEX if name == "sex" else _FORCE
        if isinstance(value, str) and value in choices:
            values[name] = choices[value]
        else:
            problems.append(Problem(name, MUST_BE_ONE_OF, {"choices": ", ".join(choices)}))


def parse_case(raw: object) -> MilitiaCase:
    """Validate one JSON case; raise ``CaseError`` with every problem found."""
    if not isinstance(raw, dict):
        raise CaseError(None, [Problem(None, NOT_AN_OBJECT)])
    problems: list[Problem] = []
    case_id = raw.get("id")
    as_of = case_head(raw, problems)
    values: dict[str, Any] = {}
    for name in sorted(set(raw) - CASE_KEYS):
        if name not in FACT_KEYS:
            problems.append(Problem(name, UNKNOWN_FIELD))
        else:
            _value(name, raw[name], values, problems)
    for name in _REQUIRED:
        if name not in raw:
            problems.append(Problem(name, MISSING))
    if values.get("raising_child_alone") and values.get("youngest_child_born") is None:
        problems.append(
            Problem("raising_child_alone", GIVEN_WITHOUT, {"other": "youngest_child_born"})
        )
    if problems:
        raise CaseError(case_id, problems)
    assert isinstance(case_id, str | int)  # checked above
    return MilitiaCase(case_id, MilitiaFacts(**values), as_of)


# ------------------------------------------------------------------------------- output


def reason_json(reason: MilitiaReason) -> dict[str, object]:
    return {
        "code": reason.code,
        "message": reason.text.en,
        "message_vi": reason.text.vi,
        "confirmed": reason.confirmed,
        "rules": [rule_json(r) for r in reason.rules],
        "citations": [
            {**citation_json(c), "label_vi": c.label_vi} for c in dict.fromkeys(reason.citations)
        ],
    }


def verdict_json(case_id: str | int, verdict: MilitiaVerdict) -> dict[str, object]:
    """One output line: the layered verdict with codes, both languages and citations."""
    return {
        "id": case_id,
        "as_of": verdict.on.isoformat(),
        "status": verdict.status,
        "eligible": verdict.eligible,
        "age": verdict.age,
        "volunteer": verdict.volunteer,
        "reasons": [reason_json(r) for r in verdict.reasons],
        "grounds": [r.code for r in verdict.grounds],
        "waived": [r.code for r in verdict.waived],
        "authority": reason_json(verdict.authority) if verdict.authority else None,
    }
