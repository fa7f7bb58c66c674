"""The remedial measures (biện pháp khắc phục hậu quả) of the acts, as dated rules (data). Pure.

Each band names its measure by code (the band rule's ``remedy`` parameter, "" for none); the
measure in force on the day of the act is frozen on the case with the band.

Sources: legal-reference §2.10 "General": under Decree 37/2022 the measures were "forced to
perform military service" or "forced to register" [C: P-BQ baoquangbinh; P-HQ
baohaiquanvietnam]; the wording per registration act is P-HQ's. Whether Decree 218/2025 keeps
the same measures is unverified, so every Decree 218/2025 measure is ``confirmed=False``, as
are the measures the legal reference does not name at all (the examination calls, the
organisations' reports): configurable defaults to check against the decree.
"""

from __future__ import annotations

from muster.law.callup.violations.acts import _OLD_TO
from muster.law.rulebook import Citation, Rule, make_rule
from muster.law.sources import DECREE_37_FROM, DECREE_218, DECREE_218_FROM, VBHN_04

#: The measure codes a band rule may name in its ``remedy`` parameter.
REGISTER_FIRST = "register_first"
REGISTER_CHANGE = "register_change"
ATTEND_EXAM = "attend_exam"
SERVE = "serve"
REPORT = "report"
REMEDY_CODES: tuple[str, ...] = (REGISTER_FIRST, REGISTER_CHANGE, ATTEND_EXAM, SERVE, REPORT)

_OLD_SOURCE = Citation(
    VBHN_04, None, None, None, "Remedial measures of Decree 37/2022 [C: P-BQ; P-HQ]."
)
_NEW_SOURCE = Citation(DECREE_218, None, None, None, "Assumed kept from Decree 37/2022.")
_NEW_NOTE = (
    "Whether Decree 218/2025 keeps the measures of Decree 37/2022 is unverified "
    "(legal-reference §2.10, §12 item 6)."
)
_NOT_IN_REFERENCE = (
    "Not in the legal reference (it names only the forced registration and the forced "
    "military service); a default to check against the decree."
)


def _remedy(
    code: str,
    title: str,
    title_vi: str,
    old: bool,
    *,
    confirmed: bool,
    note: str,
) -> Rule:
    return make_rule(
        f"violation.remedy.{code}",
        "penalty",
        title,
        title_vi,
        (_OLD_SOURCE if old else _NEW_SOURCE,),
        DECREE_37_FROM if old else DECREE_218_FROM,
        _OLD_TO if old else None,
        confirmed=confirmed,
        note=note,
    )


_MEASURES: tuple[tuple[str, str, str, bool], ...] = (
    # code, title, title_vi, confirmed under Decree 37/2022
    (
        REGISTER_FIRST,
        "Forced to carry out the first military service registration",
        "Buộc thực hiện thủ tục đăng ký nghĩa vụ quân sự lần đầu",
        True,
    ),
    (
        REGISTER_CHANGE,
        "Forced to register for the reserve, the change, the move or the absence",
        "Buộc đăng ký nghĩa vụ quân sự trong ngạch dự bị, đăng ký bổ sung, đăng ký khi thay đổi "
        "nơi cư trú, nơi làm việc, học tập hoặc đăng ký tạm vắng",
        True,
    ),
    (
        ATTEND_EXAM,
        "Forced to comply with the call to the screening or the health examination",
        "Buộc chấp hành quyết định gọi sơ tuyển, khám sức khỏe nghĩa vụ quân sự",
        False,
    ),
    (
        SERVE,
        "Forced to comply with the call-up (to perform military service)",
        "Buộc chấp hành quyết định gọi nhập ngũ (buộc thực hiện nghĩa vụ quân sự)",
        True,
    ),
)

#: The wording under Decree 37/2022, where the calls were orders (lệnh gọi).
_OLD_WORDING: dict[str, str] = {
    ATTEND_EXAM: "Buộc chấp hành lệnh gọi kiểm tra, khám sức khỏe thực hiện nghĩa vụ quân sự",
    SERVE: "Buộc chấp hành lệnh gọi nhập ngũ (buộc thực hiện nghĩa vụ quân sự)",
}

REMEDY_RULES: tuple[Rule, ...] = (
    *(
        _remedy(
            code,
            title,
            _OLD_WORDING.get(code, title_vi),
            True,
            confirmed=confirmed,
            note="" if confirmed else _NOT_IN_REFERENCE,
        )
        for code, title, title_vi, confirmed in _MEASURES
    ),
    *(
        _remedy(
            code,
            title,
            title_vi,
            False,
            confirmed=False,
            note=_NEW_NOTE if confirmed else f"{_NOT_IN_REFERENCE} {_NEW_NOTE}",
        )
        for code, title, title_vi, confirmed in _MEASURES
    ),
    _remedy(
        REPORT,
        "Forced to report the reservists and the men of military service age in full and "
        "accurately",
        "Buộc báo cáo đầy đủ, chính xác số lượng quân nhân dự bị và công dân nam trong độ tuổi "
        "thực hiện nghĩa vụ quân sự",
        False,
        confirmed=False,
        note=_NOT_IN_REFERENCE,
    ),
)
