"""The reserve's quarterly or yearly report as an official report (Decree 30/2020 layout, PDF
and Word through ``muster.documents``), Vietnamese as the State's documents are."""

from __future__ import annotations

import datetime as dt

from muster.documents.tables import (
    Cell,
    Column,
    Kind,
    OfficialReport,
    Section,
    TableDocument,
    Typed,
    format_cell,
    vietnamese_date_line,
)
from muster.geo.models import COMMUNE_LEVEL_KINDS, LEVEL_WORD_VI, Unit
from muster.law.reserve.enums import ASSET_LABELS
from muster.reserve.reports.periodic import Figures, Period

UNVERIFIED_VI = "chưa xác minh"


def _n(value: int) -> str:
    return format_cell(value, Kind.INT)


def _pct(value: object) -> str:
    return "—" if value is None else format_cell(value, Kind.PERCENT)  # type: ignore[arg-type]


def issuer(area: Unit) -> tuple[str, str]:
    if area.kind in COMMUNE_LEVEL_KINDS:
        level = LEVEL_WORD_VI.get(area.kind, "xã").upper()
        return (f"ỦY BAN NHÂN DÂN {level} {area.name.upper()}", "BAN CHỈ HUY QUÂN SỰ")
    return (area.name.upper(), "BAN CHỈ HUY QUÂN SỰ")


def deadline_line(period: Period) -> str:
    """The deadline of the report and its basis, flagged when the reference has not verified
    the rule."""
    rule = period.rule()
    basis = "; ".join(c.label_vi for c in rule.citations)
    flag = f" ({UNVERIFIED_VI})" if not rule.confirmed else ""
    return f"Thời hạn báo cáo: chậm nhất ngày {period.deadline():%d/%m/%Y} (căn cứ {basis}{flag})."


def _table(headers: tuple[tuple[str, Kind], ...], rows: list[list[Cell]]) -> TableDocument:
    return TableDocument(
        title="",
        columns=tuple(Column(h, k, 30 if k == Kind.TEXT else 12) for h, k in headers),
        rows=rows,
    )


def _figure_table(rows: list[tuple[str, Cell, Kind]]) -> TableDocument:
    return _table(
        (("Chỉ tiêu", Kind.TEXT), ("Số lượng", Kind.INT)),
        [[label, Typed(value, kind)] for label, value, kind in rows],  # type: ignore[arg-type]
    )


def periodic_report(
    area: Unit, period: Period, figures: Figures, *, today: dt.date
) -> OfficialReport:
    s, p, t = figures.strength, figures.placement, figures.training
    strength = _figure_table(
        [
            ("Tổng số quân nhân dự bị", s.total, Kind.INT),
            ("Hạng một", s.class_one, Kind.INT),
            ("Hạng hai", s.class_two, Kind.INT),
            ("Không xếp hạng (sĩ quan, QNCN)", s.no_class, Kind.INT),
            ("Nhóm A", s.group_a, Kind.INT),
            ("Nhóm B", s.group_b, Kind.INT),
            ("Hết tuổi dự bị", s.over_age, Kind.INT),
            ("Sĩ quan dự bị", s.officers, Kind.INT),
            ("QNCN dự bị", s.professionals, Kind.INT),
            ("HSQ, binh sĩ dự bị", s.nco_soldiers, Kind.INT),
            ("Nam", s.men, Kind.INT),
            ("Nữ", s.women, Kind.INT),
        ]
    )
    placement = _figure_table(
        [
            ("Đơn vị dự bị động viên đã sắp xếp", p.units, Kind.INT),
            ("Biên chế (quân số đủ)", p.establishment, Kind.INT),
            ("Đã sắp xếp vào biên chế", p.strength, Kind.INT),
            ("Tỷ lệ đạt biên chế", p.filled_pct, Kind.PERCENT),
            ("Quân số dự phòng đã sắp xếp", p.spare, Kind.INT),
            ("Thiếu so với biên chế", p.shortfall, Kind.INT),
            ("Sắp xếp đúng chuyên nghiệp quân sự", p.right_specialty, Kind.INT),
            ("Tỷ lệ đúng chuyên nghiệp quân sự", p.right_pct, Kind.PERCENT),
        ]
    )
    assets = _table(
        (
            ("Loại phương tiện", Kind.TEXT),
            ("Đăng ký", Kind.INT),
            ("Nhu cầu", Kind.INT),
            ("Đã sắp xếp", Kind.INT),
            ("Thiếu", Kind.INT),
        ),
        [
            [ASSET_LABELS[k].vi, a.registered, a.needed, a.assigned, a.shortfall]
            for k, a in figures.assets.items()
        ],
    )
    a = figures.asset_total
    assets = TableDocument(
        title="",
        columns=assets.columns,
        rows=assets.rows,
        totals=["Tổng cộng", a.registered, a.needed, a.assigned, a.shortfall],
    )
    c = figures.callouts
    activity = [
        f"Huấn luyện, diễn tập, kiểm tra sẵn sàng động viên kết thúc trong kỳ: {_n(t.calls)} "
        f"đợt gọi, {_n(t.people)} lượt quân nhân dự bị tham gia, {_n(t.days)} ngày công.",
    ]
    if c is not None:
        activity.append(
            f"Lệnh gọi quân nhân dự bị ban hành trong kỳ: {_n(c.orders)} lệnh; gọi "
            f"{_n(c.called)} người, có mặt {_n(c.arrived)}, vắng mặt {_n(c.absent)}."
        )
    place = area.name
    return OfficialReport(
        title="BÁO CÁO",
        subtitle=f"Kết quả công tác dự bị động viên {period.label_vi}",
        issuer=issuer(area),
        number="Số:       /BC-BCHQS",
        place_date=vietnamese_date_line(place, today),
        sections=(
            Section(
                "Thời gian, phạm vi",
                (
                    f"Địa bàn: {area.name}. Kỳ báo cáo từ {figures.first:%d/%m/%Y} đến "
                    f"{figures.last:%d/%m/%Y}; số liệu tính đến ngày {figures.day:%d/%m/%Y}.",
                    deadline_line(period),
                ),
            ),
            Section("I. Quân số quân nhân dự bị", (), strength),
            Section(
                "II. Sắp xếp quân nhân dự bị vào đơn vị",
                (
                    "Theo kết quả sắp xếp gần nhất của từng đơn vị đến ngày báo cáo; tỷ lệ đúng "
                    "chuyên nghiệp quân sự tính trên tổng số đã sắp xếp (biên chế và dự phòng).",
                ),
                placement,
            ),
            Section("III. Phương tiện kỹ thuật dự bị", (), assets),
            Section("IV. Huấn luyện và gọi quân nhân dự bị trong kỳ", tuple(activity)),
        ),
        recipients=("Ban Chỉ huy quân sự cấp trên", "Lưu: VT"),
        signature=("CHỈ HUY TRƯỞNG", "(Ký, ghi rõ họ tên)", ""),
    )
