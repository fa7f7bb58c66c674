"""Dated rules of the reservist register: why a reservist leaves it (the removal reasons),
how his registration moves with him, and the yearly review (phúc tra) of reserve officers.
Pure: no Django. Source: legal-reference §2.2 (Law 78/2015 Art 17 as amended by Law 98/2025,
changes after registration), §4 (Law 78/2015 Art 25 ages; TT 105/2023 Art 15 the unfit;
Decree 78/2020 reserve officers).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from muster.law.rulebook import Citation, Rule, make_rule
from muster.law.sources import (
    BEFORE_98,
    LAW_53_FROM,
    LAW_78,
    LAW_78_FROM,
    LAW_98,
    LAW_98_FROM,
    TT_105,
    TT_105_FROM,
)
from muster.law.text import Text

DECREE_78_2020 = "Decree 78/2020/NĐ-CP (reserve officers)"
_NOTE_78 = (
    "Unverified: the legal reference gives no effective date for Decree 78/2020 (1 Jul 2020, "
    "with Law 53/2019, is a default) and cites its Arts 14 and 16 together."
)


class RemovalReason(StrEnum):
    """Why a reservist leaves the register (the codes of the dated list below)."""

    OVER_AGE = "over_age"
    DIED = "died"
    UNFIT = "unfit"
    ART_13_14 = "art_13_14"
    TRANSFERRED = "transferred"


REMOVAL_LABELS: dict[RemovalReason, Text] = {
    RemovalReason.OVER_AGE: Text("Hết độ tuổi phục vụ dự bị", "Past the reserve service age"),
    RemovalReason.DIED: Text("Chết", "Died"),
    RemovalReason.UNFIT: Text("Không đủ sức khỏe", "Unfit"),
    RemovalReason.ART_13_14: Text(
        "Thuộc trường hợp Điều 13 hoặc Điều 14 Luật Nghĩa vụ quân sự",
        "A case of Art 13 or Art 14 of the Military Service Law",
    ),
    RemovalReason.TRANSFERRED: Text(
        "Chuyển đăng ký đến xã khác", "Registration transferred to another commune"
    ),
}

#: Reasons a commander picks; ``transferred`` is set by an accepted transfer only.
CHOSEN_REASONS: tuple[RemovalReason, ...] = (
    RemovalReason.OVER_AGE,
    RemovalReason.DIED,
    RemovalReason.UNFIT,
    RemovalReason.ART_13_14,
)


def _law78(article: str, clause: str | None = None, text: str = "") -> Citation:
    return Citation(LAW_78, article, clause, None, text)


_REMOVAL_TITLE = ("Removal from the reserve list", "Xóa tên khỏi danh sách quân nhân dự bị")

_REGISTER_RULES: tuple[Rule, ...] = (
    make_rule(
        "reserve.removal.over_age",
        "registration",
        "Removal: past the reserve service age (men 45, women 40)",
        "Xóa tên: hết độ tuổi phục vụ của quân nhân dự bị (nam 45, nữ 40)",
        (_law78("25", text="reserve ages"), _law78("17", text="removal from the list")),
        LAW_78_FROM,
    ),
    make_rule(
        "reserve.removal.died",
        "registration",
        "Removal: death",
        "Xóa tên: chết",
        _law78("17", text="removal from the list: death"),
        LAW_78_FROM,
    ),
    make_rule(
        "reserve.removal.unfit",
        "registration",
        "Removal: unfit, reported in writing to the regional defence command",
        "Xóa tên: không đủ sức khỏe, báo cáo bằng văn bản Ban Chỉ huy phòng thủ khu vực",
        Citation(TT_105, "15", text="unfit reservists reported and removed"),
        TT_105_FROM,
    ),
    make_rule(
        "reserve.removal.art_13_14",
        "registration",
        "Removal: a case of Art 13 or Art 14",
        "Xóa tên: thuộc trường hợp Điều 13, Điều 14",
        _law78("17", text="removal: an Art 13 or Art 14 case"),
        LAW_78_FROM,
    ),
    make_rule(
        "reserve.removal.transferred",
        "registration",
        "Registration transferred on a change of residence",
        "Chuyển đăng ký khi thay đổi nơi cư trú",
        _law78("17", text="transfer out at the old office, register at the new one"),
        LAW_78_FROM,
    ),
    make_rule(
        "reserve.removal.decision",
        "deadline",
        "The removal is decided within 10 days of the confirmation (district)",
        "Quyết định xóa tên trong 10 ngày kể từ ngày xác nhận (cấp huyện)",
        _law78("17", text="text before Law 98/2025"),
        LAW_78_FROM,
        BEFORE_98,
        days=10,
    ),
    make_rule(
        "reserve.removal.decision",
        "deadline",
        "The commune chairman decides the removal within 5 days of the confirmation",
        "Chủ tịch Ủy ban nhân dân cấp xã quyết định xóa tên trong 5 ngày kể từ ngày xác nhận",
        Citation(LAW_98, "4", None, None, "Art 17 as amended: 5 days, commune chairman"),
        LAW_98_FROM,
        days=5,
    ),
    make_rule(
        "reserve.transfer.arrival",
        "deadline",
        "Register at the new place within 10 working days of arriving",
        "Đăng ký tại nơi cư trú mới trong 10 ngày làm việc kể từ ngày đến",
        _law78("17", text="text before Law 98/2025"),
        LAW_78_FROM,
        BEFORE_98,
        working_days=10,
    ),
    make_rule(
        "reserve.transfer.arrival",
        "deadline",
        "Register at the new place within 5 working days of arriving",
        "Đăng ký tại nơi cư trú mới trong 05 ngày làm việc kể từ ngày đến",
        Citation(LAW_98, "4", None, None, "Art 17 as amended: 5 working days"),
        LAW_98_FROM,
        working_days=5,
    ),
    make_rule(
        "reserve.officer.review",
        "standard",
        "Yearly review (phúc tra) of reserve officers: meet the officer, or his family or "
        "employer, and check against the file",
        "Phúc tra sĩ quan dự bị hằng năm: gặp trực tiếp sĩ quan (hoặc gia đình, cơ quan) và "
        "đối chiếu hồ sơ",
        Citation(DECREE_78_2020, "14–16", text="annual review of reserve officers"),
        LAW_53_FROM,
        confirmed=False,
        note=_NOTE_78 + " Who owns the review after 2025 is not settled (probably the regional "
        "defence command).",
    ),
)


REPORT_RULES: tuple[Rule, ...] = (
    make_rule(
        "reserve.reports.deadlines",
        "deadline",
        "Commune reports on reserve officers: quarterly before the 15th of the quarter's last "
        "month, yearly before 15 December",
        "Báo cáo sĩ quan dự bị của Ban Chỉ huy quân sự cấp xã: hằng quý trước ngày 15 tháng "
        "cuối quý, hằng năm trước ngày 15 tháng 12",
        Citation(DECREE_78_2020, "14–16", text="quarterly and yearly reports"),
        LAW_53_FROM,
        confirmed=False,
        note=_NOTE_78,
        before_day=15,
        yearly_month=12,
    ),
)


def report_deadlines(day: dt.date) -> tuple[dt.date, dt.date, Rule]:
    """The last days of the next quarterly and yearly reports on or after ``day`` ("before
    the 15th": the 14th is the last day), and the rule."""
    item = REPORT_RULES[0]
    last = item.int_param("before_day") - 1
    quarter_month = ((day.month - 1) // 3) * 3 + 3
    quarterly = dt.date(day.year, quarter_month, last)
    if quarterly < day:
        month = quarter_month + 3
        quarterly = dt.date(day.year + (month > 12), (month - 1) % 12 + 1, last)
    yearly = dt.date(day.year, item.int_param("yearly_month"), last)
    if yearly < day:
        yearly = yearly.replace(year=day.year + 1)
    return quarterly, yearly, item


def removal_code(reason: RemovalReason) -> str:
    return f"reserve.removal.{reason.value}"


REGISTER_RULES: tuple[Rule, ...] = _REGISTER_RULES + REPORT_RULES
