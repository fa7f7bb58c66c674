"""The term of militia duty (Law 48/2019 Art 8), its completion (Art 13), standing militia
service counted as military service (Law 78/2015 Art 4(4)(a)) and the reserve class on
completion (Law 78/2015 Art 24). Pure: no Django.

Conventions
-----------
* A term of N years starting on day S ends on the day before the N-th anniversary of S
  (1 Mar 2022 + 4 years → 28 Feb 2026); an anniversary on 29 February falls on 1 March in a
  common year (``muster.law.ages.birthday``). The term's rule is the version in force on S.
* Completion can be recognised from the term's last day (or the extension's last day).
* 24 months of standing service are reached on the same day of the month 24 months after the
  start (month-end days clamp), as the call-up counts postings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.law.ages import birthday, months_before
from muster.law.book import rule, rule_or_none
from muster.law.militia.enums import Component
from muster.law.rulebook import Rule

_DAY = dt.timedelta(days=1)

#: Components whose concentrated training counts towards class-1 reserve (legal-reference §3
#: "Completion"): every component but the standing militia, which qualifies by completing.
_TRAINED_COMPONENTS = frozenset(Component) - {Component.STANDING}


@dataclass(frozen=True, slots=True)
class Term:
    start: dt.date
    #: Last day of the ordinary term.
    end: dt.date
    #: Last day the term may be extended to (up to 2 years more).
    max_extension_end: dt.date
    years: int
    rule: Rule


def term(start: dt.date, component: Component) -> Term:
    """The term of a member who started on ``start`` (4 years; 2 for standing militia)."""
    item = rule("militia.term", start)
    years = item.int_param("standing_years" if component == Component.STANDING else "years")
    extension = item.int_param("max_extension_years")
    return Term(
        start=start,
        end=birthday(start, years) - _DAY,
        max_extension_end=birthday(start, years + extension) - _DAY,
        years=years,
        rule=item,
    )


def term_end(start: dt.date, component: Component) -> dt.date:
    return term(start, component).end


def max_extension_end(start: dt.date, component: Component) -> dt.date:
    return term(start, component).max_extension_end


def extension_allowed(start: dt.date, component: Component, until: dt.date) -> bool:
    """Whether an extension to ``until`` stays within the 2 years the law allows (maritime
    militia, self-defence and commanders may go further within the age limits: not judged)."""
    found = term(start, component)
    return found.end < until <= found.max_extension_end


def can_recognise_completion(
    start: dt.date,
    component: Component,
    on: dt.date,
    extended_until: dt.date | None = None,
) -> bool:
    """Whether completion (hoàn thành nghĩa vụ, Art 13) can be recognised on ``on``: from the
    last day of the term, or of the extension when there is one."""
    last = extended_until if extended_until is not None else term_end(start, component)
    return on >= last


def standing_service_reached(start: dt.date) -> dt.date:
    """The first day on which a standing militia member who started on ``start`` has served
    the months of ``militia.standing_service`` (24): the same day of the month 24 months
    later; a start on 29 February reaches it on 1 March of a common year."""
    months = rule("militia.standing_service", start).int_param("months")
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    day = dt.date(year, month + 1, 1)
    while months_before(day, months) < start:
        day += _DAY
    return day


def counts_as_military_service(start: dt.date, on: dt.date, component: Component) -> bool:
    """Standing militia with at least 24 months' service on ``on`` have completed active
    military service (Law 78/2015 Art 4(4)(a), since 1 Jul 2020)."""
    if component != Component.STANDING:
        return False
    months = rule("militia.standing_service", on).int_param("months")
    return months_before(on, months) >= start


def reserve_class_on_completion(
    component: Component, concentrated_training_months: float, on: dt.date
) -> int | None:
    """Class 1 for standing militia who completed, and for the other components with at least
    3 months of concentrated training; None when this rule gives no class."""
    item = rule("militia.reserve_class1", on)
    if component == Component.STANDING:
        return item.int_param("reserve_class")
    if component in _TRAINED_COMPONENTS and concentrated_training_months >= item.int_param(
        "min_training_months"
    ):
        return item.int_param("reserve_class")
    return None


def absence_must_be_reported(leaves: dt.date, returns: dt.date | None, on: dt.date) -> bool:
    """Whether an absence from ``leaves`` to ``returns`` (None: not known) must be reported to
    the commune military command: 3 months or more (Art 9 as amended, from 1 Jul 2025; the
    original text is not encoded, so False before)."""
    item = rule_or_none("militia.absence_report", on)
    if item is None:
        return False
    return returns is None or months_before(returns, item.int_param("months")) >= leaves
