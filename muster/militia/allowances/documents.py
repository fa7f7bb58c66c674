"""The month's allowance payment list of a commune's militia (danh sách chi trả phụ cấp, trợ
cấp dân quân) as a ``TableDocument``, printed in PDF and Excel: Vietnamese headers, amounts in
whole đồng (1.234.567), one row per line with its legal basis, the total, signatures."""

from __future__ import annotations

import datetime as dt

from muster.documents.tables import Cell, Column, Kind, TableDocument, vietnamese_date_line
from muster.militia.allowances.lines import MonthList

_KIND_VI = {
    "post": "Phụ cấp chức vụ",
    "village_monthly": "Phụ cấp hằng tháng thôn đội trưởng",
    "daily_work": "Trợ cấp ngày công lao động",
    "top_up": "Trợ cấp tăng thêm",
    "seniority": "Phụ cấp thâm niên",
    "special_defence": "Phụ cấp đặc thù quốc phòng, quân sự",
    "sea_duty": "Trợ cấp làm nhiệm vụ trên biển",
    "deputy_one_off": "Trợ cấp một lần Chỉ huy phó",
    "standing_completion": "Trợ cấp một lần dân quân thường trực",
}
_SOURCE_VI = {
    "law": "Mức quy định",
    "floor": "Mức tối thiểu",
    "province": "Mức của tỉnh",
    "mixed": "Mức của tỉnh và mức tối thiểu",
}


def payment_list(month: MonthList, *, today: dt.date) -> TableDocument:
    """One row per line: the member, what is paid, the days, the amount, where the amount
    comes from (the law, its floor or the province's decision), the legal basis (marked
    "chưa xác minh" where the legal reference has not verified it) and a column to sign."""
    rows: list[list[Cell]] = []
    for i, line in enumerate(month.lines, start=1):
        basis = "; ".join(c.label_vi for c in line.citations)
        if not line.confirmed:
            basis += " (chưa xác minh)"
        source = _SOURCE_VI[line.source]
        if line.decision:
            source += f" ({line.decision})"
        rows.append(
            [
                i,
                line.person.full_name,
                _KIND_VI[line.kind],
                line.text.vi,
                line.days,
                line.amount,
                source,
                basis,
                "",
            ]
        )
    name = month.commune.name
    notes = [
        "Tháng có thay đổi mức (tháng 3/2025): mỗi ngày tính theo mức đang áp dụng của ngày "
        "đó, bằng 1/(số ngày của tháng) mức tháng; làm tròn đến đồng.",
    ]
    if month.entitlements:
        notes.append(
            "Chế độ không chi trên danh sách này: "
            + "; ".join(
                f"{e.person.full_name}: {e.entitlement.text.vi}" for e in month.entitlements
            )
            + "."
        )
    if not month.confirmed:
        notes.append(
            "Có mức chưa được xác minh trong tài liệu pháp lý: cần đối chiếu trước khi chi."
        )
    return TableDocument(
        title="DANH SÁCH CHI TRẢ PHỤ CẤP, TRỢ CẤP DÂN QUÂN",
        subtitle=f"Tháng {month.first:%m/%Y}",
        issuer=(f"UBND {name.upper()}", "BAN CHỈ HUY QUÂN SỰ"),
        place_date=vietnamese_date_line(name, today),
        columns=(
            Column("STT", Kind.INT, 5),
            Column("Họ và tên", Kind.TEXT, 22),
            Column("Khoản", Kind.TEXT, 18),
            Column("Nội dung", Kind.TEXT, 34),
            Column("Số ngày", Kind.INT, 8),
            Column("Số tiền (đ)", Kind.INT, 13),
            Column("Mức áp dụng", Kind.TEXT, 16),
            Column("Căn cứ", Kind.TEXT, 30),
            Column("Ký nhận", Kind.TEXT, 10),
        ),
        rows=rows,
        totals=(None, "Tổng cộng", None, None, None, month.total, None, None, None),
        signature=("CHỈ HUY TRƯỞNG", "", ""),
        notes=tuple(notes),
    )
