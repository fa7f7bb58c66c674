"""The report to the Standing Committee (báo cáo Ban Thường vụ) built from the board.

An official document is written in Vietnamese whatever the interface language (Decree
30/2020/NĐ-CP layout), so its fixed phrases are Vietnamese here, not translated strings.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from muster.directives.models import Report, ReportStatus
from muster.directives.rollup import Status
from muster.directives.selectors import Board, TargetRow
from muster.documents.tables import (
    Column,
    Kind,
    OfficialReport,
    Section,
    TableDocument,
    vietnamese_date_line,
)

STATUS_VI = {
    Status.DONE: "Hoàn thành",
    Status.ON_TRACK: "Đúng tiến độ",
    Status.AT_RISK: "Có nguy cơ chậm",
    Status.LATE: "Chậm, quá hạn",
    Status.NO_DATA: "Chưa có số liệu",
}
ROMAN = ("I", "II", "III", "IV", "V")


def _number(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = f"{value.normalize():f}"
    whole, _dot, frac = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{frac}" if frac else grouped


def _target_table(rows: list[TargetRow]) -> TableDocument:
    return TableDocument(
        title="",
        columns=(
            Column("Chỉ tiêu", Kind.TEXT, 34),
            Column("Kế hoạch", Kind.TEXT, 11),
            Column("Thực hiện", Kind.TEXT, 10),
            Column("Tỷ lệ (%)", Kind.TEXT, 8),
            Column("Thời hạn", Kind.TEXT, 13),
            Column("Đánh giá", Kind.TEXT, 14),
        ),
        rows=[
            (
                r.target.title + (" [số liệu trực tiếp]" if r.source else ""),
                f"{_number(r.planned)} {r.target.unit_label}".strip(),
                _number(r.achieved),
                _number(r.progress.quantize(Decimal(1))) if r.progress is not None else "—",
                f"{r.target.due_date:%d/%m/%Y}",
                STATUS_VI[r.status],
            )
            for r in rows
        ],
        landscape=False,
    )


def build(
    *, board: Board, period_from: dt.date, period_to: dt.date, reports: list[Report]
) -> OfficialReport:
    """The Standing Committee report for ``period_from``–``period_to`` from ``board`` and the
    approved reports of the period (their results and shortcomings)."""
    directive = board.directive
    # The latest approved report of each unit in the period speaks for the unit.
    latest: dict[int, Report] = {}
    for report in sorted(reports, key=lambda r: (r.period_end, r.revision)):
        if report.status == ReportStatus.APPROVED:
            latest[report.unit_id] = report
    approved = sorted(latest.values(), key=lambda r: r.unit.name)
    sections: list[Section] = [
        Section(
            "I. ĐẶC ĐIỂM TÌNH HÌNH",
            (
                f"Thực hiện {directive.title} ({directive.issuer}, ngày "
                f"{directive.issued_on:%d/%m/%Y}), Đảng ủy Quân sự báo cáo kết quả từ ngày "
                f"{period_from:%d/%m/%Y} đến ngày {period_to:%d/%m/%Y}.",
                f"Tổng số chỉ tiêu: {sum(len(t.targets) for t in board.tasks)}; hoàn thành "
                f"{board.count(Status.DONE)}; đúng tiến độ {board.count(Status.ON_TRACK)}; có "
                f"nguy cơ chậm {board.count(Status.AT_RISK)}; chậm {board.count(Status.LATE)}; "
                f"chưa có số liệu {board.count(Status.NO_DATA)}.",
            ),
        ),
        Section("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ"),
    ]
    for task_row in board.tasks:
        paragraphs = [
            f"{r.unit.name}: {r.results}"
            for r in approved
            if r.results and any(line.target.task_id == task_row.task.pk for line in r.lines.all())
        ]
        if not paragraphs:
            paragraphs = [f"Đánh giá chung: {STATUS_VI[task_row.status]}."]
        sections.append(
            Section(
                f"{task_row.task.order}. {task_row.task.title}",
                paragraphs,
                _target_table(task_row.targets) if task_row.targets else None,
            )
        )
    shortcomings = [f"{r.unit.name}: {r.shortcomings}" for r in approved if r.shortcomings]
    late = [
        f"Chỉ tiêu “{row.target.title}” {STATUS_VI[row.status].lower()}."
        for task in board.tasks
        for row in task.targets
        if row.status in (Status.LATE, Status.AT_RISK)
    ]
    overdue = [
        f"{o.unit.name} chưa nộp báo cáo kỳ {o.period.label()} (hạn {o.due_on:%d/%m/%Y})."
        for o in board.overdue
    ]
    sections.append(
        Section(
            "III. HẠN CHẾ, KHUYẾT ĐIỂM",
            shortcomings + late + overdue or ["Không có hạn chế đáng kể trong kỳ."],
        )
    )
    sections.append(
        Section(
            "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
            (
                "Tiếp tục đôn đốc các cơ quan, đơn vị, địa phương thực hiện các chỉ tiêu chưa "
                "hoàn thành; kiểm tra, báo cáo kết quả đúng thời hạn.",
            ),
        )
    )
    unit_name = directive.unit.name
    return OfficialReport(
        title="BÁO CÁO",
        subtitle=(
            f"Kết quả thực hiện {directive.title[:1].lower()}{directive.title[1:]} "
            f"từ {period_from:%d/%m/%Y} đến {period_to:%d/%m/%Y}"
        ),
        issuer=(f"ĐẢNG BỘ {unit_name.upper()}", "ĐẢNG ỦY QUÂN SỰ"),
        number="Số:      -BC/ĐU",
        place_date=vietnamese_date_line(unit_name, period_to),
        sections=sections,
        recipients=("Ban Thường vụ (để báo cáo)", "Văn phòng cấp ủy (để phối hợp)", "Lưu VT"),
        signature=("T/M ĐẢNG ỦY", "BÍ THƯ", "", "", ""),
    )
