"""Good reasons (lý do chính đáng) in force on the day of the act. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.law.callup.violations.book import GOOD_REASON_CODES, rule
from muster.law.callup.violations.citations import citations_vi
from muster.law.rulebook import NoRuleInForce

# ----------------------------------------------------------------------------- good reasons


@dataclass(frozen=True)
class GoodReason:
    code: str
    title: str
    title_vi: str
    citation_vi: str
    confirmed: bool
    note: str


def good_reasons(day: dt.date) -> tuple[GoodReason, ...]:
    """The good reasons in force on ``day`` (the day of the act), in the order of the text."""
    found: list[GoodReason] = []
    for code in GOOD_REASON_CODES:
        try:
            item = rule(f"violation.good_reason.{code}", day)
        except NoRuleInForce:
            continue
        found.append(
            GoodReason(
                code, item.title, item.title_vi, citations_vi(item), item.confirmed, item.note
            )
        )
    return tuple(found)


def good_reason(code: str, day: dt.date) -> GoodReason | None:
    return next((g for g in good_reasons(day) if g.code == code), None)
