"""The decision on a citizen's militia duty (Quyết định công nhận / tạm hoãn / miễn thực hiện
nghĩa vụ tham gia Dân quân tự vệ), in the layout of an official document (Decree 30/2020),
printed in PDF and Word. Vietnamese whatever the interface language: the State's paper."""

from __future__ import annotations

from muster.documents.tables import OfficialReport, Section, vietnamese_date_line
from muster.geo.models import LEVEL_WORD_VI
from muster.law.militia.enums import COMPONENT_LABELS, Component
from muster.law.militia.grounds import GROUND_BY_CODE
from muster.law.militia.rules import AUTHORITY_LABELS
from muster.militia.selection.models import SelectionDecision, SelectionKind

_ABOUT = {
    SelectionKind.SELECT: "Về việc công nhận công dân thực hiện nghĩa vụ tham gia Dân quân tự vệ",
    SelectionKind.DEFER: "Về việc tạm hoãn thực hiện nghĩa vụ tham gia Dân quân tự vệ",
    SelectionKind.EXEMPT: "Về việc miễn thực hiện nghĩa vụ tham gia Dân quân tự vệ",
    SelectionKind.REFUSE: "Về việc không chấp nhận đơn tình nguyện tham gia Dân quân tự vệ",
}


def _issuer(decision: SelectionDecision) -> tuple[str, ...]:
    commune = decision.holder
    if decision.authority == "district_chairman" and commune.parent is not None:
        parent = commune.parent
        level = LEVEL_WORD_VI.get(parent.kind, "huyện").upper()
        return (f"ỦY BAN NHÂN DÂN {level} {parent.name.upper()}",)
    level = LEVEL_WORD_VI.get(commune.kind, "xã").upper()
    return (f"ỦY BAN NHÂN DÂN {level} {commune.name.upper()}",)


def _article1(decision: SelectionDecision) -> str:
    person = decision.person
    who = f"công dân {person.full_name}, sinh ngày {person.date_of_birth:%d/%m/%Y}"
    if decision.kind == SelectionKind.SELECT and decision.membership is not None:
        member = decision.membership
        component = COMPONENT_LABELS[Component(member.component)].vi.lower()
        unit = f", biên chế vào {member.unit.name}" if member.unit else ""
        volunteer = " (tình nguyện)" if decision.volunteer else ""
        return (
            f"Điều 1. Công nhận {who}{volunteer} là dân quân {component}{unit}, thời hạn thực "
            f"hiện nghĩa vụ từ ngày {member.joined_on:%d/%m/%Y} đến ngày "
            f"{member.term_ends_on:%d/%m/%Y}."
        )
    ground = GROUND_BY_CODE.get(decision.ground)
    reason = f" Lý do: {ground.text.vi}" if ground is not None else ""
    if decision.kind == SelectionKind.DEFER:
        return f"Điều 1. Tạm hoãn thực hiện nghĩa vụ tham gia Dân quân tự vệ đối với {who}.{reason}"
    if decision.kind == SelectionKind.EXEMPT:
        return f"Điều 1. Miễn thực hiện nghĩa vụ tham gia Dân quân tự vệ đối với {who}.{reason}"
    return f"Điều 1. Không chấp nhận đơn tình nguyện tham gia Dân quân tự vệ của {who}.{reason}"


def decision_report(decision: SelectionDecision) -> OfficialReport:
    """The decision as printed: its legal basis, the three articles, recipients, signature."""
    commune = decision.holder
    signer = AUTHORITY_LABELS.get(decision.authority)
    title = (
        "CHỦ TỊCH"
        if decision.authority.endswith("chairman")
        else (signer.vi.upper() if signer else "")
    )
    return OfficialReport(
        title="QUYẾT ĐỊNH",
        subtitle=_ABOUT[SelectionKind(decision.kind)],
        issuer=_issuer(decision),
        number=f"Số: {decision.decision_ref}",
        place_date=vietnamese_date_line(commune.name, decision.decided_on),
        sections=(
            Section("Căn cứ", (f"{decision.citation}.",) if decision.citation else ()),
            Section(
                "QUYẾT ĐỊNH:",
                (
                    _article1(decision),
                    "Điều 2. Quyết định có hiệu lực kể từ ngày ký.",
                    f"Điều 3. Ban Chỉ huy quân sự {commune.name}, công dân có tên tại Điều 1 "
                    "và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định "
                    "này.",
                ),
            ),
        ),
        recipients=("Như Điều 3", f"Ban Chỉ huy quân sự {commune.name}", "Lưu: VT"),
        signature=(title, "(Ký, ghi rõ họ tên, đóng dấu)"),
    )
