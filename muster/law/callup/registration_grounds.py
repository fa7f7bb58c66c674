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
from dataclasses import dataclass
from enum import StrEnum

from muster.law.callup.registration import LAW_98_2025


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
