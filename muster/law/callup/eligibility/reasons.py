"""The reason codes a verdict can carry, and the outcome bits of the engine. Pure."""

from __future__ import annotations

from collections.abc import Mapping

from muster.law.text import Text

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
    "health_class_temporary": (
        "standard",
        "Health class carries T (temporary): referred for treatment, not callable until "
        "re-examined (TT 105/2023 Art 9(3)).",
    ),
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
F_HEALTH_T = 1 << next(_BIT)
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


#: The grounds of Art 41 whose sentence takes no parameter of the day.
GROUND_MESSAGES: dict[str, Text] = {
    "41.1.a": Text(
        "Chưa đủ sức khỏe phục vụ tại ngũ theo kết luận của Hội đồng khám sức khỏe.",
        "Not yet fit per the health examination council.",
    ),
    "41.1.b": Text(
        "Là lao động duy nhất trực tiếp nuôi dưỡng thân nhân, hoặc gia đình bị thiệt hại nặng.",
        "Sole worker supporting dependants, or family heavily harmed.",
    ),
    "41.1.d": Text("Có anh, chị hoặc em ruột đang phục vụ tại ngũ.", "Full sibling now serving."),
    "41.1.e": Text(
        "Đang được điều động đến vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn.",
        "Posted to an especially difficult area.",
    ),
    "41.1.g": Text(
        "Đang học tại cơ sở giáo dục phổ thông, hoặc đào tạo cao đẳng, đại học hệ chính quy.",
        "Studying (general education, or full-time college/university).",
    ),
    "41.1.h": Text("Dân quân thường trực.", "Standing militia."),
    "41.2.a": Text(
        "Con của liệt sĩ, con của thương binh hạng một.",
        "Child of a martyr or of a class-1 war invalid.",
    ),
    "41.2.b": Text("Anh hoặc em trai của liệt sĩ.", "Brother of a martyr."),
    "41.2.d": Text(
        "Người làm công tác cơ yếu không phải là quân nhân, Công an nhân dân.", "Cipher worker."
    ),
}
