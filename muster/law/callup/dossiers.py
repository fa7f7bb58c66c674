"""Rules of deferral and exemption dossiers (hồ sơ tạm hoãn, miễn gọi nhập ngũ). Pure: no Django.

* Grounds are the engine's codes (41.1.a–h, 41.2.a–đ), each taken from ``law.py`` as in force
  on the day of the proposal, so 41.1.h cannot be proposed for a day before 1 Jul 2020.
* The deciding authority is the ``authority.deferral_exemption`` rule in force on the decision
  date (district chairman before 1 Jul 2025, provincial chairman from then; Art 42(1)).
* End conditions: 41.1.đ ends ``years`` (3) after resettlement, the day of the anniversary (the
  engine's first 3 years end the day before it); 41.1.d (sibling's discharge), 41.1.e (end of
  posting), 41.1.g (graduation or end of schooling) and 41.1.h (end of standing-militia service)
  need the end date; 41.1.a–c may carry one (next examination, end of the family situation).
  Exemptions do not end. On and after the end date the person is on the re-review list.
* State machine: proposed → reviewed → granted | refused; granted → ended.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from muster.law.ages import months_before
from muster.law.book import rule, rule_or_none
from muster.law.rulebook import Rule

Kind = Literal["deferral", "exemption"]

DEFERRAL_GROUNDS = ("41.1.a", "41.1.b", "41.1.c", "41.1.d", "41.1.đ", "41.1.e", "41.1.g", "41.1.h")
EXEMPTION_GROUNDS = ("41.2.a", "41.2.b", "41.2.c", "41.2.d", "41.2.đ")
GROUNDS = DEFERRAL_GROUNDS + EXEMPTION_GROUNDS
#: Grounds whose end condition must be given as a date when the dossier is proposed.
END_REQUIRED = frozenset({"41.1.d", "41.1.e", "41.1.g", "41.1.h"})
#: Grounds whose end date is computed from ``ground_start``.
END_COMPUTED = frozenset({"41.1.đ"})

TRANSITIONS: dict[str, frozenset[str]] = {
    "proposed": frozenset({"reviewed"}),
    "reviewed": frozenset({"granted", "refused"}),
    "granted": frozenset({"ended"}),
    "refused": frozenset(),
    "ended": frozenset(),
}


def kind_of(ground: str) -> Kind:
    if ground in DEFERRAL_GROUNDS:
        return "deferral"
    if ground in EXEMPTION_GROUNDS:
        return "exemption"
    raise ValueError(f"unknown ground {ground!r}")


def ground_rule(ground: str, on: dt.date) -> Rule | None:
    """The version of ``ground`` in force on ``on`` (None: not a ground on that day)."""
    if ground not in GROUNDS:
        return None
    return rule_or_none(ground, on)


def can_move(state: str, target: str) -> bool:
    return target in TRANSITIONS.get(state, frozenset())


def authority_on(decision_date: dt.date) -> tuple[str, str]:
    """(authority code, citation) of the rule naming who decides on ``decision_date``."""
    found = rule("authority.deferral_exemption", decision_date)
    citation = "; ".join(c.label for c in found.citations)
    return str(found.param("authority")), citation


def add_years(day: dt.date, years: int) -> dt.date:
    """The anniversary ``years`` later (29 Feb → 1 Mar in common years, as ``core.ages``)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def computed_end(ground: str, start: dt.date) -> dt.date:
    """41.1.đ: the day the first ``years`` (3) after resettlement are over."""
    years = rule(ground, start).int_param("years")
    return add_years(start, years)


def due_for_rereview(end_date: dt.date | None, on: dt.date) -> bool:
    """A granted deferral is due for re-review on and after its end date."""
    return end_date is not None and end_date <= on


def facts_overrides(ground: str, on: dt.date) -> dict[str, object]:
    """Engine ``Facts`` fields that a granted, running dossier on ``ground`` establishes on ``on``.

    The decision is the authority's finding that the ground holds, so the engine must see it
    even when the registry lacks the underlying fact. Numeric grounds take a value inside the
    band of the rule in force (61 % for 41.1.c; a posting of 24 months for 41.2.đ).
    """
    if ground == "41.1.c":
        return {"parent_work_capacity_loss": rule(ground, on).int_param("min_percent")}
    if ground == "41.1.đ":
        return {"resettled_on": on}
    if ground == "41.1.e":
        return {"posted_since": on, "posting_ended": None}
    if ground == "41.2.đ":
        months = rule(ground, on).int_param("months")
        return {"posted_since": months_before(on, months), "posting_ended": None}
    flags = {
        "41.1.a": "health_council_unfit",
        "41.1.b": "sole_breadwinner",
        "41.1.d": "sibling_serving",
        "41.1.g": "in_general_education",
        "41.1.h": "standing_militia",
        "41.2.a": "child_of_martyr_or_class1_invalid",
        "41.2.b": "brother_of_martyr",
        "41.2.c": "child_of_class2_invalid",
        "41.2.d": "cipher_worker",
    }
    return {flags[ground]: True} if ground in flags else {}
