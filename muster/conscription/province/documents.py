"""The official copy of a province decision (Quyết định của Chủ tịch UBND tỉnh): number, date,
legal basis of the decision day (``law.callup.province.decider``), the items in a table.

An ``OfficialReport`` rendered by the shared ``muster.documents.pdf`` (its Vietnamese fonts)."""

from __future__ import annotations

from collections.abc import Sequence

from muster.conscription.campaign.models import Service
from muster.conscription.province.models import (
    DecisionKind,
    ProvinceDecision,
    ProvinceDecisionItem,
)
from muster.documents.tables import Cell, Column, Kind, OfficialReport, Section, TableDocument
from muster.documents.tables import vietnamese_date_line as date_line
from muster.law.callup import dossiers as dossier_rules
from muster.law.callup import province as province_rules

_SERVICE_VI = {Service.ARMY: "Quân đội", Service.POLICE: "Công an nhân dân"}

_ABOUT_VI = {
    DecisionKind.QUOTA: "Về việc giao chỉ tiêu gọi công dân nhập ngũ và thực hiện nghĩa vụ "
    "tham gia Công an nhân dân cho các xã, phường",
    DecisionKind.CALLUP_LIST: "Về việc phê duyệt danh sách công dân được gọi nhập ngũ và "
    "thực hiện nghĩa vụ tham gia Công an nhân dân",
    DecisionKind.DEFERRAL: "Về việc tạm hoãn gọi nhập ngũ và miễn gọi nhập ngũ",
}

_ARTICLE_1_VI = {
    DecisionKind.QUOTA: "Giao chỉ tiêu cho các xã, phường theo bảng dưới đây.",
    DecisionKind.CALLUP_LIST: "Phê duyệt danh sách công dân được gọi theo bảng dưới đây.",
    DecisionKind.DEFERRAL: "Tạm hoãn gọi nhập ngũ, miễn gọi nhập ngũ đối với các công dân có "
    "tên trong bảng dưới đây; không chấp thuận các trường hợp ghi “Không chấp thuận”.",
}


def _ground_vi(ground: str, decision: ProvinceDecision) -> str:
    assert decision.decided_on is not None
    found = dossier_rules.ground_rule(ground, decision.decided_on)
    return f"{ground} – {found.title_vi}" if found is not None else ground


def _table(decision: ProvinceDecision, items: Sequence[ProvinceDecisionItem]) -> TableDocument:
    if decision.kind == DecisionKind.QUOTA:
        columns: tuple[Column, ...] = (
            Column("TT", Kind.INT, 5),
            Column("Xã, phường", width=30),
            Column("Lực lượng", width=18),
            Column("Chỉ tiêu", Kind.INT, 10),
        )
        rows: list[tuple[Cell, ...]] = [
            (n, i.commune.unit.name, _SERVICE_VI.get(Service(i.service), i.service), i.value)
            for n, i in enumerate(items, start=1)
        ]
        total = sum(i.value or 0 for i in items)
        return TableDocument("", columns, rows, totals=("", "Tổng cộng", "", total))
    if decision.kind == DecisionKind.CALLUP_LIST:
        columns = (
            Column("TT", Kind.INT, 5),
            Column("Họ và tên", width=28),
            Column("Năm sinh", width=10),
            Column("Xã, phường", width=24),
            Column("Lực lượng", width=18),
        )
        rows = [
            (
                n,
                i.person.full_name if i.person else "",
                f"{i.person.date_of_birth:%Y}" if i.person else "",
                i.commune.unit.name,
                _SERVICE_VI.get(Service(i.service), i.service) if i.service else "",
            )
            for n, i in enumerate(items, start=1)
        ]
        return TableDocument("", columns, rows)
    columns = (
        Column("TT", Kind.INT, 5),
        Column("Họ và tên", width=24),
        Column("Năm sinh", width=9),
        Column("Xã, phường", width=18),
        Column("Lý do (Điều 41)", width=34),
        Column("Quyết định", width=14),
    )
    rows = [
        (
            n,
            i.person.full_name if i.person else "",
            f"{i.person.date_of_birth:%Y}" if i.person else "",
            i.commune.unit.name,
            _ground_vi(i.ground, decision),
            "Không chấp thuận" if i.refused else "Chấp thuận",
        )
        for n, i in enumerate(items, start=1)
    ]
    return TableDocument("", columns, rows)


def decision_report(
    decision: ProvinceDecision, items: Sequence[ProvinceDecisionItem]
) -> OfficialReport:
    """The decided ``decision`` as a Vietnamese administrative document (Decree 30/2020)."""
    assert decision.decided_on is not None
    province = decision.campaign.unit
    decider = province_rules.decider(decision.kind, decision.decided_on)
    kind = DecisionKind(decision.kind)
    return OfficialReport(
        title="QUYẾT ĐỊNH",
        subtitle=_ABOUT_VI[kind],
        issuer=(f"ỦY BAN NHÂN DÂN TỈNH {province.name.upper()}",),
        number=f"Số: {decision.number}",
        place_date=date_line(province.name, decision.decided_on),
        sections=(
            Section(
                f"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {province.name.upper()}",
                (
                    f"Căn cứ {decider.citation_vi};",
                    f"Xét Tờ trình số {decision.proposal_number} ngày "
                    f"{decision.proposed_on:%d/%m/%Y} của Hội đồng nghĩa vụ quân sự tỉnh.",
                ),
            ),
            Section("QUYẾT ĐỊNH:"),
            Section(f"Điều 1. {_ARTICLE_1_VI[kind]}", table=_table(decision, items)),
            Section(
                "Điều 2.",
                (
                    "Quyết định có hiệu lực kể từ ngày ký. Hội đồng nghĩa vụ quân sự tỉnh, "
                    "Bộ Chỉ huy quân sự tỉnh, Chủ tịch Ủy ban nhân dân các xã, phường có tên "
                    "tại Điều 1 và các cơ quan, cá nhân liên quan chịu trách nhiệm thi hành "
                    "Quyết định này.",
                ),
            ),
        ),
        recipients=("Như Điều 2", "Hội đồng NVQS tỉnh", "Lưu: VT"),
        signature=("CHỦ TỊCH", "", decision.signer),
    )
