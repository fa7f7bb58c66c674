"""What the eligibility engine is given (the facts of a citizen) and what it returns (the
verdict, its reasons and standards). Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from muster.law.rulebook import Citation, Rule

Sex = Literal["male", "female"]
Political = Literal["pass", "fail", "unknown"]
RegistrationBar = Literal["a", "b", "c"]
RegistrationStatus = Literal["registered", "barred", "exempt_from_registration"]
StandardStatus = Literal["pass", "fail", "unknown"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Facts:
    """What is known about one citizen. Defaults mean "no such circumstance".

    Health, BMI, education and political fields default to *unknown* (None / "unknown"): a
    citizen not yet examined or verified is not callable.
    """

    sex: Sex
    birth_date: dt.date
    #: Volunteers (tình nguyện nhập ngũ), Art 41(3); women serve only as volunteers, Art 6(2).
    volunteer: bool = False

    # Registration layer.
    #: Art 13(1) point (a: prosecution/sentence/not rehabilitated; b: education or compulsory
    #: measure; c: stripped of the right to serve) and the last day the measure lasts
    #: (None: no known end).
    registration_bar: RegistrationBar | None = None
    registration_bar_ends: dt.date | None = None
    #: Art 14: disability, or serious, mental or chronic illness on the TT 105 App. I Part III
    #: list (bệnh miễn đăng ký).
    registration_exempt_condition: bool = False
    hiv_positive: bool = False
    drug_addiction: bool = False

    # Health examination (khám sức khỏe).
    health_class: int | None = None
    #: The "T" (tạm thời, temporary) suffix of the class.
    health_class_temporary: bool = False
    #: Magnitudes in dioptres of the worse eye (myopia −2.0 D is 2.0).
    myopia_dioptres: float = 0.0
    hyperopia_dioptres: float = 0.0
    bmi: float | None = None

    # Education (trình độ văn hóa).
    school_grade: int | None = None
    grade7_approved: bool = False
    #: Within the up-to-25% primary-level allowance of TT 148 Art 4(4)(b).
    primary_allowance_approved: bool = False

    # Age extension of Art 30.
    college_graduate: bool = False
    deferred_while_studying: bool = False

    political: Political = "unknown"

    # Deferral grounds, Art 41(1).
    health_council_unfit: bool = False  # a
    sole_breadwinner: bool = False  # b
    family_disaster: bool = False  # b
    #: % loss of working capacity of a parent who is a sick soldier (bệnh binh) or Agent Orange
    #: victim; this citizen is the one child the ground covers. 61–80: 41.1.c; ≥81: 41.2.c.
    parent_work_capacity_loss: int | None = None
    sibling_serving: bool = False  # d
    resettled_on: dt.date | None = None  # đ
    posted_since: dt.date | None = None  # e (or 41.2.đ after 24 months)
    posting_ended: dt.date | None = None
    in_general_education: bool = False  # g
    full_time_higher_education: bool = False  # g
    #: The one-course study deferral at this level was already used (41.1.g "one course").
    higher_education_deferral_used: bool = False
    standing_militia: bool = False  # h, from 1 Jul 2020

    # Exemption grounds, Art 41(2).
    child_of_martyr_or_class1_invalid: bool = False  # a
    brother_of_martyr: bool = False  # b
    child_of_class2_invalid: bool = False  # c
    cipher_worker: bool = False  # d


FACT_FIELDS: tuple[str, ...] = tuple(Facts.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class Reason:
    """One coded finding with the rule versions that produced it; ``message`` in English and
    ``message_vi`` in Vietnamese (the interface picks one: ``muster.core.lawtext``)."""

    code: str
    message: str
    rules: tuple[Rule, ...]
    message_vi: str = ""

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(c for r in self.rules for c in r.citations)


@dataclass(frozen=True, slots=True)
class StandardResult:
    standard: str
    status: StandardStatus
    reason: Reason | None
    rules: tuple[Rule, ...]


@dataclass(frozen=True, slots=True)
class Verdict:
    on: dt.date
    callable: bool
    registration: RegistrationStatus
    registration_reason: Reason | None
    standards: tuple[StandardResult, ...]
    #: Grounds found, whether or not volunteering waived them.
    deferrals: tuple[Reason, ...]
    exemptions: tuple[Reason, ...]
    volunteer: bool
    #: Grounds found but waived because the citizen volunteers.
    waived: tuple[Reason, ...]
    #: Who decides the deferral or exemption still standing (Art 42), if any.
    authority: Reason | None
    #: Every reason the citizen is not callable on ``on`` (empty when callable).
    reasons: tuple[Reason, ...]


class OutsideCoverage(ValueError):
    """The day precedes the law the engine encodes (``law.COVERAGE_START``)."""
