"""The printed record of a violation case (hồ sơ vụ vi phạm), an ``OfficialReport`` rendered by
the shared ``muster.documents.pdf`` (embedded DejaVu fonts)."""

from __future__ import annotations

import datetime as dt

from muster.audit.models import AuditEvent
from muster.conscription.violations.models import ViolationCase, ViolationState
from muster.conscription.violations.selectors.timeline import TimelineEntry
from muster.conscription.violations.services.authority import unit_words
from muster.documents.tables import Column, Kind, OfficialReport, Section, TableDocument
from muster.documents.tables import vietnamese_date_line as date_line
from muster.law.callup.violations import good_reasons
from muster.law.callup.violations import repeats as repeat_rules

_STATE_VI = {
    ViolationState.OPEN: "Mới lập",
    ViolationState.NOTICE_SERVED: "Đã giao thông báo",
    ViolationState.GOOD_REASON: "Kết thúc: có lý do chính đáng",
    ViolationState.PENALISED: "Đã quyết định xử phạt",
    ViolationState.PAID: "Đã nộp phạt",
    ViolationState.ESCALATED: "Đã chuyển truy cứu trách nhiệm hình sự",
    ViolationState.CLOSED: "Kết thúc",
}


def _vnd(amount: int | None) -> str:
    return f"{amount or 0:,}".replace(",", ".") + " đồng"


def case_report(
    case: ViolationCase,
    entries: list[TimelineEntry],
    trail: list[AuditEvent],
    printed_on: dt.date,
    kind_vi: str,
) -> OfficialReport:
    person = case.person
    unit = case.unit
    band = (
        "Phạt cảnh cáo"
        if case.warning_only
        else f"Phạt tiền từ {_vnd(case.fine_min)} đến {_vnd(case.fine_max)}"
    )
    if not case.band_confirmed:
        band += " (khung chưa được xác nhận từ văn bản gốc, cần đối chiếu)"
    remedy = case.remedial_measures or "không"
    if case.remedial_measures and not case.remedial_confirmed:
        remedy += " (chưa được xác nhận từ văn bản gốc, cần đối chiếu)"
    if person is not None:
        facts = [
            f"Họ và tên: {person.full_name}; ngày sinh: {person.date_of_birth:%d/%m/%Y}; "
            f"số định danh: {person.national_id}.",
            f"Nơi đăng ký NVQS: {unit_words(unit)}.",
        ]
    elif case.is_organisation:
        facts = [
            f"Tên cơ quan, tổ chức: {case.offender_name}.",
            f"Địa chỉ: {case.offender_address}; thuộc địa bàn {unit_words(unit)}.",
        ]
    else:
        facts = [
            f"Họ và tên: {case.offender_name}.",
            f"Địa chỉ: {case.offender_address}; thuộc địa bàn {unit_words(unit)}.",
        ]
    act = [
        f"Hành vi: {kind_vi}.",
        f"Ngày thực hiện hành vi: {case.occurred_on:%d/%m/%Y}.",
        f"Nội dung sự việc: {case.facts}",
    ]
    if case.repeat_of_id is not None and case.repeat_of is not None:
        act.append(
            f"Tái phạm: đã bị xử phạt về hành vi này theo quyết định số "
            f"{case.repeat_of.decision_number} ngày {case.repeat_of.decided_on:%d/%m/%Y}."
        )
    if repeat_rules.is_evasion(case.kind, case.occurred_on):
        act.append("Hành vi thuộc trường hợp trốn tránh thực hiện nghĩa vụ quân sự.")
    basis = [
        f"Văn bản áp dụng (theo ngày thực hiện hành vi): {case.decree}.",
        f"Căn cứ: {case.penalty_citation}.",
        f"Hình thức, mức phạt: {band}.",
        f"Biện pháp khắc phục hậu quả: {remedy}.",
    ]
    notices = TableDocument(
        title="",
        columns=(
            Column("Ngày giao", Kind.DATE, width=12),
            Column("Người nhận", width=22),
            Column("Nội dung", width=48),
            Column("Hạn trả lời", Kind.DATE, width=12),
        ),
        rows=[(n.served_on, n.served_to, n.content, n.respond_by) for n in case.notices.all()],
    )
    outcome: list[str] = []
    if case.state == ViolationState.GOOD_REASON:
        reason = good_reasons.good_reason(case.good_reason, case.occurred_on)
        outcome.append(
            f"Có lý do chính đáng: {reason.title_vi if reason else case.good_reason}. "
            f"{case.good_reason_note}"
        )
    if case.decided_on:
        outcome.append(
            f"Quyết định xử phạt số {case.decision_number} ngày {case.decided_on:%d/%m/%Y} "
            f"của {case.decided_by}: "
            + ("phạt cảnh cáo." if case.warning_only else f"phạt tiền {_vnd(case.fine_amount)}.")
            + (
                f" Biện pháp khắc phục hậu quả: {case.remedial_measures}."
                if case.remedial_measures
                else ""
            )
        )
    if case.fine_amount:
        left = case.fine_amount - (case.paid_amount or 0)
        outcome.append(
            f"Đã nộp: {_vnd(case.paid_amount)}"
            + (f" (lần cuối ngày {case.paid_on:%d/%m/%Y})" if case.paid_on else "")
            + (f"; còn phải nộp: {_vnd(left)}." if left else "; đã nộp đủ.")
        )
    if case.escalated_on:
        outcome.append(
            f"Ngày {case.escalated_on:%d/%m/%Y} chuyển hồ sơ đề nghị truy cứu trách nhiệm hình "
            f"sự (Điều 332 Bộ luật Hình sự): {case.escalation_note}."
        )
    if case.state == ViolationState.CLOSED and case.closed_on:
        outcome.append(f"Kết thúc ngày {case.closed_on:%d/%m/%Y}: {case.closing_note}.")
    timeline = TableDocument(
        title="",
        columns=(
            Column("Ngày", Kind.DATE, width=12),
            Column("Bước", width=30),
            Column("Chi tiết", width=52),
        ),
        rows=[(e.day, e.title, e.detail) for e in entries],
    )
    audit = TableDocument(
        title="",
        columns=(
            Column("STT", Kind.INT, width=6),
            Column("Thời điểm", width=20),
            Column("Người thực hiện", width=18),
            Column("Thao tác", width=20),
        ),
        rows=[(e.seq, f"{e.occurred_at:%d/%m/%Y %H:%M}", e.actor_label, e.action) for e in trail],
    )
    return OfficialReport(
        title="HỒ SƠ VỤ VI PHẠM LUẬT NGHĨA VỤ QUÂN SỰ",
        subtitle=f"Trạng thái: {_STATE_VI.get(ViolationState(case.state), case.state)}",
        issuer=("BAN CHỈ HUY QUÂN SỰ", unit_words(unit).upper()),
        number=f"Mã hồ sơ: {str(case.public_id)[:8].upper()}",
        place_date=date_line(unit.name, printed_on),
        sections=(
            Section(
                "1. Tổ chức vi phạm" if case.is_organisation else "1. Người vi phạm",
                tuple(facts),
            ),
            Section("2. Hành vi vi phạm", tuple(act)),
            Section("3. Căn cứ xử phạt", tuple(basis)),
            Section(
                "4. Thông báo, giấy mời đã giao",
                () if notices.rows else ("Chưa giao thông báo nào.",),
                table=notices if notices.rows else None,
            ),
            Section("5. Kết quả xử lý", tuple(outcome) or ("Chưa xử lý.",)),
            Section("6. Diễn biến", table=timeline),
            Section("7. Nhật ký thao tác (chuỗi kiểm toán)", table=audit),
        ),
        recipients=(
            "Tổ chức vi phạm" if case.is_organisation else "Người vi phạm",
            "Lưu hồ sơ",
        ),
        signature=("NGƯỜI LẬP HỒ SƠ", "", ""),
    )
