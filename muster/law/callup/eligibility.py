"""The eligibility engine: is this citizen callable for military service on a given day?

Pure: no Django. Every threshold comes from the rule registry (``law.py``) as it stood on the
day of evaluation, so a 2025 case is judged by 2025 law and a 2026 case by 2026 law.

The verdict is *layered* (peers.md, "Layered verdict semantics"):

1. registration status: barred (không được đăng ký, Art 13), exempt from registration (miễn
   đăng ký, Art 14) or registered;
2. call-up standards: sex (women only as volunteers, Art 6(2)), age (Art 30), health class,
   refraction, BMI, drugs, HIV, education, political standard (TT 148/2018 Art 4 and the
   health circulars); each passes, fails or is unknown;
3. deferral grounds (tạm hoãn, Art 41(1)) and exemption grounds (miễn, Art 41(2)) found;
4. volunteering (tình nguyện, Art 41(3)): waives 41.1.b–h and all of 41.2, but never 41.1.a,
   never a failed standard and never the registration layer.

``callable`` is true only when the citizen is registered, every standard passes, and no ground
remains after volunteering. "Unknown" (not yet examined, no political verification) is not
callable either: the reason list says what is missing.

Conventions
-----------
* Age: the 18th birthday is reached *on* the birthday; "to the end of age 25" ends the day
  before the 26th birthday (the 28th for college or university graduates deferred while
  studying). A birthday on 29 February falls on 1 March in common years (the convention of
  ``muster.law.ages.age_on``).
* Resettlement (41.1.đ): the first 3 years end the day before the 3rd anniversary of settling.
* Posting (41.1.e / 41.2.đ): 24 months are reached on the same day of the month 24 months after
  the posting started (month-end days clamp: 31 Mar + 24 months → 31 Mar; 31 Aug → 28/29 Feb).

Speed: ``Evaluator`` is compiled once per (day, policy) with every look-up and threshold
resolved; a case is reduced to an integer of outcome bits, and verdicts are immutable objects
cached per bit pattern, so evaluating a case allocates nothing but that integer.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from muster.law.ages import years_before
from muster.law.book import rule, rule_or_none
from muster.law.callup.policy import Policy
from muster.law.rulebook import Citation, Rule
from muster.law.sources import COVERAGE_START

Sex = Literal["male", "female"]
Political = Literal["pass", "fail", "unknown"]
RegistrationBar = Literal["a", "b", "c"]
RegistrationStatus = Literal["registered", "barred", "exempt_from_registration"]
StandardStatus = Literal["pass", "fail", "unknown"]

DEFAULT_POLICY = Policy()


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
    """One coded finding with the rule versions that produced it."""

    code: str
    message: str
    rules: tuple[Rule, ...]

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


#: Every code a verdict can carry, with its layer and meaning (docs are generated from this).
REASON_CODES: Mapping[str, tuple[str, str]] = {
    "registration_barred": (
        "registration",
        "Barred from registration while an Art 13 measure lasts.",
    ),
    "registration_exempt": (
        "registration",
        "Exempt from registration (Art 14; TT 105 App. I Part III, which lists HIV).",
    ),
    "female_not_volunteer": (
        "standard",
        "A woman is callable in peacetime only as a volunteer (Art 6(2)).",
    ),
    "age_under": ("standard", "The 18th birthday is not reached on the day of evaluation."),
    "age_over": (
        "standard",
        "The 26th birthday (28th for graduates deferred while studying) is reached.",
    ),
    "health_class": ("standard", "Health class 4, 5 or 6."),
    "health_class_unknown": ("standard", "No health class yet (not examined)."),
    "myopia": ("standard", "Myopia at or above the threshold of the day (see the myopia policy)."),
    "hyperopia": ("standard", "Hyperopia (any degree; before 1 Jul 2025 only in class 3)."),
    "bmi": (
        "standard",
        "BMI outside the range allowed on the day (TT 68/2025; TT 105 physique table).",
    ),
    "bmi_unknown": ("standard", "No BMI measured while a BMI rule is in force."),
    "drug_addiction": ("standard", "Drug addiction."),
    "hiv": ("standard", "HIV/AIDS (TT 148 Art 4(3)(c) before 1 Jul 2025)."),
    "education": (
        "standard",
        "School grade below 8 without an approved grade-7 or primary-level allowance.",
    ),
    "education_unknown": ("standard", "School grade not known."),
    "political": ("standard", "Political standard (TTLT 50/2016) not met."),
    "political_unknown": ("standard", "Political standard not yet verified."),
    "41.1.a": (
        "deferral",
        "Not yet fit per the health examination council; volunteering never waives it.",
    ),
    "41.1.b": ("deferral", "Sole worker supporting dependants, or family heavily harmed."),
    "41.1.c": ("deferral", "One child of a sick soldier or Agent Orange victim, 61–80% loss."),
    "41.1.d": ("deferral", "Full sibling serving (army NCO or soldier, or CAND conscript)."),
    "41.1.đ": ("deferral", "Resettled in an especially difficult commune: first 3 years."),
    "41.1.e": ("deferral", "Posted to an especially difficult area, under 24 months."),
    "41.1.g": ("deferral", "In general education, or full-time college/university (one course)."),
    "41.1.h": ("deferral", "Standing militia (from 1 Jul 2020)."),
    "41.2.a": ("exemption", "Child of a martyr or of a class-1 war invalid."),
    "41.2.b": ("exemption", "Brother of a martyr."),
    "41.2.c": (
        "exemption",
        "Child of a class-2 war invalid, or of a sick soldier or Agent Orange victim, 81%+ loss.",
    ),
    "41.2.d": ("exemption", "Cipher worker who is not a soldier or police officer."),
    "41.2.đ": ("exemption", "Posted to an especially difficult area for 24 months or more."),
    "district_chairman": (
        "authority",
        "Deferral or exemption decided by the district chairman (before 1 Jul 2025).",
    ),
    "provincial_chairman": (
        "authority",
        "Deferral or exemption decided by the provincial chairman (from 1 Jul 2025).",
    ),
}

# --------------------------------------------------------------------------- outcome bits

_BIT = iter(range(64))
REG_BARRED = 1 << next(_BIT)
REG_EXEMPT = 1 << next(_BIT)
REG_EXEMPT_HIV = 1 << next(_BIT)
F_FEMALE = 1 << next(_BIT)
F_AGE_UNDER = 1 << next(_BIT)
F_AGE_OVER = 1 << next(_BIT)
F_HEALTH = 1 << next(_BIT)
U_HEALTH = 1 << next(_BIT)
F_MYOPIA = 1 << next(_BIT)
F_HYPEROPIA = 1 << next(_BIT)
F_BMI_TT68 = 1 << next(_BIT)
F_BMI_TT105 = 1 << next(_BIT)
U_BMI = 1 << next(_BIT)
F_DRUG = 1 << next(_BIT)
F_HIV = 1 << next(_BIT)
F_EDU = 1 << next(_BIT)
U_EDU = 1 << next(_BIT)
F_POL = 1 << next(_BIT)
U_POL = 1 << next(_BIT)
D_A = 1 << next(_BIT)
D_B = 1 << next(_BIT)
D_C = 1 << next(_BIT)
D_D = 1 << next(_BIT)
D_DD = 1 << next(_BIT)
D_E = 1 << next(_BIT)
D_G = 1 << next(_BIT)
D_H = 1 << next(_BIT)
E_A = 1 << next(_BIT)
E_B = 1 << next(_BIT)
E_C = 1 << next(_BIT)
E_D = 1 << next(_BIT)
E_DD = 1 << next(_BIT)
VOLUNTEER = 1 << next(_BIT)
del _BIT

_DEFERRAL_BITS: tuple[tuple[int, str], ...] = (
    (D_A, "41.1.a"),
    (D_B, "41.1.b"),
    (D_C, "41.1.c"),
    (D_D, "41.1.d"),
    (D_DD, "41.1.đ"),
    (D_E, "41.1.e"),
    (D_G, "41.1.g"),
    (D_H, "41.1.h"),
)
_EXEMPTION_BITS: tuple[tuple[int, str], ...] = (
    (E_A, "41.2.a"),
    (E_B, "41.2.b"),
    (E_C, "41.2.c"),
    (E_D, "41.2.d"),
    (E_DD, "41.2.đ"),
)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` earlier, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def _round_half_up_tenth(value: float) -> float:
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _reason(code: str, message: str, *rules: Rule | None) -> Reason:
    return Reason(code, message, tuple(r for r in rules if r is not None))


class Evaluator:
    """Every rule look-up and threshold for one day and one policy, resolved once."""

    def __init__(self, on: dt.date, policy: Policy = DEFAULT_POLICY) -> None:
        if on < COVERAGE_START:
            raise OutsideCoverage(
                f"{on.isoformat()} precedes {COVERAGE_START.isoformat()}: no rules encoded"
            )
        self.on = on
        self.policy = policy
        self._cache: dict[int, Verdict] = {}
        self._reasons: dict[int, Reason] = {}
        self._standards: list[tuple[str, tuple[Rule, ...], tuple[int, ...], tuple[int, ...]]] = []
        self.key: Callable[[Facts], int] = self._compile()

    # ----------------------------------------------------------------------- compilation

    def _compile(self) -> Callable[[Facts], int]:
        on = self.on
        policy = self.policy
        add = self._add_reason

        # Registration.
        barred = rule("reg.barred", on)
        exempt = rule("reg.exempt", on)
        illnesses = rule_or_none("reg.exempt_illnesses", on)
        add(REG_BARRED, "registration_barred", "Barred from registration (Art 13).", barred)
        add(REG_EXEMPT, "registration_exempt", "Exempt from registration (Art 14).", exempt)
        hiv_exempts = illnesses is not None and bool(illnesses.param("hiv_exempts"))
        add(
            REG_EXEMPT_HIV,
            "registration_exempt",
            "HIV is an illness that exempts from registration.",
            exempt,
            illnesses,
        )

        # Standards.
        sex = rule("std.sex", on)
        add(F_FEMALE, "female_not_volunteer", "A woman is callable only as a volunteer.", sex)
        self._standard("sex", (sex,), (F_FEMALE,))

        age = rule("std.age", on)
        min_age = age.int_param("min_age")
        max_age = age.int_param("max_age")
        grad_max = age.int_param("graduate_max_age")
        add(F_AGE_UNDER, "age_under", f"Under {min_age} on {on.isoformat()}.", age)
        add(
            F_AGE_OVER,
            "age_over",
            f"Past the end of age {max_age} ({grad_max} for graduates deferred while studying).",
            age,
        )
        self._standard("age", (age,), (F_AGE_UNDER, F_AGE_OVER))
        cut_min = years_before(on, min_age)  # born on or before: 18th birthday reached
        cut_max = years_before(on, max_age + 1)  # born on or before: 26th birthday reached
        cut_grad = years_before(on, grad_max + 1)

        health = rule("std.health_class", on)
        classification = rule("health.classification", on)
        max_class = health.int_param("max_class")
        add(F_HEALTH, "health_class", f"Health class above {max_class}.", health, classification)
        add(U_HEALTH, "health_class_unknown", "No health class.", health, classification)
        self._standard("health_class", (health, classification), (F_HEALTH,), (U_HEALTH,))

        myopia = rule("std.myopia", on)
        myo_thr = myopia.float_param("threshold_dioptres")
        myo_incl = bool(myopia.parameters.get("inclusive", policy.myopia_at_threshold_excluded))
        myo_class3 = bool(myopia.param("class_3_only"))
        add(
            F_MYOPIA,
            "myopia",
            f"Myopia {'at or above' if myo_incl else 'above'} {myo_thr} D"
            + (" in health class 3." if myo_class3 else "."),
            myopia,
        )
        self._standard("myopia", (myopia,), (F_MYOPIA,))

        hyperopia = rule("std.hyperopia", on)
        hyp_class3 = bool(hyperopia.param("class_3_only"))
        add(
            F_HYPEROPIA,
            "hyperopia",
            "Hyperopia" + (" in health class 3." if hyp_class3 else " of any degree."),
            hyperopia,
        )
        self._standard("hyperopia", (hyperopia,), (F_HYPEROPIA,))

        bmi68 = rule_or_none("std.bmi", on)
        bands = rule_or_none("health.bmi_bands", on) if policy.bmi_tt105_cross_check else None
        bmi_min = bmi68.float_param("min_bmi") if bmi68 else 0.0
        bmi_max = bmi68.float_param("max_bmi") if bmi68 else 0.0
        fit_min = bands.float_param("fit_min_bmi") if bands else 0.0
        fit_max = bands.float_param("fit_max_bmi") if bands else 0.0
        bmi_active = bmi68 is not None or bands is not None
        round_bmi = policy.bmi_rounding == "half_up_tenth"
        if bmi_active:
            if bmi68 is not None:
                add(F_BMI_TT68, "bmi", f"BMI below {bmi_min} or above {bmi_max}.", bmi68)
            if bands is not None:
                add(
                    F_BMI_TT105,
                    "bmi",
                    f"BMI below {fit_min} or above {fit_max}: physique score 4 or worse.",
                    bands,
                )
            add(U_BMI, "bmi_unknown", "No BMI measured.", bmi68, bands)
            self._standard("bmi", _present(bmi68, bands), (F_BMI_TT68, F_BMI_TT105), (U_BMI,))

        drug = rule("std.drug_addiction", on)
        add(F_DRUG, "drug_addiction", "Drug addiction.", drug)
        self._standard("drug_addiction", (drug,), (F_DRUG,))

        hiv_std = rule_or_none("std.hiv", on)
        if hiv_std is not None:
            add(F_HIV, "hiv", "HIV/AIDS.", hiv_std)
            self._standard("hiv", (hiv_std,), (F_HIV,))

        edu = rule("std.education", on)
        min_grade = edu.int_param("min_grade")
        approved_grade = edu.int_param("approved_grade")
        primary_grade = edu.int_param("primary_grade")
        add(
            F_EDU,
            "education",
            f"Below grade {min_grade} without an approved allowance.",
            edu,
        )
        add(U_EDU, "education_unknown", "School grade not known.", edu)
        self._standard("education", (edu,), (F_EDU,), (U_EDU,))

        pol = rule("std.political", on)
        add(F_POL, "political", "Political standard not met.", pol)
        add(U_POL, "political_unknown", "Political standard not yet verified.", pol)
        self._standard("political", (pol,), (F_POL,), (U_POL,))

        # Grounds.
        messages = {
            "41.1.a": "Not yet fit per the health examination council.",
            "41.1.b": "Sole worker supporting dependants, or family heavily harmed.",
            "41.1.d": "Full sibling now serving.",
            "41.1.e": "Posted to an especially difficult area.",
            "41.1.g": "Studying (general education, or full-time college/university).",
            "41.1.h": "Standing militia.",
            "41.2.a": "Child of a martyr or of a class-1 war invalid.",
            "41.2.b": "Brother of a martyr.",
            "41.2.d": "Cipher worker.",
        }
        c_defer = rule("41.1.c", on)
        c_exempt = rule("41.2.c", on)
        c_min = c_defer.int_param("min_percent")
        c_max = c_defer.int_param("max_percent")
        c_exempt_min = c_exempt.int_param("min_percent")
        resettle = rule("41.1.đ", on)
        resettle_years = resettle.int_param("years")
        long_posting = rule("41.2.đ", on)
        posting_months = long_posting.int_param("months")
        messages["41.1.c"] = f"Child of a sick soldier or Agent Orange victim, {c_min}–{c_max}%."
        messages["41.2.c"] = (
            f"Child of a class-2 war invalid, or of a sick soldier or Agent Orange victim with "
            f"{c_exempt_min}% or more."
        )
        messages["41.1.đ"] = f"Resettled: within the first {resettle_years} years."
        messages["41.2.đ"] = f"Posted to an especially difficult area for {posting_months} months."
        has_h = False
        for bit, code in _DEFERRAL_BITS + _EXEMPTION_BITS:
            ground = rule_or_none(code, on)
            if ground is None:
                continue
            has_h = has_h or code == "41.1.h"
            add(bit, code, messages[code], ground)
        authority = rule("authority.deferral_exemption", on)
        self.authority = _reason(
            str(authority.param("authority")), authority.title + ".", authority
        )
        self.volunteering = rule("41.3", on)

        resettle_cut = years_before(on, resettle_years)
        posting_cut = months_before(on, posting_months)
        hiv_std_on = hiv_std is not None

        def posting(since: dt.date, ended: dt.date | None) -> int:
            if ended is None or ended >= on:
                return E_DD if since <= posting_cut else D_E
            return E_DD if since <= months_before(ended, posting_months) else 0

        def key(f: Facts) -> int:
            # A flat sequence of checks on closure constants, kept inline for speed.
            k = 0
            if f.registration_bar is not None:
                ends = f.registration_bar_ends
                if ends is None or on <= ends:
                    k = REG_BARRED
            if f.registration_exempt_condition:
                k |= REG_EXEMPT
            if f.hiv_positive:
                if hiv_exempts:
                    k |= REG_EXEMPT_HIV
                if hiv_std_on:
                    k |= F_HIV
            if f.volunteer:
                k |= VOLUNTEER
            elif f.sex == "female":
                k |= F_FEMALE
            b = f.birth_date
            if b > cut_min:
                k |= F_AGE_UNDER
            elif b <= cut_max and not (
                b > cut_grad and f.college_graduate and f.deferred_while_studying
            ):
                k |= F_AGE_OVER
            hc = f.health_class
            if hc is None:
                k |= U_HEALTH
            elif hc > max_class:
                k |= F_HEALTH
            myo = f.myopia_dioptres
            if (
                myo
                and (myo > myo_thr or (myo_incl and myo == myo_thr))
                and (hc == 3 or not myo_class3)
            ):
                k |= F_MYOPIA
            if f.hyperopia_dioptres > 0 and (hc == 3 or not hyp_class3):
                k |= F_HYPEROPIA
            if bmi_active:
                bmi = f.bmi
                if bmi is None:
                    k |= U_BMI
                else:
                    if round_bmi:
                        bmi = _round_half_up_tenth(bmi)
                    if bmi68 is not None and (bmi < bmi_min or bmi > bmi_max):
                        k |= F_BMI_TT68
                    elif bands is not None and (bmi < fit_min or bmi > fit_max):
                        k |= F_BMI_TT105
            if f.drug_addiction:
                k |= F_DRUG
            g = f.school_grade
            if g is None:
                k |= U_EDU
            elif g < min_grade and not (
                (g >= approved_grade and f.grade7_approved)
                or (g >= primary_grade and f.primary_allowance_approved)
            ):
                k |= F_EDU
            p = f.political
            if p != "pass":
                k |= F_POL if p == "fail" else U_POL
            # Grounds.
            if f.health_council_unfit:
                k |= D_A
            if f.sole_breadwinner or f.family_disaster:
                k |= D_B
            loss = f.parent_work_capacity_loss
            if loss is not None:
                if loss >= c_exempt_min:
                    k |= E_C
                elif c_min <= loss <= c_max:
                    k |= D_C
            if f.sibling_serving:
                k |= D_D
            r = f.resettled_on
            if r is not None and resettle_cut < r <= on:
                k |= D_DD
            since = f.posted_since
            if since is not None and since <= on:
                k |= posting(since, f.posting_ended)
            if f.in_general_education or (
                f.full_time_higher_education and not f.higher_education_deferral_used
            ):
                k |= D_G
            if has_h and f.standing_militia:
                k |= D_H
            if f.child_of_martyr_or_class1_invalid:
                k |= E_A
            if f.brother_of_martyr:
                k |= E_B
            if f.child_of_class2_invalid:
                k |= E_C
            if f.cipher_worker:
                k |= E_D
            return k

        return key

    def _add_reason(self, bit: int, code: str, message: str, *rules: Rule | None) -> None:
        self._reasons[bit] = _reason(code, message, *rules)

    def _standard(
        self,
        name: str,
        rules: tuple[Rule, ...],
        fail_bits: tuple[int, ...],
        unknown_bits: tuple[int, ...] = (),
    ) -> None:
        self._standards.append((name, rules, fail_bits, unknown_bits))

    @property
    def distinct_verdicts(self) -> int:
        """How many distinct verdicts this evaluator has built (one per outcome pattern)."""
        return len(self._cache)

    # ----------------------------------------------------------------------- evaluation

    def evaluate(self, facts: Facts) -> Verdict:
        k = self.key(facts)
        verdict = self._cache.get(k)
        return verdict if verdict is not None else self._build(k)

    def evaluate_many(self, facts: Iterable[Facts]) -> list[Verdict]:
        key = self.key
        get = self._cache.get
        build = self._build
        out: list[Verdict] = []
        append = out.append
        for f in facts:
            k = key(f)
            verdict = get(k)
            append(verdict if verdict is not None else build(k))
        return out

    def _build(self, k: int) -> Verdict:
        reasons = self._reasons
        blocking: list[Reason] = []

        registration: RegistrationStatus = "registered"
        registration_reason: Reason | None = None
        if k & REG_BARRED:
            registration, registration_reason = "barred", reasons[REG_BARRED]
        elif k & REG_EXEMPT:
            registration, registration_reason = "exempt_from_registration", reasons[REG_EXEMPT]
        elif k & REG_EXEMPT_HIV:
            registration = "exempt_from_registration"
            registration_reason = reasons[REG_EXEMPT_HIV]
        if registration_reason is not None:
            blocking.append(registration_reason)

        standards: list[StandardResult] = []
        for name, rules, fail_bits, unknown_bits in self._standards:
            status: StandardStatus = "pass"
            found: Reason | None = None
            for bit in fail_bits:
                if k & bit:
                    status, found = "fail", reasons[bit]
                    break
            else:
                for bit in unknown_bits:
                    if k & bit:
                        status, found = "unknown", reasons[bit]
                        break
            standards.append(StandardResult(name, status, found, rules))
            if found is not None:
                blocking.append(found)

        volunteer = bool(k & VOLUNTEER)
        deferrals = tuple(reasons[bit] for bit, _ in _DEFERRAL_BITS if k & bit)
        exemptions = tuple(reasons[bit] for bit, _ in _EXEMPTION_BITS if k & bit)
        grounds = deferrals + exemptions
        if volunteer:
            standing = tuple(g for g in grounds if g.code == "41.1.a")
            waived = tuple(g for g in grounds if g.code != "41.1.a")
        else:
            standing, waived = grounds, ()
        blocking.extend(standing)
        verdict = Verdict(
            on=self.on,
            callable=not blocking,
            registration=registration,
            registration_reason=registration_reason,
            standards=tuple(standards),
            deferrals=deferrals,
            exemptions=exemptions,
            volunteer=volunteer,
            waived=waived,
            authority=self.authority if standing else None,
            reasons=tuple(blocking),
        )
        self._cache[k] = verdict
        return verdict


def _present(*rules: Rule | None) -> tuple[Rule, ...]:
    return tuple(r for r in rules if r is not None)


@functools.lru_cache(maxsize=32)
def evaluator(on: dt.date, policy: Policy = DEFAULT_POLICY) -> Evaluator:
    """The compiled evaluator for ``on`` and ``policy`` (the 32 most recent are kept, each with
    its verdicts: one per distinct outcome, a few tens of thousands at most)."""
    return Evaluator(on, policy)


def evaluate(facts: Facts, on: dt.date, policy: Policy = DEFAULT_POLICY) -> Verdict:
    """Judge one citizen by the law in force on ``on``."""
    return evaluator(on, policy).evaluate(facts)


def evaluate_many(
    facts: Iterable[Facts], on: dt.date, policy: Policy = DEFAULT_POLICY
) -> list[Verdict]:
    """Judge many citizens on the same day (the fast path)."""
    return evaluator(on, policy).evaluate_many(facts)
