"""The call-out report (báo cáo kết quả huy động) of one order as a ``TableDocument``, printed
in PDF and Excel: the order's number, kind, signer, assembly place and time and legal basis
(marked "chưa xác minh" where the legal reference has not verified it), then one row per line
with when it was notified, acknowledged and arrived or why it was absent, and the totals.
Vietnamese whatever the interface language: it is an official record."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from muster.documents.tables import Cell, Column, Kind, TableDocument, vietnamese_date_line
from muster.law.mobilisation.rules import AUTHORITY_LABELS, KIND_LABELS, OrderKind
from muster.mobilisation.board.selectors import Board
from muster.mobilisation.groups import group_text
from muster.mobilisation.orders.models import CallOutLine, CallOutOrder


def _hm(at: dt.datetime | None) -> str:
    return "" if at is None else f"{timezone.localtime(at):%d/%m/%Y %H:%M}"


def callout_report(
    order: CallOutOrder, lines: list[CallOutLine], board: Board, *, today: dt.date
) -> TableDocument:
    rows: list[list[Cell]] = []
    for i, line in enumerate(lines, start=1):
        rows.append(
            [
                i,
                line.label,
                group_text(line.force, line.group).vi if line.group else _FORCE_VI[line.force],
                line.headcount,
                _hm(line.notified_at),
                _hm(line.acknowledged_at),
                _hm(line.arrived_at),
                ("Vắng: " + line.absent_reason) if line.absent else "",
            ]
        )
    people, assets = board.people, board.assets
    kind = KIND_LABELS[OrderKind(order.kind)].vi
    basis = order.basis_vi + (
        "" if order.basis_confirmed or "chưa xác minh" in order.basis_vi else " (chưa xác minh)"
    )
    notes = [
        f"Lệnh số {order.number}, ngày {_hm(order.ordered_at)}; người ký: "
        f"{AUTHORITY_LABELS[order.authority].vi} {order.signed_by}.",
        f"Địa điểm tập trung: {order.assembly_place}; thời gian: {_hm(order.assembly_at)}.",
        f"Căn cứ: {basis}.",
        f"Lực lượng: gọi {people['called']}, đã thông báo {people['notified']}, đã nhận lệnh "
        f"{people['acknowledged']}, có mặt {people['arrived']}, vắng {people['absent']}, "
        f"chưa đến {people['waiting']}.",
        f"Phương tiện: gọi {assets['called']}, có mặt {assets['arrived']}, vắng "
        f"{assets['absent']}, chưa đến {assets['waiting']}.",
    ]
    if order.closed_at:
        notes.append(f"Kết thúc huy động: {_hm(order.closed_at)}.")
    name = order.holder.name
    return TableDocument(
        title="BÁO CÁO KẾT QUẢ HUY ĐỘNG LỰC LƯỢNG, PHƯƠNG TIỆN",
        subtitle=f"{kind} – Lệnh số {order.number}",
        issuer=(f"UBND {name.upper()}", "BAN CHỈ HUY QUÂN SỰ"),
        place_date=vietnamese_date_line(name, today),
        columns=(
            Column("STT", Kind.INT, 5),
            Column("Họ và tên / phương tiện", Kind.TEXT, 28),
            Column("Lực lượng", Kind.TEXT, 22),
            Column("Số người", Kind.INT, 8),
            Column("Thông báo", Kind.TEXT, 15),
            Column("Nhận lệnh", Kind.TEXT, 15),
            Column("Có mặt", Kind.TEXT, 15),
            Column("Ghi chú", Kind.TEXT, 24),
        ),
        rows=rows,
        totals=(None, "Tổng cộng", None, people["called"], None, None, None, None),
        signature=("CHỈ HUY TRƯỞNG", "", ""),
        notes=tuple(notes),
    )


_FORCE_VI = {
    "reservist": "Quân nhân dự bị",
    "militia": "Dân quân",
    "other": "Lực lượng khác",
    "asset": "Phương tiện kỹ thuật dự bị",
}
