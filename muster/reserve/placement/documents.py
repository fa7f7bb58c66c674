"""The placement list (danh sách sắp xếp quân nhân dự bị vào đơn vị) of a run as a
``TableDocument`` for Excel: one row per reservist placed, by unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from muster.documents.tables import Cell, Column, Kind, TableDocument, vietnamese_date_line
from muster.reserve.placement.models import Placement, PlacementRun

HEADERS = (
    "STT",
    "Đơn vị",
    "Họ và tên",
    "Ngày sinh",
    "Xã, phường",
    "Hạng",
    "CNQS",
    "CNQS vị trí",
    "Đúng CNQS",
    "Dự phòng",
    "Ưu tiên",
    "Lý do",
)


def placement_list(
    run: PlacementRun, placements: Sequence[Placement], *, today: dt.date
) -> TableDocument:
    rows: list[list[Cell]] = []
    for i, p in enumerate(placements, start=1):
        r = p.reservist
        rows.append(
            [
                i,
                f"{p.unit.code} {p.unit.name}",
                r.person.full_name,
                r.person.date_of_birth,
                r.holder.name,
                r.reserve_class,
                r.specialty_code,
                p.specialty,
                "Đúng" if p.right_specialty else "Gần",
                "x" if p.spare else "",
                p.stage,
                p.explanation_vi,
            ]
        )
    return TableDocument(
        title="DANH SÁCH SẮP XẾP QUÂN NHÂN DỰ BỊ VÀO ĐƠN VỊ DỰ BỊ ĐỘNG VIÊN",
        subtitle=f"{run.area.name}, ngày sắp xếp {run.day:%d/%m/%Y}",
        issuer=(run.area.name.upper(), "CƠ QUAN QUÂN SỰ"),
        place_date=vietnamese_date_line(run.area.name, today),
        columns=(
            Column(HEADERS[0], Kind.INT, 5),
            Column(HEADERS[1], Kind.TEXT, 22),
            Column(HEADERS[2], Kind.TEXT, 24),
            Column(HEADERS[3], Kind.DATE, 11),
            Column(HEADERS[4], Kind.TEXT, 14),
            Column(HEADERS[5], Kind.INT, 6),
            Column(HEADERS[6], Kind.TEXT, 8),
            Column(HEADERS[7], Kind.TEXT, 8),
            Column(HEADERS[8], Kind.TEXT, 8),
            Column(HEADERS[9], Kind.TEXT, 8),
            Column(HEADERS[10], Kind.INT, 7),
            Column(HEADERS[11], Kind.TEXT, 60),
        ),
        rows=rows,
        notes=(
            "Căn cứ: Điều 15, 16, 17 Luật Lực lượng dự bị động viên 53/2019/QH14. Danh sách do "
            "hệ thống đề xuất; Ủy ban nhân dân có thẩm quyền quyết định.",
        ),
    )
