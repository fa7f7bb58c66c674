"""Printed documents of the campaign: the allocation certificate and the call-up decision.

Both are ``OfficialReport`` objects rendered by the shared ``muster.documents.pdf``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from muster.conscription.campaign.models import Campaign, Service
from muster.conscription.decisions.models import CallupDecision
from muster.documents.tables import Column, Kind, OfficialReport, Section, TableDocument
from muster.documents.tables import vietnamese_date_line as date_line
from muster.geo.models import LEVEL_WORD_VI, Unit
from muster.law.callup import authorities

_SERVICE_VI = {Service.ARMY: "Quân đội", Service.POLICE: "Công an nhân dân"}


def _issuer(authority: authorities.Authority, commune: Unit, district: Unit) -> str:
    """The issuing body's header line: the commune People's Committee named with its level
    (xã, phường, thị trấn, đặc khu) from 1 Jul 2025, the district military command or police
    before."""
    if authority.code == "commune_chairman":
        level = LEVEL_WORD_VI.get(commune.kind, "xã").upper()
        return f"ỦY BAN NHÂN DÂN {level} {commune.name.upper()}"
    return f"{authority.issuer_vi} {district.name.upper()}"


@dataclass(frozen=True)
class DecisionHeading:
    """What the head of a printed call-up says, for the PDF and the pages alike."""

    issuer: str  # "BAN CHỈ HUY QUÂN SỰ HUYỆN KIM ĐỘNG"
    document: str  # "LỆNH GỌI CÔNG DÂN NHẬP NGŨ"
    number: str  # "Số: 1/2025"
    signer: str  # "CHỈ HUY TRƯỞNG BAN CHỈ HUY QUÂN SỰ HUYỆN"


def decision_heading(decision: CallupDecision) -> DecisionHeading:
    """The issuing body, document title and number line of ``decision``, as printed: the
    authority is the one in force on the day and for the service it was signed for (police
    calls were the district police chief's before 1 Jul 2025)."""
    authority = authorities.callup_authority(decision.issued_on, decision.service)
    return DecisionHeading(
        issuer=_issuer(authority, decision.commune.unit, decision.campaign.unit),
        document=authority.document_vi,
        number=decision.number_line,
        signer=authority.signer_vi,
    )


def certificate_report(campaign: Campaign, rows: list[dict[str, Any]]) -> OfficialReport:
    """The allocation certificate: inputs, method, computed and final figure per commune."""
    cert = campaign.certificate or {}
    table = TableDocument(
        title="",
        columns=(
            Column("Xã", width=24),
            Column("Nguồn gọi được", Kind.INT),
            Column("Nguồn số liệu", width=12),
            Column("QĐ tính", Kind.INT),
            Column("QĐ chốt", Kind.INT),
            Column("CA tính", Kind.INT),
            Column("CA chốt", Kind.INT),
            Column("Lý do điều chỉnh", width=30),
        ),
        rows=[
            (
                r["name"],
                r["pool"],
                r["source"],
                r["army_computed"],
                r["army_final"],
                r["police_computed"],
                r["police_final"],
                r["reason"],
            )
            for r in rows
        ],
    )
    quotas = ", ".join(
        f"{_SERVICE_VI.get(Service(q.service), q.service)}: {q.value} ({q.source_document})"
        for q in campaign.quotas.all()
    )
    warnings = [str(w) for w in cert.get("warnings", [])]
    return OfficialReport(
        title="CHỨNG NHẬN PHÂN BỔ CHỈ TIÊU GỌI CÔNG DÂN NHẬP NGŨ",
        subtitle=f"Năm {campaign.year}, đợt {campaign.call}",
        issuer=("BỘ CHỈ HUY QUÂN SỰ", campaign.unit.name.upper()),
        number=f"Phương pháp: {cert.get('method', '')}",
        place_date=date_line(campaign.unit.name, campaign.certificate_at.date())
        if campaign.certificate_at
        else "",
        sections=(
            Section("1. Chỉ tiêu nhận từ cấp trên", (quotas or "Chưa có chỉ tiêu.",)),
            Section(
                "2. Phương pháp",
                (
                    "Chia theo tỷ lệ nguồn gọi được sau tạm hoãn, miễn; làm tròn theo phần dư "
                    "lớn nhất; mỗi xã có nguồn ít nhất một người; biên độ ổn định 1/4 bình "
                    "quân các năm trước (ít nhất 1). Mọi số trung gian có trong tệp JSON kèm "
                    "theo; lệnh manage.py apportion --verify tính lại được.",
                ),
            ),
            Section("3. Kết quả", table=table),
            Section("4. Cảnh báo", tuple(warnings) or ("Không có.",)),
        ),
        signature=("NGƯỜI LẬP", "", ""),
    )


def decision_report(decision: CallupDecision, verify_url: str) -> OfficialReport:
    person = decision.person
    commune = decision.commune.unit
    campaign = decision.campaign
    service = _SERVICE_VI.get(Service(decision.service), decision.service)
    heading = decision_heading(decision)
    authority = authorities.callup_authority(decision.issued_on, decision.service)
    return OfficialReport(
        title=heading.document,
        subtitle=f"Năm {campaign.year}",
        issuer=(heading.issuer,),
        number=heading.number,
        place_date=date_line(commune.name, decision.issued_on),
        sections=(
            Section(
                "Căn cứ",
                (f"{authority.citation_vi}.",),
            ),
            Section(
                "Điều 1.",
                (
                    f"Gọi công dân {person.full_name}, sinh năm {person.date_of_birth:%Y}, "
                    f"đăng ký nghĩa vụ quân sự tại {commune.name}, "
                    + (
                        "thực hiện nghĩa vụ tham gia Công an nhân dân."
                        if decision.service == Service.POLICE
                        else f"nhập ngũ vào {service}."
                    ),
                    f"Thời gian có mặt: ngày {decision.enlist_on:%d/%m/%Y}.",
                    f"Địa điểm có mặt: {decision.report_place}.",
                ),
            ),
            Section(
                "Điều 2.",
                (
                    "Công dân có tên tại Điều 1 có mặt đúng thời gian, địa điểm; không chấp "
                    "hành bị xử lý theo quy định của pháp luật.",
                ),
            ),
        ),
        recipients=("Công dân có tên tại Điều 1", "Lưu"),
        signature=(decision.signer, "", ""),
        qr_text=verify_url,
    )
