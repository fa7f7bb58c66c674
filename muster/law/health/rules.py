"""Dates and lists around the NVQS health check (sức khỏe NVQS). Pure: no Django.

* Notice (legal-reference §2.6 steps 4–5): the decision calling a citizen to preliminary
  screening (sơ tuyển) or to the examination (khám tuyển) must reach him at least 15 days
  before the session (Law 78/2015 Art 40(3) as amended by Law 98/2025; TT 105 Art 7). The day
  count is the rule in force on the session day (``deadline.exam_decision_notice``); before that
  rule's first day the original Art 40 carried the same 15 days, which is the fallback here.
  Position: "at least 15 days before" counts calendar days from the day the decision reached the
  citizen to the session day: handed on 1 Nov for a session on 16 Nov is 15 days, on time; on
  2 Nov it is 14 days, late.
* Validity (TT 105 Art 13, ``health.form_validity``): a result is valid 6 months from the
  council's conclusion. Position: concluded on 15/11/2025, it is valid up to 14/05/2026 and no
  longer on 15/05/2026 (the same day of the month six months later is the first day it is not
  valid; month ends clamp: 31/08 → valid to 27/02, expired from 28/02).
* Illnesses that exempt from registration (bệnh miễn đăng ký NVQS): TT 105 App. I Part III, by
  ICD-10 code.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from muster.law.book import rule_or_none

NOTICE_DAYS_FALLBACK = 15
VALIDITY_MONTHS_FALLBACK = 6
NOTICE_CITATION = "Law 78/2015/QH13 Art 40(3) (as amended by Law 98/2025/QH15); TT 105/2023 Art 7"
VALIDITY_CITATION = "TT 105/2023/TT-BQP Art 13"
EXEMPT_ILLNESS_CITATION = "TT 105/2023/TT-BQP App. I Part III"


def notice_days(session_day: dt.date) -> int:
    """Minimum days between the decision reaching the citizen and the session."""
    found = rule_or_none("deadline.exam_decision_notice", session_day)
    return found.int_param("days") if found is not None else NOTICE_DAYS_FALLBACK


def notice_is_late(notified_on: dt.date, session_day: dt.date) -> bool:
    """True when the decision reached the citizen fewer than the required days before."""
    return (session_day - notified_on).days < notice_days(session_day)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` later, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    next_first = dt.date(year + month // 12, month % 12 + 1, 1)
    last = (next_first - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def validity_months(concluded_on: dt.date) -> int:
    found = rule_or_none("health.form_validity", concluded_on)
    return found.int_param("months") if found is not None else VALIDITY_MONTHS_FALLBACK


def valid_until(concluded_on: dt.date) -> dt.date:
    """The last day on which a result concluded on ``concluded_on`` is valid."""
    return add_months(concluded_on, validity_months(concluded_on)) - dt.timedelta(days=1)


def is_valid_on(concluded_on: dt.date, day: dt.date) -> bool:
    return concluded_on <= day <= valid_until(concluded_on)


@dataclass(frozen=True, slots=True)
class ExemptIllness:
    """One line of TT 105 App. I Part III: item number, label, ICD-10 code ranges."""

    item: int
    label: str
    ranges: tuple[tuple[str, str], ...]


#: TT 105/2023 App. I Part III; item 10 (very severe or severe disability) has no ICD code and
#: is recorded with the pseudo-code "KT".
EXEMPT_ILLNESSES: tuple[ExemptIllness, ...] = (
    ExemptIllness(1, "Tâm thần (F20–F29)", (("F20", "F29"),)),
    ExemptIllness(2, "Động kinh (G40)", (("G40", "G40"),)),
    ExemptIllness(3, "Parkinson (G20)", (("G20", "G20"),)),
    ExemptIllness(4, "Mù một mắt (H54.4)", (("H54.4", "H54.4"),)),
    ExemptIllness(5, "Điếc (H90)", (("H90", "H90"),)),
    ExemptIllness(6, "Di chứng lao xương khớp (B90.2)", (("B90.2", "B90.2"),)),
    ExemptIllness(7, "Di chứng phong (B92)", (("B92", "B92"),)),
    ExemptIllness(
        8,
        "Ung thư (C00–C97, D00–D09, D45–D47)",
        (("C00", "C97"), ("D00", "D09"), ("D45", "D47")),
    ),
    ExemptIllness(9, "HIV (B20–B24, Z21)", (("B20", "B24"), ("Z21", "Z21"))),
    ExemptIllness(10, "Khuyết tật đặc biệt nặng, nặng (KT)", (("KT", "KT"),)),
)

_ICD = re.compile(r"^(?:[A-Z]\d{2}(?:\.\d{1,2})?|KT)$")


def normalise_icd(raw: str) -> str:
    return raw.strip().upper().replace(",", ".")


def _in_range(code: str, low: str, high: str) -> bool:
    """``code`` lies in [low, high]: a three-character bound covers all its sub-codes."""
    if "." in low:  # an exact sub-code (H54.4, B90.2) and its own subdivisions
        return code == low or code.startswith(low)
    head = code[:3]
    return low <= head <= high


def is_icd(raw: str) -> bool:
    """``raw`` is a well-formed ICD-10 code (letter, two digits, an optional subdivision), or
    the pseudo-code "KT" of item 10."""
    return bool(_ICD.match(normalise_icd(raw)))


def exempt_illness(raw: str) -> ExemptIllness | None:
    """The Part III item ``raw`` (an ICD-10 code) falls in, or None (also for malformed codes)."""
    if not is_icd(raw):
        return None
    code = normalise_icd(raw)
    for illness in EXEMPT_ILLNESSES:
        if any(_in_range(code, low, high) for low, high in illness.ranges):
            return illness
    return None
