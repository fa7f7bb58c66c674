"""The mobilisation reserve's rules as dated data: reservist classes and groups (Law 78/2015
Arts 24–26), class 2 → 1 conversion (Decree 14/2016), placement in reserve units (Law 53/2019
Arts 15–19 as amended by Law 98/2025), training caps and deferral (Art 22), reservists' health
(TT 105/2023 Arts 14–15). Pure: no Django.

Every code starts with ``reserve.``; all are joined into the one rule book
(``muster.law.book``). Source: legal-reference §4, §2.2 and §2.3.

Conventions
-----------
* Law 78/2015 Art 24(2) lists class 1 (hạng một), Art 24(3) class 2 (hạng hai); the legal
  reference cites the militia item as Art 24(2)(e). Items other than (e) are cited by clause
  only, with the paraphrase, because the reference gives no point letters for them.
* Ages: "men to 45" means to the end of age 45: over age from the 46th birthday (the call-up's
  convention, ``muster.law.ages``).
* The legal reference leaves a gap between the two police items of Art 24 (class 1 from 20
  months, class 2 below 12): ``reserve.class2.police_gap`` puts 12–19 months in class 2 as a
  configurable default (``confirmed=False``).
"""

from __future__ import annotations

from muster.law.reserve.asset_rules import ASSET_RULES
from muster.law.reserve.rules_benefits import BENEFIT_RULES
from muster.law.rulebook import Citation, Rule, make_rule
from muster.law.sources import (
    BEFORE_98,
    DECREE_14,
    DECREE_14_FROM,
    LAW_53,
    LAW_53_FROM,
    LAW_78,
    LAW_78_FROM,
    LAW_98,
    LAW_98_FROM,
    TT_105,
    TT_105_FROM,
)
from muster.law.text import Text

AUTHORITY_LABELS: dict[str, Text] = {
    "commune_command": Text("Ban Chỉ huy quân sự cấp xã", "Commune military command"),
    "district_command": Text("Ban Chỉ huy quân sự cấp huyện", "District military command"),
    "provincial_and_commune_committees": Text(
        "Ủy ban nhân dân cấp tỉnh, cấp xã phối hợp với đơn vị quân đội nhận nguồn",
        "Provincial and commune People's Committees with the receiving regular unit",
    ),
    "provincial_and_district_committees": Text(
        "Ủy ban nhân dân cấp tỉnh, cấp huyện phối hợp với đơn vị quân đội nhận nguồn",
        "Provincial and district People's Committees with the receiving regular unit",
    ),
}

_PRE_REFORM_NOTE = (
    "Unverified: the legal reference quotes the amended text only; before 1 Jul 2025 this "
    "default names the district-level actor the reform abolished."
)


def _law78(
    article: str, clause: str | None = None, point: str | None = None, text: str = ""
) -> Citation:
    return Citation(LAW_78, article, clause, point, text)


def _law53(article: str, clause: str | None = None, text: str = "") -> Citation:
    return Citation(LAW_53, article, clause, None, text)


def _law98(item: str, text: str) -> Citation:
    """Law 98/2025 Art 7 amends the Reserve Law; its items are cited as clauses."""
    return Citation(LAW_98, "7", item, None, text)


_ART24_1 = "24"

CLASS_RULES: tuple[Rule, ...] = (
    make_rule(
        "reserve.class1.army_service",
        "standard",
        "Class 1: discharged NCO or soldier with at least 6 months of active service",
        "Hạng một: hạ sĩ quan, binh sĩ xuất ngũ đã phục vụ tại ngũ đủ 06 tháng trở lên",
        _law78(_ART24_1, "2", text="discharged NCOs and soldiers with ≥ 6 months of service"),
        LAW_78_FROM,
        months=6,
    ),
    make_rule(
        "reserve.class1.combat",
        "standard",
        "Class 1: NCO or soldier who saw combat",
        "Hạng một: hạ sĩ quan, binh sĩ đã qua chiến đấu",
        _law78(_ART24_1, "2", text="NCOs and soldiers who saw combat"),
        LAW_78_FROM,
    ),
    make_rule(
        "reserve.class1.police",
        "standard",
        "Class 1: man who left the People's Police after at least 20 months",
        "Hạng một: công dân nam thôi phục vụ trong Công an nhân dân đủ 20 tháng trở lên",
        _law78(_ART24_1, "2", text="men who left CAND after ≥ 20 months"),
        LAW_78_FROM,
        months=20,
    ),
    make_rule(
        "reserve.class1.professional",
        "standard",
        "Class 1: former professional soldier",
        "Hạng một: quân nhân chuyên nghiệp đã thôi phục vụ tại ngũ",
        _law78(_ART24_1, "2", text="former professional soldiers"),
        LAW_78_FROM,
    ),
    make_rule(
        "reserve.class1.defence_worker",
        "standard",
        "Class 1: former defence worker or official converted from NCO or soldier",
        "Hạng một: công nhân, viên chức quốc phòng đã thôi phục vụ, chuyển từ hạ sĩ quan, binh sĩ",
        _law78(_ART24_1, "2", text="former defence workers converted from NCO or soldier"),
        LAW_78_FROM,
    ),
    make_rule(
        "reserve.class1.militia",
        "standard",
        "Class 1: standing militia who completed service, or militia with at least 3 months "
        "of concentrated training",
        "Hạng một: dân quân thường trực đã hoàn thành nghĩa vụ, hoặc dân quân đã được huấn "
        "luyện tập trung đủ 03 tháng trở lên",
        _law78(_ART24_1, "2", "e", "standing militia who completed, or ≥ 3 months' training"),
        LAW_78_FROM,
        training_months=3,
    ),
    make_rule(
        "reserve.class1.concentrated_training",
        "standard",
        "Class 1: class 2 soldier with at least 6 months of concentrated training",
        "Hạng một: binh sĩ dự bị hạng hai đã qua huấn luyện tập trung đủ 06 tháng trở lên",
        _law78(_ART24_1, "2", text="class-2 soldiers with ≥ 6 months' concentrated training"),
        LAW_78_FROM,
        months=6,
    ),
    make_rule(
        "reserve.class1.commune_police",
        "standard",
        "Class 1: commune police with at least 36 consecutive months",
        "Hạng một: công an xã đã phục vụ liên tục đủ 36 tháng trở lên",
        _law78(_ART24_1, "2", text="commune police with ≥ 36 consecutive months"),
        LAW_78_FROM,
        months=36,
    ),
    make_rule(
        "reserve.class2.army_service",
        "standard",
        "Class 2: discharged NCO or soldier with less than 6 months of active service",
        "Hạng hai: hạ sĩ quan, binh sĩ xuất ngũ đã phục vụ tại ngũ dưới 06 tháng",
        _law78(_ART24_1, "3", text="discharged soldiers with < 6 months"),
        LAW_78_FROM,
        months=6,
    ),
    make_rule(
        "reserve.class2.defence_worker",
        "standard",
        "Class 2: other former defence worker or official",
        "Hạng hai: công nhân, viên chức quốc phòng khác đã thôi phục vụ",
        _law78(_ART24_1, "3", text="other former defence workers or officials"),
        LAW_78_FROM,
    ),
    make_rule(
        "reserve.class2.police",
        "standard",
        "Class 2: man who left the People's Police with less than 12 months",
        "Hạng hai: công dân nam thôi phục vụ trong Công an nhân dân dưới 12 tháng",
        _law78(_ART24_1, "3", text="men who left CAND with < 12 months"),
        LAW_78_FROM,
        months=12,
    ),
    make_rule(
        "reserve.class2.police_gap",
        "standard",
        "Class 2 (default): man who left the People's Police after 12 to 19 months",
        "Hạng hai (mặc định): công dân nam thôi phục vụ trong Công an nhân dân từ 12 đến "
        "dưới 20 tháng",
        _law78(_ART24_1, "3", text="gap between the two police items of Art 24"),
        LAW_78_FROM,
        confirmed=False,
        note="Unverified: the legal reference lists ≥ 20 months (class 1) and < 12 months "
        "(class 2) only; 12–19 months is put in class 2 until the text is checked.",
        months_from=12,
        months_to=20,
    ),
    make_rule(
        "reserve.class2.never_served",
        "standard",
        "Class 2: man past call-up age who never served in the army or the People's Police",
        "Hạng hai: công dân nam hết độ tuổi gọi nhập ngũ chưa phục vụ tại ngũ",
        (
            _law78(_ART24_1, "3", text="men past call-up age who never served"),
            _law78("30", text="call-up age to the end of 25; 27 if deferred for college"),
        ),
        LAW_78_FROM,
        callup_age_end=25,
        callup_age_end_studied=27,
    ),
    make_rule(
        "reserve.class2.women",
        "standard",
        "Class 2: woman registered for military service under Art 12(2)",
        "Hạng hai: công dân nữ đã đăng ký nghĩa vụ quân sự theo khoản 2 Điều 12",
        (
            _law78(_ART24_1, "3", text="women registered under Art 12(2)"),
            _law78("12", "2", text="women ≥ 18 whose profession the army needs"),
        ),
        LAW_78_FROM,
    ),
    make_rule(
        "reserve.ages",
        "threshold",
        "Reserve service ages: men to the end of 45, women to the end of 40",
        "Độ tuổi phục vụ của hạ sĩ quan, binh sĩ dự bị: nam đến hết 45 tuổi, nữ đến hết 40 tuổi",
        _law78("25", text="men to 45, women to 40"),
        LAW_78_FROM,
        male_max=45,
        female_max=40,
    ),
    make_rule(
        "reserve.groups",
        "threshold",
        "Group A: men to 35, women to 30; group B: men 36–45, women 31–40",
        "Nhóm A: nam đến hết 35 tuổi, nữ đến hết 30 tuổi; nhóm B: nam từ 36 đến 45 tuổi, nữ từ "
        "31 đến 40 tuổi",
        _law78("26", text="groups A and B by age"),
        LAW_78_FROM,
        group_a_male_max=35,
        group_a_female_max=30,
    ),
    make_rule(
        "reserve.conversion",
        "threshold",
        "Class 2 → class 1 after 6 months of training: men to 35, women to 30, at most 2 "
        "concentrated sessions a year",
        "Chuyển hạng hai sang hạng một sau 06 tháng huấn luyện: nam đến 35 tuổi, nữ đến 30 "
        "tuổi, không quá 02 đợt tập trung trong một năm",
        Citation(DECREE_14, "13–15", text="age, 6 months' training, certificate"),
        DECREE_14_FROM,
        confirmed=False,
        note="The limits are confirmed; the effective date of Decree 14/2016 is not in the "
        "legal reference (1 May 2016 is a default).",
        male_max_age=35,
        female_max_age=30,
        training_months=6,
        sessions_per_year=2,
    ),
)


def _authority(
    code: str, title: tuple[str, str], before: tuple[str, Citation], after: tuple[str, Citation]
) -> tuple[Rule, Rule]:
    en, vi = title
    return (
        make_rule(
            code,
            "authority",
            en,
            vi,
            before[1],
            LAW_53_FROM,
            BEFORE_98,
            confirmed=False,
            note=_PRE_REFORM_NOTE,
            authority=before[0],
        ),
        make_rule(code, "authority", en, vi, after[1], LAW_98_FROM, authority=after[0]),
    )


PLACEMENT_RULES: tuple[Rule, ...] = (
    make_rule(
        "reserve.placement.spare",
        "threshold",
        "Reserve units keep full strength plus a 10–15 % spare",
        "Đơn vị dự bị động viên được sắp xếp đủ quân số, có số lượng dự phòng 10–15 %",
        _law53("15", "2", "full strength plus a 10–15 % spare"),
        LAW_53_FROM,
        spare_min_percent=10,
        spare_max_percent=15,
    ),
    make_rule(
        "reserve.placement.specialty",
        "standard",
        "Place fit reservists with the right military specialty (CNQS) for the post; if short, "
        "a close one",
        "Sắp xếp quân nhân dự bị đủ sức khỏe, đúng chuyên nghiệp quân sự; thiếu thì sắp xếp "
        "chuyên nghiệp quân sự gần",
        _law53("16", text="right CNQS first, then a close CNQS"),
        LAW_53_FROM,
    ),
    make_rule(
        "reserve.placement.area",
        "standard",
        "Tie the recruitment area to the mobilisation area",
        "Gắn địa bàn tạo nguồn với địa bàn động viên",
        _law53("16", text="recruitment area tied to mobilisation area"),
        LAW_53_FROM,
    ),
    make_rule(
        "reserve.placement.class_order",
        "standard",
        "Place reserve professional soldiers and class 1 NCOs and soldiers first; class 2 only "
        "if short",
        "Sắp xếp quân nhân chuyên nghiệp dự bị, hạ sĩ quan, binh sĩ dự bị hạng một trước; "
        "thiếu thì sắp xếp hạng hai",
        _law53("16", text="professionals and class 1 first, class 2 if short"),
        LAW_53_FROM,
    ),
    make_rule(
        "reserve.placement.main_force_first",
        "standard",
        "Fill main-force reserve units first, then local units",
        "Ưu tiên sắp xếp cho đơn vị chủ lực trước, đơn vị địa phương sau",
        _law53("16", text="main-force units first"),
        LAW_53_FROM,
    ),
    make_rule(
        "reserve.placement.ages",
        "threshold",
        "Ages in reserve units: combat units professionals to 40, NCOs and soldiers to 35; "
        "combat-support units men to 45, women to 40",
        "Độ tuổi sắp xếp vào đơn vị: đơn vị chiến đấu quân nhân chuyên nghiệp đến 40 tuổi, hạ sĩ "
        "quan, binh sĩ đến 35 tuổi; đơn vị bảo đảm chiến đấu nam đến 45 tuổi, nữ đến 40 tuổi",
        _law53("17", text="age limits by unit role"),
        LAW_53_FROM,
        combat_professional_max=40,
        combat_nco_soldier_max=35,
        support_male_max=45,
        support_female_max=40,
    ),
    make_rule(
        "reserve.placement.officer_ages",
        "threshold",
        "Reserve officers' service ages by grade (Officers Law Art 38)",
        "Hạn tuổi phục vụ của sĩ quan dự bị theo cấp bậc (Điều 38 Luật Sĩ quan)",
        _law53("17", text="reserve officers follow the Officers Law Art 38"),
        LAW_53_FROM,
        confirmed=False,
        note="Unverified limits from the legal reference §4.",
        company_grade=51,
        major=52,
        lieutenant_colonel=53,
        senior_lieutenant_colonel=54,
        colonel=57,
    ),
    make_rule(
        "reserve.assets.features",
        "standard",
        "Reserve technical assets must have the features the unit needs, or similar ones",
        "Phương tiện kỹ thuật dự bị phải đúng tính năng, tác dụng hoặc có tính năng tương tự",
        _law53("18", text="same or similar features"),
        LAW_53_FROM,
    ),
    *_authority(
        "reserve.placement.authority",
        (
            "Who places reservists and assets in reserve units",
            "Thẩm quyền sắp xếp quân nhân dự bị, phương tiện kỹ thuật dự bị vào đơn vị",
        ),
        ("provincial_and_district_committees", _law53("19", text="text before Law 98/2025")),
        ("provincial_and_commune_committees", _law98("6", "Art 19 as amended")),
    ),
    *_authority(
        "reserve.registration.authority",
        ("Who registers resident reservists", "Cơ quan đăng ký quân nhân dự bị cư trú"),
        ("district_command", _law53("12", text="text before Law 98/2025")),
        ("commune_command", _law98("3", "Art 12 as amended: the commune command registers")),
    ),
)

TRAINING_RULES: tuple[Rule, ...] = (
    make_rule(
        "reserve.training.caps",
        "threshold",
        "Class 1 training, drills and checks at most 12 months in total; readiness checks at "
        "most 7 days; extra training at most 2 months within the cap",
        "Tổng thời gian huấn luyện, diễn tập, kiểm tra sẵn sàng động viên của quân nhân dự bị "
        "hạng một không quá 12 tháng; kiểm tra sẵn sàng không quá 07 ngày; huấn luyện bổ sung "
        "không quá 02 tháng",
        (
            _law53("22", text="training caps"),
            _law78("27", text="class 1 total ≤ 12 months"),
        ),
        LAW_53_FROM,
        class1_total_months=12,
        readiness_check_days=7,
        extra_training_months=2,
    ),
    make_rule(
        "reserve.training.deferral",
        "deferral",
        "Training deferred for exams or for illness or a sudden family difficulty, confirmed",
        "Tạm hoãn tập trung huấn luyện khi trùng kỳ thi hoặc ốm đau, gia đình khó khăn đột xuất "
        "có xác nhận",
        _law53("22", "4", "exams; illness or sudden difficulty, confirmed"),
        LAW_53_FROM,
    ),
    make_rule(
        "reserve.discharge.registration",
        "deadline",
        "Discharged soldiers register in the reserve within 15 working days of reaching home",
        "Hạ sĩ quan, binh sĩ xuất ngũ đăng ký vào ngạch dự bị trong thời hạn 15 ngày làm việc "
        "kể từ ngày về đến nơi cư trú",
        _law78("45", text="register within 15 working days"),
        LAW_78_FROM,
        working_days=15,
    ),
    make_rule(
        "reserve.health.check",
        "standard",
        "Reservists' health is checked before each training, drill or readiness check, by a "
        "team of at least 3 including a doctor",
        "Kiểm tra sức khỏe quân nhân dự bị trước mỗi đợt huấn luyện, diễn tập, kiểm tra sẵn "
        "sàng động viên; tổ kiểm tra ít nhất 03 người, có bác sĩ",
        Citation(TT_105, "14", text="check before each call; team ≥ 3 with a doctor"),
        TT_105_FROM,
        team_min=3,
    ),
    make_rule(
        "reserve.health.card",
        "standard",
        "A health card (Form 1) for every reservist; the unfit are reported and removed",
        "Lập phiếu sức khỏe (Mẫu 1) cho 100 % quân nhân dự bị; người không đủ sức khỏe được báo "
        "cáo và đưa ra khỏi danh sách",
        Citation(TT_105, "15", text="Form 1 for 100 %; unfit reported and removed"),
        TT_105_FROM,
        coverage_percent=100,
    ),
)

from muster.law.reserve.discharge_rules import DISCHARGE_RULES  # noqa: E402
from muster.law.reserve.register_rules import REGISTER_RULES  # noqa: E402

RESERVE_RULES: tuple[Rule, ...] = (
    CLASS_RULES
    + PLACEMENT_RULES
    + TRAINING_RULES
    + BENEFIT_RULES
    + ASSET_RULES
    + DISCHARGE_RULES
    + REGISTER_RULES
)
