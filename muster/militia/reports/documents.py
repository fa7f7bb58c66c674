"""The militia strength report as a workbook (a sheet per commune, a roll-up sheet) and a PDF
(Vietnamese, numbers 1.234,5, dates dd/mm/yyyy), from the same ``TableDocument``s."""

from __future__ import annotations

import datetime as dt

from muster.documents.tables import Cell, Column, Kind, TableDocument, vietnamese_date_line
from muster.militia.reports.figures import COLUMNS, Figures
from muster.militia.reports.selectors import StrengthReport

_COMPONENT_HEADERS = {
    "on_site": "Tại chỗ",
    "mobile": "Cơ động",
    "standing": "Thường trực",
    "other": "Thành phần khác",
    "self_defence": "Tự vệ",
}

#: The figure columns, after the unit's number and name.
FIGURE_COLUMNS: tuple[Column, ...] = (
    *(Column(_COMPONENT_HEADERS[key], Kind.INT, 8) for key in COLUMNS),
    Column("Tổng quân số", Kind.INT, 9),
    Column("Biên chế", Kind.INT, 9),
    Column("Thiếu so biên chế", Kind.INT, 9),
    Column("Đạt % biên chế", Kind.PERCENT, 9),
    Column("Dân số", Kind.INT, 10),
    Column("Tỷ lệ % dân số", Kind.PERCENT, 8),
    Column("Đảng viên", Kind.INT, 8),
    Column("Tỷ lệ % đảng viên", Kind.PERCENT, 8),
    Column("Đoàn viên", Kind.INT, 8),
    Column("Tỷ lệ % đoàn viên", Kind.PERCENT, 8),
    Column("Cán bộ Ban CHQS có bằng QS cơ sở", Kind.INT, 10),
    Column("Cán bộ Ban CHQS chưa có bằng", Kind.INT, 10),
)


def figure_cells(f: Figures) -> list[Cell]:
    """The figure columns of one row, in ``FIGURE_COLUMNS`` order."""
    return [
        *(f.by_component[key] for key in COLUMNS),
        f.members,
        f.establishment,
        f.shortfall,
        f.strength_pct,
        f.population,
        f.ratio_pct,
        f.party,
        f.party_pct,
        f.youth,
        f.youth_pct,
        f.cadres_degree,
        f.cadres_no_degree,
    ]


def _area(report: StrengthReport) -> str:
    return report.unit.name if report.unit is not None else "Toàn địa bàn"


def strength_documents(report: StrengthReport, *, today: dt.date) -> list[TableDocument]:
    """Two tables: one row per commune with the total, and the roll-up (each regional
    command or district, each province, the total)."""
    area = _area(report)
    subtitle = f"{area}, tính đến ngày {report.day:%d/%m/%Y}"
    notes = (
        "Quân số: dân quân tự vệ đang thực hiện nghĩa vụ trong ngày; biên chế: tổng biên chế "
        "các đơn vị cấp cao nhất đang tồn tại (Điều 15 Luật Dân quân tự vệ 48/2019/QH14).",
        "Thiếu so biên chế cộng thiếu của từng xã; cán bộ: Ban chỉ huy quân sự cấp xã "
        "(chỉ huy trưởng, chính trị viên, phó), bằng cao đẳng/đại học ngành quân sự cơ sở.",
    )
    communes = TableDocument(
        title="BÁO CÁO QUÂN SỐ DÂN QUÂN TỰ VỆ",
        subtitle=subtitle,
        issuer=(area.upper(), "BAN CHỈ HUY QUÂN SỰ"),
        place_date=vietnamese_date_line(area, today),
        columns=(Column("STT", Kind.INT, 5), Column("Xã, phường", Kind.TEXT, 22), *FIGURE_COLUMNS),
        rows=[
            [i, row.commune.name, *figure_cells(row.figures)]
            for i, row in enumerate(report.rows, start=1)
        ],
        totals=[None, "Tổng cộng", *figure_cells(report.total)],
        notes=notes,
    )
    rollup_rows: list[list[Cell]] = []
    for label, groups in (("Cấp huyện, khu vực", report.regions), ("Cấp tỉnh", report.provinces)):
        for group in groups:
            name = group.unit.name if group.unit is not None else "—"
            rollup_rows.append([label, name, group.figures.communes, *figure_cells(group.figures)])
    rollup = TableDocument(
        title="TỔNG HỢP THEO BAN CHỈ HUY PHÒNG THỦ KHU VỰC VÀ TỈNH",
        subtitle=subtitle,
        issuer=communes.issuer,
        place_date=communes.place_date,
        columns=(
            Column("Cấp", Kind.TEXT, 14),
            Column("Đơn vị", Kind.TEXT, 20),
            Column("Số xã", Kind.INT, 6),
            *FIGURE_COLUMNS,
        ),
        rows=rollup_rows,
        totals=[None, "Tổng cộng", report.total.communes, *figure_cells(report.total)],
        signature=("CHỈ HUY TRƯỞNG", "", ""),
    )
    return [communes, rollup]
