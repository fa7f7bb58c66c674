"""Which stations an NVQS examination requires, and when the council may conclude it. Pure.

TT 105/2023 Art 8(5),(6) (rule ``health.exam_stations``; before TT 105 the same list, marked
unverified):

* Round 1: physique and the clinical exam (surgery, dermatology, eyes, ENT, teeth, internal
  medicine, neurology, psychiatry; gynaecology for women only), closed by the imaging (abdominal
  ultrasound, ECG, chest X-ray).
* Round 2, only for those who passed round 1: the lab (blood count, blood group, biochemistry,
  HBsAg, anti-HCV, urinalysis), the urine drug test and the HIV test.
* The exam stops at the first failed standard: a scored station of 4 or worse.

The council may conclude either at a failed standard, or when every required station of both
rounds is entered. Round 2 opens only when round 1 is complete and passed. The drug and HIV
tests take negative/positive, not a score (``None`` in the score maps below).

Position: a day before the rule's first version (15 Aug 2016) uses the TT 105 list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from muster.law.book import rule_or_none
from muster.law.health.scoring import Sex
from muster.law.health.standards import EXAM_ROUND_1, EXAM_ROUND_1_WOMEN, EXAM_ROUND_2

#: The stations that take a negative or positive result instead of a score.
TESTS: tuple[str, ...] = ("drug_test", "hiv_test")
DRUG_TEST = "drug_test"
HIV_TEST = "hiv_test"
FAIL_SCORE_FALLBACK = 4
BASIS_FALLBACK = "Thông tư 105/2023/TT-BQP, Điều 8 khoản 5, 6"

Scores = Mapping[str, int | None]


def _codes(value: object) -> tuple[str, ...]:
    return tuple(code.strip() for code in str(value).split(",") if code.strip())


def required_stations(sex: Sex, on: dt.date) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(round 1, round 2) stations required on ``on`` for a citizen of ``sex``."""
    found = rule_or_none("health.exam_stations", on)
    if found is None:
        round1, women, round2 = EXAM_ROUND_1, EXAM_ROUND_1_WOMEN, EXAM_ROUND_2
    else:
        round1 = str(found.param("round1"))
        women = str(found.param("round1_women"))
        round2 = str(found.param("round2"))
    first = _codes(round1) + (_codes(women) if sex == "female" else ())
    return first, _codes(round2)


def all_stations(sex: Sex, on: dt.date) -> tuple[str, ...]:
    round1, round2 = required_stations(sex, on)
    return round1 + round2


def fail_score(on: dt.date) -> int:
    """The first score that fails a standard (4: classes 1–3 are fit, TT 105 Art 4)."""
    found = rule_or_none("health.exam_stations", on)
    return found.int_param("fail_score") if found is not None else FAIL_SCORE_FALLBACK


def basis(on: dt.date) -> str:
    """The legal basis of the list of stations on ``on``, in Vietnamese (for refusals)."""
    found = rule_or_none("health.exam_stations", on)
    return str(found.param("basis_vi")) if found is not None else BASIS_FALLBACK


def missing_stations(
    entered: Iterable[str], sex: Sex, on: dt.date
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(round 1, round 2) required stations not entered yet, in the order of the rule."""
    done = set(entered)
    round1, round2 = required_stations(sex, on)
    return (
        tuple(s for s in round1 if s not in done),
        tuple(s for s in round2 if s not in done),
    )


def failed(scores: Scores, on: dt.date) -> bool:
    """A scored station fails the standard (the exam stops there, TT 105 Art 8(6))."""
    limit = fail_score(on)
    return any(score is not None and score >= limit for score in scores.values())


def round_two_open(scores: Scores, sex: Sex, on: dt.date) -> bool:
    """Round 2 may be entered: round 1 is complete and no standard failed."""
    round1_missing, _round2 = missing_stations(scores, sex, on)
    return not round1_missing and not failed(scores, on)


def can_conclude(scores: Scores, sex: Sex, on: dt.date) -> bool:
    """The council may conclude: a standard failed, or both rounds are complete."""
    return failed(scores, on) or missing_stations(scores, sex, on) == ((), ())
