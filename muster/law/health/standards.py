"""Health rules of TT 105/2023 (as amended by TT 106/2025) and their predecessors, as dated data."""

from __future__ import annotations

from muster.law.rulebook import Citation, Rule, make_rule
from muster.law.sources import (
    BEFORE_105,
    BEFORE_106,
    TT_105,
    TT_105_FROM,
    TT_106,
    TT_106_FROM,
    TTLT_16,
    TTLT_16_FROM,
)

#: The stations of an NVQS examination (codes of ``health.models.Station``), comma-separated in
#: the rule's parameters: round 1 (physique, clinical exam, then the imaging that closes it:
#: abdominal ultrasound, ECG, chest X-ray), gynaecology for women, round 2 (blood and urine lab,
#: the urine drug test, the HIV test) for those who passed round 1.
EXAM_ROUND_1 = "physique,surgery,dermatology,eyes,ent,teeth,internal,neurology,psychiatry,imaging"
EXAM_ROUND_1_WOMEN = "gynaecology"
EXAM_ROUND_2 = "lab,drug_test,hiv_test"
_TT105_EXAM = (
    Citation(
        TT_105,
        "8",
        "5",
        None,
        "Physical and clinical exam (gynaecology for women); lab and imaging: blood count, "
        "blood group, AST/ALT, urea/creatinine, glucose, HBsAg, anti-HCV, HIV, 10-parameter "
        "urinalysis, abdominal ultrasound, ECG, chest X-ray, urine drug test.",
    ),
    Citation(
        TT_105,
        "8",
        "6",
        None,
        "Two rounds: physique and clinical exam, stopping at the first failed standard; then "
        "blood, urine, HIV and drug tests only for those who passed round 1.",
    ),
)

_TT105_CLASSES = Citation(
    TT_105, "5–6", None, None, "Scores 1–6 per indicator; class = worst score; 1–3 fit for NVQS."
)
_TT106_AMEND = Citation(
    TT_106, None, None, None, "Amends TT 105/2023 (consolidated as VBHN 88/VBHN-BQP)."
)
_TT105_PHYSIQUE = Citation(
    TT_105,
    "App. I",
    "Part I",
    None,
    "Physique table: BMI 18.5–24.9 scores 1; below 18.5 or 30–34.9 scores 4.",
)


HEALTH_RULES: tuple[Rule, ...] = (
    make_rule(
        "health.classification",
        "standard",
        "Health classification (scores 1–6, classes 1–6)",
        "Phân loại sức khỏe",
        Citation(TTLT_16, None, None, None, "Health standards and classification, 2016 text."),
        TTLT_16_FROM,
        BEFORE_105,
        note="Lapsed on 1 Jan 2024 (TT 105/2023 Art 33); results obtained before keep it.",
    ),
    make_rule(
        "health.classification",
        "standard",
        "Health classification (scores 1–6, classes 1–6)",
        "Phân loại sức khỏe",
        _TT105_CLASSES,
        TT_105_FROM,
        BEFORE_106,
    ),
    make_rule(
        "health.classification",
        "standard",
        "Health classification (scores 1–6, classes 1–6)",
        "Phân loại sức khỏe",
        (_TT105_CLASSES, _TT106_AMEND),
        TT_106_FROM,
    ),
    make_rule(
        "health.bmi_bands",
        "threshold",
        "Physique: BMI outside 18.5–29.9 scores 4 or worse (not fit for NVQS)",
        "Thể lực: BMI ngoài 18,5–29,9 đạt điểm 4 trở lên",
        _TT105_PHYSIQUE,
        TT_105_FROM,
        BEFORE_106,
        fit_min_bmi=18.5,
        fit_max_bmi=29.9,
    ),
    make_rule(
        "health.bmi_bands",
        "threshold",
        "Physique: BMI outside 18.5–29.9 scores 4 or worse (not fit for NVQS)",
        "Thể lực: BMI ngoài 18,5–29,9 đạt điểm 4 trở lên",
        (_TT105_PHYSIQUE, _TT106_AMEND),
        TT_106_FROM,
        fit_min_bmi=18.5,
        fit_max_bmi=29.9,
    ),
    make_rule(
        "health.appeal",
        "deadline",
        "Medical appeal (giám định) concluded within 15 days of a complete file; its finding "
        "is final",
        "Giám định sức khỏe: kết luận trong 15 ngày kể từ khi nhận đủ hồ sơ; kết luận giám "
        "định là kết luận cuối cùng",
        (
            Citation(TT_105, "10", None, None, "Provincial medical assessment council."),
            Citation(TT_105, "12", None, None, "After handover: Military Hospital 103 or 175."),
        ),
        TT_105_FROM,
        days=15,
    ),
    make_rule(
        "health.form_validity",
        "threshold",
        "NVQS health form valid for 6 months from the council's conclusion",
        "Phiếu sức khỏe NVQS có giá trị 06 tháng",
        Citation(TT_105, "13", None, None, "Valid 6 months unless health changes markedly."),
        TT_105_FROM,
        months=6,
    ),
    make_rule(
        "health.exam_stations",
        "standard",
        "Stations of the NVQS examination, in two rounds",
        "Nội dung khám sức khỏe NVQS (hai vòng)",
        Citation(TTLT_16, None, None, None, "Examination content, 2016 text (not verified)."),
        TTLT_16_FROM,
        BEFORE_105,
        confirmed=False,
        note="The 2016 list of stations is not verified; TT 105/2023's list is used.",
        round1=EXAM_ROUND_1,
        round1_women=EXAM_ROUND_1_WOMEN,
        round2=EXAM_ROUND_2,
        fail_score=4,
        basis_vi="Thông tư liên tịch 16/2016/TTLT-BYT-BQP (danh mục chưa được xác minh)",
    ),
    make_rule(
        "health.exam_stations",
        "standard",
        "Stations of the NVQS examination, in two rounds",
        "Nội dung khám sức khỏe NVQS (hai vòng)",
        _TT105_EXAM,
        TT_105_FROM,
        round1=EXAM_ROUND_1,
        round1_women=EXAM_ROUND_1_WOMEN,
        round2=EXAM_ROUND_2,
        fail_score=4,
        basis_vi="Thông tư 105/2023/TT-BQP, Điều 8 khoản 5, 6",
    ),
)
