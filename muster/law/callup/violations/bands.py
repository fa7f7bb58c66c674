"""The band (khung phạt) of an act on a day, and the checks on a fine. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.law.callup.violations.acts import (
    ANYONE,
    CITIZEN,
    INDIVIDUAL,
    KINDS,
    NO_FIRST_REGISTRATION,
    ORGANISATION,
    ORGANISATION_ONLY,
    SUBJECTS,
)
from muster.law.callup.violations.band_rules import OLDER_FIRST_REGISTRATION
from muster.law.callup.violations.book import rule
from muster.law.callup.violations.citations import citations_text, citations_vi
from muster.law.rulebook import NoRuleInForce

# ----------------------------------------------------------------------------- remedies


@dataclass(frozen=True)
class Remedy:
    """A remedial measure (biện pháp khắc phục hậu quả) in force on a day."""

    code: str
    title: str
    title_vi: str
    citation_vi: str
    confirmed: bool
    note: str


def remedy_for(code: str, day: dt.date) -> Remedy | None:
    """The measure ``code`` (a band's ``remedy``) in force on ``day``; None for "" (no measure)
    or when none is in force."""
    if not code:
        return None
    try:
        item = rule(f"violation.remedy.{code}", day)
    except NoRuleInForce:
        return None
    return Remedy(code, item.title, item.title_vi, citations_vi(item), item.confirmed, item.note)


# ----------------------------------------------------------------------------- bands


class NotAnOffender(ValueError):
    """The act cannot be committed by that subject (an organisation failing its own
    registration, an individual failing an organisation's report)."""


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
    subject: str = INDIVIDUAL
    #: Who can commit the act: ``acts.CITIZEN``, ``ANYONE`` or ``ORGANISATION_ONLY``.
    offenders: str = CITIZEN
    remedy: Remedy | None = None

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


def offenders_of(kind: str, day: dt.date) -> str:
    """Who can commit ``kind`` on ``day`` (``NoRuleInForce`` when it is no offence then)."""
    _check_kind(kind)
    return str(rule(f"violation.band.{kind}", day).param("offenders"))


def subject_allowed(offenders: str, subject: str, *, in_registry: bool) -> bool:
    """Can ``subject`` (an individual of the registry or not, an organisation) commit an act
    whose band says ``offenders``?"""
    if subject not in SUBJECTS:
        return False
    if offenders == CITIZEN:
        return subject == INDIVIDUAL and in_registry
    if offenders == ORGANISATION_ONLY:
        return subject == ORGANISATION
    return offenders == ANYONE


def band_for(
    kind: str,
    day: dt.date,
    *,
    repeat: bool = False,
    aged_17_in_year: bool = True,
    subject: str = INDIVIDUAL,
) -> Band:
    """The band for ``kind`` committed on ``day`` by ``subject`` (an individual or an
    organisation); ``repeat``: the same act after a sanction that still counts;
    ``aged_17_in_year``: the man turns 17 in the year of the act (only the first registration
    depends on it). ``NoRuleInForce`` when the act is no offence on that day (before
    22/07/2022; a new offence of Decree 218/2025 before 05/08/2025); ``NotAnOffender`` when
    ``subject`` cannot commit it. An organisation committing an act anyone can commit
    (obstruction) is fined twice the individual's band (``violation.organisation_factor``,
    unconfirmed); the organisations' own acts have their band as stated."""
    _check_kind(kind)
    code = kind
    if kind == NO_FIRST_REGISTRATION and not aged_17_in_year:
        code = OLDER_FIRST_REGISTRATION
    item = rule(f"violation.band.{code}", day)
    offenders = str(item.param("offenders"))
    if not subject_allowed(offenders, subject, in_registry=True):
        raise NotAnOffender(f"{kind!r} cannot be committed by {subject!r}")
    mode = str(item.param("warning"))
    warning = mode == "always" or (mode == "first" and not repeat)
    fine_min = 0 if warning else item.int_param("fine_min")
    fine_max = 0 if warning else item.int_param("fine_max")
    citation, citation_vi, confirmed, note = (
        citations_text(item),
        citations_vi(item),
        item.confirmed,
        item.note,
    )
    if subject == ORGANISATION and offenders == ANYONE:
        factor_rule = rule("violation.organisation_factor", day)
        factor = factor_rule.int_param("factor")
        fine_min, fine_max = fine_min * factor, fine_max * factor
        citation += f"; {factor_rule.title}"
        citation_vi += f"; {factor_rule.title_vi}"
        confirmed = confirmed and factor_rule.confirmed
        note = f"{note} {factor_rule.note}".strip()
    return Band(
        kind=kind,
        rule_code=item.code,
        decree=str(item.param("decree")),
        citation=citation,
        citation_vi=citation_vi,
        title_vi=item.title_vi,
        warning=warning,
        fine_min=fine_min,
        fine_max=fine_max,
        good_reason_applies=bool(item.param("good_reason")),
        repeat=repeat,
        confirmed=confirmed,
        note=note,
        valid_from=item.valid_from,
        valid_to=item.valid_to,
        subject=subject,
        offenders=offenders,
        remedy=remedy_for(str(item.param("remedy")), day),
    )


def individual_maximum(day: dt.date) -> int:
    """The highest fine for an individual in the defence field on ``day``."""
    return rule("violation.max_fine", day).int_param("individual")


def maximum(day: dt.date, subject: str = INDIVIDUAL) -> int:
    """The highest fine for ``subject`` (an individual or an organisation) on ``day``."""
    return rule("violation.max_fine", day).int_param(
        "organisation" if subject == ORGANISATION else "individual"
    )


def fine_problems(
    *,
    warning: bool,
    fine_min: int,
    fine_max: int,
    amount: int | None,
    day: dt.date,
    subject: str = INDIVIDUAL,
) -> list[str]:
    """Why ``amount`` cannot be the fine of a case with this band (keys, empty when fine):
    ``warning_no_fine``, ``fine_required``, ``below_band``, ``above_band``,
    ``above_maximum`` (the maximum for ``subject`` of the decree in force on ``day``)."""
    if warning:
        return ["warning_no_fine"] if amount else []
    if amount is None or amount <= 0:
        return ["fine_required"]
    found: list[str] = []
    if amount < fine_min:
        found.append("below_band")
    if amount > fine_max:
        found.append("above_band")
    if amount > maximum(day, subject):
        found.append("above_maximum")
    return found


def lighter_band(
    kind: str,
    occurred_on: dt.date,
    decided_on: dt.date,
    *,
    repeat: bool = False,
    aged_17_in_year: bool = True,
    subject: str = INDIVIDUAL,
) -> Band | None:
    """The band in force on ``decided_on`` when it is lighter than the band of the day of the
    act (Law 80/2015 Art 156(3) [U]): a warning instead of a fine, or a lower top. None when
    the same decree applies or the later one is not lighter."""
    then = band_for(
        kind, occurred_on, repeat=repeat, aged_17_in_year=aged_17_in_year, subject=subject
    )
    try:
        now = band_for(
            kind, decided_on, repeat=repeat, aged_17_in_year=aged_17_in_year, subject=subject
        )
    except NoRuleInForce:
        return None
    if now.rule_code == then.rule_code and now.valid_from == then.valid_from:
        return None
    if then.warning:
        return None
    if now.warning or now.fine_max < then.fine_max:
        return now
    return None
