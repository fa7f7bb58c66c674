"""Grounds of bars on registration (Art 13, Art 14) and of removal from the register. Pure.

* Not allowed to register (không được đăng ký NVQS), Law 78/2015 Art 13(1): (a) prosecution,
  sentence, probation, not yet rehabilitated; (b) commune-level education measure, reform school,
  compulsory education or rehab facility; (c) stripped of the right to serve. Point (b) was
  rewritten by Law 98/2025/QH15 Art 4(3) from 1 July 2025; the citation follows the start date.
* Exempt from registration (miễn đăng ký NVQS), Art 14: the illnesses of TT 105/2023 App. I
  Part III, by ICD-10 code (the list itself is ``muster.law.health.rules.EXEMPT_ILLNESSES``).
* Removal (xóa tên khỏi danh sách đăng ký), Art 17: death, over reserve age (men past 45, women
  past 40: Art 25–26), an Art 13 or Art 14 case. The report goes within 10 days to the district
  military command before 1 July 2025 and within 5 days to the commune chairman from then.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from muster.law.callup.registration import LAW_98_2025, RULES
from muster.law.text import Text


@dataclass(frozen=True)
class Art13Point:
    point: str
    label: str


ART13_POINTS: tuple[Art13Point, ...] = (
    Art13Point(
        "a",
        "Đang bị truy cứu trách nhiệm hình sự; đang chấp hành hình phạt tù, cải tạo không giam "
        "giữ, quản chế hoặc đã chấp hành xong hình phạt tù nhưng chưa được xóa án tích",
    ),
    Art13Point(
        "b",
        "Đang bị áp dụng biện pháp giáo dục tại cấp xã hoặc đưa vào trường giáo dưỡng, cơ sở "
        "giáo dục bắt buộc, cơ sở cai nghiện bắt buộc",
    ),
    Art13Point("c", "Bị tước quyền phục vụ trong lực lượng vũ trang nhân dân"),
)
ART13_BY_POINT = {p.point: p for p in ART13_POINTS}


def art13_citation(point: str, start: dt.date) -> str:
    """The citation of Art 13(1)(point) as in force on ``start`` (the "(x)" form is parsed by
    ``conscription.selectors._bar_point``)."""
    base = f"Luật NVQS 78/2015/QH13 Điều 13(1)({point})"
    if point == "b" and start >= LAW_98_2025:
        return base + ", sửa đổi bởi Luật 98/2025/QH15 Điều 4(3)"
    return base


def art14_citation(item: int) -> str:
    return f"Luật NVQS 78/2015/QH13 Điều 14; TT 105/2023/TT-BQP Phụ lục I Phần III mục {item}"


class RemovalReason(StrEnum):
    DEATH = "death"
    OVER_AGE = "over_age"
    ART13 = "art13"
    ART14 = "art14"


#: Last age (completed years) of reserve service: men to the end of 45, women to the end of 40.
RESERVE_LAST_AGE = {"M": 45, "F": 40}


def is_over_reserve_age(sex: str, age: int) -> bool:
    return age > RESERVE_LAST_AGE.get(sex, 45)


def removal_recipient(confirmed_on: dt.date) -> str:
    """Who the removal is reported to, by the rule in force on the day of confirmation."""
    if confirmed_on >= LAW_98_2025:
        return "Chủ tịch UBND cấp xã"
    return "Ban Chỉ huy quân sự cấp huyện"


# ---------------------------------------------------------------- citations in English

#: The January list's citation (Art 16(1): the commune lists the men turning 17 by 31 January
#: and reports them), before and from Law 98/2025/QH15: Vietnamese as stored, English beside.
JANUARY_CITATION_BEFORE_98 = Text(
    "Luật NVQS 78/2015/QH13 Điều 16(1); báo cáo Ban CHQS cấp huyện",
    "Law 78/2015/QH13 (Military Service) Art 16(1); report to the district military command",
)
JANUARY_CITATION_FROM_98 = Text(
    "Luật NVQS 78/2015/QH13 Điều 16(1), sửa đổi bởi Luật 98/2025/QH15; "
    "báo cáo Chủ tịch UBND cấp xã",
    "Law 78/2015/QH13 (Military Service) Art 16(1), as amended by Law 98/2025/QH15; report to "
    "the commune People's Committee chairman",
)


def january_citation(on: dt.date) -> Text:
    return JANUARY_CITATION_BEFORE_98 if on < LAW_98_2025 else JANUARY_CITATION_FROM_98


_ART13_VI = re.compile(r"^Luật NVQS 78/2015/QH13 Điều 13\(1\)\(([abc])\)(, sửa đổi bởi .*)?$")
_ART14_VI = re.compile(
    r"^Luật NVQS 78/2015/QH13 Điều 14; TT 105/2023/TT-BQP Phụ lục I Phần III mục (\d+)$"
)


def citation_en(stored: str) -> str | None:
    """The English form of a registration citation stored in Vietnamese (a deadline rule's,
    an Art 13 or Art 14 bar's, the January list's), or None for a text this module did not
    write (typed by a user, or from an older rule)."""
    for rule in RULES:
        if rule.citation == stored:
            return rule.citation_en or None
    for text in (JANUARY_CITATION_BEFORE_98, JANUARY_CITATION_FROM_98):
        if text.vi == stored:
            return text.en
    if match := _ART13_VI.match(stored):
        english = f"Law 78/2015/QH13 (Military Service) Art 13(1)({match.group(1)})"
        return english + (", as amended by Law 98/2025/QH15 Art 4(3)" if match.group(2) else "")
    if match := _ART14_VI.match(stored):
        return (
            "Law 78/2015/QH13 (Military Service) Art 14; Circular 105/2023/TT-BQP Appendix I "
            f"Part III item {match.group(1)}"
        )
    return None
