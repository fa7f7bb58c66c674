"""The call-up rules of the Law on Military Service and its circulars, as dated data."""

from __future__ import annotations

from muster.law.rulebook import Citation, Rule, make_rule
from muster.law.sources import (
    BEFORE_68,
    BEFORE_97,
    BEFORE_98,
    BEFORE_105,
    LAW_48,
    LAW_48_FROM,
    LAW_78,
    LAW_78_FROM,
    LAW_98,
    LAW_98_FROM,
    TT_68,
    TT_68_FROM,
    TT_97,
    TT_97_FROM,
    TT_105,
    TT_105_FROM,
    TT_148,
    TT_148_FROM,
    TTLT_50,
)


def _law(
    article: str, clause: str | None = None, point: str | None = None, text: str = ""
) -> Citation:
    return Citation(LAW_78, article, clause, point, text)


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


CALLUP_RULES: tuple[Rule, ...] = (
    # ----------------------------------------------------------------- registration (Ch. II)
    make_rule(
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
    make_rule(
        "deadline.january_list",
        "deadline",
        "January list of men reaching 17 and of men not yet registered, by 31 January",
        "Lập danh sách công dân nam đủ 17 tuổi và công dân chưa đăng ký trong tháng 01 (hạn 31/01)",
        _law("16", "1", text="In January each year; reported to the district command."),
        LAW_78_FROM,
        BEFORE_98,
        month=1,
        day=31,
    ),
    make_rule(
        "deadline.january_list",
        "deadline",
        "January list of men reaching 17 and of men not yet registered, by 31 January",
        "Lập danh sách công dân nam đủ 17 tuổi và công dân chưa đăng ký trong tháng 01 (hạn 31/01)",
        (
            _law("16", "1", text="In January each year."),
            Citation(LAW_98, _L98_ART4, None, None, "Reported to the commune chairman."),
        ),
        LAW_98_FROM,
        month=1,
        day=31,
    ),
    make_rule(
        "reserve.age",
        "threshold",
        "Reserve service ages: men to the end of age 45, women to the end of age 40",
        "Độ tuổi phục vụ trong ngạch dự bị: nam đến hết 45 tuổi, nữ đến hết 40 tuổi",
        _law("25", text="Reserve service ages; groups A and B (Art 26)."),
        LAW_78_FROM,
        men_max_age=45,
        women_max_age=40,
    ),
    make_rule(
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
        BEFORE_98,
    ),
    make_rule(
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
    make_rule(
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
    make_rule(
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
    make_rule(
        "std.sex",
        "standard",
        "Women serve in peacetime only as volunteers",
        "Công dân nữ phục vụ tại ngũ thời bình nếu tự nguyện",
        _law("6", "2", None, "Women of service age serve if they volunteer and the army needs."),
        LAW_78_FROM,
    ),
    make_rule(
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
    make_rule(
        "std.health_class",
        "standard",
        "Health class 1, 2 or 3",
        "Sức khỏe loại 1, 2, 3",
        _TT148_HEALTH_A,
        TT_148_FROM,
        BEFORE_68,
        max_class=3,
    ),
    make_rule(
        "std.health_class",
        "standard",
        "Health class 1, 2 or 3",
        "Sức khỏe loại 1, 2, 3",
        (_TT148_HEALTH_A, _TT68_HEALTH_A),
        TT_68_FROM,
        max_class=3,
    ),
    make_rule(
        "std.myopia",
        "standard",
        "No call-up of class-3 citizens with myopia of 1.5 D or more",
        "Không gọi nhập ngũ: sức khỏe loại 3 cận thị từ 1,5 diop",
        _TT148_HEALTH_C,
        TT_148_FROM,
        BEFORE_68,
        threshold_dioptres=1.5,
        inclusive=True,
        class_3_only=True,
    ),
    make_rule(
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
    make_rule(
        "std.hyperopia",
        "standard",
        "No call-up of class-3 citizens with hyperopia of any degree",
        "Không gọi nhập ngũ: sức khỏe loại 3 viễn thị các mức độ",
        _TT148_HEALTH_C,
        TT_148_FROM,
        BEFORE_68,
        class_3_only=True,
    ),
    make_rule(
        "std.hyperopia",
        "standard",
        "No call-up with hyperopia of any degree",
        "Không gọi nhập ngũ: viễn thị các mức độ",
        _TT68_HEALTH_C,
        TT_68_FROM,
        class_3_only=False,
    ),
    make_rule(
        "std.bmi",
        "standard",
        "No call-up with BMI below 18.0 or above 29.9",
        "Không gọi nhập ngũ: chỉ số BMI nhỏ hơn 18,0 hoặc lớn hơn 29,9",
        _TT68_HEALTH_C,
        TT_68_FROM,
        min_bmi=18.0,
        max_bmi=29.9,
    ),
    make_rule(
        "std.drug_addiction",
        "standard",
        "No call-up of drug addicts",
        "Không gọi nhập ngũ: nghiện ma túy",
        _TT148_HEALTH_C,
        TT_148_FROM,
        BEFORE_105,
    ),
    make_rule(
        "std.drug_addiction",
        "standard",
        "No call-up of drug addicts",
        "Không gọi nhập ngũ: nghiện ma túy",
        (
            _TT148_HEALTH_C,
            Citation(TT_105, "4", "1", "a", "Drug addiction excludes from service."),
        ),
        TT_105_FROM,
        BEFORE_68,
    ),
    make_rule(
        "std.drug_addiction",
        "standard",
        "No call-up of drug addicts",
        "Không gọi nhập ngũ: nghiện ma túy",
        Citation(TT_105, "4", "1", "a", "Drug addiction excludes from service."),
        TT_68_FROM,
    ),
    make_rule(
        "std.hiv",
        "standard",
        "No call-up of people with HIV/AIDS",
        "Không gọi nhập ngũ: nhiễm HIV, AIDS",
        _TT148_HEALTH_C,
        TT_148_FROM,
        BEFORE_68,
        note="Removed from TT 148 Art 4(3)(c) by TT 68/2025; HIV stays a registration-exempt "
        "illness under TT 105 App. I Part III (legal-reference §12.5).",
    ),
    make_rule(
        "std.education",
        "standard",
        "Education: grade 8 or higher; grade 7 with approval; primary level within the "
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
                "a share at primary level (std.education.primary_share).",
            ),
        ),
        TT_148_FROM,
        min_grade=8,
        approved_grade=7,
        primary_grade=5,
    ),
    make_rule(
        "std.education.primary_share",
        "threshold",
        "Up to 25% of a locality's recruits at primary level (especially difficult areas)",
        "Tỷ lệ tuyển trình độ tiểu học tối đa 25% (vùng đặc biệt khó khăn)",
        Citation(TT_148, "4", "4", "b", "Up to 25% at primary level."),
        TT_148_FROM,
        confirmed=False,
        note="TT 140/2015 allowed 20–25%; whether TT 148/2018 keeps the exact 25% is "
        "unverified (legal-reference §2.3).",
        percent=25,
    ),
    make_rule(
        "std.political",
        "standard",
        "Political standard",
        "Tiêu chuẩn chính trị",
        (
            Citation(TT_148, "4", "2", "a", "Political standard per TTLT 50/2016."),
            Citation(TTLT_50, None, None, None, "Political standards for army and CAND call-up."),
        ),
        TT_148_FROM,
        BEFORE_97,
    ),
    make_rule(
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
    make_rule(
        "41.1.a",
        "deferral",
        "Not yet fit for service, as concluded by the health examination council",
        "Chưa đủ sức khỏe phục vụ tại ngũ theo kết luận của Hội đồng khám sức khỏe",
        _law("41", "1", "a"),
        LAW_78_FROM,
    ),
    make_rule(
        "41.1.b",
        "deferral",
        "Sole worker supporting dependants; or family heavily harmed by accident, disaster or "
        "epidemic (confirmed by the commune)",
        "Lao động duy nhất nuôi dưỡng thân nhân; gia đình bị thiệt hại nặng",
        _law("41", "1", "b"),
        LAW_78_FROM,
    ),
    make_rule(
        "41.1.c",
        "deferral",
        "One child of a sick soldier or Agent Orange victim with 61–80% loss of working capacity",
        "Một con của bệnh binh, người nhiễm chất độc da cam suy giảm KNLĐ từ 61% đến 80%",
        _law("41", "1", "c"),
        LAW_78_FROM,
        min_percent=61,
        max_percent=80,
    ),
    make_rule(
        "41.1.d",
        "deferral",
        "Full sibling serving as an NCO or soldier, or as a CAND conscript",
        "Có anh, chị hoặc em ruột đang phục vụ tại ngũ hoặc thực hiện nghĩa vụ CAND",
        _law("41", "1", "d"),
        LAW_78_FROM,
    ),
    make_rule(
        "41.1.đ",
        "deferral",
        "Relocated or resettled to an especially difficult commune: first 3 years",
        "Di dân, giãn dân trong 03 năm đầu đến các xã đặc biệt khó khăn",
        _law("41", "1", "đ"),
        LAW_78_FROM,
        years=3,
    ),
    make_rule(
        "41.1.e",
        "deferral",
        "Cadre, civil servant, public employee or youth volunteer posted to an especially "
        "difficult area",
        "Cán bộ, công chức, viên chức, TNXP điều động đến vùng ĐBKK",
        _law("41", "1", "e"),
        LAW_78_FROM,
    ),
    make_rule(
        "41.1.g",
        "deferral",
        "In general education, or full-time college or university student (one course at one "
        "level)",
        "Đang học phổ thông; đang học đại học, cao đẳng hệ chính quy (một khóa)",
        _law("41", "1", "g"),
        LAW_78_FROM,
    ),
    make_rule(
        "41.1.h",
        "deferral",
        "Standing militia",
        "Dân quân thường trực",
        (_law("41", "1", "h"), Citation(LAW_48, "49", "1", "c", "Adds point h to Art 41(1).")),
        LAW_48_FROM,
    ),
    # ----------------------------------------------------------- exemption grounds, Art 41(2)
    make_rule(
        "41.2.a",
        "exemption",
        "Child of a martyr; child of a class-1 war invalid",
        "Con của liệt sĩ, con của thương binh hạng một",
        _law("41", "2", "a"),
        LAW_78_FROM,
    ),
    make_rule(
        "41.2.b",
        "exemption",
        "One brother of a martyr",
        "Một anh hoặc một em trai của liệt sĩ",
        _law("41", "2", "b"),
        LAW_78_FROM,
    ),
    make_rule(
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
    make_rule(
        "41.2.d",
        "exemption",
        "Cipher (cơ yếu) worker who is not a soldier or police officer",
        "Người làm công tác cơ yếu không phải là quân nhân, Công an nhân dân",
        _law("41", "2", "d"),
        LAW_78_FROM,
    ),
    make_rule(
        "41.2.đ",
        "exemption",
        "Cadre, civil servant, public employee or youth volunteer posted to an especially "
        "difficult area for 24 months or more",
        "Cán bộ, công chức, viên chức, TNXP điều động đến vùng ĐBKK từ 24 tháng trở lên",
        _law("41", "2", "đ"),
        LAW_78_FROM,
        months=24,
    ),
    make_rule(
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
    make_rule(
        "authority.deferral_exemption",
        "authority",
        "Deferral and exemption decided by the district People's Committee chairman",
        "Chủ tịch UBND cấp huyện quyết định tạm hoãn, miễn gọi nhập ngũ",
        _law("42", "1", None, "Chairman of the district People's Committee (original text)."),
        LAW_78_FROM,
        BEFORE_98,
        authority="district_chairman",
    ),
    make_rule(
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
    make_rule(
        "deadline.deferral_list_posting",
        "deadline",
        "Deferral and exemption lists posted at the commune People's Committee for 20 days",
        "Niêm yết công khai danh sách tạm hoãn, miễn gọi nhập ngũ 20 ngày",
        _law("41", "4"),
        LAW_78_FROM,
        days=20,
    ),
    make_rule(
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
    make_rule(
        "deadline.health_exam_window",
        "deadline",
        "Health examinations from 1 November to 31 December",
        "Thời gian khám sức khỏe từ ngày 01/11 đến hết ngày 31/12",
        (_law("40", "5"), Citation(LAW_98, _L98_ART4, "16", None, "Rewrites Art 40.")),
        LAW_98_FROM,
        first_month=11,
        last_month=12,
    ),
    make_rule(
        "deadline.exam_decision_notice",
        "deadline",
        "Screening and health-exam decisions handed over at least 15 days before",
        "Quyết định gọi sơ tuyển, khám sức khỏe giao trước 15 ngày",
        (_law("40", "3"), Citation(LAW_98, _L98_ART4, "16", None, "Rewrites Art 40.")),
        LAW_98_FROM,
        days=15,
    ),
)
