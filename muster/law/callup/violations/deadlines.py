"""Deadlines (payment, first registration) and the default deciding authority. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.law.callup.violations.book import rule
from muster.law.callup.violations.citations import citations_vi

# ----------------------------------------------------------------------------- deadlines


def payment_due(decided_on: dt.date) -> dt.date:
    """The last day to pay a fine decided on ``decided_on`` (10 days [U])."""
    return decided_on + dt.timedelta(days=rule("violation.payment", decided_on).int_param("days"))


def payment_overdue(
    *, decided_on: dt.date | None, fine: int | None, paid: int | None, today: dt.date
) -> bool:
    """A fine not paid in full after its deadline."""
    if decided_on is None or not fine:
        return False
    return (paid or 0) < fine and today > payment_due(decided_on)


def first_registration_deadline(year: int) -> dt.date:
    """The default last day of the first registration of the men reaching 17 in ``year``."""
    item = rule("violation.first_registration_by", dt.date(year, 1, 1))
    return dt.date(year, item.int_param("month"), item.int_param("day"))


def aged_17_in_year(birth_year: int, day: dt.date) -> bool:
    return day.year - birth_year == 17


@dataclass(frozen=True)
class AuthorityDefault:
    level: str  # "district" or "commune"
    title_vi: str
    citation_vi: str
    note: str


def default_authority(day: dt.date) -> AuthorityDefault:
    """Who decides the penalty by default for a decision on ``day`` ([U]: free text)."""
    item = rule("violation.authority", day)
    return AuthorityDefault(str(item.param("level")), item.title_vi, citations_vi(item), item.note)
