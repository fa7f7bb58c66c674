"""The printed notice of a public posting (thông báo niêm yết công khai) for the commune
office's notice board: national name and motto, the issuing People's Committee, title, legal
basis, the table as posted, the window and places, where to complain, and the signature block.

An ``OfficialReport`` rendered by the shared ``muster.documents.pdf`` (embedded DejaVu fonts).
The text is the posted document itself, in Vietnamese.
"""

from __future__ import annotations

from muster.conscription.postings.models import Posting
from muster.documents.tables import Column, Kind, OfficialReport, Section, TableDocument
from muster.documents.tables import vietnamese_date_line as date_line
from muster.geo.models import Unit, UnitKind
from muster.law.callup.postings import book as posting_book
from muster.law.callup.postings import rows as posting_rows

_KIND_VI = {
    UnitKind.COMMUNE: "xã",
    UnitKind.WARD: "phường",
    UnitKind.TOWN: "thị trấn",
    UnitKind.SPECIAL_ZONE: "đặc khu",
}
_WIDTHS = {  # proportional; STT and the short outcome columns must not wrap
    "deferral_exemption": (7, 24, 8, 17, 11, 33),
    "screening_results": (7, 33, 10, 25, 25),
    "exam_results": (7, 33, 10, 25, 25),
    "callup_list": (7, 28, 9, 22, 20, 14),
}


def commune_title(unit: Unit) -> str:
    """``xã Đức Hợp``, ``phường Sơn Nam``: the commune as a notice names it."""
    return f"{_KIND_VI.get(UnitKind(unit.kind), '')} {unit.name}".strip()


def complaint_line(posting: Posting) -> str:
    return (
        f"Công dân có ý kiến, khiếu nại về danh sách này gửi Hội đồng nghĩa vụ quân sự "
        f"{commune_title(posting.unit)} tại trụ sở Ủy ban nhân dân {commune_title(posting.unit)} "
        f"đến hết ngày {posting.ends_on:%d/%m/%Y}."
    )


def window_line(posting: Posting) -> str:
    days = (posting.ends_on - posting.posted_on).days
    return (
        f"Thời gian niêm yết: từ ngày {posting.posted_on:%d/%m/%Y} đến hết ngày "
        f"{posting.ends_on:%d/%m/%Y} ({days} ngày, không kể ngày niêm yết)."
    )


def places_vi(posting: Posting) -> list[str]:
    codes = [c for c in posting.places.split(",") if c]
    return [posting_book.PLACES.get(c, c) for c in codes]


def notice_report(posting: Posting, public_url: str) -> OfficialReport:
    commune = commune_title(posting.unit)
    headers = posting_rows.COLUMNS_VI[posting.kind]
    widths = _WIDTHS[posting.kind]
    table = TableDocument(
        title="",
        columns=tuple(Column(h, Kind.TEXT, width=w) for h, w in zip(headers, widths, strict=True)),
        rows=[posting_rows.row_cells(posting.kind, row) for row in posting.rows],
    )
    sections: list[Section] = []
    if posting.withdrawn_on is not None:
        sections.append(
            Section(
                "BẢN NIÊM YẾT ĐÃ THU HỒI",
                (
                    f"Thu hồi ngày {posting.withdrawn_on:%d/%m/%Y}. Lý do: "
                    f"{posting.withdrawn_reason}.",
                ),
            )
        )
    basis = [f"{posting.legal_citation}."]
    if posting.basis:
        basis.append(f"{posting.basis}.")
    sections.append(Section("Căn cứ", tuple(basis)))
    intro = (
        f"Ủy ban nhân dân {commune} thông báo niêm yết công khai "
        f"{posting.title[:1].lower()}{posting.title[1:]} gồm {len(posting.rows)} công dân:"
    )
    sections.append(Section("Nội dung", (intro,), table=table))
    where = "; ".join(places_vi(posting)) or "Trụ sở Ủy ban nhân dân xã"
    sections.append(
        Section(
            "Thời gian, địa điểm niêm yết",
            (window_line(posting), f"Địa điểm niêm yết: {where}."),
        )
    )
    sections.append(Section("Ý kiến, khiếu nại", (complaint_line(posting),)))
    if posting.supersedes is not None:
        old = posting.supersedes
        sections.append(
            Section(
                "Đính chính",
                (
                    f"Thông báo này thay thế thông báo niêm yết ngày {old.posted_on:%d/%m/%Y} "
                    f"(lý do: {old.withdrawn_reason}).",
                ),
            )
        )
    return OfficialReport(
        title="THÔNG BÁO",
        subtitle=posting.title,
        issuer=("ỦY BAN NHÂN DÂN", commune.upper()),
        number="Số:" + "\u00a0" * 8 + "/TB-UBND",  # the number is written by hand
        place_date=date_line(posting.unit.name, posting.posted_on),
        sections=tuple(sections),
        recipients=(*places_vi(posting), "Lưu: VT, Ban CHQS"),
        signature=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", posting.signer),
        qr_text=public_url,
    )
