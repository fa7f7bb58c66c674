"""The 12-digit citizen ID number (số CCCD / số định danh cá nhân). Pure: no Django.

Layout (Circular 59/2021/TT-BCA Art 7): 3 digits of the province of birth registration,
1 digit for sex and century of birth, 2 digits for the last two digits of the birth year,
6 random digits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: Province codes (mã tỉnh) of the 63 provinces before the 2025 mergers. Numbers issued since
#: keep these codes, so every one stays valid.
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang",
    "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp",
    "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
    "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip


@dataclass(frozen=True)
class IdProblem:
    code: str  # machine code: "length", "digits", "province", "sex_century", "year"
    message: str  # English; the caller translates by code


def sex_century_digit(*, male: bool, birth_year: int) -> int:
    """0/1 for 1900–1999 (male/female), 2/3 for 2000–2099, … up to 8/9 for 2300–2399."""
    century_index = (birth_year // 100) - 19
    if not 0 <= century_index <= 4:
        raise ValueError(f"birth year {birth_year} is outside 1900–2399")
    return century_index * 2 + (0 if male else 1)


def check(
    number: str, *, male: bool | None = None, birth_date: dt.date | None = None
) -> list[IdProblem]:
    """Every problem with ``number``; empty when it is valid (and consistent with the facts)."""
    problems: list[IdProblem] = []
    if not number.isascii() or not number.isdigit():
        problems.append(IdProblem("digits", "The ID number must contain digits only."))
        return problems
    if len(number) != 12:
        problems.append(IdProblem("length", "The ID number must have exactly 12 digits."))
        return problems
    if number[:3] not in PROVINCE_CODES:
        problems.append(IdProblem("province", "The first 3 digits are not a province code."))
    if male is not None and birth_date is not None:
        try:
            expected = sex_century_digit(male=male, birth_year=birth_date.year)
        except ValueError:
            expected = -1
        if int(number[3]) != expected:
            problems.append(
                IdProblem("sex_century", "The 4th digit does not match sex and century of birth.")
            )
        if number[4:6] != f"{birth_date.year % 100:02d}":
            problems.append(IdProblem("year", "Digits 5–6 do not match the year of birth."))
    return problems


def make(*, province_code: str, male: bool, birth_year: int, serial: int) -> str:
    """Build a well-formed number (used by the demo generator and tests)."""
    digit = sex_century_digit(male=male, birth_year=birth_year)
    return f"{province_code}{digit}{birth_year % 100:02d}{serial % 1_000_000:06d}"
