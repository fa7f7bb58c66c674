"""The reserve's printed papers, as ``TableDocument`` s rendered to PDF by ``muster.documents``:
the reserve soldier card (phiếu quân nhân dự bị, form 3 of the registration forms of Decree
13/2016 Art 3(2)) of one reservist, and the one-off allowances of a discharged soldier
(Decree 27/2016 Arts 7–8). The papers are in Vietnamese, as official forms are."""

from __future__ import annotations

import datetime as dt

from muster.documents.tables import Column, Kind, TableDocument, vietnamese_date_line
from muster.geo.models import Unit
from muster.law.reserve.classes import GroupVerdict
from muster.law.reserve.discharge_allowances import DischargeAllowances
from muster.law.reserve.enums import CLASS_LABELS, KIND_LABELS, ReserveClass, ReservistKind
from muster.law.text import vi_date
from muster.reserve.discharge.models import DischargeReception
from muster.reserve.register.models import Reservist


def issuer(unit: Unit) -> tuple[str, str]:
    """``("UBND XÃ …", "BAN CHỈ HUY QUÂN SỰ")``: the commune military command."""
    return (f"UBND {unit.name.upper()}", "BAN CHỈ HUY QUÂN SỰ")


def _pairs(rows: list[tuple[str, str]]) -> list[list[str | int]]:
    return [[i, label, value] for i, (label, value) in enumerate(rows, start=1)]


_PAIR_COLUMNS = (
    Column("TT", Kind.INT, 5),
    Column("Nội dung", Kind.TEXT, 30),
    Column("Thông tin", Kind.TEXT, 60),
)


def card_document(item: Reservist, group: GroupVerdict, day: dt.date) -> TableDocument:
    """The reserve soldier card of ``item`` on ``day``: identity, kind, class with its
    grounds, group, specialty, rank, registration, and his last health check."""
    person = item.person
    klass = CLASS_LABELS[ReserveClass(item.reserve_class)].vi if item.reserve_class else "—"
    last = item.health_checks.order_by("-checked_on").first()
    rows = [
        ("Họ và tên", person.full_name),
        ("Ngày sinh", vi_date(person.date_of_birth)),
        ("Giới tính", "Nam" if person.sex == "M" else "Nữ"),
        ("Số định danh cá nhân (CCCD)", person.national_id),
        ("Nơi cư trú", person.residence_unit.name if person.residence_unit else item.holder.name),
        ("Nghề nghiệp", person.occupation or "—"),
        ("Loại quân nhân dự bị", KIND_LABELS[ReservistKind(item.kind)].vi),
        ("Hạng", klass),
        ("Căn cứ xếp hạng", item.class_reason_vi or "—"),
        ("Nhóm", group.group.value if group.group else "—"),
        ("Chuyên nghiệp quân sự", f"{item.specialty_code} {item.specialty_name}".strip() or "—"),
        ("Cấp bậc", item.rank or "—"),
    ]
    if item.kind == ReservistKind.OFFICER:
        rows.append(("Chuyên ngành sĩ quan", item.officer_specialty or "—"))
    rows += [
        ("Ngày đăng ký", vi_date(item.registered_on)),
        ("Số giấy chứng nhận đăng ký", item.certificate_number),
        (
            "Kiểm tra sức khỏe gần nhất (Mẫu 1)",
            f"{vi_date(last.checked_on)}, loại {last.grade}" if last else "—",
        ),
    ]
    if item.reception is not None:
        r = item.reception
        rows.append(
            (
                "Thời gian phục vụ tại ngũ",
                f"{vi_date(r.service_started_on)} – {vi_date(r.discharged_on)}",
            )
        )
    return TableDocument(
        title="PHIẾU QUÂN NHÂN DỰ BỊ",
        subtitle=f"{item.holder.name}, ngày {vi_date(day)}",
        issuer=issuer(item.holder),
        place_date=vietnamese_date_line(item.holder.name, day),
        columns=_PAIR_COLUMNS,
        rows=_pairs(rows),
        signature=("CHỈ HUY TRƯỞNG", "", ""),
        landscape=False,
    )


def allowances_document(
    reception: DischargeReception, owed: DischargeAllowances, day: dt.date
) -> TableDocument:
    """The allowances owed to a received soldier, each with how it is counted and its basis."""
    rows: list[list[str | int | None]] = []
    for i, a in enumerate(owed.items, start=1):
        cites = "; ".join(c.label_vi for c in a.rule.citations)
        flag = " (⚠ chưa xác minh)" if not a.confirmed else ""
        rows.append([i, a.rule.title_vi + flag, a.reason.vi, a.amount, cites])
    person = reception.person
    return TableDocument(
        title="CÁC KHOẢN TRỢ CẤP KHI XUẤT NGŨ",
        subtitle=(
            f"{person.full_name}, sinh ngày {vi_date(person.date_of_birth)}; phục vụ từ "
            f"{vi_date(reception.service_started_on)} đến {vi_date(reception.discharged_on)} "
            f"({owed.served.vi})"
        ),
        issuer=issuer(reception.holder),
        place_date=vietnamese_date_line(reception.holder.name, day),
        columns=(
            Column("TT", Kind.INT, 5),
            Column("Khoản trợ cấp", Kind.TEXT, 30),
            Column("Cách tính", Kind.TEXT, 40),
            Column("Số tiền (đồng)", Kind.INT, 14),
            Column("Căn cứ", Kind.TEXT, 30),
        ),
        rows=rows,
        totals=["", "Tổng cộng", "", owed.total, ""],
        notes=(
            "Đơn vị quân đội nơi quân nhân xuất ngũ chi trả các khoản trên; Ban Chỉ huy quân sự "
            "xã theo dõi việc trở lại học tập, làm việc và hỗ trợ học nghề.",
        ),
        signature=("CHỈ HUY TRƯỞNG", "", ""),
    )
