"""The defence works report of a unit: an official report (Decree 30/2020/NĐ-CP layout) in PDF
and the same table in Excel (``muster.documents``: cells that look like formulas are written as
text)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from muster.defence.models import DefenceWork, Drill, Plan
from muster.defence.selectors import progress_of
from muster.documents.tables import (
    Column,
    Kind,
    OfficialReport,
    Section,
    TableDocument,
    vietnamese_date_line,
)
from muster.geo.models import Unit

TITLE = "BÁO CÁO TIẾN ĐỘ CÔNG TRÌNH QUỐC PHÒNG"
UNVERIFIED = (
    "Ghi chú: trình tự các bước là cách hiểu của Muster (chưa được xác minh); chu kỳ phòng thủ "
    "dân sự theo Nghị định 02/2019/NĐ-CP, hiệu lực sau Luật Phòng thủ dân sự 18/2023/QH15 chưa "
    "được xác minh."
)


def works_table(works: Sequence[DefenceWork]) -> TableDocument:
    rows = []
    for i, work in enumerate(works, 1):
        progress = progress_of(work)
        area = f"{work.area.normalize():f} {work.get_area_unit_display()}" if work.area else ""
        rows.append(
            (
                i,
                work.unit.name,
                str(work.get_kind_display()),
                work.name,
                work.location,
                area.replace(".", ","),
                work.budget_planned,
                work.budget_spent,
                f"{progress.approved}/{progress.steps}",
                str(work.get_status_display()),
            )
        )
    return TableDocument(
        title=TITLE,
        columns=(
            Column("TT", Kind.INT, 5),
            Column("Đơn vị", Kind.TEXT, 16),
            Column("Loại", Kind.TEXT, 20),
            Column("Tên công trình", Kind.TEXT, 30),
            Column("Địa điểm", Kind.TEXT, 20),
            Column("Diện tích", Kind.TEXT, 12),
            Column("Kinh phí kế hoạch (đồng)", Kind.INT, 16),
            Column("Đã chi (đồng)", Kind.INT, 16),
            Column("Bước đã duyệt", Kind.TEXT, 10),
            Column("Tình trạng", Kind.TEXT, 14),
        ),
        rows=rows,
        notes=(UNVERIFIED,),
    )


def works_report(
    unit: Unit,
    works: Sequence[DefenceWork],
    plans: Sequence[Plan],
    drills: Sequence[Drill],
    *,
    on: dt.date,
) -> OfficialReport:
    plan_lines = [
        f"{p.unit.name}: {p.title} ({p.first_year}–{p.last_year})"
        + (f", phê duyệt {p.approved_on:%d/%m/%Y}" if p.approved_on else ", chưa phê duyệt")
        for p in plans
    ]
    drill_lines = [
        f"{d.unit.name}: {d.get_kind_display()} — kế hoạch {d.planned_on:%d/%m/%Y}"
        + (f", đã tổ chức {d.held_on:%d/%m/%Y}" if d.held_on else ", chưa tổ chức")
        for d in drills
    ]
    return OfficialReport(
        title=TITLE,
        subtitle=f"{unit.name} — đến ngày {on:%d/%m/%Y}",
        issuer=(f"UBND {unit.name.upper()}", "BAN CHỈ HUY QUÂN SỰ"),
        number="Số:      /BC-BCHQS",
        place_date=vietnamese_date_line(unit.name, on),
        sections=(
            Section("Các công trình quốc phòng", (UNVERIFIED,), works_table(works)),
            Section("Kế hoạch phòng thủ", tuple(plan_lines) or ("Chưa có kế hoạch.",)),
            Section("Diễn tập", tuple(drill_lines) or ("Chưa có diễn tập.",)),
        ),
        recipients=("Như trên;", "Lưu: VT."),
        signature=("CHỈ HUY TRƯỞNG", "", ""),
    )
