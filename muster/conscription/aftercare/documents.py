"""The allowance payment list (danh sách chi trả tiền ăn, tiền đi lại) of a commune for a
period, as a ``TableDocument`` printed in PDF and Excel (Vietnamese, numbers 1.234)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from muster.conscription.aftercare.models import Activity, AllowanceLine
from muster.conscription.aftercare.selectors import PaymentSheet
from muster.documents.tables import Cell, Column, Kind, TableDocument, vietnamese_date_line
from muster.law.callup.aftercare import citation_text_vi, day_fraction

_ACTIVITY_VI = {
    Activity.REGISTRATION: "Đăng ký",
    Activity.SCREENING: "Sơ tuyển",
    Activity.EXAMINATION: "Khám tuyển",
}


def _days(lines: list[AllowanceLine]) -> Decimal:
    """The days a citizen counts: 1 for each day of 4 hours or more, ½ for less."""
    return sum((day_fraction(x.hours, x.day) for x in lines), Decimal(0))


def payment_list(sheet: PaymentSheet, *, today: dt.date) -> TableDocument:
    """One row per citizen the commune command pays: the days attended (1 or ½ each), the food
    allowance, the travel costs, the total and a column to sign; then the totals."""
    rows: list[list[Cell]] = []
    total_days = Decimal(0)
    for i, row in enumerate(sheet.commune_rows, start=1):
        kinds = sorted({_ACTIVITY_VI[Activity(x.activity)] for x in row.lines})
        days = _days(row.lines)
        total_days += days
        rows.append(
            [
                i,
                row.person.full_name,
                row.person.date_of_birth.year,
                ", ".join(kinds),
                row.days,
                days,
                row.food,
                row.travel,
                row.total,
                "",
            ]
        )
    unit_name = sheet.unit.name
    notes = [
        "Căn cứ: " + "; ".join(citation_text_vi(r) for r in sheet.rules) if sheet.rules else "",
        "Từ 4 giờ trở lên tính 1 ngày, dưới 4 giờ tính nửa ngày. Công dân có cơ quan, tổ chức, "
        "nhà trường: do cơ quan, tổ chức, nhà trường chi trả "
        f"({len(sheet.employer_lines)} lượt, không ghi trong danh sách này).",
        "Mức tiền ăn lấy theo quy định đang áp dụng; chưa xác minh mức hiện hành.",
    ]
    return TableDocument(
        title="DANH SÁCH CHI TRẢ TIỀN ĂN, TIỀN ĐI LẠI",
        subtitle=(
            "Công dân đăng ký nghĩa vụ quân sự, sơ tuyển, khám sức khỏe "
            f"từ ngày {sheet.start:%d/%m/%Y} đến ngày {sheet.end:%d/%m/%Y}"
        ),
        issuer=(f"UBND {unit_name.upper()}", "BAN CHỈ HUY QUÂN SỰ"),
        place_date=vietnamese_date_line(unit_name, today),
        columns=(
            Column("STT", Kind.INT, 5),
            Column("Họ và tên", Kind.TEXT, 24),
            Column("Năm sinh", Kind.INT, 8),
            Column("Nội dung", Kind.TEXT, 16),
            Column("Ngày có mặt", Kind.TEXT, 18),
            Column("Số ngày", Kind.DECIMAL, 8),
            Column("Tiền ăn (đ)", Kind.INT, 12),
            Column("Tiền đi lại (đ)", Kind.INT, 12),
            Column("Cộng (đ)", Kind.INT, 12),
            Column("Ký nhận", Kind.TEXT, 12),
        ),
        rows=rows,
        totals=(
            None,
            "Tổng cộng",
            None,
            None,
            None,
            total_days,
            sheet.commune_food,
            sheet.commune_travel,
            sheet.commune_total,
            None,
        ),
        signature=("CHỈ HUY TRƯỞNG", "", ""),
        notes=tuple(n for n in notes if n),
    )
