"""The certificate list of a year (danh sách cấp chứng chỉ bồi dưỡng kiến thức QP-AN) as a
``TableDocument``, printed in PDF (Decree 30/2020 header, Vietnamese fonts) and Excel (cells
that look like formulas written as text by ``muster.documents.excel``). Vietnamese; an issuer
the legal reference cannot confirm is marked "chưa kiểm chứng"."""

from __future__ import annotations

import datetime as dt

from muster.documents.tables import Cell, Column, Kind, TableDocument, vietnamese_date_line
from muster.education.models import Certificate
from muster.geo.models import Unit


def certificate_list(
    certificates: list[Certificate], *, year: int, unit: Unit | None, today: dt.date
) -> TableDocument:
    rows: list[list[Cell]] = []
    unverified = False
    for i, cert in enumerate(certificates, start=1):
        member = cert.member
        issuer = cert.issuer_name
        if not cert.issuer_verified:
            issuer += " (chưa kiểm chứng)"
            unverified = True
        rows.append(
            [
                i,
                member.full_name,
                member.birth_year,
                member.post,
                member.unit.name,
                member.group,
                cert.number,
                cert.issued_on,
                issuer,
            ]
        )
    place = unit.name if unit is not None else ""
    notes = [
        "Đối tượng theo Điều 2 Nghị định 13/2014/NĐ-CP (sửa đổi bởi Nghị định 139/2020/NĐ-CP); "
        "thẩm quyền cấp chứng chỉ theo Điều 5 Nghị định 13/2014/NĐ-CP.",
    ]
    if unverified:
        notes.append(
            "Từ 01/7/2025, việc phân công đối tượng 4 theo Nghị định 220/2025/NĐ-CP chưa được "
            "kiểm chứng trong tài liệu pháp lý: cần đối chiếu trước khi cấp."
        )
    return TableDocument(
        title="DANH SÁCH CẤP CHỨNG CHỈ BỒI DƯỠNG KIẾN THỨC QUỐC PHÒNG VÀ AN NINH",
        subtitle=f"Năm {year}" + (f" — {place}" if place else ""),
        issuer=(f"UBND {place.upper()}" if place else "ỦY BAN NHÂN DÂN", "BAN CHỈ HUY QUÂN SỰ"),
        place_date=vietnamese_date_line(place or "…", today),
        columns=(
            Column("STT", Kind.INT, 5),
            Column("Họ và tên", Kind.TEXT, 22),
            Column("Năm sinh", Kind.INT, 8),
            Column("Chức vụ", Kind.TEXT, 24),
            Column("Đơn vị", Kind.TEXT, 16),
            Column("Đối tượng", Kind.INT, 8),
            Column("Số chứng chỉ", Kind.TEXT, 18),
            Column("Ngày cấp", Kind.DATE, 11),
            Column("Cơ quan cấp", Kind.TEXT, 30),
        ),
        rows=rows,
        signature=("CHỈ HUY TRƯỞNG", "", ""),
        notes=tuple(notes),
    )
