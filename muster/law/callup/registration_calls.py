"""Who signs the registration call (lệnh / quyết định gọi đăng ký NVQS) and the registration
certificate, and who receives the commune's 10-day registration report, as dated data. Pure.

The authority is the one in force on the day the call is signed, the recipient the one in force
on the registration day:

* Until 30/06/2025 the district military commander (Chỉ huy trưởng Ban CHQS cấp huyện) calls
  citizens to register (Law 78/2015 Art 16(2), original text) and the commune reports to the
  district military command. The legal reference does not quote that original text: the rule is
  marked unconfirmed.
* From 01/07/2025 (Law 98/2025 abolished the district level) the commune chairman (Chủ tịch UBND
  cấp xã) calls; Decree 220/2025 confirms that he signs the call and the certificate. To whom
  the commune's report goes after the reform is not established by the reference: Muster sends
  it to the commune chairman, as it does the January list, and flags the rule unconfirmed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

LAW_98_2025 = dt.date(2025, 7, 1)
_BEFORE_98 = LAW_98_2025 - dt.timedelta(days=1)
LAW_78_2015 = dt.date(2016, 1, 1)


class CallKind(StrEnum):
    FIRST = "first"  # đăng ký NVQS lần đầu (men reaching 17)
    RESERVE = "reserve"  # đăng ký quân nhân dự bị


class Role(StrEnum):
    DISTRICT_COMMANDER = "district_commander"
    COMMUNE_CHAIRMAN = "commune_chairman"
    DISTRICT_COMMAND = "district_command"


@dataclass(frozen=True)
class Authority:
    role: Role
    valid_from: dt.date
    valid_to: dt.date | None  # inclusive
    #: How the issuing body is printed ("ỦY BAN NHÂN DÂN" + level + name, or the district
    #: command + name).
    issuer_vi: str
    #: The document's title as printed.
    call_title_vi: str
    signer_vi: str
    citation: str
    citation_en: str
    confirmed: bool = True

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


SIGNERS: tuple[Authority, ...] = (
    Authority(
        Role.DISTRICT_COMMANDER, LAW_78_2015, _BEFORE_98,
        "BAN CHỈ HUY QUÂN SỰ HUYỆN",
        "LỆNH GỌI CÔNG DÂN ĐĂNG KÝ NGHĨA VỤ QUÂN SỰ",
        "CHỈ HUY TRƯỞNG",
        "Luật NVQS 78/2015/QH13 Điều 16 khoản 2 (bản gốc): Chỉ huy trưởng Ban Chỉ huy quân sự "
        "cấp huyện ra lệnh gọi công dân đăng ký NVQS",
        "Law 78/2015/QH13 (Military Service) Art 16(2) (original): the district military "
        "commander calls citizens to register",
        confirmed=False,
    ),
    Authority(
        Role.COMMUNE_CHAIRMAN, LAW_98_2025, None,
        "ỦY BAN NHÂN DÂN",
        "QUYẾT ĐỊNH GỌI CÔNG DÂN ĐĂNG KÝ NGHĨA VỤ QUÂN SỰ",
        "CHỦ TỊCH",
        "Luật NVQS 78/2015/QH13 Điều 16, sửa đổi bởi Luật 98/2025/QH15; Nghị định "
        "13/2016/NĐ-CP Điều 4, sửa đổi bởi Nghị định 220/2025/NĐ-CP: Chủ tịch UBND cấp xã "
        "gọi công dân đăng ký NVQS và ký Giấy chứng nhận đăng ký",
        "Law 78/2015/QH13 (Military Service) Art 16, as amended by Law 98/2025/QH15; Decree "
        "13/2016/ND-CP Art 4, as amended by Decree 220/2025/ND-CP: the commune People's "
        "Committee chairman calls citizens to register and signs the registration certificate",
    ),
)  # fmt: skip

RECIPIENTS: tuple[Authority, ...] = (
    Authority(
        Role.DISTRICT_COMMAND, LAW_78_2015, _BEFORE_98,
        "Ban Chỉ huy quân sự huyện", "", "",
        "Nghị định 13/2016/NĐ-CP Điều 4: Ban CHQS cấp xã báo cáo Ban CHQS cấp huyện",
        "Decree 13/2016/ND-CP Art 4: the commune military command reports to the district "
        "military command",
    ),
    Authority(
        Role.COMMUNE_CHAIRMAN, LAW_98_2025, None,
        "Chủ tịch UBND", "", "",
        "Luật 98/2025/QH15 (bỏ cấp huyện): báo cáo Chủ tịch UBND cấp xã (chưa xác minh cấp "
        "nhận báo cáo sau cải cách)",
        "Law 98/2025/QH15 (no district level): report to the commune People's Committee "
        "chairman (the recipient after the reform is not verified)",
        confirmed=False,
    ),
)  # fmt: skip


class NoAuthorityError(LookupError):
    """No authority is in force on that day."""


def _pick(rules: tuple[Authority, ...], day: dt.date) -> Authority:
    for item in rules:
        if item.in_force_on(day):
            return item
    raise NoAuthorityError(f"no authority in force on {day.isoformat()}")


def call_signer(day: dt.date) -> Authority:
    """Who signs a registration call (and the certificate) signed on ``day``."""
    return _pick(SIGNERS, day)


def report_recipient(day: dt.date) -> Authority:
    """Who receives the commune's report on the registration held on ``day``."""
    return _pick(RECIPIENTS, day)
