"""Printed documents of the reserve's training: the minutes of a meeting (biên bản sinh hoạt,
TT 84/2020) as an ``OfficialReport`` (PDF and Word), and a call's payment list of the training
allowance (Decree 79/2020) as a ``TableDocument`` (PDF and Excel). Vietnamese, amounts in whole
đồng (1.234.567), each rule cited and marked "chưa xác minh" where the legal reference does
not confirm it."""

from __future__ import annotations

import datetime as dt

from muster.documents.tables import (
    Cell,
    Column,
    Kind,
    OfficialReport,
    Section,
    TableDocument,
    vietnamese_date_line,
)
from muster.law.money import Line
from muster.law.reserve.training import meeting_rule
from muster.law.reserve.training_enums import CALL_KIND_LABELS, CallKind, MeetingKind
from muster.reserve.training.models import Meeting, MeetingAttendance
from muster.reserve.training.selectors import PaymentSheet

_MEETING_TITLES = {
    MeetingKind.KHUNG_B: "BIÊN BẢN SINH HOẠT CÁN BỘ KHUNG B",
    MeetingKind.DECEMBER: "BIÊN BẢN SINH HOẠT QUÂN NHÂN DỰ BỊ",
}


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _hours(value: object) -> str:
    return f"{value}".rstrip("0").rstrip(".").replace(".", ",")


def minutes(meeting: Meeting, attendance: list[MeetingAttendance]) -> OfficialReport:
    """The minutes: time, place and who attended; content; conclusions; the attendance list;
    signed by the chair (the secretary named)."""
    kind = MeetingKind(meeting.kind)
    item = meeting_rule(kind, meeting.held_on)
    cited = "; ".join(c.label_vi for c in item.citations)
    commune = meeting.commune.name
    present = [a for a in attendance if a.present]
    absent = [a for a in attendance if not a.present]
    unit = f" {meeting.reserve_unit.name}" if meeting.reserve_unit else ""
    table = TableDocument(
        title="",
        columns=(
            Column("STT", Kind.INT, 5),
            Column("Họ và tên", Kind.TEXT, 26),
            Column("Năm sinh", Kind.INT, 8),
            Column("Có mặt", Kind.TEXT, 10),
        ),
        rows=[
            [
                i,
                a.reservist.person.full_name,
                a.reservist.person.date_of_birth.year,
                "Có" if a.present else "Vắng",
            ]
            for i, a in enumerate(attendance, start=1)
        ],
    )
    quarter = (meeting.held_on.month - 1) // 3 + 1
    period = (
        f"Quý {quarter} năm {meeting.held_on:%Y}"
        if kind == MeetingKind.KHUNG_B
        else f"Tháng 12 năm {meeting.held_on:%Y}"
    )
    basis = f"Căn cứ {cited}." + ("" if item.confirmed else " (chưa xác minh)")
    return OfficialReport(
        title=_MEETING_TITLES[kind],
        subtitle=f"{period}{unit}",
        issuer=(f"UBND {commune.upper()}", "BAN CHỈ HUY QUÂN SỰ"),
        number="",
        place_date=vietnamese_date_line(commune, meeting.held_on),
        sections=(
            Section(
                "I. Thời gian, địa điểm, thành phần",
                (
                    basis,
                    f"Thời gian: ngày {meeting.held_on:%d/%m/%Y}, {_hours(meeting.hours)} giờ.",
                    f"Địa điểm: {meeting.place or '…'}.",
                    f"Chủ trì: {meeting.chair or '…'}. Thư ký: {meeting.secretary or '…'}.",
                    f"Có mặt {len(present)}/{len(attendance)} đồng chí; vắng {len(absent)}.",
                ),
            ),
            Section("II. Nội dung", tuple(meeting.content.splitlines()) or ("…",)),
            Section("III. Kết luận", tuple(meeting.conclusions.splitlines()) or ("…",)),
            Section("IV. Danh sách tham dự", table=table),
        ),
        signature=("CHỦ TRÌ", "", meeting.chair),
    )


def payment_list(sheet: PaymentSheet, *, today: dt.date) -> TableDocument:
    """One row per reservist who attended: days, coefficient, what is paid and on which basis,
    the amount (0 with the reason when nothing is computed), a column to sign; the total."""
    call = sheet.call
    rows: list[list[Cell]] = []
    for i, row in enumerate(sheet.rows, start=1):
        entry = row.entry
        if isinstance(row.line, Line):
            what = row.line.text.vi
            basis = "; ".join(c.label_vi for c in row.line.citations)
            if not row.line.confirmed:
                basis += " (chưa xác minh)"
        else:
            what = row.line.reason.vi
            basis = "; ".join(
                dict.fromkeys(c.label_vi for r in row.line.rules for c in r.citations)
            )
        rows.append(
            [
                i,
                entry.reservist.person.full_name,
                entry.reservist.get_kind_display(),
                entry.days or call.days,
                what,
                row.amount,
                basis,
                "",
            ]
        )
    commune = call.commune.name
    kind = CALL_KIND_LABELS[CallKind(call.kind)].vi
    notes = [
        "Sĩ quan: lương theo cấp bậc (hệ số × lương cơ sở của từng ngày) chia 26 cho mỗi ngày; "
        "hạ sĩ quan, binh sĩ: phụ cấp quân hàm (hệ số × lương cơ sở ngày đầu đợt), 5–15 ngày "
        "bằng 1/2 tháng, 16–31 ngày bằng 01 tháng; người hưởng lương ngân sách do cơ quan chi trả.",
    ]
    if not sheet.confirmed:
        notes.append(
            "Có mức chưa được xác minh trong tài liệu pháp lý: cần đối chiếu trước khi chi."
        )
    return TableDocument(
        title="DANH SÁCH CHI TRẢ CHẾ ĐỘ CHO QUÂN NHÂN DỰ BỊ TẬP TRUNG",
        subtitle=(
            f"{kind}: {call.title}, từ ngày {call.starts_on:%d/%m/%Y} đến ngày "
            f"{call.ends_on:%d/%m/%Y}"
        ),
        issuer=(f"UBND {commune.upper()}", "BAN CHỈ HUY QUÂN SỰ"),
        place_date=vietnamese_date_line(commune, today),
        columns=(
            Column("STT", Kind.INT, 5),
            Column("Họ và tên", Kind.TEXT, 22),
            Column("Loại", Kind.TEXT, 16),
            Column("Số ngày", Kind.INT, 8),
            Column("Nội dung", Kind.TEXT, 34),
            Column("Số tiền (đ)", Kind.INT, 13),
            Column("Căn cứ", Kind.TEXT, 30),
            Column("Ký nhận", Kind.TEXT, 10),
        ),
        rows=rows,
        totals=(None, "Tổng cộng", None, None, None, sheet.total, None, None),
        signature=("CHỈ HUY TRƯỞNG", "", ""),
        notes=tuple(notes),
    )
