"""The one rule book of Muster: the dated rules of every domain, looked up by code and day.

Each domain keeps its rules in its own module (``callup.rules``, ``health.standards``, …);
this module joins them and refuses overlapping versions of a code."""

from __future__ import annotations

import datetime as dt

from muster.law.callup.police import POLICE_RULES
from muster.law.callup.province import PROVINCE_RULES
from muster.law.callup.rules import CALLUP_RULES
from muster.law.health.standards import HEALTH_RULES
from muster.law.militia.rules import MILITIA_RULES
from muster.law.mobilisation.rules import MOBILISATION_RULES
from muster.law.rear.rules import REAR_RULES
from muster.law.reserve.rules import RESERVE_RULES
from muster.law.rulebook import Rule, RuleBook

RULES: tuple[Rule, ...] = (
    CALLUP_RULES
    + POLICE_RULES
    + PROVINCE_RULES
    + HEALTH_RULES
    + MILITIA_RULES
    + RESERVE_RULES
    + MOBILISATION_RULES
    + REAR_RULES
)

BOOK = RuleBook(RULES)
codes = BOOK.codes
versions = BOOK.versions
rules_in_force = BOOK.in_force
rule = BOOK.rule
rule_or_none = BOOK.rule_or_none
iter_rules = BOOK.iter_rules


def change_dates() -> tuple[dt.date, ...]:
    """Every day on which some rule starts or stops applying (sorted, unique)."""
    days: set[dt.date] = set()
    for item in RULES:
        days.add(item.valid_from)
        if item.valid_to is not None:
            days.add(item.valid_to + dt.timedelta(days=1))
    return tuple(sorted(days))
