"""Repeats (tái phạm) and criminal referral (Penal Code Art 332). Pure."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from muster.law.callup.violations.bands import _check_kind
from muster.law.callup.violations.book import rule

# ----------------------------------------------------------------------------- repeats


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (31/08 + 6 months → 28 or 29/02)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class PriorSanction:
    """An earlier sanction of the same person: its act, decision, and when it was executed
    (the day a fine was paid in full, the decision day for a warning; None: not yet)."""

    key: str
    kind: str
    decided_on: dt.date
    warning: bool
    executed_on: dt.date | None


def counts_until(prior: PriorSanction) -> dt.date | None:
    """The last day ``prior`` counts for a repeat; None while it is not executed."""
    if prior.executed_on is None:
        return None
    item = rule("violation.repeat_window", prior.decided_on)
    months = item.int_param("warning_months" if prior.warning else "fine_months")
    return add_months(prior.executed_on, months)


def counts_as_repeat(prior: PriorSanction, kind: str, act_day: dt.date) -> bool:
    """Is an act of ``kind`` on ``act_day`` a repeat of ``prior``? The same act, after the
    decision, while the sanction still counts."""
    if prior.kind != kind or act_day <= prior.decided_on:
        return False
    until = counts_until(prior)
    return until is None or act_day <= until


def find_repeat(priors: list[PriorSanction], kind: str, act_day: dt.date) -> PriorSanction | None:
    """The latest earlier sanction of which the act is a repeat, if any."""
    found = [p for p in priors if counts_as_repeat(p, kind, act_day)]
    return max(found, key=lambda p: (p.decided_on, p.key)) if found else None


# ----------------------------------------------------------------------------- escalation


def _acts(code: str, day: dt.date) -> frozenset[str]:
    return frozenset(str(rule(code, day).param("acts")).split(","))


def art332_covers(kind: str, day: dt.date) -> bool:
    """Is ``kind`` one of the acts Penal Code Art 332 makes criminal on a repeat?"""
    _check_kind(kind)
    return kind in _acts("violation.criminal", day)


def escalation_possible(
    kind: str, day: dt.date, *, prior_sanction: bool, prior_conviction: bool = False
) -> bool:
    """Art 332 allows a criminal referral for an act of ``kind`` on ``day``: the act is listed
    and the person was sanctioned for the same act (a sanction that still counts) or convicted
    of the offence and not yet expunged."""
    return art332_covers(kind, day) and (prior_sanction or prior_conviction)


def is_evasion(kind: str, day: dt.date) -> bool:
    """Does the act count as evading military service (Law Art 3(8)) on ``day``?"""
    _check_kind(kind)
    return kind in _acts("violation.evasion", day)
