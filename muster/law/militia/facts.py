"""What the militia engine is given (the facts of a citizen) and what it returns (the verdict
and its reasons). Pure: no Django."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from muster.law.militia.enums import Force, Sex
from muster.law.rulebook import Citation, Rule
from muster.law.text import Text

Status = Literal[
    "eligible", "pending", "deferred", "exempt", "not_registrable", "under_age", "over_age"
]


@dataclass(frozen=True, slots=True, kw_only=True)
class MilitiaFacts:
    """What is known about one citizen. Defaults mean "no such circumstance"; ``fit`` defaults
    to unknown (not yet examined), which leaves the verdict pending."""

    sex: Sex
    birth_date: dt.date
    #: Dân quân (commune) or tự vệ (agency): decides who decides.
    force: Force = Force.MILITIA
    #: Tình nguyện: extends the age limit and waives the grounds of Art 11(3).
    volunteer: bool = False
    #: Art 9(1)(c): disability, serious or mental illness (miễn đăng ký).
    registration_exempt_condition: bool = False
    #: Đủ sức khỏe (Art 10); False is the deferral ground 11.1.b.
    fit: bool | None = None

    # Deferral grounds, Art 11(1).
    pregnant: bool = False  # a
    youngest_child_born: dt.date | None = None  # a (under 36 months)
    raising_child_alone: bool = False  # a (a man qualifies only alone)
    spouse_in_army: bool = False  # c
    spouse_in_police: bool = False  # d
    spouse_posted_hardship: bool = False  # đ
    sole_worker_poor_household: bool = False  # e
    supports_dependants: bool = False  # e
    family_disaster: bool = False  # e
    #: % loss of working capacity of the spouse or parent who is a war invalid, sick soldier or
    #: Agent Orange victim: 61–80 defers (11.1.g), 81 and more exempts (11.2.b).
    relative_work_capacity_loss: int | None = None
    studying: bool = False  # h
    abroad: bool = False  # h

    # Exemption grounds, Art 11(2).
    spouse_or_child_of_martyr: bool = False  # a
    placed_reservist: bool = False  # c
    carer_of_heroic_mother_or_invalid: bool = False  # d
    cipher_worker: bool = False  # đ


FACT_FIELDS: tuple[str, ...] = tuple(MilitiaFacts.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class MilitiaReason:
    """One coded finding in both languages, with the rule versions behind it."""

    code: str
    text: Text
    rules: tuple[Rule, ...]

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(c for r in self.rules for c in r.citations)

    @property
    def confirmed(self) -> bool:
        return all(r.confirmed for r in self.rules)


@dataclass(frozen=True, slots=True)
class MilitiaVerdict:
    on: dt.date
    status: Status
    age: int
    #: Every reason the citizen cannot be selected on ``on`` (empty when eligible).
    reasons: tuple[MilitiaReason, ...]
    #: Grounds of Art 11 found, whether or not volunteering waived them.
    grounds: tuple[MilitiaReason, ...]
    volunteer: bool
    #: Findings waived because the citizen volunteers (admissible grounds; age 46–50 / 41–45).
    waived: tuple[MilitiaReason, ...]
    #: Who decides on the day (selection, or deferral / exemption); None when no decision is
    #: due (under or over age, not registrable).
    authority: MilitiaReason | None

    @property
    def eligible(self) -> bool:
        return self.status == "eligible"


class OutsideCoverage(ValueError):
    """The day precedes the Militia Law 48/2019 (1 Jul 2020)."""


#: Every code a verdict can carry, with its layer and meaning (for the docs).
REASON_CODES: Mapping[str, tuple[str, str]] = {
    "age_under": ("age", "The 18th birthday is not reached."),
    "age_over": (
        "age",
        "Past the end of age 45 (men) or 40 (women); volunteers to the end of 50 or 45.",
    ),
    "registration_exempt": ("registration", "Exempt from militia registration (Art 9(1)(c))."),
    "fitness_unknown": ("fitness", "Not yet examined: fitness (Art 10) unknown."),
    **{f"11.1.{p}": ("deferral", f"Deferral ground Art 11(1)({p}).") for p in "abcdđegh"},
    **{f"11.2.{p}": ("exemption", f"Exemption ground Art 11(2)({p}).") for p in "abcdđ"},
    "placed_reservist": ("conflict", "A serving member is a reservist placed in a reserve unit."),
    "standing_on_callup_list": (
        "conflict",
        "A standing militia member is on the call-up official list (Law 78/2015 Art 41(1)(h)).",
    ),
}
