"""The band (khung phạt) of an act on a day, and the checks on a fine. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.law.callup.violations.acts import KINDS, NO_FIRST_REGISTRATION
from muster.law.callup.violations.band_rules import OLDER_FIRST_REGISTRATION
from muster.law.callup.violations.book import rule
from muster.law.callup.violations.citations import citations_text, citations_vi
from muster.law.rulebook import NoRuleInForce

# ----------------------------------------------------------------------------- bands


@dataclass(frozen=True)
class Band:
    """The sanction the decree in force on the day of the act sets for it."""

    kind: str
    rule_code: str
    decree: str
    citation: str  # English label, for logs and docs
    citation_vi: str  # printed on the case
    title_vi: str
    warning: bool  # the sanction is a warning (no fine)
    fine_min: int
    fine_max: int
    good_reason_applies: bool
    repeat: bool
    confirmed: bool
    note: str
    valid_from: dt.date
    valid_to: dt.date | None

    @property
    def midpoint(self) -> int | None:
        """The usual fine: the middle of the band (Law 15/2012 Art 23(4) [U]); a repeat is an
        aggravating circumstance that allows more, up to the top."""
        if self.warning:
            return None
        return (self.fine_min + self.fine_max) // 2


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown violation kind {kind!r}")


def band_for(
    kind: str, day: dt.date, *, repeat: bool = False, aged_17_in_year: bool = True
) -> Band:
    """The band for ``kind`` committed on ``day``; ``repeat``: the same act after a sanction
    that still counts; ``aged_17_in_year``: the man turns 17 in the year of the act (only the
    first registration depends on it). ``NoRuleInForce`` before 22/07/2022."""
    _check_kind(kind)
    code = kind
    if kind == NO_FIRST_REGISTRATION and not aged_17_in_year:
        code = OLDER_FIRST_REGISTRATION
    item = rule(f"violation.band.{code}", day)
    mode = str(item.param("warning"))
    warning = mode == "always" or (mode == "first" and not repeat)
    return Band(
        kind=kind,
        rule_code=item.code,
        decree=str(item.param("decree")),
        citation=citations_text(item),
        citation_vi=citations_vi(item),
        title_vi=item.title_vi,
        warning=warning,
        fine_min=0 if warning else item.int_param("fine_min"),
        fine_max=0 if warning else item.int_param("fine_max"),
        good_reason_applies=bool(item.param("good_reason")),
        repeat=repeat,
        confirmed=item.confirmed,
        note=item.note,
        valid_from=item.valid_from,
        valid_to=item.valid_to,
    )


def individual_maximum(day: dt.date) -> int:
    """The highest fine for an individual in the defence field on ``day``."""
    return rule("violation.max_fine", day).int_param("individual")


def fine_problems(
    *, warning: bool, fine_min: int, fine_max: int, amount: int | None, day: dt.date
) -> list[str]:
    """Why ``amount`` cannot be the fine of a case with this band (keys, empty when fine):
    ``warning_no_fine``, ``fine_required``, ``below_band``, ``above_band``,
    ``above_maximum`` (the individual maximum of the decree in force on ``day``)."""
    if warning:
        return ["warning_no_fine"] if amount else []
    if amount is None or amount <= 0:
        return ["fine_required"]
    found: list[str] = []
    if amount < fine_min:
        found.append("below_band")
    if amount > fine_max:
        found.append("above_band")
    if amount > individual_maximum(day):
        found.append("above_maximum")
    return found


def lighter_band(
    kind: str,
    occurred_on: dt.date,
    decided_on: dt.date,
    *,
    repeat: bool = False,
    aged_17_in_year: bool = True,
) -> Band | None:
    """The band in force on ``decided_on`` when it is lighter than the band of the day of the
    act (Law 80/2015 Art 156(3) [U]): a warning instead of a fine, or a lower top. None when
    the same decree applies or the later one is not lighter."""
    then = band_for(kind, occurred_on, repeat=repeat, aged_17_in_year=aged_17_in_year)
    try:
        now = band_for(kind, decided_on, repeat=repeat, aged_17_in_year=aged_17_in_year)
    except NoRuleInForce:
        return None
    if now.rule_code == then.rule_code and now.valid_from == then.valid_from:
        return None
    if then.warning:
        return None
    if now.warning or now.fine_max < then.fine_max:
        return now
    return None
