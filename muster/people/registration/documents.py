"""Printed registration papers (Decree 13/2016 Art 3(2)): the call to register (form 1) and the
registration certificate (form 4), one per citizen, in the layout of an official document
(Decree 30/2020), and the commune's report on a registration day. Vietnamese only: they are
the State's papers. The Minister's form layouts are not in the legal reference; the content
follows Decree 13/2016 Art 4."""

from __future__ import annotations

from muster.documents.tables import OfficialReport, Section
from muster.documents.tables import vietnamese_date_line as date_line
from muster.geo.models import LEVEL_WORD_VI, Unit
from muster.law.callup import registration_calls
from muster.people.models import Person
from muster.people.registration.models import (
    CallKind,
    RegistrationCall,
    RegistrationEvent,
    RegistrationReport,
)


def issuer_lines(authority: registration_calls.Authority, commune: Unit) -> tuple[str, ...]:
    """The issuing body of a paper signed by ``authority`` for ``commune``."""
    if authority.role == registration_calls.Role.COMMUNE_CHAIRMAN:
        level = LEVEL_WORD_VI.get(commune.kind, "xã").upper()
        return (f"{authority.issuer_vi} {level} {commune.name.upper()}",)
    parent = commune.parent
    return (f"{authority.issuer_vi} {(parent.name if parent else '').upper()}".strip(),)


def signature_lines(authority: registration_calls.Authority, name: str) -> tuple[str, ...]:
    """The signature block: the signer's post, the instruction, room to sign, the name."""
    return (authority.signer_vi, "(Ký, ghi rõ họ tên, đóng dấu)", "\u00a0", "\u00a0", name)


def call_report(call: RegistrationCall) -> OfficialReport:
    """The call to register of one citizen, as printed."""
    person = call.person
    commune = call.unit
    signer = registration_calls.call_signer(call.issued_on)
    what = (
        "đăng ký nghĩa vụ quân sự lần đầu"
        if call.kind == CallKind.FIRST
        else "đăng ký phục vụ trong ngạch dự bị"
    )
    return OfficialReport(
        title=signer.call_title_vi,
        subtitle=f"Năm {call.year}",
        issuer=issuer_lines(signer, commune),
        number=call.number_line,
        place_date=date_line(commune.name, call.issued_on),
        sections=(
            Section("Căn cứ", (f"{signer.citation}.", f"{call.notice_citation}.")),
            Section(
                "Gọi công dân:",
                (
                    f"Họ và tên: {person.full_name}.",
                    f"Sinh ngày: {person.date_of_birth:%d/%m/%Y}.",
                    f"Nơi đăng ký nghĩa vụ quân sự: {commune.name}.",
                    f"Đến {what}.",
                    f"Thời gian: ngày {call.registration_date:%d/%m/%Y}.",
                    f"Địa điểm: {call.registration_place}.",
                ),
            ),
            Section(
                "Khi đến đăng ký, công dân mang theo:",
                (
                    "Căn cước (hoặc giấy khai sinh) và bản sao; Phiếu tự khai sức khỏe nghĩa vụ "
                    "quân sự (khai tại nơi đăng ký).",
                    "Công dân không chấp hành bị xử lý theo quy định của pháp luật.",
                ),
            ),
        ),
        recipients=("Công dân có tên trên", "Lưu"),
        signature=signature_lines(signer, call.signer_name),
    )


def certificate_report(call: RegistrationCall) -> OfficialReport:
    """The registration certificate of a citizen registered on his call."""
    event = call.registration
    assert event is not None
    return first_certificate_report(
        event, person=call.person, commune=call.unit, signer_name=call.signer_name
    )


def first_certificate_report(
    event: RegistrationEvent,
    *,
    person: Person | None = None,
    commune: Unit | None = None,
    signer_name: str = "",
) -> OfficialReport:
    """The registration certificate (form 4) of a first registration, called or not: the
    signer's name is the call's, or left to be written by hand."""
    person = person or event.person
    commune = commune or event.unit
    handed = event.certificate_handed_on or event.event_date
    signer = registration_calls.call_signer(handed)
    return OfficialReport(
        title="GIẤY CHỨNG NHẬN ĐĂNG KÝ NGHĨA VỤ QUÂN SỰ",
        issuer=issuer_lines(signer, commune),
        number=f"Số: {event.certificate_number}",
        place_date=date_line(commune.name, handed),
        sections=(
            Section(
                "Chứng nhận:",
                (
                    f"Công dân: {person.full_name}.",
                    f"Sinh ngày: {person.date_of_birth:%d/%m/%Y}.",
                    f"Số định danh cá nhân: {person.national_id or '—'}.",
                    f"Đã đăng ký nghĩa vụ quân sự ngày {event.event_date:%d/%m/%Y} tại "
                    f"{commune.name}.",
                ),
            ),
            Section(
                "Công dân có trách nhiệm:",
                (
                    "Giữ gìn Giấy chứng nhận này; đăng ký bổ sung, đăng ký di chuyển, đăng ký "
                    "vắng mặt theo quy định của Luật Nghĩa vụ quân sự.",
                ),
            ),
        ),
        signature=signature_lines(signer, signer_name),
    )


def registration_report(report: RegistrationReport) -> OfficialReport:
    """The commune's report on one registration day."""
    commune = report.unit
    level = LEVEL_WORD_VI.get(commune.kind, "xã").upper()
    return OfficialReport(
        title="BÁO CÁO KẾT QUẢ ĐĂNG KÝ NGHĨA VỤ QUÂN SỰ",
        subtitle=f"Ngày đăng ký {report.registration_date:%d/%m/%Y}",
        issuer=(f"ỦY BAN NHÂN DÂN {level} {commune.name.upper()}", "BAN CHỈ HUY QUÂN SỰ"),
        number=f"Số: {report.number}",
        place_date=date_line(commune.name, report.reported_on),
        sections=(
            Section("Kính gửi:", (f"{report.recipient}.",)),
            Section("Căn cứ", (f"{report.legal_citation}.",)),
            Section(
                "Kết quả",
                (
                    f"Số công dân đã đăng ký nghĩa vụ quân sự lần đầu và được cấp Giấy chứng "
                    f"nhận: {report.registered}.",
                    f"Hạn báo cáo: {report.due_date:%d/%m/%Y}.",
                ),
            ),
        ),
        recipients=(report.recipient, "Lưu"),
        signature=("CHỈ HUY TRƯỞNG", "(Ký, ghi rõ họ tên)"),
    )
