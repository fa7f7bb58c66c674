"""The eligibility engine: the rules in force on a day, applied to the facts of a citizen.
Pure."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal

from muster.law.ages import months_before, years_before
from muster.law.book import rule, rule_or_none
from muster.law.callup.eligibility.facts import (
    Facts,
    OutsideCoverage,
    Reason,
    RegistrationStatus,
    StandardResult,
    StandardStatus,
    Verdict,
)
from muster.law.callup.eligibility.reasons import (
    _DEFERRAL_BITS,
    _EXEMPTION_BITS,
    D_A,
    D_B,
    D_C,
    D_D,
    D_DD,
    D_E,
    D_G,
    D_H,
    E_A,
    E_B,
    E_C,
    E_D,
    E_DD,
    F_AGE_OVER,
    F_AGE_UNDER,
    F_BMI_TT68,
    F_BMI_TT105,
    F_DRUG,
    F_EDU,
    F_FEMALE,
    F_HEALTH,
    F_HEALTH_T,
    F_HIV,
    F_HYPEROPIA,
    F_MYOPIA,
    F_POL,
    GROUND_MESSAGES,
    REG_BARRED,
    REG_EXEMPT,
    REG_EXEMPT_HIV,
    U_BMI,
    U_EDU,
    U_HEALTH,
    U_POL,
    VOLUNTEER,
)
from muster.law.callup.policy import Policy
from muster.law.rulebook import Rule
from muster.law.sources import COVERAGE_START
from muster.law.text import Text, vi_date, vi_number

DEFAULT_POLICY = Policy()


def _round_half_up_tenth(value: float) -> float:
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _reason(code: str, message: Text, *rules: Rule | None) -> Reason:
    return Reason(code, message.en, tuple(r for r in rules if r is not None), message.vi)


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
        add(
            REG_BARRED,
            "registration_barred",
            Text(
                "Không được đăng ký nghĩa vụ quân sự (Điều 13).",
                "Barred from registration (Art 13).",
            ),
            barred,
        )
        add(
            REG_EXEMPT,
            "registration_exempt",
            Text("Miễn đăng ký nghĩa vụ quân sự (Điều 14).", "Exempt from registration (Art 14)."),
            exempt,
        )
        hiv_exempts = illnesses is not None and bool(illnesses.param("hiv_exempts"))
        add(
            REG_EXEMPT_HIV,
            "registration_exempt",
            Text(
                "HIV là bệnh thuộc diện miễn đăng ký nghĩa vụ quân sự.",
                "HIV is an illness that exempts from registration.",
            ),
            exempt,
            illnesses,
        )

        # Standards.
        sex = rule("std.sex", on)
        add(
            F_FEMALE,
            "female_not_volunteer",
            Text(
                "Công dân nữ chỉ được gọi nhập ngũ khi tự nguyện.",
                "A woman is callable only as a volunteer.",
            ),
            sex,
        )
        self._standard("sex", (sex,), (F_FEMALE,))

        age = rule("std.age", on)
        min_age = age.int_param("min_age")
        max_age = age.int_param("max_age")
        grad_max = age.int_param("graduate_max_age")
        add(
            F_AGE_UNDER,
            "age_under",
            Text(
                f"Chưa đủ {min_age} tuổi vào ngày {vi_date(on)}.",
                f"Under {min_age} on {on.isoformat()}.",
            ),
            age,
        )
        add(
            F_AGE_OVER,
            "age_over",
            Text(
                f"Đã hết {max_age} tuổi ({grad_max} tuổi đối với công dân tốt nghiệp cao đẳng, "
                "đại học đã được tạm hoãn trong thời gian học).",
                f"Past the end of age {max_age} ({grad_max} for graduates deferred while "
                "studying).",
            ),
            age,
        )
        self._standard("age", (age,), (F_AGE_UNDER, F_AGE_OVER))
        cut_min = years_before(on, min_age)  # born on or before: 18th birthday reached
        cut_max = years_before(on, max_age + 1)  # born on or before: 26th birthday reached
        cut_grad = years_before(on, grad_max + 1)

        health = rule("std.health_class", on)
        classification = rule("health.classification", on)
        max_class = health.int_param("max_class")
        add(
            F_HEALTH,
            "health_class",
            Text(f"Sức khỏe loại trên {max_class}.", f"Health class above {max_class}."),
            health,
            classification,
        )
        add(
            U_HEALTH,
            "health_class_unknown",
            Text("Chưa có phân loại sức khỏe.", "No health class."),
            health,
            classification,
        )
        add(
            F_HEALTH_T,
            "health_class_temporary",
            Text(
                "Phân loại sức khỏe có chữ T: đang được điều trị, chưa gọi được cho đến khi "
                "khám lại.",
                "Health class carries T: referred for treatment, not callable until re-examined.",
            ),
            health,
            classification,
        )
        self._standard(
            "health_class", (health, classification), (F_HEALTH, F_HEALTH_T), (U_HEALTH,)
        )

        myopia = rule("std.myopia", on)
        myo_thr = myopia.float_param("threshold_dioptres")
        myo_incl = bool(myopia.parameters.get("inclusive", policy.myopia_at_threshold_excluded))
        myo_class3 = bool(myopia.param("class_3_only"))
        add(
            F_MYOPIA,
            "myopia",
            Text(
                f"Cận thị {'từ' if myo_incl else 'trên'} {vi_number(myo_thr)} điốp"
                + (" ở sức khỏe loại 3." if myo_class3 else "."),
                f"Myopia {'at or above' if myo_incl else 'above'} {myo_thr} D"
                + (" in health class 3." if myo_class3 else "."),
            ),
            myopia,
        )
        self._standard("myopia", (myopia,), (F_MYOPIA,))

        hyperopia = rule("std.hyperopia", on)
        hyp_class3 = bool(hyperopia.param("class_3_only"))
        add(
            F_HYPEROPIA,
            "hyperopia",
            Text(
                "Viễn thị" + (" ở sức khỏe loại 3." if hyp_class3 else " (mọi độ)."),
                "Hyperopia" + (" in health class 3." if hyp_class3 else " of any degree."),
            ),
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
                add(
                    F_BMI_TT68,
                    "bmi",
                    Text(
                        f"Chỉ số BMI dưới {vi_number(bmi_min)} hoặc trên {vi_number(bmi_max)}.",
                        f"BMI below {bmi_min} or above {bmi_max}.",
                    ),
                    bmi68,
                )
            if bands is not None:
                add(
                    F_BMI_TT105,
                    "bmi",
                    Text(
                        f"Chỉ số BMI dưới {vi_number(fit_min)} hoặc trên {vi_number(fit_max)}: "
                        "điểm thể lực từ 4 trở lên.",
                        f"BMI below {fit_min} or above {fit_max}: physique score 4 or worse.",
                    ),
                    bands,
                )
            add(U_BMI, "bmi_unknown", Text("Chưa đo chỉ số BMI.", "No BMI measured."), bmi68, bands)
            self._standard("bmi", _present(bmi68, bands), (F_BMI_TT68, F_BMI_TT105), (U_BMI,))

        drug = rule("std.drug_addiction", on)
        add(F_DRUG, "drug_addiction", Text("Nghiện ma túy.", "Drug addiction."), drug)
        self._standard("drug_addiction", (drug,), (F_DRUG,))

        hiv_std = rule_or_none("std.hiv", on)
        if hiv_std is not None:
            add(F_HIV, "hiv", Text("Nhiễm HIV/AIDS.", "HIV/AIDS."), hiv_std)
            self._standard("hiv", (hiv_std,), (F_HIV,))

        edu = rule("std.education", on)
        min_grade = edu.int_param("min_grade")
        approved_grade = edu.int_param("approved_grade")
        primary_grade = edu.int_param("primary_grade")
        add(
            F_EDU,
            "education",
            Text(
                f"Trình độ văn hóa dưới lớp {min_grade}, không được phép tuyển ở trình độ "
                "thấp hơn.",
                f"Below grade {min_grade} without an approved allowance.",
            ),
            edu,
        )
        add(
            U_EDU,
            "education_unknown",
            Text("Chưa rõ trình độ văn hóa.", "School grade not known."),
            edu,
        )
        self._standard("education", (edu,), (F_EDU,), (U_EDU,))

        pol = rule("std.political", on)
        add(
            F_POL,
            "political",
            Text("Không đạt tiêu chuẩn chính trị.", "Political standard not met."),
            pol,
        )
        add(
            U_POL,
            "political_unknown",
            Text("Chưa thẩm tra tiêu chuẩn chính trị.", "Political standard not yet verified."),
            pol,
        )
        self._standard("political", (pol,), (F_POL,), (U_POL,))

        # Grounds.
        messages = dict(GROUND_MESSAGES)
        c_defer = rule("41.1.c", on)
        c_exempt = rule("41.2.c", on)
        c_min = c_defer.int_param("min_percent")
        c_max = c_defer.int_param("max_percent")
        c_exempt_min = c_exempt.int_param("min_percent")
        resettle = rule("41.1.đ", on)
        resettle_years = resettle.int_param("years")
        long_posting = rule("41.2.đ", on)
        posting_months = long_posting.int_param("months")
        messages["41.1.c"] = Text(
            f"Con của bệnh binh, người nhiễm chất độc da cam suy giảm khả năng lao động từ "
            f"{c_min}% đến {c_max}%.",
            f"Child of a sick soldier or Agent Orange victim, {c_min}–{c_max}%.",
        )
        messages["41.2.c"] = Text(
            f"Con của thương binh hạng hai; con của bệnh binh, người nhiễm chất độc da cam suy "
            f"giảm khả năng lao động từ {c_exempt_min}% trở lên.",
            f"Child of a class-2 war invalid, or of a sick soldier or Agent Orange victim with "
            f"{c_exempt_min}% or more.",
        )
        messages["41.1.đ"] = Text(
            f"Di dân, giãn dân: trong {resettle_years} năm đầu.",
            f"Resettled: within the first {resettle_years} years.",
        )
        messages["41.2.đ"] = Text(
            f"Được điều động đến vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn từ "
            f"{posting_months} tháng trở lên.",
            f"Posted to an especially difficult area for {posting_months} months.",
        )
        has_h = False
        for bit, code in _DEFERRAL_BITS + _EXEMPTION_BITS:
            ground = rule_or_none(code, on)
            if ground is None:
                continue
            has_h = has_h or code == "41.1.h"
            add(bit, code, messages[code], ground)
        authority = rule("authority.deferral_exemption", on)
        self.authority = _reason(
            str(authority.param("authority")),
            Text(authority.title_vi + ".", authority.title + "."),
            authority,
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
                # The council's class 4-6 is also the deferral ground of Art 41(1)(a) ("not
                # yet fit for service per the health council"), decided under Art 42.
                k |= F_HEALTH | D_A
            elif f.health_class_temporary:
                k |= F_HEALTH_T
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

    def _add_reason(self, bit: int, code: str, message: Text, *rules: Rule | None) -> None:
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
