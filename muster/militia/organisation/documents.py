"""The decisions appointing a commander to a militia post and ending the appointment
(quyết định bổ nhiệm, quyết định miễn nhiệm chức vụ chỉ huy dân quân tự vệ) as an
``OfficialReport`` (Decree 30/2020 layout, Vietnamese), printed in PDF and Word. The issuer
is the authority stored on the appointment (Law 48/2019 Art 23 as amended)."""

from __future__ import annotations

import datetime as dt

from muster.documents.tables import OfficialReport, Section, vietnamese_date_line
from muster.geo.models import Unit, UnitKind
from muster.law.militia.enums import POST_LABELS, Post
from muster.law.militia.organisation_extra import authority_label
from muster.militia.organisation.models import Appointment

_SIGNERS = {
    "provincial_chairman": "CHỦ TỊCH",
    "district_chairman": "CHỦ TỊCH",
    "commune_chairman": "CHỦ TỊCH",
}
_END_VI = {
    Appointment.EndReason.DISMISSED: "miễn nhiệm",
    Appointment.EndReason.MOVED: "thôi giữ chức vụ (điều động công tác khác)",
    Appointment.EndReason.TERM: "thôi giữ chức vụ (hết nhiệm kỳ)",
    Appointment.EndReason.OTHER: "miễn nhiệm",
}


def _ancestors(commune: Unit) -> dict[str, str]:
    """The names of the province and district above ``commune`` (one query)."""
    ids = [int(commune.path[i : i + 8]) for i in range(0, len(commune.path), 9)]
    names = dict(Unit.objects.filter(pk__in=ids).values_list("kind", "name"))
    return {
        "province": names.get(UnitKind.PROVINCE, ""),
        "district": names.get(UnitKind.DISTRICT, ""),
    }


def _issuer(authority: str, commune: Unit) -> tuple[str, ...]:
    above = _ancestors(commune)
    province, district = above["province"].upper(), above["district"].upper()
    if authority == "provincial_chairman":
        return (f"ỦY BAN NHÂN DÂN TỈNH {province}",)
    if authority == "provincial_commander":
        return (f"BỘ CHỈ HUY QUÂN SỰ TỈNH {province}",)
    if authority == "district_chairman":
        return (f"ỦY BAN NHÂN DÂN HUYỆN {district}",)
    if authority == "district_commander":
        return (f"BỘ CHỈ HUY QUÂN SỰ TỈNH {province}", f"BAN CHỈ HUY QUÂN SỰ HUYỆN {district}")
    return (f"ỦY BAN NHÂN DÂN {commune.name.upper()}", "BAN CHỈ HUY QUÂN SỰ")


def _post_vi(item: Appointment) -> str:
    post = POST_LABELS[Post(item.post)].vi
    where = f" {item.unit.name}" if item.unit else f" Ban Chỉ huy quân sự {item.holder.name}"
    return post + where


def _person_line(item: Appointment) -> str:
    person = item.person
    born = f", sinh ngày {person.date_of_birth:%d/%m/%Y}" if person.date_of_birth else ""
    return f"Ông/bà {person.full_name}{born}"


def _authority_vi(code: str) -> str:
    label = authority_label(code)
    return label.vi if label else "Người có thẩm quyền"


def appointment_decision(item: Appointment, *, today: dt.date) -> OfficialReport:
    """The decision appointing ``item.person`` to the post."""
    basis = [
        "Căn cứ Luật Dân quân tự vệ ngày 22 tháng 11 năm 2019, được sửa đổi, bổ sung bởi Luật "
        "số 98/2025/QH15;",
    ]
    if item.legal_citation:
        basis.append(f"Căn cứ {item.legal_citation};")
    basis.append("Xét đề nghị của Chỉ huy trưởng Ban Chỉ huy quân sự " + item.holder.name + ".")
    articles = [
        f"Điều 1. Bổ nhiệm {_person_line(item)} giữ chức vụ {_post_vi(item)}, kể từ ngày "
        f"{item.appointed_on:%d/%m/%Y}.",
        "Điều 2. Người được bổ nhiệm hưởng phụ cấp chức vụ và các chế độ theo quy định của "
        "pháp luật về dân quân tự vệ.",
        "Điều 3. Chỉ huy trưởng Ban Chỉ huy quân sự, các cơ quan, đơn vị có liên quan và "
        "người có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    ]
    if not item.authority:
        basis.append("Ghi chú: văn bản luật đã mã hóa chưa xác định thẩm quyền cho chức vụ này.")
    return OfficialReport(
        title="QUYẾT ĐỊNH",
        subtitle=f"Về việc bổ nhiệm chức vụ {POST_LABELS[Post(item.post)].vi}",
        issuer=_issuer(item.authority, item.holder),
        number=f"Số: {item.decision_ref}",
        place_date=vietnamese_date_line(item.holder.name, item.appointed_on or today),
        sections=(
            Section(_authority_vi(item.authority).upper(), tuple(basis)),
            Section("QUYẾT ĐỊNH:", tuple(articles)),
        ),
        recipients=("Như Điều 3;", "Lưu: VT."),
        signature=(_SIGNERS.get(item.authority, "CHỈ HUY TRƯỞNG"), "", ""),
    )


def dismissal_decision(item: Appointment, *, today: dt.date) -> OfficialReport:
    """The decision ending ``item`` (miễn nhiệm), with its grounds."""
    assert item.ended_on is not None
    how = _END_VI.get(Appointment.EndReason(item.end_reason), "miễn nhiệm")
    basis = [
        "Căn cứ Luật Dân quân tự vệ ngày 22 tháng 11 năm 2019, được sửa đổi, bổ sung bởi Luật "
        "số 98/2025/QH15;",
    ]
    if item.end_legal_citation:
        basis.append(f"Căn cứ {item.end_legal_citation};")
    basis.append(f"Căn cứ Quyết định bổ nhiệm số {item.decision_ref};")
    if item.end_note:
        basis.append(f"Xét: {item.end_note}.")
    articles = [
        f"Điều 1. {how.capitalize()} {_person_line(item)} khỏi chức vụ {_post_vi(item)}, kể từ "
        f"ngày {item.ended_on:%d/%m/%Y}.",
        "Điều 2. Chế độ phụ cấp chức vụ chấm dứt kể từ ngày Quyết định có hiệu lực.",
        "Điều 3. Chỉ huy trưởng Ban Chỉ huy quân sự, các cơ quan, đơn vị có liên quan và "
        "người có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    ]
    return OfficialReport(
        title="QUYẾT ĐỊNH",
        subtitle=f"Về việc miễn nhiệm chức vụ {POST_LABELS[Post(item.post)].vi}",
        issuer=_issuer(item.end_authority, item.holder),
        number=f"Số: {item.end_decision_ref}",
        place_date=vietnamese_date_line(item.holder.name, item.ended_on or today),
        sections=(
            Section(_authority_vi(item.end_authority).upper(), tuple(basis)),
            Section("QUYẾT ĐỊNH:", tuple(articles)),
        ),
        recipients=("Như Điều 3;", "Lưu: VT."),
        signature=(_SIGNERS.get(item.end_authority, "CHỈ HUY TRƯỞNG"), "", ""),
    )
