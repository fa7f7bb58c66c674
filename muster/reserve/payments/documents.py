"""The payment lists of the placement allowances (Decree 79/2020) as ``TableDocument`` (PDF and
Excel): one row per reservist with his unit, post or kind, the days / months counted, what is
paid or why not, the amount, the basis (marked "chưa xác minh" where the legal reference does
not confirm the rule) and a column to sign; the total."""

from __future__ import annotations

import datetime as dt

from muster.documents.tables import Cell, Column, Kind, TableDocument, vietnamese_date_line
from muster.reserve.payments.selectors import ListKind, PaymentList

_TITLES = {
    ListKind.OFFICERS: "DANH SÁCH CHI PHỤ CẤP SĨ QUAN DỰ BỊ ĐÃ XẾP VÀO ĐƠN VỊ",
    ListKind.SOLDIERS: (
        "DANH SÁCH CHI PHỤ CẤP QUÂN NHÂN CHUYÊN NGHIỆP, HẠ SĨ QUAN, BINH SĨ DỰ BỊ ĐÃ XẾP VÀO ĐƠN VỊ"
    ),
    ListKind.KHUNG_B: "DANH SÁCH CHI PHỤ CẤP CÁN BỘ KHUNG B ĐƠN VỊ DỰ BỊ ĐỘNG VIÊN",
}
_COUNTED = {
    ListKind.OFFICERS: "Số ngày trong đơn vị",
    ListKind.SOLDIERS: "Số tháng liên tục",
    ListKind.KHUNG_B: "Số ngày giữ chức vụ",
}


def payment_document(sheet: PaymentList, *, today: dt.date) -> TableDocument:
    kind = sheet.period.kind
    rows: list[list[Cell]] = []
    for i, line in enumerate(sheet.lines, start=1):
        basis = line.citation_vi
        if line.paid and not line.confirmed:
            basis += " (chưa xác minh)"
        what = line.line.text.vi if line.paid else line.line.reason.vi  # type: ignore[union-attr]
        rows.append(
            [
                i,
                line.reservist.person.full_name,
                line.unit.code if line.unit else "",
                line.post if kind == ListKind.KHUNG_B else line.reservist.get_kind_display(),
                line.counted,
                what,
                line.amount,
                basis,
                "",
            ]
        )
    notes = [
        "Thời gian trong đơn vị tính theo các lần sắp xếp: từ ngày của lần sắp xếp xếp vào đơn vị "
        "đến hết ngày trước ngày của lần sắp xếp sau không còn xếp vào đơn vị đó.",
    ]
    if not sheet.confirmed:
        notes.append(
            "Có mức chưa được xác minh trong tài liệu pháp lý: cần đối chiếu trước khi chi."
        )
    area = sheet.area.name
    return TableDocument(
        title=_TITLES[kind],
        subtitle=f"{area}, {sheet.period.label_vi}",
        issuer=(f"UBND {area.upper()}", "BAN CHỈ HUY QUÂN SỰ"),
        place_date=vietnamese_date_line(area, today),
        columns=(
            Column("STT", Kind.INT, 5),
            Column("Họ và tên", Kind.TEXT, 22),
            Column("Đơn vị", Kind.TEXT, 10),
            Column("Chức vụ" if kind == ListKind.KHUNG_B else "Loại", Kind.TEXT, 16),
            Column(_COUNTED[kind], Kind.INT, 9),
            Column("Nội dung", Kind.TEXT, 32),
            Column("Số tiền (đ)", Kind.INT, 12),
            Column("Căn cứ", Kind.TEXT, 26),
            Column("Ký nhận", Kind.TEXT, 10),
        ),
        rows=rows,
        totals=(None, "Tổng cộng", None, None, None, None, sheet.total, None, None),
        signature=("CHỈ HUY TRƯỞNG", "", ""),
        notes=tuple(notes),
    )
