"""The violation rule book: the bands, the maximum fines, criminal referral, evasion, the
defaults from outside the legal reference and the good reasons, as dated rules. Pure."""

from __future__ import annotations

import datetime as dt

from muster.law.callup.violations.acts import (
    _BEFORE_98,
    _OLD_TO,
    ABSENT_CALLUP,
    ABSENT_SCREENING,
    CHEATED_EXAM,
    CITIZEN_KINDS,
    EVADED_AFTER_FIT,
    NO_CHANGE_REGISTRATION,
    NO_FIRST_REGISTRATION,
    PENAL_CODE_2025_FROM,
    REFUSED_CALLUP,
    REFUSED_SCREENING,
)
from muster.law.callup.violations.band_rules import _M, BAND_RULES, _rule
from muster.law.callup.violations.remedy_rules import REMEDY_RULES
from muster.law.rulebook import Citation, Rule, RuleBook
from muster.law.sources import (
    DECREE_37_FROM,
    DECREE_218,
    DECREE_218_FROM,
    LAW_15_2012,
    LAW_15_2012_FROM,
    LAW_78,
    LAW_78_FROM,
    LAW_80_2015,
    LAW_80_2015_FROM,
    LAW_98,
    LAW_98_FROM,
    PENAL_CODE,
    PENAL_CODE_FROM,
    VBHN_04,
)

#: The acts Penal Code Art 332 lists (registration; the call-up order), and the acts that
#: count as evasion under Law Art 3(8) (the calls to register, to the examination, to enlist).
_ART332_ACTS = ",".join(
    (NO_FIRST_REGISTRATION, NO_CHANGE_REGISTRATION, ABSENT_CALLUP, EVADED_AFTER_FIT, REFUSED_CALLUP)
)
_EVASION_ACTS = ",".join(
    k
    for k in CITIZEN_KINDS
    if k not in (NO_CHANGE_REGISTRATION, ABSENT_SCREENING, REFUSED_SCREENING, CHEATED_EXAM)
)


RULES: tuple[Rule, ...] = (
    *BAND_RULES,
    *REMEDY_RULES,
    # ------------------------------------------------------------------ organisations
    _rule(
        "violation.organisation_factor",
        "penalty",
        "An organisation is fined twice the individual's band for the same act",
        "Mức phạt tiền đối với tổ chức bằng 02 lần mức phạt tiền đối với cá nhân",
        (Citation(VBHN_04, None, None, None, "General rule of the penalty decrees."),),
        DECREE_37_FROM,
        _OLD_TO,
        confirmed=False,
        note="Not stated by the legal reference; implied by the maximums of 75M VND "
        "(individual) and 150M VND (organisation). Applied to the acts anyone can commit "
        "(obstruction), not to the organisations' own acts, whose bands are stated for them.",
        factor=2,
    ),
    _rule(
        "violation.organisation_factor",
        "penalty",
        "An organisation is fined twice the individual's band for the same act",
        "Mức phạt tiền đối với tổ chức bằng 02 lần mức phạt tiền đối với cá nhân",
        (Citation(DECREE_218, None, None, None, "General rule of the penalty decrees."),),
        DECREE_218_FROM,
        confirmed=False,
        note="Not stated by the legal reference; implied by the maximums of 75M VND "
        "(individual) and 150M VND (organisation) [C: P-TH3]. Applied to the acts anyone can "
        "commit (obstruction), not to the organisations' own acts, whose bands are stated for "
        "them.",
        factor=2,
    ),
    # ----------------------------------------------------------------- maximum fines
    _rule(
        "violation.max_fine",
        "penalty",
        "Highest fine in the defence field: 75M VND (individual), 150M VND (organisation)",
        "Mức phạt tiền tối đa: 75 triệu đồng đối với cá nhân, 150 triệu đồng đối với tổ chức",
        (Citation(VBHN_04, None, None, None, "Article not read."),),
        DECREE_37_FROM,
        _OLD_TO,
        confirmed=False,
        note="Implied by the 50–75M VND band of the old Art 7(3); the article was not read.",
        individual=75 * _M,
        organisation=150 * _M,
    ),
    _rule(
        "violation.max_fine",
        "penalty",
        "Highest fine in the defence field: 75M VND (individual), 150M VND (organisation)",
        "Mức phạt tiền tối đa: 75 triệu đồng đối với cá nhân, 150 triệu đồng đối với tổ chức",
        (Citation(DECREE_218, None, None, None, "Maximum fines [C: P-TH3 baothanhhoa]."),),
        DECREE_218_FROM,
        note="Article number not established.",
        individual=75 * _M,
        organisation=150 * _M,
    ),
    # ------------------------------------------------------------------- criminal referral
    _rule(
        "violation.criminal",
        "penalty",
        "Evading military service: criminal after an administrative sanction for the same act",
        "Tội trốn tránh nghĩa vụ quân sự (Điều 332 BLHS)",
        (
            Citation(
                PENAL_CODE,
                "332",
                "1",
                None,
                "Failing the registration rules, or the call-up or training order, after an "
                "administrative sanction for the act or a conviction for it not expunged: "
                "non-custodial reform up to 2 years or 3 months to 2 years in prison.",
            ),
        ),
        PENAL_CODE_FROM,
        PENAL_CODE_2025_FROM - dt.timedelta(days=1),
        acts=_ART332_ACTS,
    ),
    _rule(
        "violation.criminal",
        "penalty",
        "Evading military service: criminal after an administrative sanction for the same act",
        "Tội trốn tránh nghĩa vụ quân sự (Điều 332 BLHS)",
        (Citation(PENAL_CODE, "332", "1"),),
        PENAL_CODE_2025_FROM,
        confirmed=False,
        note="Whether the 2025 amendment of the Penal Code touched Art 332 is unverified "
        "(legal-reference §2.1); the 2017 text is applied.",
        acts=_ART332_ACTS,
    ),
    # ---------------------------------------------------------- evasion (Law Art 3(8))
    _rule(
        "violation.evasion",
        "penalty",
        "Evasion: not complying with the call to register, to the examination or to enlist",
        "Trốn tránh thực hiện nghĩa vụ quân sự",
        (Citation(LAW_78, "3", "8", None, "Original text: the orders (lệnh gọi)."),),
        LAW_78_FROM,
        _BEFORE_98,
        confirmed=False,
        note="The wording before Law 98/2025 is taken from the same article with 'orders'.",
        acts=_EVASION_ACTS,
    ),
    _rule(
        "violation.evasion",
        "penalty",
        "Evasion: not complying with the decisions calling to register, to the examination "
        "or to enlist",
        "Trốn tránh thực hiện nghĩa vụ quân sự",
        (
            Citation(LAW_78, "3", "8"),
            Citation(LAW_98, "4", "1", None, "Rewrites Art 3(8): the decisions (quyết định)."),
        ),
        LAW_98_FROM,
        note="Whether screening is part of the definition is not established; not counted.",
        acts=_EVASION_ACTS,
    ),
    # ------------------------------------------------- defaults from outside the reference
    _rule(
        "violation.repeat_window",
        "threshold",
        "A sanction counts for a repeat until 6 months (warning) or 1 year (fine) after it "
        "was executed",
        "Thời hạn được coi là chưa bị xử lý vi phạm hành chính: 06 tháng (cảnh cáo), 01 năm",
        (
            Citation(LAW_15_2012, "2", "5", None, "Repeat (tái phạm)."),
            Citation(LAW_15_2012, "7", "1"),
        ),
        LAW_15_2012_FROM,
        confirmed=False,
        note="Not in the legal reference; check against the consolidated Law 15/2012.",
        warning_months=6,
        fine_months=12,
    ),
    _rule(
        "violation.payment",
        "deadline",
        "The fine is paid within 10 days of the penalty decision",
        "Chấp hành quyết định xử phạt trong thời hạn 10 ngày",
        (Citation(LAW_15_2012, "73", "1"),),
        LAW_15_2012_FROM,
        confirmed=False,
        note="Counted from the decision date (the day it reached the offender is not "
        "recorded). Not in the legal reference.",
        days=10,
    ),
    _rule(
        "violation.lenity",
        "penalty",
        "A later text with a lighter sanction applies to acts not yet decided",
        "Văn bản mới quy định trách nhiệm pháp lý nhẹ hơn thì áp dụng văn bản mới",
        (Citation(LAW_80_2015, "156", "3"),),
        LAW_80_2015_FROM,
        confirmed=False,
        note="Kept by the 2025 law on legal documents as far as known; not in the legal "
        "reference. The decider chooses it explicitly on the penalty form.",
    ),
    _rule(
        "violation.first_registration_by",
        "deadline",
        "First registration in April of the year the man reaches 17",
        "Đăng ký NVQS lần đầu trong tháng tư năm công dân nam đủ 17 tuổi",
        (Citation(LAW_78, "16", "2"),),
        LAW_78_FROM,
        confirmed=False,
        note="The call sets the day; the end of April is the default deadline.",
        month=4,
        day=30,
    ),
    _rule(
        "violation.authority",
        "authority",
        "Penalty decided by the district People's Committee chairman (default)",
        "Chủ tịch UBND cấp huyện quyết định xử phạt (mặc định)",
        (Citation(LAW_15_2012, "38", "2"),),
        DECREE_37_FROM,
        _BEFORE_98,
        confirmed=False,
        note="The commune chairman could fine only small amounts; the decree's own authority "
        "articles were not read. Free text on the penalty form.",
        level="district",
    ),
    _rule(
        "violation.authority",
        "authority",
        "Penalty decided by the commune People's Committee chairman (default)",
        "Chủ tịch UBND cấp xã quyết định xử phạt (mặc định)",
        (Citation(LAW_15_2012, "38", "1"),),
        LAW_98_FROM,
        confirmed=False,
        note="The district level is gone (legal-reference §1.3); how far the commune "
        "chairman's power to fine reaches under Decree 218/2025 is not established. Free "
        "text on the penalty form.",
        level="commune",
    ),
)

# ----------------------------------------------------------------------------- good reasons

_GOOD_REASONS: tuple[tuple[str, str, str], ...] = (
    (
        "illness",
        "Ill or injured and being treated at a health facility",
        "Bản thân bị ốm đau, tai nạn phải điều trị tại cơ sở khám bệnh, chữa bệnh",
    ),
    (
        "relative_ill",
        "A close relative seriously ill or injured and being treated",
        "Thân nhân gần gũi bị ốm đau, tai nạn nặng đang điều trị",
    ),
    (
        "relative_death",
        "A relative died and the funeral is not yet over",
        "Thân nhân chết nhưng chưa tổ chức hoặc chưa kết thúc tang lễ",
    ),
    (
        "disaster",
        "Home in an area hit by disaster, epidemic or fire",
        "Nhà ở nằm trong vùng thiên tai, dịch bệnh, hỏa hoạn ảnh hưởng nghiêm trọng",
    ),
    (
        "not_received",
        "The call was not received, or unclear, through the deliverer's fault",
        "Không nhận được quyết định (lệnh) gọi hoặc không ghi rõ thời gian, địa điểm do lỗi "
        "của người, cơ quan có trách nhiệm",
    ),
)

GOOD_REASON_CODES: tuple[str, ...] = tuple(code for code, _t, _v in _GOOD_REASONS)

RULES += tuple(
    _rule(
        f"violation.good_reason.{code}",
        "penalty",
        title,
        title_vi,
        (Citation(VBHN_04, None, None, None, "Good reasons of the old regime [C: S1-repo]."),),
        DECREE_37_FROM,
        _OLD_TO,
        note="Article not established (curated summary of VBHN 04/VBHN-BQP/2022).",
    )
    for code, title, title_vi in _GOOD_REASONS
) + tuple(
    _rule(
        f"violation.good_reason.{code}",
        "penalty",
        title,
        title_vi,
        (Citation(DECREE_218, None, None, None, "Assumed kept from the old regime."),),
        DECREE_218_FROM,
        confirmed=False,
        note="Whether Decree 218/2025 keeps the same list is not established.",
    )
    for code, title, title_vi in _GOOD_REASONS
)


BOOK = RuleBook(RULES)
#: The first day any penalty band covers (acts before it have no band here).
COVERAGE_START = DECREE_37_FROM


#: The version of a code in force on a day; ``NoRuleInForce`` when none is.
rule = BOOK.rule
#: Every version, grouped by code in registry order, oldest first.
iter_rules = BOOK.iter_rules
