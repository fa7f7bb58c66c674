"""The yearly rear-policy report of a commune (báo cáo thực hiện chính sách hậu phương quân
đội) as a ``TableDocument``, printed in PDF (Decree 30/2020 layout, Vietnamese fonts) and Excel
(formula-injection safe) by ``muster.documents``. One row per serving soldier's family.
Vietnamese whatever the interface language: it is an official record."""

from __future__ import annotations

import datetime as dt

from muster.documents.tables import Cell, Column, Kind, TableDocument, vietnamese_date_line
from muster.geo.models import Unit
from muster.rear.models import CaseStatus, EntitlementKind, Occasion
from muster.rear.selectors import Family

_RELATION_VI = {
    "father": "bố",
    "mother": "mẹ",
    "spouse": "vợ/chồng",
    "child": "con",
    "father_in_law": "bố vợ/bố chồng",
    "mother_in_law": "mẹ vợ/mẹ chồng",
    "guardian": "người giám hộ",
}


def yearly_report(
    commune: Unit, families: list[Family], *, year: int, today: dt.date
) -> TableDocument:
    rows: list[list[Cell]] = []
    totals = [0, 0, 0, 0, 0, 0]
    for i, family in enumerate(families, start=1):
        granted = [c for c in family.cases if c.status == CaseStatus.GRANTED]
        pending = [c for c in family.cases if c.status in (CaseStatus.DRAFT, CaseStatus.SENT)]
        rights = [e for r in family.relatives for e in r.entitlements]
        insured = sum(1 for e in rights if e.kind == EntitlementKind.HEALTH_INSURANCE)
        tuition = sum(1 for e in rights if e.kind == EntitlementKind.TUITION)
        visits = sum(v.amount for v in family.visits)
        figures = [len(granted), sum(c.amount for c in granted), insured, tuition, visits]
        rows.append(
            [
                i,
                family.soldier.full_name,
                str(family.recruit.handover.receiving_unit),
                ", ".join(
                    f"{_RELATION_VI.get(r.tie.relation, r.tie.relation)} {r.tie.relative_name}"
                    for r in family.relatives
                ),
                len(granted),
                len(pending),
                sum(c.amount for c in granted),
                insured,
                tuition,
                "x" if family.visited(Occasion.TET) else "",
                "x" if family.visited(Occasion.ARMY_DAY) else "",
                visits,
            ]
        )
        totals[0] += figures[0]
        totals[1] += len(pending)
        totals[2] += figures[1]
        totals[3] += insured
        totals[4] += tuition
        totals[5] += visits
    name = commune.name
    return TableDocument(
        title="BÁO CÁO THỰC HIỆN CHÍNH SÁCH HẬU PHƯƠNG QUÂN ĐỘI",
        subtitle=f"Gia đình hạ sĩ quan, binh sĩ đang tại ngũ – năm {year}",
        issuer=(f"UBND {name.upper()}", "BAN CHỈ HUY QUÂN SỰ"),
        place_date=vietnamese_date_line(name, today),
        columns=(
            Column("STT", Kind.INT, 5),
            Column("Quân nhân", Kind.TEXT, 24),
            Column("Đơn vị", Kind.TEXT, 20),
            Column("Thân nhân", Kind.TEXT, 34),
            Column("Trợ cấp đã duyệt", Kind.INT, 10),
            Column("Đang xử lý", Kind.INT, 9),
            Column("Số tiền trợ cấp (đồng)", Kind.INT, 14),
            Column("Thẻ BHYT", Kind.INT, 8),
            Column("Miễn, giảm học phí", Kind.INT, 9),
            Column("Thăm Tết", Kind.TEXT, 7),
            Column("Thăm 22/12", Kind.TEXT, 7),
            Column("Quà thăm hỏi (đồng)", Kind.INT, 12),
        ),
        rows=rows,
        totals=(
            None,
            "Tổng cộng",
            None,
            None,
            totals[0],
            totals[1],
            totals[2],
            totals[3],
            totals[4],
            None,
            None,
            totals[5],
        ),
        signature=("CHỈ HUY TRƯỞNG", "", ""),
        notes=(
            f"Số gia đình quân nhân đang tại ngũ: {len(families)}.",
            "Căn cứ: Điều 50 khoản 2 Luật Nghĩa vụ quân sự 78/2015/QH13; Điều 6 Nghị định "
            "27/2016/NĐ-CP; Thông tư 95/2016/TT-BQP.",
            "Mức trợ cấp theo văn bản trước Văn bản hợp nhất 40/VBHN-BQP năm 2025 (chưa xác minh).",
        ),
    )


def area_report(
    area_name: str, communes: list[tuple[Unit, list[Family]]], *, year: int, today: dt.date
) -> TableDocument:
    """The same figures summed per commune of the reader's area (district or region)."""
    rows: list[list[Cell]] = []
    totals = [0] * 9
    for i, (commune, families) in enumerate(communes, start=1):
        cases = [c for f in families for c in f.cases]
        granted = [c for c in cases if c.status == CaseStatus.GRANTED]
        rights = [e for f in families for r in f.relatives for e in r.entitlements]
        figures = [
            len(families),
            len(granted),
            sum(c.amount for c in granted),
            sum(1 for c in cases if c.status in (CaseStatus.DRAFT, CaseStatus.SENT)),
            sum(1 for e in rights if e.kind == EntitlementKind.HEALTH_INSURANCE),
            sum(1 for e in rights if e.kind == EntitlementKind.TUITION),
            sum(1 for f in families if f.visited(Occasion.TET)),
            sum(1 for f in families if f.visited(Occasion.ARMY_DAY)),
            sum(v.amount for f in families for v in f.visits),
        ]
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        rows.append([i, commune.name, *figures])
    return TableDocument(
        title="BÁO CÁO THỰC HIỆN CHÍNH SÁCH HẬU PHƯƠNG QUÂN ĐỘI",
        subtitle=f"Tổng hợp theo xã – {area_name} – năm {year}",
        issuer=(area_name.upper(), ""),
        place_date=vietnamese_date_line(area_name, today),
        columns=(
            Column("STT", Kind.INT, 5),
            Column("Xã", Kind.TEXT, 24),
            Column("Gia đình quân nhân tại ngũ", Kind.INT, 11),
            Column("Trợ cấp đã duyệt", Kind.INT, 10),
            Column("Số tiền trợ cấp (đồng)", Kind.INT, 14),
            Column("Đang xử lý", Kind.INT, 9),
            Column("Thẻ BHYT", Kind.INT, 8),
            Column("Miễn, giảm học phí", Kind.INT, 9),
            Column("Thăm Tết", Kind.INT, 8),
            Column("Thăm 22/12", Kind.INT, 8),
            Column("Quà thăm hỏi (đồng)", Kind.INT, 12),
        ),
        rows=rows,
        totals=(None, "Tổng cộng", *totals),
        signature=("THỦ TRƯỞNG", "", ""),
        notes=(
            "Căn cứ: Điều 50 khoản 2 Luật Nghĩa vụ quân sự 78/2015/QH13; Điều 6 Nghị định "
            "27/2016/NĐ-CP; Thông tư 95/2016/TT-BQP.",
            "Mức trợ cấp theo văn bản trước Văn bản hợp nhất 40/VBHN-BQP năm 2025 (chưa xác minh).",
        ),
    )
