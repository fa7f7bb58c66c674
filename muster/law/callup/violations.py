"""Violations of the Military Service Law (vi phạm Luật NVQS) as dated rules. Pure: no Django.

Every penalty band, good reason, deadline and condition is a ``law.Rule`` with its citation and
validity interval; the rule in force on the day of the act decides (Decree 120/2013 as amended
by Decree 37/2022 up to 04/08/2025, Decree 218/2025 from 05/08/2025).

Sources: /work/shared/domain/legal-reference.md §2.10 (bands, maximums, good reasons, Penal Code
Art 332, the Art 3(8) definition of evasion) and §12 item 6 (what is unverified); for the
registration bands of the old decree, which the legal reference does not give, the press
summaries of Decree 37/2022 (baohaiquanvietnam.vn, vuanhlaw.com.vn, baohaiduong.vn).

``confirmed`` says whether the legal reference confirms the *band* of that act under that
decree. Clause numbers that follow only from the order of a press table are said in the
rule's ``note``. Rules that come from outside the legal reference (the repeat window, the
payment deadline, the default deciding authority, the lighter-law principle) are
``confirmed=False``: configurable defaults to check against the texts.

Positions taken (each tested on its boundary):

* The band is the one of the decree in force on the day of the act: 04/08/2025 is judged by
  Decree 120/2013 as amended, 05/08/2025 by Decree 218/2025.
* A repeat (tái phạm) is the same act by the same person after a sanction for it, while that
  sanction still counts: until 6 months (warning) or 1 year (fine) after it was executed
  (Law 15/2012 Arts 2(5), 7(1) [U]); a fine not yet paid in full still counts.
* The first-registration warning of Decree 218/2025 is for a first offence of a man aged 17
  in the year; a repeat is fined. Under Decree 37/2022 the man aged 17 in the year is warned
  and anyone else who fails the first registration is fined.
* Criminal referral (Penal Code Art 332) is possible only for the acts the article lists
  (registration; the call-up order) and only after an administrative sanction for the same
  act or a conviction for it not yet expunged. The health-examination call is not listed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from muster.law.rulebook import Citation, NoRuleInForce, Rule, RuleBook, make_rule
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

# ----------------------------------------------------------------------------- the acts

NO_FIRST_REGISTRATION = "no_first_registration"
NO_CHANGE_REGISTRATION = "no_change_registration"
ABSENT_SCREENING = "absent_screening"
REFUSED_SCREENING = "refused_screening"
ABSENT_EXAM = "absent_exam"
REFUSED_EXAM = "refused_exam"
CHEATED_EXAM = "cheated_exam"
DEFIED_EXAM = "defied_exam"
ABSENT_CALLUP = "absent_callup"
EVADED_AFTER_FIT = "evaded_after_fit"
REFUSED_CALLUP = "refused_callup"

#: Every act, in the order of the decrees (mirrors ``models.ViolationKind``).
KINDS: tuple[str, ...] = (
    NO_FIRST_REGISTRATION,
    NO_CHANGE_REGISTRATION,
    ABSENT_SCREENING,
    REFUSED_SCREENING,
    ABSENT_EXAM,
    REFUSED_EXAM,
    CHEATED_EXAM,
    DEFIED_EXAM,
    ABSENT_CALLUP,
    EVADED_AFTER_FIT,
    REFUSED_CALLUP,
)

#: The two regimes, as stored on a case (``ViolationCase.decree``).
OLD_DECREE = "NĐ 120/2013 sửa đổi bởi NĐ 37/2022"
NEW_DECREE = "NĐ 218/2025"

_OLD_TO = DECREE_218_FROM - dt.timedelta(days=1)
_BEFORE_98 = LAW_98_FROM - dt.timedelta(days=1)
#: The 2025 amendment of the Penal Code took effect on this day; whether it touched Art 332 is
#: unverified (legal-reference §2.1), so the text from this day on is marked unconfirmed.
PENAL_CODE_2025_FROM = dt.date(2025, 7, 1)

_DOC_VI = {
    VBHN_04: "Nghị định 120/2013/NĐ-CP (sửa đổi bởi Nghị định 37/2022/NĐ-CP)",
    DECREE_218: "Nghị định 218/2025/NĐ-CP",
    PENAL_CODE: "Bộ luật Hình sự 2015 (sửa đổi năm 2017)",
    LAW_15_2012: "Luật Xử lý vi phạm hành chính 15/2012/QH13",
    LAW_78: "Luật Nghĩa vụ quân sự 78/2015/QH13",
    LAW_98: "Luật 98/2025/QH15",
    LAW_80_2015: "Luật Ban hành văn bản quy phạm pháp luật 80/2015/QH13",
}


def citation_vi(citation: Citation) -> str:
    """``Nghị định 218/2025/NĐ-CP, Điều 9 khoản 1`` (the printed, Vietnamese form)."""
    text = _DOC_VI.get(citation.document, citation.document)
    if citation.article:
        text += f", Điều {citation.article}"
        if citation.clause:
            text += f" khoản {citation.clause}"
            if citation.point:
                text += f" điểm {citation.point}"
    return text


_rule = make_rule


def _old(article: str, clause: str | None, point: str | None = None, text: str = "") -> Citation:
    return Citation(VBHN_04, article, clause, point, text)


def _new(article: str, clause: str | None, point: str | None = None, text: str = "") -> Citation:
    return Citation(DECREE_218, article, clause, point, text)


_M = 1_000_000
_OLD_ART6_NOTE = (
    "Clause numbers of Art 6 follow the order of the summaries of VBHN 04/VBHN-BQP; the old "
    "clause covers the check (kiểm tra, now screening) and the examination alike."
)
_NEW_ART9_NOTE = "Clause number inferred from the order of the press tables (P-NLD, P-SOHA218)."
_OLD_REG_NOTE = (
    "Not in the legal reference: press summaries of Decree 37/2022 (baohaiquanvietnam.vn, "
    "vuanhlaw.com.vn, baohaiduong.vn); they disagree on whether the warning is clause 1 or 2."
)
_NEW_REG_NOTE = "Article 8 is inferred (Art 9 is screening and examination, Art 10 enlistment)."


def _band(
    kind: str,
    title: str,
    title_vi: str,
    citation: Citation,
    old: bool,
    *,
    fine_min: int = 0,
    fine_max: int = 0,
    warning: str = "",
    good_reason: bool = False,
    confirmed: bool = True,
    note: str = "",
) -> Rule:
    """One band. ``warning``: "" (fined), "always" (warned, Decree 37/2022 for a man aged 17
    in the year), "first" (warned for a first offence, fined on a repeat: Decree 218/2025)."""
    return _rule(
        f"violation.band.{kind}",
        "penalty",
        title,
        title_vi,
        (citation,),
        DECREE_37_FROM if old else DECREE_218_FROM,
        _OLD_TO if old else None,
        confirmed=confirmed,
        note=note,
        decree=OLD_DECREE if old else NEW_DECREE,
        fine_min=fine_min,
        fine_max=fine_max,
        warning=warning,
        good_reason=good_reason,
    )


#: The acts Penal Code Art 332 lists (registration; the call-up order), and the acts that
#: count as evasion under Law Art 3(8) (the calls to register, to the examination, to enlist).
_ART332_ACTS = ",".join(
    (NO_FIRST_REGISTRATION, NO_CHANGE_REGISTRATION, ABSENT_CALLUP, EVADED_AFTER_FIT, REFUSED_CALLUP)
)
_EVASION_ACTS = ",".join(
    k
    for k in KINDS
    if k not in (NO_CHANGE_REGISTRATION, ABSENT_SCREENING, REFUSED_SCREENING, CHEATED_EXAM)
)

#: The first registration by a man who is not 17 in the year of the act (an older man never
#: registered) has its own code, so ``band_for`` can tell the two apart.
OLDER_FIRST_REGISTRATION = "no_first_registration_older"

RULES: tuple[Rule, ...] = (
    # ------------------------------------------------- Decree 120/2013 as amended by 37/2022
    _band(
        NO_FIRST_REGISTRATION,
        "Man aged 17 in the year fails the first registration: warning",
        "Công dân nam đủ 17 tuổi trong năm không đăng ký NVQS lần đầu: phạt cảnh cáo",
        _old("4", "2"),
        True,
        warning="always",
        confirmed=False,
        note=_OLD_REG_NOTE,
    ),
    _band(
        OLDER_FIRST_REGISTRATION,
        "Fails the first registration (other than a man aged 17 in the year)",
        "Không đăng ký NVQS lần đầu (trừ trường hợp bị phạt cảnh cáo)",
        _old("4", "3", "a"),
        True,
        fine_min=8 * _M,
        fine_max=10 * _M,
        confirmed=False,
        note=_OLD_REG_NOTE,
    ),
    _band(
        NO_CHANGE_REGISTRATION,
        "Fails to register for the reserve, a change, a move or an absence",
        "Không đăng ký ngạch dự bị, bổ sung, khi thay đổi nơi cư trú, nơi làm việc, học tập "
        "hoặc khi tạm vắng",
        _old("4", "3", "b–đ"),
        True,
        fine_min=8 * _M,
        fine_max=10 * _M,
        confirmed=False,
        note=_OLD_REG_NOTE,
    ),
    _band(
        ABSENT_SCREENING,
        "Absent from the check or examination in the call without good reason",
        "Không có mặt đúng thời gian, địa điểm kiểm tra, khám sức khỏe mà không có lý do "
        "chính đáng",
        _old("6", "1"),
        True,
        fine_min=10 * _M,
        fine_max=12 * _M,
        good_reason=True,
        note=_OLD_ART6_NOTE,
    ),
    _band(
        REFUSED_SCREENING,
        "Deliberately did not accept the call to the check or examination",
        "Cố ý không nhận lệnh gọi kiểm tra, khám sức khỏe mà không có lý do chính đáng",
        _old("6", "2"),
        True,
        fine_min=12 * _M,
        fine_max=15 * _M,
        good_reason=True,
        note=_OLD_ART6_NOTE,
    ),
    _band(
        ABSENT_EXAM,
        "Absent from the check or examination in the call without good reason",
        "Không có mặt đúng thời gian, địa điểm kiểm tra, khám sức khỏe mà không có lý do "
        "chính đáng",
        _old("6", "1"),
        True,
        fine_min=10 * _M,
        fine_max=12 * _M,
        good_reason=True,
        note=_OLD_ART6_NOTE,
    ),
    _band(
        REFUSED_EXAM,
        "Deliberately did not accept the call to the check or examination",
        "Cố ý không nhận lệnh gọi kiểm tra, khám sức khỏe mà không có lý do chính đáng",
        _old("6", "2"),
        True,
        fine_min=12 * _M,
        fine_max=15 * _M,
        good_reason=True,
        note=_OLD_ART6_NOTE,
    ),
    _band(
        CHEATED_EXAM,
        "Cheated, or paid, to falsify the health classification",
        "Gian dối, đưa tiền, tài sản làm sai lệch kết quả phân loại sức khỏe",
        _old("6", "3"),
        True,
        fine_min=15 * _M,
        fine_max=20 * _M,
        note=_OLD_ART6_NOTE,
    ),
    _band(
        DEFIED_EXAM,
        "Did not comply with the call to the check or examination",
        "Không chấp hành lệnh gọi kiểm tra, khám sức khỏe",
        _old("6", "4"),
        True,
        fine_min=25 * _M,
        fine_max=35 * _M,
        note=_OLD_ART6_NOTE,
    ),
    _band(
        ABSENT_CALLUP,
        "Absent at the time or place of the call-up order without good reason",
        "Không có mặt đúng thời gian, địa điểm tập trung ghi trong lệnh gọi nhập ngũ mà "
        "không có lý do chính đáng",
        _old("7", "1"),
        True,
        fine_min=30 * _M,
        fine_max=40 * _M,
        good_reason=True,
    ),
    _band(
        EVADED_AFTER_FIT,
        "Cheated to evade the call-up order after being found fit",
        "Gian dối nhằm trốn tránh lệnh gọi nhập ngũ sau khi có kết quả khám đủ điều kiện",
        _old("7", "2"),
        True,
        fine_min=40 * _M,
        fine_max=50 * _M,
    ),
    _band(
        REFUSED_CALLUP,
        "Did not comply with the call-up order",
        "Không chấp hành lệnh gọi nhập ngũ",
        _old("7", "3"),
        True,
        fine_min=50 * _M,
        fine_max=75 * _M,
    ),
    # ------------------------------------------------------------------- Decree 218/2025
    _band(
        NO_FIRST_REGISTRATION,
        "Man aged 17 in the year fails the first registration: warning; fined on a repeat",
        "Công dân nam đủ 17 tuổi trong năm không đăng ký NVQS lần đầu: cảnh cáo; tái phạm "
        "phạt tiền",
        _new("8", None),
        False,
        fine_min=8 * _M,
        fine_max=10 * _M,
        warning="first",
        note=_NEW_REG_NOTE,
    ),
    _band(
        OLDER_FIRST_REGISTRATION,
        "Fails the first registration, not a man aged 17 in the year",
        "Không đăng ký NVQS lần đầu (không phải công dân nam đủ 17 tuổi trong năm)",
        _new("8", None),
        False,
        fine_min=8 * _M,
        fine_max=10 * _M,
        confirmed=False,
        note="The press reports only the man aged 17 in the year; the fine of the repeat is "
        "applied by default. " + _NEW_REG_NOTE,
    ),
    _band(
        NO_CHANGE_REGISTRATION,
        "Fails to register for the reserve, or a change (additional registration)",
        "Không đăng ký ngạch dự bị, không đăng ký NVQS bổ sung khi có thay đổi",
        _new("8", None),
        False,
        fine_min=8 * _M,
        fine_max=10 * _M,
        confirmed=False,
        note="Confirmed for the reserve and additional registration; a move or an absence is "
        "assumed to be the same (legal-reference §2.10 [U], §12 item 6). " + _NEW_REG_NOTE,
    ),
    _band(
        ABSENT_SCREENING,
        "Absent from preliminary screening without good reason",
        "Không có mặt đúng thời gian, địa điểm sơ tuyển sức khỏe mà không có lý do chính đáng",
        _new("9", "1"),
        False,
        fine_min=3 * _M,
        fine_max=5 * _M,
        good_reason=True,
    ),
    _band(
        REFUSED_SCREENING,
        "Did not accept the screening decision",
        "Không nhận quyết định gọi sơ tuyển sức khỏe",
        _new("9", "2"),
        False,
        fine_min=5 * _M,
        fine_max=8 * _M,
        good_reason=True,
    ),
    _band(
        ABSENT_EXAM,
        "Absent from the health examination without good reason",
        "Không có mặt đúng thời gian, địa điểm khám sức khỏe ghi trong quyết định gọi khám "
        "mà không có lý do chính đáng",
        _new("9", "3"),
        False,
        fine_min=15 * _M,
        fine_max=20 * _M,
        good_reason=True,
        note=_NEW_ART9_NOTE,
    ),
    _band(
        REFUSED_EXAM,
        "Did not accept the examination decision without good reason",
        "Không nhận quyết định gọi khám sức khỏe mà không có lý do chính đáng",
        _new("9", "4"),
        False,
        fine_min=20 * _M,
        fine_max=30 * _M,
        good_reason=True,
        note=_NEW_ART9_NOTE,
    ),
    _band(
        CHEATED_EXAM,
        "Cheated, or gave or took under 2M VND, to falsify the health classification",
        "Gian dối, đưa hoặc nhận dưới 2 triệu đồng làm sai lệch kết quả phân loại sức khỏe",
        _new("9", "5"),
        False,
        fine_min=30 * _M,
        fine_max=40 * _M,
        note=_NEW_ART9_NOTE,
    ),
    _band(
        DEFIED_EXAM,
        "Did not comply with the screening or examination decision",
        "Không chấp hành quyết định gọi kiểm tra, khám sức khỏe",
        _new("9", "6"),
        False,
        fine_min=50 * _M,
        fine_max=75 * _M,
        confirmed=False,
        note="The top clause of Art 9 is unverified (legal-reference §2.10, §12 item 6): a "
        "headline says up to 75M VND; vnexpress.net (11/08/2025) gives 50–75M VND.",
    ),
    _band(
        ABSENT_CALLUP,
        "Absent at the time or place of the call-up decision without good reason",
        "Không có mặt đúng thời gian, địa điểm tập trung ghi trong quyết định gọi nhập ngũ mà "
        "không có lý do chính đáng",
        _new("10", "1"),
        False,
        fine_min=30 * _M,
        fine_max=40 * _M,
        good_reason=True,
    ),
    _band(
        EVADED_AFTER_FIT,
        "Cheated to evade the call-up decision after being found fit",
        "Gian dối nhằm trốn tránh thực hiện quyết định gọi nhập ngũ sau khi có kết quả khám "
        "đủ điều kiện",
        _new("10", "2", "b"),
        False,
        fine_min=40 * _M,
        fine_max=50 * _M,
    ),
    _band(
        REFUSED_CALLUP,
        "Did not comply with the call-up decision",
        "Không chấp hành quyết định gọi nhập ngũ",
        _new("10", "3"),
        False,
        fine_min=50 * _M,
        fine_max=75 * _M,
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


def citations_text(item: Rule) -> str:
    return "; ".join(c.label for c in item.citations)


def citations_vi(item: Rule) -> str:
    return "; ".join(citation_vi(c) for c in item.citations)


# ----------------------------------------------------------------------------- bands


@dataclass(frozen=True)
class Band:
    """The sanction the decree in force on the day of the act sets for it."""

    kind: str
    rule_code: str
    decree: str
    citation: str  # English label, for logs and docs
    citation_vi: str  # printed on the case
    title_vi: str
    warning: bool  # the sanction is a warning (no fine)
    fine_min: int
    fine_max: int
    good_reason_applies: bool
    repeat: bool
    confirmed: bool
    note: str
    valid_from: dt.date
    valid_to: dt.date | None

    @property
    def midpoint(self) -> int | None:
        """The usual fine: the middle of the band (Law 15/2012 Art 23(4) [U]); a repeat is an
        aggravating circumstance that allows more, up to the top."""
        if self.warning:
            return None
        return (self.fine_min + self.fine_max) // 2


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown violation kind {kind!r}")


def band_for(
    kind: str, day: dt.date, *, repeat: bool = False, aged_17_in_year: bool = True
) -> Band:
    """The band for ``kind`` committed on ``day``; ``repeat``: the same act after a sanction
    that still counts; ``aged_17_in_year``: the man turns 17 in the year of the act (only the
    first registration depends on it). ``NoRuleInForce`` before 22/07/2022."""
    _check_kind(kind)
    code = kind
    if kind == NO_FIRST_REGISTRATION and not aged_17_in_year:
        code = OLDER_FIRST_REGISTRATION
    item = rule(f"violation.band.{code}", day)
    mode = str(item.param("warning"))
    warning = mode == "always" or (mode == "first" and not repeat)
    return Band(
        kind=kind,
        rule_code=item.code,
        decree=str(item.param("decree")),
        citation=citations_text(item),
        citation_vi=citations_vi(item),
        title_vi=item.title_vi,
        warning=warning,
        fine_min=0 if warning else item.int_param("fine_min"),
        fine_max=0 if warning else item.int_param("fine_max"),
        good_reason_applies=bool(item.param("good_reason")),
        repeat=repeat,
        confirmed=item.confirmed,
        note=item.note,
        valid_from=item.valid_from,
        valid_to=item.valid_to,
    )


def individual_maximum(day: dt.date) -> int:
    """The highest fine for an individual in the defence field on ``day``."""
    return rule("violation.max_fine", day).int_param("individual")


def fine_problems(
    *, warning: bool, fine_min: int, fine_max: int, amount: int | None, day: dt.date
) -> list[str]:
    """Why ``amount`` cannot be the fine of a case with this band (keys, empty when fine):
    ``warning_no_fine``, ``fine_required``, ``below_band``, ``above_band``,
    ``above_maximum`` (the individual maximum of the decree in force on ``day``)."""
    if warning:
        return ["warning_no_fine"] if amount else []
    if amount is None or amount <= 0:
        return ["fine_required"]
    found: list[str] = []
    if amount < fine_min:
        found.append("below_band")
    if amount > fine_max:
        found.append("above_band")
    if amount > individual_maximum(day):
        found.append("above_maximum")
    return found


def lighter_band(
    kind: str,
    occurred_on: dt.date,
    decided_on: dt.date,
    *,
    repeat: bool = False,
    aged_17_in_year: bool = True,
) -> Band | None:
    """The band in force on ``decided_on`` when it is lighter than the band of the day of the
    act (Law 80/2015 Art 156(3) [U]): a warning instead of a fine, or a lower top. None when
    the same decree applies or the later one is not lighter."""
    then = band_for(kind, occurred_on, repeat=repeat, aged_17_in_year=aged_17_in_year)
    try:
        now = band_for(kind, decided_on, repeat=repeat, aged_17_in_year=aged_17_in_year)
    except NoRuleInForce:
        return None
    if now.rule_code == then.rule_code and now.valid_from == then.valid_from:
        return None
    if then.warning:
        return None
    if now.warning or now.fine_max < then.fine_max:
        return now
    return None


# ----------------------------------------------------------------------------- repeats


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (31/08 + 6 months → 28 or 29/02)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class PriorSanction:
    """An earlier sanction of the same person: its act, decision, and when it was executed
    (the day a fine was paid in full, the decision day for a warning; None: not yet)."""

    key: str
    kind: str
    decided_on: dt.date
    warning: bool
    executed_on: dt.date | None


def counts_until(prior: PriorSanction) -> dt.date | None:
    """The last day ``prior`` counts for a repeat; None while it is not executed."""
    if prior.executed_on is None:
        return None
    item = rule("violation.repeat_window", prior.decided_on)
    months = item.int_param("warning_months" if prior.warning else "fine_months")
    return add_months(prior.executed_on, months)


def counts_as_repeat(prior: PriorSanction, kind: str, act_day: dt.date) -> bool:
    """Is an act of ``kind`` on ``act_day`` a repeat of ``prior``? The same act, after the
    decision, while the sanction still counts."""
    if prior.kind != kind or act_day <= prior.decided_on:
        return False
    until = counts_until(prior)
    return until is None or act_day <= until


def find_repeat(priors: list[PriorSanction], kind: str, act_day: dt.date) -> PriorSanction | None:
    """The latest earlier sanction of which the act is a repeat, if any."""
    found = [p for p in priors if counts_as_repeat(p, kind, act_day)]
    return max(found, key=lambda p: (p.decided_on, p.key)) if found else None


# ----------------------------------------------------------------------------- escalation


def _acts(code: str, day: dt.date) -> frozenset[str]:
    return frozenset(str(rule(code, day).param("acts")).split(","))


def art332_covers(kind: str, day: dt.date) -> bool:
    """Is ``kind`` one of the acts Penal Code Art 332 makes criminal on a repeat?"""
    _check_kind(kind)
    return kind in _acts("violation.criminal", day)


def escalation_possible(
    kind: str, day: dt.date, *, prior_sanction: bool, prior_conviction: bool = False
) -> bool:
    """Art 332 allows a criminal referral for an act of ``kind`` on ``day``: the act is listed
    and the person was sanctioned for the same act (a sanction that still counts) or convicted
    of the offence and not yet expunged."""
    return art332_covers(kind, day) and (prior_sanction or prior_conviction)


def is_evasion(kind: str, day: dt.date) -> bool:
    """Does the act count as evading military service (Law Art 3(8)) on ``day``?"""
    _check_kind(kind)
    return kind in _acts("violation.evasion", day)


# ----------------------------------------------------------------------------- good reasons


@dataclass(frozen=True)
class GoodReason:
    code: str
    title: str
    title_vi: str
    citation_vi: str
    confirmed: bool
    note: str


def good_reasons(day: dt.date) -> tuple[GoodReason, ...]:
    """The good reasons in force on ``day`` (the day of the act), in the order of the text."""
    found: list[GoodReason] = []
    for code in GOOD_REASON_CODES:
        try:
            item = rule(f"violation.good_reason.{code}", day)
        except NoRuleInForce:
            continue
        found.append(
            GoodReason(
                code, item.title, item.title_vi, citations_vi(item), item.confirmed, item.note
            )
        )
    return tuple(found)


def good_reason(code: str, day: dt.date) -> GoodReason | None:
    return next((g for g in good_reasons(day) if g.code == code), None)


# ----------------------------------------------------------------------------- deadlines


def payment_due(decided_on: dt.date) -> dt.date:
    """The last day to pay a fine decided on ``decided_on`` (10 days [U])."""
    return decided_on + dt.timedelta(days=rule("violation.payment", decided_on).int_param("days"))


def payment_overdue(
    *, decided_on: dt.date | None, fine: int | None, paid: int | None, today: dt.date
) -> bool:
    """A fine not paid in full after its deadline."""
    if decided_on is None or not fine:
        return False
    return (paid or 0) < fine and today > payment_due(decided_on)


def first_registration_deadline(year: int) -> dt.date:
    """The default last day of the first registration of the men reaching 17 in ``year``."""
    item = rule("violation.first_registration_by", dt.date(year, 1, 1))
    return dt.date(year, item.int_param("month"), item.int_param("day"))


def aged_17_in_year(birth_year: int, day: dt.date) -> bool:
    return day.year - birth_year == 17


@dataclass(frozen=True)
class AuthorityDefault:
    level: str  # "district" or "commune"
    title_vi: str
    citation_vi: str
    note: str


def default_authority(day: dt.date) -> AuthorityDefault:
    """Who decides the penalty by default for a decision on ``day`` ([U]: free text)."""
    item = rule("violation.authority", day)
    return AuthorityDefault(str(item.param("level")), item.title_vi, citations_vi(item), item.note)


# ----------------------------------------------------------------------------- states

OPEN = "open"
NOTICE_SERVED = "notice_served"
GOOD_REASON = "good_reason"
PENALISED = "penalised"
PAID = "paid"
ESCALATED = "escalated"
CLOSED = "closed"

#: open → notice_served → good_reason | penalised → paid; escalated; closed.
TRANSITIONS: dict[str, frozenset[str]] = {
    OPEN: frozenset({NOTICE_SERVED, GOOD_REASON, ESCALATED, CLOSED}),
    NOTICE_SERVED: frozenset({GOOD_REASON, PENALISED, ESCALATED, CLOSED}),
    PENALISED: frozenset({PAID, CLOSED}),
    PAID: frozenset({CLOSED}),
    ESCALATED: frozenset({CLOSED}),
    GOOD_REASON: frozenset(),
    CLOSED: frozenset(),
}
#: States in which another notice may be served without changing the state.
NOTICE_STATES = frozenset({OPEN, NOTICE_SERVED, PENALISED, ESCALATED})
FINAL_STATES = frozenset({GOOD_REASON, CLOSED})


def can_move(state: str, target: str) -> bool:
    return target in TRANSITIONS.get(state, frozenset())


def sources_of(target: str) -> tuple[str, ...]:
    """The states a case must be in to become ``target`` (for the refusal message)."""
    return tuple(s for s, targets in TRANSITIONS.items() if target in targets)


# ----------------------------------------------------------------------------- docs

DOCS_BEGIN = "<!-- BEGIN GENERATED: violation rules (manage.py violation_docs) -->"
DOCS_END = "<!-- END GENERATED: violation rules -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _valid(item: Rule) -> str:
    end = f"{item.valid_to:%d/%m/%Y}" if item.valid_to else "in force"
    return f"{item.valid_from:%d/%m/%Y} → {end}"


def render_docs() -> str:
    """The generated section of docs/violations.md (markers excluded, ending with a newline)."""
    lines = [
        "_Generated from `muster/law/callup/violations.py`; do not edit by hand. Run "
        "`manage.py violation_docs` after changing the rules._",
        "",
        "#### Bands by act and decree",
        "",
        "⚠ marks a band the legal reference does not confirm (a configurable default).",
        "",
        "| Act | Valid | Sanction | Good reason | Citation | Note |",
        "|---|---|---|---|---|---|",
    ]
    for item in iter_rules():
        if not item.code.startswith("violation.band."):
            continue
        mode = str(item.param("warning"))
        fine = f"{_vnd(item.int_param('fine_min'))}–{_vnd(item.int_param('fine_max'))} VND"
        sanction = {
            "always": "warning",
            "first": f"warning; repeat: {fine}",
        }.get(mode, fine)
        act = item.code.removeprefix("violation.band.")
        title = ("⚠ " if not item.confirmed else "") + f"`{act}`: {item.title_vi}"
        lines.append(
            f"| {_cell(title)} | {_valid(item)} | {sanction} | "
            f"{'yes' if item.param('good_reason') else 'no'} | {_cell(citations_vi(item))} | "
            f"{_cell(item.note)} |"
        )
    lines += [
        "",
        "#### Other rules",
        "",
        "| Code | Valid | Rule | Parameters | Citation | Note |",
        "|---|---|---|---|---|---|",
    ]
    for item in iter_rules():
        if item.code.startswith("violation.band."):
            continue
        params = ", ".join(f"`{k}={v}`" for k, v in item.parameters.items())
        title = ("⚠ " if not item.confirmed else "") + f"{item.title} ({item.title_vi})"
        lines.append(
            f"| `{item.code}` | {_valid(item)} | {_cell(title)} | {_cell(params)} | "
            f"{_cell(citations_text(item))} | {_cell(item.note)} |"
        )
    return "\n".join(lines) + "\n"


def splice_docs(document: str, generated: str) -> str:
    """``document`` with the text between the markers replaced by ``generated``."""
    start, end = document.find(DOCS_BEGIN), document.find(DOCS_END)
    if start < 0 or end < start:
        raise ValueError("violation docs markers not found in order")
    return f"{document[: start + len(DOCS_BEGIN)]}\n{generated}{document[end:]}"
