"""Documents of the reserve technical assets: the yearly registration report (per commune and
for the area, Excel) and the notice to an asset's owner (PDF and Word). Vietnamese, as the
State's documents are."""

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
from muster.geo.models import LEVEL_WORD_VI, Unit
from muster.law import book
from muster.law.reserve.asset_rules import ASSET_RULES
from muster.law.reserve.enums import ASSET_LABELS, AssetKind
from muster.reserve.assets.models import Asset, AssetAssignment, OwnerKind
from muster.reserve.assets.rounds import AreaReport, RoundReport, Tally

_COUNT_HEADERS = (
    "Đầu kỳ",
    "Xác nhận không đổi",
    "Cập nhật",
    "Đăng ký mới",
    "Xóa đăng ký",
    "Chưa kiểm tra",
    "Cuối kỳ",
)
_OWNER_VI = {
    OwnerKind.CITIZEN: "Công dân",
    OwnerKind.AGENCY: "Cơ quan, tổ chức",
    OwnerKind.ENTERPRISE: "Doanh nghiệp",
}
_UNVERIFIED = "Chưa xác minh"


def _issuer(commune: Unit) -> tuple[str, str]:
    level = LEVEL_WORD_VI.get(commune.kind, "xã").upper()
    return (f"ỦY BAN NHÂN DÂN {level} {commune.name.upper()}", "BAN CHỈ HUY QUÂN SỰ")


def _count_columns(first: tuple[Column, ...]) -> tuple[Column, ...]:
    return (*first, *(Column(h, Kind.INT, 11) for h in _COUNT_HEADERS))


def _basis(day: dt.date) -> str:
    yearly = book.rule("reserve.assets.registration_yearly", day)
    period = book.rule("reserve.assets.registration_period", day)
    parts = [c.label_vi for c in yearly.citations]
    if not yearly.confirmed:
        parts[-1] += f" ({_UNVERIFIED.lower()})"
    note = (
        "thời gian đăng ký do xã ấn định; văn bản chưa quy định ngày cụ thể"
        if not period.confirmed
        else ""
    )
    return "Căn cứ: " + "; ".join(parts) + (f" ({note})" if note else "") + "."


def _kind_rows(
    by_kind: dict[AssetKind, Tally], total: Tally
) -> tuple[list[list[Cell]], list[Cell]]:
    rows: list[list[Cell]] = [
        [i, ASSET_LABELS[kind].vi, *tally.values()]
        for i, (kind, tally) in enumerate(by_kind.items(), start=1)
    ]
    return rows, ["", "Tổng cộng", *total.values()]


def round_table(report: RoundReport, *, today: dt.date) -> TableDocument:
    """The report of one commune's yearly registration, by kind."""
    item = report.round
    rows, totals = _kind_rows(report.by_kind, report.total)
    return TableDocument(
        title="BÁO CÁO KẾT QUẢ ĐĂNG KÝ PHƯƠNG TIỆN KỸ THUẬT DỰ BỊ",
        subtitle=(
            f"{item.holder.name}, năm {item.year} "
            f"(từ {item.opened_on:%d/%m/%Y} đến {item.closed_on:%d/%m/%Y})"
        ),
        issuer=_issuer(item.holder),
        place_date=vietnamese_date_line(item.holder.name, today),
        columns=_count_columns(
            (Column("STT", Kind.INT, 5), Column("Loại phương tiện", Kind.TEXT, 34))
        ),
        rows=rows,
        totals=totals,
        signature=("CHỈ HUY TRƯỞNG", "(Ký, ghi rõ họ tên)"),
        notes=(_basis(item.opened_on),),
    )


def area_tables(
    report: AreaReport, *, place: str, today: dt.date
) -> list[tuple[str, TableDocument]]:
    """The area's report of ``report.year``: by commune and kind, then by kind."""
    lines: list[list[Cell]] = []
    for i, rr in enumerate(report.reports, start=1):
        for kind, tally in rr.by_kind.items():
            lines.append([i, rr.round.holder.name, ASSET_LABELS[kind].vi, *tally.values()])
    missing = ", ".join(c.name for c in report.missing)
    notes = [_basis(dt.date(report.year, 12, 31))]
    if missing:
        notes.append(f"Chưa tổ chức đăng ký năm {report.year}: {missing}.")
    by_commune = TableDocument(
        title="TỔNG HỢP ĐĂNG KÝ PHƯƠNG TIỆN KỸ THUẬT DỰ BỊ THEO XÃ",
        subtitle=f"Năm {report.year}",
        place_date=vietnamese_date_line(place, today),
        columns=_count_columns(
            (
                Column("STT", Kind.INT, 5),
                Column("Xã, phường", Kind.TEXT, 18),
                Column("Loại phương tiện", Kind.TEXT, 30),
            )
        ),
        rows=lines,
        totals=["", "Tổng cộng", "", *report.total.values()],
        notes=tuple(notes),
    )
    rows, totals = _kind_rows(report.by_kind, report.total)
    by_kind = TableDocument(
        title="TỔNG HỢP ĐĂNG KÝ PHƯƠNG TIỆN KỸ THUẬT DỰ BỊ THEO LOẠI",
        subtitle=f"Năm {report.year}",
        place_date=vietnamese_date_line(place, today),
        columns=_count_columns(
            (Column("STT", Kind.INT, 5), Column("Loại phương tiện", Kind.TEXT, 34))
        ),
        rows=rows,
        totals=totals,
        notes=tuple(notes),
    )
    return [("Theo xã", by_commune), ("Theo loại", by_kind)]


def owner_notice(
    asset: Asset, assignment: AssetAssignment | None, *, day: dt.date
) -> OfficialReport:
    """The notice to the owner (giấy thông báo) that the asset is registered as a reserve
    technical asset and, when it is, assigned to a reserve unit (giao nhiệm vụ), with the
    owner's duties and the grounds. The form's layout is not in the legal reference: this is
    the commune's notice in the Decree 30/2020 layout."""
    commune = asset.holder
    owner = asset.owner_label
    detail = [
        f"Chủ phương tiện: {owner} ({_OWNER_VI[OwnerKind(asset.owner_kind)]})"
        + (f", địa chỉ: {asset.owner_address}" if asset.owner_address else "")
        + ".",
        f"Loại phương tiện: {ASSET_LABELS[AssetKind(asset.kind)].vi}.",
        f"Nhãn hiệu, kiểu loại: {asset.model_name}; biển số / số đăng ký: "
        f"{asset.registration_number}"
        + (f"; năm sản xuất: {asset.year_made}" if asset.year_made else "")
        + ".",
    ]
    if asset.features:
        detail.append(f"Tính năng, tác dụng: {asset.features}.")
    detail.append(f"Đăng ký vào phương tiện kỹ thuật dự bị từ ngày {asset.registered_on:%d/%m/%Y}.")
    sections = [Section("Phương tiện", tuple(detail))]
    if assignment is not None:
        unit = assignment.need.unit
        sections.append(
            Section(
                "Giao nhiệm vụ",
                (
                    f"Phương tiện được sắp xếp vào đơn vị dự bị động viên {unit.code} "
                    f"{unit.name} từ ngày {assignment.assigned_on:%d/%m/%Y}.",
                    *((f"Lý do sắp xếp: {assignment.reason}",) if assignment.reason else ()),
                ),
            )
        )
    sections.append(
        Section(
            "Trách nhiệm của chủ phương tiện",
            (
                "Giữ gìn, bảo quản phương tiện bảo đảm tính năng kỹ thuật; báo cáo Ban Chỉ huy "
                "quân sự xã khi thay đổi chủ sở hữu, nơi cư trú hoặc tình trạng phương tiện.",
                "Tham gia đăng ký phương tiện kỹ thuật dự bị hằng năm; chấp hành lệnh điều động "
                "phương tiện khi có quyết định của cấp có thẩm quyền.",
            ),
        )
    )
    grounds = ["Điều 2, Điều 18 Luật Lực lượng dự bị động viên 53/2019/QH14"]
    grounds += [c.label_vi for c in book.rule("reserve.assets.registration_yearly", day).citations]
    placement = book.rule("reserve.placement.authority", day)
    grounds += [c.label_vi for c in placement.citations]
    if day >= min(
        r.valid_from for r in ASSET_RULES if r.code == "reserve.assets.callout_authority"
    ):
        grounds += [
            c.label_vi for c in book.rule("reserve.assets.callout_authority", day).citations
        ]
    sections.append(Section("Căn cứ", tuple(f"{g}." for g in dict.fromkeys(grounds))))
    level = LEVEL_WORD_VI.get(commune.kind, "xã")
    return OfficialReport(
        title="GIẤY THÔNG BÁO",
        subtitle=(
            "Giao nhiệm vụ cho chủ phương tiện kỹ thuật dự bị"
            if assignment is not None
            else "Đăng ký phương tiện kỹ thuật dự bị"
        ),
        issuer=("ỦY BAN NHÂN DÂN", f"{level.upper()} {commune.name.upper()}"),
        number="Số:" + "\u00a0" * 8 + "/TB-UBND",
        place_date=vietnamese_date_line(commune.name, day),
        sections=tuple(sections),
        recipients=(f"Chủ phương tiện: {owner}", "Ban CHQS xã", "Lưu: VT"),
        signature=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", ""),
    )
