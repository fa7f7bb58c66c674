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
        "health.form_validity",
        "threshold",
        "NVQS health form valid for 6 months from the council's conclusion",
        "Phiếu sức khỏe NVQS có giá trị 06 tháng",
        Citation(TT_105, "13", None, None, "Valid 6 months unless health changes markedly."),
        TT_105_FROM,
        months=6,
    ),
)
