"""The payment list of a training session's daily work allowance (danh sách chi trả trợ cấp
ngày công lao động, Decree 72/2020 Art 11 as amended by Decree 16/2025) as a
``TableDocument`` printed in PDF and Excel (Vietnamese, amounts 1.234.567 đ)."""

from __future__ import annotations

import datetime as dt

from muster.documents.tables import Cell, Column, Kind, TableDocument, vietnamese_date_line
from muster.militia.training.selectors import PaymentSheet


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đ"


def payment_list(sheet: PaymentSheet, *, today: dt.date) -> TableDocument:
    """One row per member paid: unit, days attended, the daily rate, the sum, a column to
    sign; then the totals, and the rule cited (with "chưa xác minh" when the legal reference
    does not confirm it)."""
    session = sheet.session
    commune = session.plan.holder.name
    rate = sheet.rate.amount if sheet.rate else 0
    rows: list[list[Cell]] = []
    for i, row in enumerate(sheet.rows, start=1):
        m = row.membership
        rows.append(
            [
                i,
                m.person.full_name,
                m.person.date_of_birth.year,
                m.unit.name if m.unit else "",
                row.days,
                _money(rate),
                _money(row.amount),
                "",
            ]
        )
    notes = []
    if sheet.rate is not None:
        cited = "; ".join(c.label_vi for c in sheet.rate.citations)
        notes.append(
            f"Căn cứ: {cited}. Mức trợ cấp ngày công lao động áp dụng ngày "
            f"{session.starts_on:%d/%m/%Y}: {_money(rate)}/ngày (mức tối thiểu; cấp tỉnh có "
            "thể quy định cao hơn)."
        )
        if not sheet.rate.confirmed:
            notes.append("Mức này chưa xác minh.")
    else:
        notes.append(f"Không có quy định về mức trợ cấp vào ngày {session.starts_on:%d/%m/%Y}.")
    if sheet.standing:
        notes.append(
            f"Dân quân thường trực ({sheet.standing} người) không hưởng trợ cấp ngày công lao "
            "động, không ghi trong danh sách này."
        )
    return TableDocument(
        title="DANH SÁCH CHI TRẢ TRỢ CẤP NGÀY CÔNG LAO ĐỘNG",
        subtitle=(
            f"{session.subject}, {session.place}, từ ngày {session.starts_on:%d/%m/%Y} "
            f"đến ngày {session.ends_on:%d/%m/%Y}"
        ),
        issuer=(f"UBND {commune.upper()}", "BAN CHỈ HUY QUÂN SỰ"),
        place_date=vietnamese_date_line(commune, today),
        columns=(
            Column("STT", Kind.INT, 5),
            Column("Họ và tên", Kind.TEXT, 24),
            Column("Năm sinh", Kind.INT, 8),
            Column("Đơn vị", Kind.TEXT, 18),
            Column("Số ngày", Kind.INT, 8),
            Column("Mức/ngày", Kind.TEXT, 12),
            Column("Thành tiền", Kind.TEXT, 14),
            Column("Ký nhận", Kind.TEXT, 12),
        ),
        rows=rows,
        totals=(None, "Tổng cộng", None, None, sheet.days, None, _money(sheet.total), None),
        signature=("CHỈ HUY TRƯỞNG", "", ""),
        notes=tuple(notes),
    )
