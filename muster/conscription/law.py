"""The law of call-up as data: every rule with its legal citation and validity interval.

Pure: no Django. The eligibility engine (``eligibility.py``) reads its thresholds from here, so
changing the law means adding a rule version, not editing code.

Conventions
-----------
* A rule is identified by ``code``. The same code may have several *versions*, each valid over a
  closed date interval ``[valid_from, valid_to]`` (``valid_to=None``: still in force). Versions of
  one code never overlap; ``rule(code, day)`` returns the one in force on ``day``.
* Ground codes follow the law: ``41.1.a`` … ``41.1.h`` are deferral (tạm hoãn) grounds of Law
  78/2015 Art 41(1); ``41.2.a`` … ``41.2.đ`` are exemption (miễn) grounds of Art 41(2).
* ``confirmed=False`` marks a rule (or an effective date) that the legal reference could not
  confirm from the text; it is a configurable default and the generated docs say so.
* Registration deadlines (Art 17, 45; Decree 13/2016) live in ``registration.py``, not here.
* Sources: /work/shared/domain/legal-reference.md §2.2–2.8 and §12; the consolidated law text
  VBHN 80/VBHN-VPQH (2025); VBHN 88/VBHN-BQP (TT 105/2023 + TT 106/2025); TT 148/2018 and
  TT 68/2025 (press extracts).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

RuleKind = Literal[
    "standard",
    "deferral",
    "exemption",
    "volunteering",
    "threshold",
    "deadline",
    "authority",
    "registration",
    "penalty",
]
ParamValue = int | float | str | bool

#: The engine judges no case before this day: TT 148/2018 (the selection circular whose
#: standards the engine applies) took effect on 20 Nov 2018, replacing TT 140/2015.
COVERAGE_START = dt.date(2018, 11, 20)

# Documents (short names used in citations).
LAW_78 = "Law 78/2015/QH13 (Military Service)"
LAW_48 = "Law 48/2019/QH14 (Militia and Self-Defence)"
LAW_98 = "Law 98/2025/QH15 (amending 11 defence laws)"
TT_148 = "TT 148/2018/TT-BQP (selection and call-up)"
TT_68 = "TT 68/2025/TT-BQP (amending TT 148/2018)"
TTLT_16 = "TTLT 16/2016/TTLT-BYT-BQP (health standards)"
TT_105 = "TT 105/2023/TT-BQP (health standards)"
TT_106 = "TT 106/2025/TT-BQP (amending TT 105/2023)"
TTLT_50 = "TTLT 50/2016/TTLT-BQP-BCA (political standards)"
TT_97 = "TT 97/2025/TT-BQP (amending TTLT 50/2016)"
# Administrative penalties and criminal liability (violation_rules.py).
DECREE_120 = "Decree 120/2013/NĐ-CP (administrative penalties, defence)"
DECREE_37 = "Decree 37/2022/NĐ-CP (amending Decree 120/2013)"
VBHN_04 = "VBHN 04/VBHN-BQP/2022 (Decree 120/2013 as amended by Decree 37/2022)"
DECREE_218 = "Decree 218/2025/NĐ-CP (administrative penalties, defence)"
PENAL_CODE = "Penal Code 100/2015/QH13 (amended by Law 12/2017/QH14)"
LAW_15_2012 = "Law 15/2012/QH13 (Handling of Administrative Violations)"
LAW_80_2015 = "Law 80/2015/QH13 (Promulgation of Legal Documents)"

LAW_78_FROM = dt.date(2016, 1, 1)
LAW_48_FROM = dt.date(2020, 7, 1)
LAW_98_FROM = dt.date(2025, 7, 1)
TT_148_FROM = dt.date(2018, 11, 20)
TT_68_FROM = dt.date(2025, 7, 1)
TTLT_16_FROM = dt.date(2016, 8, 15)
TT_105_FROM = dt.date(2024, 1, 1)
TT_106_FROM = dt.date(2025, 9, 30)
TTLT_50_FROM = dt.date(2016, 6, 1)
TT_97_FROM = dt.date(2025, 8, 29)
#: Decree 37/2022 in force 22 Jul 2022 (HCMC District 7 legal-dissemination page; not in the
#: legal reference): the first day the penalty bands of violation_rules.py cover.
DECREE_37_FROM = dt.date(2022, 7, 22)
DECREE_218_FROM = dt.date(2025, 8, 5)
PENAL_CODE_FROM = dt.date(2018, 1, 1)
LAW_15_2012_FROM = dt.date(2013, 7, 1)
LAW_80_2015_FROM = dt.date(2016, 7, 1)


def _day_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a rule comes from: document, article, clause (khoản), point (điểm), paraphrase."""

    document: str
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    text: str = ""

    @property
    def label(self) -> str:
        """``Law 78/2015/QH13 (Military Service), Art 41(1)(h)``."""
        parts = self.document
        if self.article and self.article.startswith("App."):
            parts += f", {self.article}"
            if self.clause:
                parts += f" {self.clause}"
        elif self.article:
            plural = "Arts" if "–" in self.article else "Art"
            parts += f", {plural} {self.article}"
            if self.clause:
                parts += f"({self.clause})"
                if self.point:
                    parts += f"({self.point})"
        return parts


@dataclass(frozen=True, slots=True)
class Rule:
    """One version of one rule, in force on ``valid_from`` … ``valid_to`` (inclusive)."""

    code: str
    kind: RuleKind
    title: str
    title_vi: str
    citations: tuple[Citation, ...]
    valid_from: dt.date
    valid_to: dt.date | None = None
    parameters: Mapping[str, ParamValue] = field(default_factory=lambda: MappingProxyType({}))
    confirmed: bool = True
    note: str = ""

    def in_force(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def param(self, name: str) -> ParamValue:
        return self.parameters[name]

    def int_param(self, name: str) -> int:
        value = self.parameters[name]
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{self.code}: parameter {name} is not an int")
        return value

    def float_param(self, name: str) -> float:
        value = self.parameters[name]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"{self.code}: parameter {name} is not a number")
        return float(value)


class NoRuleInForce(LookupError):
    """No version of a rule code is in force on the given day."""


def make_rule(
    code: str,
    kind: RuleKind,
    title: str,
    title_vi: str,
    citations: tuple[Citation, ...] | Citation,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    *,
    confirmed: bool = True,
    note: str = "",
    **parameters: ParamValue,
) -> Rule:
    cites = citations if isinstance(citations, tuple) else (citations,)
    return Rule(
        code=code,
        kind=kind,
        title=title,
        title_vi=title_vi,
        citations=cites,
        valid_from=valid_from,
        valid_to=valid_to,
        parameters=MappingProxyType(dict(parameters)),
        confirmed=confirmed,
        note=note,
    )


_r = make_rule


def _law(
    article: str, clause: str | None = None, point: str | None = None, text: str = ""
) -> Citation:
    return Citation(LAW_78, article, clause, point, text)


_BEFORE_98 = _day_before(LAW_98_FROM)
_BEFORE_68 = _day_before(TT_68_FROM)
_BEFORE_105 = _day_before(TT_105_FROM)
_BEFORE_106 = _day_before(TT_106_FROM)
_BEFORE_97 = _day_before(TT_97_FROM)
_L98_ART4 = "4"

_TT148_HEALTH_A = Citation(
    TT_148, "4", "3", "a", "Select citizens of health class 1, 2 or 3 (TTLT 16/2016)."
)
_TT68_HEALTH_A = Citation(
    TT_68,
    "1",
    "1",
    "a",
    "Amends TT 148 Art 4(3)(a): health class 1, 2 or 3 under TT 105/2023 Arts 5–6.",
)
_TT148_HEALTH_C = Citation(
    TT_148,
    "4",
    "3",
    "c",
    "No call-up for class-3 citizens with myopia of 1.5 D or more or any hyperopia; "
    "drug addiction; HIV/AIDS (original text).",
)
_TT68_HEALTH_C = Citation(
    TT_68,
    "1",
    "1",
    "b",
    "Amends TT 148 Art 4(3)(c): no call-up for myopia 'greater than 1.5 D or more', "
    "hyperopia of any degree, BMI below 18.0 or above 29.9 (any health class).",
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

RULES: tuple[Rule, ...] = (
    # ----------------------------------------------------------------- registration (Ch. II)
    _r(
        "reg.who",
        "registration",
        "Who registers for military service",
        "Đối tượng đăng ký nghĩa vụ quân sự",
        _law(
            "12",
            text="Men from age 17; women from 18 whose trade the army needs (Art 7(2)).",
        ),
        LAW_78_FROM,
        men_min_age=17,
        women_min_age=18,
    ),
    _r(
        "reg.barred",
        "registration",
        "Barred from registration while a measure lasts",
        "Không được đăng ký nghĩa vụ quân sự",
        _law(
            "13",
            "1",
            None,
            "Under prosecution, serving a sentence or probation, not yet rehabilitated; "
            "under an administrative education or compulsory measure; stripped of the right "
            "to serve. Registers once the measure ends (Art 13(2)).",
        ),
        LAW_78_FROM,
        _BEFORE_98,
    ),
    _r(
        "reg.barred",
        "registration",
        "Barred from registration while a measure lasts",
        "Không được đăng ký nghĩa vụ quân sự",
        (
            _law(
                "13",
                "1",
                None,
                "Under prosecution, serving a sentence or probation, not yet rehabilitated; "
                "under a commune-level education measure or in a reform school, compulsory "
                "education or compulsory rehab facility; stripped of the right to serve. "
                "Registers once the measure ends (Art 13(2)).",
            ),
            Citation(LAW_98, _L98_ART4, "3", None, "Rewrites Art 13(1)(b)."),
        ),
        LAW_98_FROM,
    ),
    _r(
        "reg.exempt",
        "registration",
        "Exempt from registration (disability, serious, mental or chronic illness)",
        "Miễn đăng ký nghĩa vụ quân sự",
        _law(
            "14",
            text="People with disabilities and people with serious, mental or chronic illness.",
        ),
        LAW_78_FROM,
    ),
    _r(
        "reg.exempt_illnesses",
        "registration",
        "List of illnesses that exempt from registration (includes HIV)",
        "Danh mục bệnh miễn đăng ký nghĩa vụ quân sự",
        Citation(
            TT_105,
            "App. I",
            "Part III",
            None,
            "Mental disorders F20–F29, epilepsy, Parkinson's, one-eye blindness, deafness, "
            "bone-TB and leprosy sequelae, malignancies, HIV (B20–B24, Z21), severe disability.",
        ),
        TT_105_FROM,
        hiv_exempts=True,
    ),
    # ---------------------------------------------------------------------------- standards
    _r(
        "std.sex",
        "standard",
        "Women serve in peacetime only as volunteers",
        "Công dân nữ phục vụ tại ngũ thời bình nếu tự nguyện",
        _law("6", "2", None, "Women of service age serve if they volunteer and the army needs."),
        LAW_78_FROM,
    ),
    _r(
        "std.age",
        "standard",
        "Call-up age: from the 18th birthday to the end of age 25 (27 for graduates deferred "
        "while studying)",
        "Độ tuổi gọi nhập ngũ",
        (
            _law(
                "30",
                text="From full 18 to the end of 25; to the end of 27 for citizens trained at "
                "college or university level who were deferred.",
            ),
            Citation(TT_148, "4", "1", None, "Age standard for selection."),
        ),
        LAW_78_FROM,
        min_age=18,
        max_age=25,
        graduate_max_age=27,
    ),
    _r(
        "std.health_class",
        "standard",
        "Health class 1, 2 or 3",
        "Sức khỏe loại 1, 2, 3",
        _TT148_HEALTH_A,
        TT_148_FROM,
        _BEFORE_68,
        max_class=3,
    ),
    _r(
        "std.health_class",
        "standard",
        "Health class 1, 2 or 3",
        "Sức khỏe loại 1, 2, 3",
        (_TT148_HEALTH_A, _TT68_HEALTH_A),
        TT_68_FROM,
        max_class=3,
    ),
    _r(
        "health.classification",
        "standard",
        "Health classification (scores 1–6, classes 1–6)",
        "Phân loại sức khỏe",
        Citation(TTLT_16, None, None, None, "Health standards and classification, 2016 text."),
        TTLT_16_FROM,
        _BEFORE_105,
        note="Lapsed on 1 Jan 2024 (TT 105/2023 Art 33); results obtained before keep it.",
    ),
    _r(
        "health.classification",
        "standard",
        "Health classification (scores 1–6, classes 1–6)",
        "Phân loại sức khỏe",
        _TT105_CLASSES,
        TT_105_FROM,
        _BEFORE_106,
    ),
    _r(
        "health.classification",
        "standard",
        "Health classification (scores 1–6, classes 1–6)",
        "Phân loại sức khỏe",
        (_TT105_CLASSES, _TT106_AMEND),
        TT_106_FROM,
    ),
    _r(
        "std.myopia",
        "standard",
        "No call-up of class-3 citizens with myopia of 1.5 D or more",
        "Không gọi nhập ngũ: sức khỏe loại 3 cận thị từ 1,5 diop",
        _TT148_HEALTH_C,
        TT_148_FROM,
        _BEFORE_68,
        threshold_dioptres=1.5,
        inclusive=True,
        class_3_only=True,
    ),
    _r(
        "std.myopia",
        "standard",
        "No call-up with myopia above 1.5 D (any health class)",
        "Không gọi nhập ngũ: cận thị lớn hơn 1,5 diop trở lên",
        _TT68_HEALTH_C,
        TT_68_FROM,
        note="'lớn hơn 1.5 diop trở lên' is ambiguous at exactly 1.5 D (legal-reference §12.3); "
        "Policy.myopia_at_threshold_excluded decides.",
        threshold_dioptres=1.5,
        class_3_only=False,
    ),
    _r(
        "std.hyperopia",
        "standard",
        "No call-up of class-3 citizens with hyperopia of any degree",
        "Không gọi nhập ngũ: sức khỏe loại 3 viễn thị các mức độ",
        _TT148_HEALTH_C,
        TT_148_FROM,
        _BEFORE_68,
        class_3_only=True,
    ),
    _r(
        "std.hyperopia",
        "standard",
        "No call-up with hyperopia of any degree",
        "Không gọi nhập ngũ: viễn thị các mức độ",
        _TT68_HEALTH_C,
        TT_68_FROM,
        class_3_only=False,
    ),
    _r(
        "std.bmi",
        "standard",
        "No call-up with BMI below 18.0 or above 29.9",
        "Không gọi nhập ngũ: chỉ số BMI nhỏ hơn 18,0 hoặc lớn hơn 29,9",
        _TT68_HEALTH_C,
        TT_68_FROM,
        min_bmi=18.0,
        max_bmi=29.9,
    ),
    _r(
        "health.bmi_bands",
        "threshold",
        "Physique: BMI outside 18.5–29.9 scores 4 or worse (not fit for NVQS)",
        "Thể lực: BMI ngoài 18,5–29,9 đạt điểm 4 trở lên",
        _TT105_PHYSIQUE,
        TT_105_FROM,
        _BEFORE_106,
        fit_min_bmi=18.5,
        fit_max_bmi=29.9,
    ),
    _r(
        "health.bmi_bands",
        "threshold",
        "Physique: BMI outside 18.5–29.9 scores 4 or worse (not fit for NVQS)",
        "Thể lực: BMI ngoài 18,5–29,9 đạt điểm 4 trở lên",
        (_TT105_PHYSIQUE, _TT106_AMEND),
        TT_106_FROM,
        fit_min_bmi=18.5,
        fit_max_bmi=29.9,
    ),
    _r(
        "std.drug_addiction",
        "standard",
        "No call-up of drug addicts",
        "Không gọi nhập ngũ: nghiện ma túy",
        _TT148_HEALTH_C,
        TT_148_FROM,
        _BEFORE_105,
    ),
    _r(
        "std.drug_addiction",
        "standard",
        "No call-up of drug addicts",
        "Không gọi nhập ngũ: nghiện ma túy",
        (
            _TT148_HEALTH_C,
            Citation(TT_105, "4", "1", "a", "Drug addiction excludes from service."),
        ),
        TT_105_FROM,
        _BEFORE_68,
    ),
    _r(
        "std.drug_addiction",
        "standard",
        "No call-up of drug addicts",
        "Không gọi nhập ngũ: nghiện ma túy",
        Citation(TT_105, "4", "1", "a", "Drug addiction excludes from service."),
        TT_68_FROM,
    ),
    _r(
        "std.hiv",
        "standard",
        "No call-up of people with HIV/AIDS",
        "Không gọi nhập ngũ: nhiễm HIV, AIDS",
        _TT148_HEALTH_C,
        TT_148_FROM,
        _BEFORE_68,
        note="Removed from TT 148 Art 4(3)(c) by TT 68/2025; HIV stays a registration-exempt "
        "illness under TT 105 App. I Part III (legal-reference §12.5).",
    ),
    _r(
        "std.education",
        "standard",
        "Education: grade 8 or higher; grade 7 with approval; primary level within the 25% "
        "allowance of especially difficult areas",
        "Tiêu chuẩn văn hóa: lớp 8 trở lên",
        (
            Citation(
                TT_148,
                "4",
                "4",
                "a",
                "Grade 8 or higher, taken from the highest down; localities that cannot fill "
                "the quota may, with approval, take grade 7.",
            ),
            Citation(
                TT_148,
                "4",
                "4",
                "b",
                "Remote or especially difficult communes and ethnic groups under 10,000 people: "
                "up to 25% at primary level.",
            ),
        ),
        TT_148_FROM,
        min_grade=8,
        approved_grade=7,
        primary_grade=5,
        primary_share_percent=25,
    ),
    _r(
        "std.political",
        "standard",
        "Political standard",
        "Tiêu chuẩn chính trị",
        (
            Citation(TT_148, "4", "2", "a", "Political standard per TTLT 50/2016."),
            Citation(TTLT_50, None, None, None, "Political standards for army and CAND call-up."),
        ),
        TT_148_FROM,
        _BEFORE_97,
    ),
    _r(
        "std.political",
        "standard",
        "Political standard",
        "Tiêu chuẩn chính trị",
        (
            Citation(TT_148, "4", "2", "a", "Political standard per TTLT 50/2016."),
            Citation(TTLT_50, None, None, None, "Political standards for army and CAND call-up."),
            Citation(TT_97, None, None, None, "Amends TTLT 50/2016."),
        ),
        TT_97_FROM,
        confirmed=False,
        note="TT 97/2025 was issued on 29 Aug 2025; its effective date is not confirmed and the "
        "issue date is used.",
    ),
    # ------------------------------------------------------------- deferral grounds, Art 41(1)
    _r(
        "41.1.a",
        "deferral",
        "Not yet fit for service, as concluded by the health examination council",
        "Chưa đủ sức khỏe phục vụ tại ngũ theo kết luận của Hội đồng khám sức khỏe",
        _law("41", "1", "a"),
        LAW_78_FROM,
    ),
    _r(
        "41.1.b",
        "deferral",
        "Sole worker supporting dependants; or family heavily harmed by accident, disaster or "
        "epidemic (confirmed by the commune)",
        "Lao động duy nhất nuôi dưỡng thân nhân; gia đình bị thiệt hại nặng",
        _law("41", "1", "b"),
        LAW_78_FROM,
    ),
    _r(
        "41.1.c",
        "deferral",
        "One child of a sick soldier or Agent Orange victim with 61–80% loss of working capacity",
        "Một con của bệnh binh, người nhiễm chất độc da cam suy giảm KNLĐ từ 61% đến 80%",
        _law("41", "1", "c"),
        LAW_78_FROM,
        min_percent=61,
        max_percent=80,
    ),
    _r(
        "41.1.d",
        "deferral",
        "Full sibling serving as an NCO or soldier, or as a CAND conscript",
        "Có anh, chị hoặc em ruột đang phục vụ tại ngũ hoặc thực hiện nghĩa vụ CAND",
        _law("41", "1", "d"),
        LAW_78_FROM,
    ),
    _r(
        "41.1.đ",
        "deferral",
        "Relocated or resettled to an especially difficult commune: first 3 years",
        "Di dân, giãn dân trong 03 năm đầu đến các xã đặc biệt khó khăn",
        _law("41", "1", "đ"),
        LAW_78_FROM,
        years=3,
    ),
    _r(
        "41.1.e",
        "deferral",
        "Cadre, civil servant, public employee or youth volunteer posted to an especially "
        "difficult area",
        "Cán bộ, công chức, viên chức, TNXP điều động đến vùng ĐBKK",
        _law("41", "1", "e"),
        LAW_78_FROM,
    ),
    _r(
        "41.1.g",
        "deferral",
        "In general education, or full-time college or university student (one course at one "
        "level)",
        "Đang học phổ thông; đang học đại học, cao đẳng hệ chính quy (một khóa)",
        _law("41", "1", "g"),
        LAW_78_FROM,
    ),
    _r(
        "41.1.h",
        "deferral",
        "Standing militia",
        "Dân quân thường trực",
        (_law("41", "1", "h"), Citation(LAW_48, "49", "1", "c", "Adds point h to Art 41(1).")),
        LAW_48_FROM,
    ),
    # ----------------------------------------------------------- exemption grounds, Art 41(2)
    _r(
        "41.2.a",
        "exemption",
        "Child of a martyr; child of a class-1 war invalid",
        "Con của liệt sĩ, con của thương binh hạng một",
        _law("41", "2", "a"),
        LAW_78_FROM,
    ),
    _r(
        "41.2.b",
        "exemption",
        "One brother of a martyr",
        "Một anh hoặc một em trai của liệt sĩ",
        _law("41", "2", "b"),
        LAW_78_FROM,
    ),
    _r(
        "41.2.c",
        "exemption",
        "One child of a class-2 war invalid; one child of a sick soldier or Agent Orange victim "
        "with 81% or more loss of working capacity",
        "Một con của thương binh hạng hai; của bệnh binh, người nhiễm chất độc da cam suy "
        "giảm KNLĐ từ 81% trở lên",
        _law("41", "2", "c"),
        LAW_78_FROM,
        min_percent=81,
    ),
    _r(
        "41.2.d",
        "exemption",
        "Cipher (cơ yếu) worker who is not a soldier or police officer",
        "Người làm công tác cơ yếu không phải là quân nhân, Công an nhân dân",
        _law("41", "2", "d"),
        LAW_78_FROM,
    ),
    _r(
        "41.2.đ",
        "exemption",
        "Cadre, civil servant, public employee or youth volunteer posted to an especially "
        "difficult area for 24 months or more",
        "Cán bộ, công chức, viên chức, TNXP điều động đến vùng ĐBKK từ 24 tháng trở lên",
        _law("41", "2", "đ"),
        LAW_78_FROM,
        months=24,
    ),
    _r(
        "41.3",
        "volunteering",
        "A deferred or exempt citizen who volunteers may be selected and called up",
        "Công dân thuộc diện tạm hoãn, miễn gọi nhập ngũ nếu tình nguyện thì được xem xét "
        "tuyển chọn",
        _law("41", "3", None, "Deferred once the ground ends; volunteers may be selected."),
        LAW_78_FROM,
        note="Volunteering cannot cure 41.1.a (unfit per the health council) nor a failed "
        "standard: Art 41(3) lets the volunteer be 'considered for selection', and selection "
        "applies the standards (peers.md MSES mistake 3).",
    ),
    # ------------------------------------------------------------------------- authority
    _r(
        "authority.deferral_exemption",
        "authority",
        "Deferral and exemption decided by the district People's Committee chairman",
        "Chủ tịch UBND cấp huyện quyết định tạm hoãn, miễn gọi nhập ngũ",
        _law("42", "1", None, "Chairman of the district People's Committee (original text)."),
        LAW_78_FROM,
        _BEFORE_98,
        authority="district_chairman",
    ),
    _r(
        "authority.deferral_exemption",
        "authority",
        "Deferral and exemption decided by the provincial People's Committee chairman",
        "Chủ tịch UBND cấp tỉnh quyết định tạm hoãn, miễn gọi nhập ngũ",
        (
            _law("42", "1", None, "Chairman of the provincial People's Committee."),
            Citation(LAW_98, _L98_ART4, "17", None, "Rewrites Art 42."),
        ),
        LAW_98_FROM,
        authority="provincial_chairman",
    ),
    # ------------------------------------------------------------------------- deadlines
    _r(
        "deadline.deferral_list_posting",
        "deadline",
        "Deferral and exemption lists posted at the commune People's Committee for 20 days",
        "Niêm yết công khai danh sách tạm hoãn, miễn gọi nhập ngũ 20 ngày",
        _law("41", "4"),
        LAW_78_FROM,
        days=20,
    ),
    _r(
        "deadline.callup_decision_notice",
        "deadline",
        "Call-up decision handed to the citizen at least 15 days before the date in it",
        "Quyết định gọi nhập ngũ giao cho công dân trước 15 ngày",
        (
            _law("34", "6"),
            Citation(LAW_98, _L98_ART4, "11", "c", "Commune chairman decides each call-up."),
        ),
        LAW_98_FROM,
        days=15,
        note="Before 1 Jul 2025 the district commander's order carried the same 15 days; that "
        "version is not encoded.",
    ),
    _r(
        "deadline.health_exam_window",
        "deadline",
        "Health examinations from 1 November to 31 December",
        "Thời gian khám sức khỏe từ ngày 01/11 đến hết ngày 31/12",
        (_law("40", "5"), Citation(LAW_98, _L98_ART4, "16", None, "Rewrites Art 40.")),
        LAW_98_FROM,
        first_month=11,
        last_month=12,
    ),
    _r(
        "deadline.exam_decision_notice",
        "deadline",
        "Screening and health-exam decisions handed over at least 15 days before",
        "Quyết định gọi sơ tuyển, khám sức khỏe giao trước 15 ngày",
        (_law("40", "3"), Citation(LAW_98, _L98_ART4, "16", None, "Rewrites Art 40.")),
        LAW_98_FROM,
        days=15,
    ),
    _r(
        "health.form_validity",
        "threshold",
        "NVQS health form valid for 6 months from the council's conclusion",
        "Phiếu sức khỏe NVQS có giá trị 06 tháng",
        Citation(TT_105, "13", None, None, "Valid 6 months unless health changes markedly."),
        TT_105_FROM,
        months=6,
    ),
)


def _index(rules: tuple[Rule, ...]) -> dict[str, tuple[Rule, ...]]:
    """Group versions by code, sorted by start; reject overlapping versions."""
    grouped: dict[str, list[Rule]] = {}
    for item in rules:
        grouped.setdefault(item.code, []).append(item)
    index: dict[str, tuple[Rule, ...]] = {}
    for code, versions in grouped.items():
        versions.sort(key=lambda r: r.valid_from)
        for earlier, later in itertools.pairwise(versions):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                raise ValueError(f"rule {code}: versions from {later.valid_from} overlap")
        for version in versions:
            if version.valid_to is not None and version.valid_to < version.valid_from:
                raise ValueError(f"rule {code}: ends before it starts")
        index[code] = tuple(versions)
    return index


class RuleBook:
    """One module's dated rules, looked up by code and day.

    Every rule module (this one, ``campaign_rules``, ``selection_rules``, ``posting_rules``,
    ``violation_rules``) keeps its ``RULES`` tuple in a book; building it refuses versions of a
    code that overlap or end before they start."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self._by_code = _index(rules)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def codes(self) -> tuple[str, ...]:
        """Every rule code, in registry order."""
        return tuple(self._by_code)

    def versions(self, code: str) -> tuple[Rule, ...]:
        """All versions of ``code``, oldest first (``KeyError`` for an unknown code)."""
        return self._by_code[code]

    def iter_rules(self) -> Iterator[Rule]:
        """All versions grouped by code (registry order of first appearance), oldest first."""
        for versions_of_code in self._by_code.values():
            yield from versions_of_code

    def in_force(self, day: dt.date) -> tuple[Rule, ...]:
        """Every rule version in force on ``day``, in registry order."""
        return tuple(item for item in self.rules if item.in_force(day))

    def rule(self, code: str, day: dt.date) -> Rule:
        """The version of ``code`` in force on ``day``; ``NoRuleInForce`` if there is none."""
        try:
            candidates = self._by_code[code]
        except KeyError:
            raise NoRuleInForce(f"unknown rule {code!r}") from None
        for version in candidates:
            if version.in_force(day):
                return version
        raise NoRuleInForce(f"rule {code!r} is not in force on {day.isoformat()}")

    def rule_or_none(self, code: str, day: dt.date) -> Rule | None:
        try:
            return self.rule(code, day)
        except NoRuleInForce:
            return None


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


# ------------------------------------------------------------------------------------ policy

BmiRounding = Literal["none", "half_up_tenth"]


@dataclass(frozen=True, slots=True)
class Policy:
    """Documented positions on the ambiguous points of the texts (legal-reference §12).

    The defaults take the *stricter combination*; a deployment may override them (Django
    setting ``MUSTER_ELIGIBILITY_POLICY``, a dict of these field names).

    * ``myopia_at_threshold_excluded`` (§12.3): TT 68/2025 says "lớn hơn 1.5 diop trở lên"
      ("greater than / 1.5 or more"). True: exactly 1.5 D is excluded (reading "trở lên", as the
      original TT 148 text did); False: only above 1.5 D is excluded.
    * ``bmi_tt105_cross_check`` (§12.4): TT 68/2025 excludes BMI < 18.0, but the TT 105 physique
      table scores BMI < 18.5 as 4, which makes the citizen class 4 (unfit). True: a BMI of
      18.0–18.49 (or above 29.9) fails even if the stated health class is 1–3, from 1 Jan 2024.
    * ``bmi_rounding`` (sub-tenth gaps such as 29.95 between the 29.9 and 30 bands): "none"
      compares the measured value as is (29.91 is above 29.9: excluded); "half_up_tenth" first
      rounds to one decimal, half up (29.94 → 29.9 passes, 29.95 → 30.0 fails).
    """

    myopia_at_threshold_excluded: bool = True
    bmi_tt105_cross_check: bool = True
    bmi_rounding: BmiRounding = "none"

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> Policy:
        """Build from a settings dict; unknown keys and wrong types raise ``ValueError``."""
        known = {"myopia_at_threshold_excluded", "bmi_tt105_cross_check", "bmi_rounding"}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown eligibility policy keys: {', '.join(unknown)}")
        default = cls()
        myopia = values.get("myopia_at_threshold_excluded", default.myopia_at_threshold_excluded)
        cross = values.get("bmi_tt105_cross_check", default.bmi_tt105_cross_check)
        rounding = values.get("bmi_rounding", default.bmi_rounding)
        if not isinstance(myopia, bool):
            raise ValueError("myopia_at_threshold_excluded must be true or false")
        if not isinstance(cross, bool):
            raise ValueError("bmi_tt105_cross_check must be true or false")
        if rounding == "none":
            return cls(myopia, cross, "none")
        if rounding == "half_up_tenth":
            return cls(myopia, cross, "half_up_tenth")
        raise ValueError("bmi_rounding must be 'none' or 'half_up_tenth'")

    def as_dict(self) -> dict[str, object]:
        return {
            "myopia_at_threshold_excluded": self.myopia_at_threshold_excluded,
            "bmi_tt105_cross_check": self.bmi_tt105_cross_check,
            "bmi_rounding": self.bmi_rounding,
        }
