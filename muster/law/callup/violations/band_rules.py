"""The penalty band of each act under each decree, as dated rules (data). Pure."""

from __future__ import annotations

from muster.law.callup.violations.acts import (
    _OLD_TO,
    ABSENT_CALLUP,
    ABSENT_EXAM,
    ABSENT_SCREENING,
    ANYONE,
    CHEATED_EXAM,
    CITIZEN,
    DEFIED_EXAM,
    EVADED_AFTER_FIT,
    NEW_DECREE,
    NO_CHANGE_REGISTRATION,
    NO_FIRST_REGISTRATION,
    OBSTRUCTED_CALLUP,
    OBSTRUCTED_EXAM,
    OLD_DECREE,
    ORG_NO_REPORT,
    ORG_REPORT_INACCURATE,
    ORG_REPORT_INCOMPLETE,
    ORGANISATION_ONLY,
    REFUSED_CALLUP,
    REFUSED_EXAM,
    REFUSED_SCREENING,
)
from muster.law.callup.violations.remedy_rules import (
    ATTEND_EXAM,
    REGISTER_CHANGE,
    REGISTER_FIRST,
    REPORT,
    SERVE,
)
from muster.law.rulebook import Citation, Rule, make_rule
from muster.law.sources import DECREE_37_FROM, DECREE_218, DECREE_218_FROM, VBHN_04

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
    offenders: str = CITIZEN,
) -> Rule:
    """One band. ``warning``: "" (fined), "always" (warned, Decree 37/2022 for a man aged 17
    in the year), "first" (warned for a first offence, fined on a repeat: Decree 218/2025).
    ``offenders``: who can commit the act (``acts.CITIZEN``, ``ANYONE``, ``ORGANISATION_ONLY``);
    the band's remedial measure follows from the act (``_REMEDY_OF``)."""
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
        offenders=offenders,
        remedy=_REMEDY_OF.get(kind, ""),
    )


# Decree 120/2013 as amended by 37/2022, Art 6: one clause for the check (now screening) and
# the examination alike, so the acts of both take the same band.


def _old_absent(kind: str) -> Rule:
    return _band(
        kind,
        "Absent from the check or examination in the call without good reason",
        "Không có mặt đúng thời gian, địa điểm kiểm tra, khám sức khỏe mà không có lý do "
        "chính đáng",
        _old("6", "1"),
        True,
        fine_min=10 * _M,
        fine_max=12 * _M,
        good_reason=True,
        note=_OLD_ART6_NOTE,
    )


def _old_refused(kind: str) -> Rule:
    return _band(
        kind,
        "Deliberately did not accept the call to the check or examination",
        "Cố ý không nhận lệnh gọi kiểm tra, khám sức khỏe mà không có lý do chính đáng",
        _old("6", "2"),
        True,
        fine_min=12 * _M,
        fine_max=15 * _M,
        good_reason=True,
        note=_OLD_ART6_NOTE,
    )


#: The first registration by a man who is not 17 in the year of the act (an older man never
#: registered) has its own code, so ``band_for`` can tell the two apart.
OLDER_FIRST_REGISTRATION = "no_first_registration_older"

#: The remedial measure (remedy_rules) of each act; none for cheating at the examination and
#: for obstruction (the legal reference names none).
_REMEDY_OF: dict[str, str] = {
    NO_FIRST_REGISTRATION: REGISTER_FIRST,
    OLDER_FIRST_REGISTRATION: REGISTER_FIRST,
    NO_CHANGE_REGISTRATION: REGISTER_CHANGE,
    ABSENT_SCREENING: ATTEND_EXAM,
    REFUSED_SCREENING: ATTEND_EXAM,
    ABSENT_EXAM: ATTEND_EXAM,
    REFUSED_EXAM: ATTEND_EXAM,
    DEFIED_EXAM: ATTEND_EXAM,
    ABSENT_CALLUP: SERVE,
    EVADED_AFTER_FIT: SERVE,
    REFUSED_CALLUP: SERVE,
    ORG_REPORT_INCOMPLETE: REPORT,
    ORG_REPORT_INACCURATE: REPORT,
    ORG_NO_REPORT: REPORT,
}
_OBSTRUCTION_NOTE = (
    "The offender is whoever obstructs (a relative, an employer: an individual or an "
    "organisation); an organisation's band is doubled (violation.organisation_factor [U])."
)
_ORG_REPORT_NOTE = (
    "The band as the press states it for the organisation (legal-reference §2.10; danviet.vn "
    "7/8/2025); not doubled again. Article 8 is inferred, the clause is not established. Under "
    "Decree 120/2013 as amended no band is recorded (not in the legal reference): acts before "
    "05/08/2025 cannot be opened."
)

BAND_RULES: tuple[Rule, ...] = (
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
    _old_absent(ABSENT_SCREENING),
    _old_refused(REFUSED_SCREENING),
    _old_absent(ABSENT_EXAM),
    _old_refused(REFUSED_EXAM),
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
        OBSTRUCTED_CALLUP,
        "Obstructed a citizen from complying with the call-up order",
        "Cản trở công dân thực hiện lệnh gọi nhập ngũ",
        _old("7", "2"),
        True,
        fine_min=40 * _M,
        fine_max=50 * _M,
        offenders=ANYONE,
        note="The 37/2022 regime had the same three bands of the call-up article (legal-reference "
        "§2.10 [C]); the point letter of the old clause 2 is not established. " + _OBSTRUCTION_NOTE,
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
        OBSTRUCTED_EXAM,
        "Obstructed others from receiving the health examination decision",
        "Cản trở người khác nhận quyết định gọi khám sức khỏe",
        _new("9", "4"),
        False,
        fine_min=20 * _M,
        fine_max=30 * _M,
        offenders=ANYONE,
        note="A new offence of Decree 218/2025 (no band before 05/08/2025). The same band as not "
        "accepting the examination decision: clause 4 is inferred from the order of the press "
        "tables (P-NLD, P-SOHA218), the point is not established. " + _OBSTRUCTION_NOTE,
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
        OBSTRUCTED_CALLUP,
        "Obstructed a citizen from complying with the call-up decision",
        "Cản trở công dân thực hiện quyết định gọi nhập ngũ",
        _new("10", "2", "a"),
        False,
        fine_min=40 * _M,
        fine_max=50 * _M,
        offenders=ANYONE,
        note="Clause 2 is confirmed (P-XD218); point a is inferred (cheating to evade is point "
        "b). " + _OBSTRUCTION_NOTE,
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
    _band(
        ORG_REPORT_INCOMPLETE,
        "Organisation reported incomplete numbers of reservists or men of military service age",
        "Cơ quan, tổ chức báo cáo không đầy đủ số lượng quân nhân dự bị và công dân nam trong "
        "độ tuổi thực hiện nghĩa vụ quân sự",
        _new("8", None),
        False,
        fine_min=10 * _M,
        fine_max=15 * _M,
        offenders=ORGANISATION_ONLY,
        note=_ORG_REPORT_NOTE,
    ),
    _band(
        ORG_REPORT_INACCURATE,
        "Organisation reported inaccurate numbers of reservists or men of military service age",
        "Cơ quan, tổ chức báo cáo không chính xác số lượng quân nhân dự bị và công dân nam trong "
        "độ tuổi thực hiện nghĩa vụ quân sự",
        _new("8", None),
        False,
        fine_min=15 * _M,
        fine_max=20 * _M,
        offenders=ORGANISATION_ONLY,
        note=_ORG_REPORT_NOTE,
    ),
    _band(
        ORG_NO_REPORT,
        "Organisation did not report its reservists and men of military service age",
        "Cơ quan, tổ chức không báo cáo số lượng quân nhân dự bị và công dân nam trong độ tuổi "
        "thực hiện nghĩa vụ quân sự",
        _new("8", None),
        False,
        fine_min=20 * _M,
        fine_max=30 * _M,
        offenders=ORGANISATION_ONLY,
        note=_ORG_REPORT_NOTE,
    ),
)
