"""The printed minutes of a review step (biên bản phúc tra nắm nguồn, biên bản xét duyệt lần
1, lần 2) with the list of the citizens considered, as an ``OfficialReport`` (Decree 30/2020
layout, Vietnamese, embedded fonts)."""

from __future__ import annotations

import datetime as dt

from muster.conscription.selection.models import ReviewKind, ReviewOutcome, ReviewStep
from muster.documents.tables import Column, Kind, OfficialReport, Section, TableDocument
from muster.documents.tables import vietnamese_date_line as date_line

_TITLES = {
    ReviewKind.POOL_REVIEW: "BIÊN BẢN PHÚC TRA NẮM NGUỒN CÔNG DÂN SẴN SÀNG NHẬP NGŨ",
    ReviewKind.COUNCIL_REVIEW: "BIÊN BẢN XÉT DUYỆT CÔNG DÂN SẴN SÀNG NHẬP NGŨ LẦN {round}",
    ReviewKind.VILLAGE_NOMINATION: "BIÊN BẢN BÌNH CỬ CÔNG DÂN SẴN SÀNG NHẬP NGŨ",
}
_ISSUERS = {
    ReviewKind.POOL_REVIEW: "BAN CHỈ HUY QUÂN SỰ",
    ReviewKind.COUNCIL_REVIEW: "HỘI ĐỒNG NGHĨA VỤ QUÂN SỰ",
    ReviewKind.VILLAGE_NOMINATION: "BAN CHỈ HUY QUÂN SỰ",
}


def review_minutes_report(
    step: ReviewStep, outcomes: list[ReviewOutcome], due: dt.date | None
) -> OfficialReport:
    commune = step.commune.unit
    campaign = step.commune.campaign
    kind = ReviewKind(step.kind)
    title = _TITLES[kind].format(round=step.round)
    plan = (
        f"Theo kế hoạch: hoàn thành trước hoặc trong ngày {due:%d/%m/%Y}"
        + (" — TỔ CHỨC MUỘN so với kế hoạch." if step.held_on > due else ".")
        if due is not None
        else "Kế hoạch không định ngày cho bước này."
    )
    attendance = f"Có mặt: {step.present}"
    if step.members:
        attendance += f"/{step.members} thành viên"
    meeting = (
        f"Thời gian: ngày {step.held_on:%d/%m/%Y}, tại {commune.name}"
        + (f", {step.village.name}" if step.village else "")
        + ".",
        f"Chủ trì: {step.chaired_by}. {attendance}.",
        plan,
        f"Biểu quyết: tán thành {step.votes_for}, không tán thành {step.votes_against}, "
        f"không biểu quyết {step.abstained}.",
    )
    approved = sum(1 for o in outcomes if o.approved)
    table = TableDocument(
        title="",
        columns=(
            Column("TT", Kind.INT, width=5),
            Column("Họ và tên", width=24),
            Column("Ngày sinh", width=11),
            Column("Nơi cư trú", width=18),
            Column("Kết quả", width=12),
            Column("Tán thành", Kind.INT, width=8),
            Column("Không TT", Kind.INT, width=8),
            Column("Ghi chú", width=18),
        ),
        rows=[
            (
                index,
                o.person.full_name,
                f"{o.person.date_of_birth:%d/%m/%Y}",
                o.person.residence_unit.name if o.person.residence_unit else "",
                "Đạt" if o.approved else "Không đạt",
                o.votes_for or step.votes_for,
                o.votes_against or (0 if (o.votes_for or o.votes_against) else step.votes_against),
                o.note,
            )
            for index, o in enumerate(outcomes, start=1)
        ],
    )
    sections = (
        Section("1. Thành phần, thời gian, địa điểm", meeting),
        Section("2. Nội dung", (step.minutes,)),
        Section(
            "3. Danh sách công dân",
            (
                f"Tổng số {len(outcomes)} công dân; đạt {approved}; "
                f"không đạt {len(outcomes) - approved}.",
            ),
            table=table,
        ),
    )
    return OfficialReport(
        title=title,
        subtitle=f"Tuyển chọn và gọi công dân nhập ngũ năm {campaign.year}",
        issuer=(_ISSUERS[kind], commune.name.upper()),
        number="",
        place_date=date_line(commune.name, step.held_on),
        sections=sections,
        recipients=("Ban Chỉ huy quân sự cấp trên", "Lưu"),
        signature=("CHỦ TRÌ", "", "", step.chaired_by),
    )
