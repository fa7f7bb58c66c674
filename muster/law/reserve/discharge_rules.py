"""Dated rules of a soldier's discharge (xuất ngũ): the one-off allowances of Decree 27/2016
Arts 7–8 (Law 78/2015 Art 50(3)) and the base salary they are counted in. Pure: no Django.

Source: legal-reference §6 ("On discharge") and §3 (base salary 2,340,000 VND from 1 Jul 2024,
Decree 73/2024). The legal reference cites Decree 27/2016 as "Arts 7–8" without clauses, so the
rules cite the two articles together. Its effective date is not in the reference (20 May 2016
is a default) and the consolidated text VBHN 40/VBHN-BQP (2025) may have changed amounts
(reference §12 item 8): every Decree 27 rule carries ``confirmed=False``. The base salary of
1,800,000 VND before 1 Jul 2024 (Decree 24/2023) is not in the reference either.
"""

from __future__ import annotations

from muster.law.rulebook import Citation, Rule, make_rule
from muster.law.sources import (
    DECREE_24_2023,
    DECREE_24_2023_FROM,
    DECREE_27,
    DECREE_27_FROM,
    DECREE_73_2024,
    DECREE_73_2024_FROM,
    LAW_78,
    day_before,
)

_NOTE_27 = (
    "Unverified: the legal reference gives no effective date for Decree 27/2016 (20 May 2016 "
    "is a default) and warns that VBHN 40/VBHN-BQP (2025) may have changed it."
)


def _d27(text: str) -> tuple[Citation, Citation]:
    return (Citation(DECREE_27, "7–8", text=text), Citation(LAW_78, "50", "3", text=text))


DISCHARGE_RULES: tuple[Rule, ...] = (
    make_rule(
        "reserve.base_salary",
        "allowance",
        "Base salary (mức lương cơ sở), VND a month",
        "Mức lương cơ sở (đồng/tháng)",
        Citation(DECREE_24_2023, text="1,800,000 VND a month"),
        DECREE_24_2023_FROM,
        day_before(DECREE_73_2024_FROM),
        confirmed=False,
        note="Unverified: the legal reference states only the amount from 1 Jul 2024.",
        amount=1_800_000,
    ),
    make_rule(
        "reserve.base_salary",
        "allowance",
        "Base salary (mức lương cơ sở), VND a month",
        "Mức lương cơ sở (đồng/tháng)",
        Citation(DECREE_73_2024, text="2,340,000 VND a month"),
        DECREE_73_2024_FROM,
        amount=2_340_000,
    ),
    make_rule(
        "reserve.discharge.allowance",
        "allowance",
        "One-off discharge allowance: 2 months' base salary per year served; a remainder of "
        "1–6 months counts 1 month, over 6 months 2 months",
        "Trợ cấp xuất ngũ một lần: mỗi năm phục vụ được 02 tháng lương cơ sở; tháng lẻ từ 01 "
        "đến 06 tháng được 01 tháng, trên 06 tháng được 02 tháng",
        _d27("one-off discharge allowance"),
        DECREE_27_FROM,
        confirmed=False,
        note=_NOTE_27,
        months_per_year=2,
        remainder_split=6,
        remainder_low=1,
        remainder_high=2,
    ),
    make_rule(
        "reserve.discharge.rank_bonus",
        "allowance",
        "Extra allowance: 25 to under 30 months served, 1 month of the rank allowance; 30 "
        "months, 2 months",
        "Trợ cấp thêm: phục vụ từ 25 tháng đến dưới 30 tháng được 01 tháng phụ cấp quân hàm; "
        "đủ 30 tháng được 02 tháng",
        _d27("25–29 months: +1 month of rank allowance; 30 months: +2"),
        DECREE_27_FROM,
        confirmed=False,
        note=_NOTE_27,
        from_months=25,
        full_months=30,
        months_low=1,
        months_full=2,
    ),
    make_rule(
        "reserve.discharge.job_creation",
        "allowance",
        "Job-creation allowance: 6 months' base salary for completing service",
        "Trợ cấp tạo việc làm: 06 tháng lương cơ sở khi hoàn thành nghĩa vụ phục vụ tại ngũ",
        _d27("job-creation allowance for completing service"),
        DECREE_27_FROM,
        confirmed=False,
        note=_NOTE_27 + " Completing service is read as serving the full 24-month term.",
        months=6,
        term_months=24,
    ),
    make_rule(
        "reserve.discharge.farewell",
        "allowance",
        "Farewell meeting: 50,000 VND per person",
        "Tổ chức gặp mặt, chia tay: 50.000 đồng/người",
        _d27("farewell meeting"),
        DECREE_27_FROM,
        confirmed=False,
        note=_NOTE_27,
        amount=50_000,
    ),
    make_rule(
        "reserve.discharge.travel",
        "allowance",
        "Travel costs and travel allowance home (paid by the unit; no amount in the reference)",
        "Tiền tàu xe (hoặc cấp giấy chứng nhận đi đường) và phụ cấp đi đường về nơi cư trú",
        _d27("travel costs and travel allowance"),
        DECREE_27_FROM,
        confirmed=False,
        note=_NOTE_27,
    ),
    make_rule(
        "reserve.discharge.vocational",
        "allowance",
        "Vocational training support (vocational training card, Decree 61/2015 as amended)",
        "Hỗ trợ học nghề (thẻ học nghề, Nghị định 61/2015/NĐ-CP được sửa đổi)",
        _d27("vocational training support under Decree 61/2015"),
        DECREE_27_FROM,
        confirmed=False,
        note="Unverified: validity about 1 year and the cap are not confirmed; Decree 61/2015 "
        "was amended (e.g. by Decree 74/2019).",
    ),
)
