"""Printed documents of selection and handover: the selection list with its draw (the
commitment alone while the list is committed; the ranked list, seed and pool hash once
frozen) and the handover record (biên bản giao nhận quân). Both are ``OfficialReport``
objects rendered by ``muster.documents.pdf`` with embedded DejaVu fonts."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.utils import timezone

from muster.conscription.campaign.models import Service
from muster.conscription.handover.models import Handover
from muster.conscription.selection.models import (
    ListKind,
    SelectionEntry,
    SelectionList,
    SelectionState,
)
from muster.documents.tables import Column, Kind, OfficialReport, Section, TableDocument
from muster.documents.tables import vietnamese_date_line as date_line
from muster.law.callup import selection as selection_rules

SERVICE_VI = {Service.ARMY: "Quân đội nhân dân", Service.POLICE: "Công an nhân dân"}
LIST_VI = {ListKind.OFFICIAL: "Chính thức", ListKind.STANDBY: "Dự phòng", ListKind.REMAINING: ""}


def pool_digest(selection_list: SelectionList) -> str:
    """sha256 of the published pool JSON (compact, keys sorted), printed with the list."""
    text = json.dumps(selection_list.pool, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _local(value: dt.datetime | None) -> str:
    if value is None:
        return "—"
    return f"{timezone.localtime(value):%H:%M:%S ngày %d/%m/%Y}"


def selection_report(
    selection_list: SelectionList, entries: list[SelectionEntry]
) -> OfficialReport:
    commune = selection_list.commune.unit
    campaign = selection_list.commune.campaign
    service = SERVICE_VI.get(Service(selection_list.service), selection_list.service)
    draw = [
        f"Phương pháp: {selection_list.method or 'muster-selection/1'} (xếp thứ tự: tình nguyện; "
        "ưu tiên tốt nghiệp cao đẳng, đại học và người dân tộc thiểu số; trình độ văn hóa từ "
        "cao xuống thấp; sức khỏe loại 1, 2, 3; bốc thăm sha256(mã bốc thăm || mã công dân)).",
        f"Mã cam kết (sha256 của mã bốc thăm): {selection_list.commitment}",
        f"Công bố mã cam kết lúc: {_local(selection_list.committed_at)}",
    ]
    sections = [Section("1. Bốc thăm có cam kết", tuple(draw))]
    if selection_list.state == SelectionState.FROZEN:
        sections[0] = Section(
            "1. Bốc thăm có cam kết",
            (
                *draw,
                f"Chốt danh sách lúc: {_local(selection_list.frozen_at)}",
                f"Mã bốc thăm (công bố sau khi chốt): {selection_list.seed}",
                f"sha256 của tệp nguồn (pool.json): {pool_digest(selection_list)}",
                f"Chỉ tiêu chính thức: {selection_list.quota}; dự phòng: "
                f"{selection_list.standby}; nguồn xếp thứ tự: {len(entries)} công dân.",
            ),
        )
        table = TableDocument(
            title="",
            columns=(
                Column("TT", Kind.INT, width=5),
                Column("Họ và tên", width=24),
                Column("Năm sinh", Kind.INT, width=8),
                Column("Thôn", width=14),
                Column("Tình nguyện", width=8),
                Column("Ưu tiên", width=8),
                Column("Văn hóa", width=8),
                Column("SK", Kind.INT, width=5),
                Column("Bốc thăm", width=12),
                Column("Danh sách", width=11),
            ),
            rows=[
                (
                    e.place,
                    e.person.full_name,
                    e.person.date_of_birth.year,
                    e.person.residence_unit.name if e.person.residence_unit else "",
                    "x" if e.volunteer else "",
                    "ĐH/CĐ" if e.graduate else ("DTTS" if e.ethnic_minority else ""),
                    "ĐH/CĐ" if e.graduate else f"{e.education}/12",
                    e.health_class,
                    e.draw[:10],
                    LIST_VI.get(ListKind(e.list_kind), ""),
                )
                for e in entries
            ],
        )
        sections.append(Section("2. Danh sách theo thứ tự tuyển chọn", table=table))
        sections.append(
            Section(
                "3. Kiểm tra",
                (
                    "Bất kỳ ai có tệp nguồn và mã bốc thăm đều tính lại được thứ tự: "
                    "manage.py rank pool.json --verify result.json; hoặc với từng người cùng "
                    "tiêu chuẩn: printf '%s' \"MÃ_BỐC_THĂM MÃ_CÔNG_DÂN\" | sha256sum (viết liền), "
                    "xếp tăng dần.",
                ),
            )
        )
    else:
        sections.append(
            Section(
                "2. Ghi chú",
                (
                    "Mã bốc thăm được giữ kín đến khi chốt danh sách; khi chốt, mã được công "
                    "bố và mọi người kiểm tra được sha256(mã) đúng bằng mã cam kết trên.",
                ),
            )
        )
    title = (
        "DANH SÁCH CÔNG DÂN THEO THỨ TỰ TUYỂN CHỌN"
        if selection_list.state == SelectionState.FROZEN
        else "THÔNG BÁO MÃ CAM KẾT BỐC THĂM TUYỂN CHỌN"
    )
    day = (selection_list.frozen_at or selection_list.committed_at or timezone.now()).date()
    return OfficialReport(
        title=title,
        subtitle=f"{service}, năm {campaign.year}",
        issuer=("HỘI ĐỒNG NGHĨA VỤ QUÂN SỰ", commune.name.upper()),
        number="",
        place_date=date_line(commune.name, day),
        sections=tuple(sections),
        recipients=("Niêm yết công khai tại trụ sở UBND xã", "Lưu"),
        signature=("TM. HỘI ĐỒNG NGHĨA VỤ QUÂN SỰ", "CHỦ TỊCH", "", ""),
    )


def handover_report(handover: Handover) -> OfficialReport:
    commune = handover.commune.unit
    campaign = handover.commune.campaign
    unit = handover.receiving_unit
    organiser = selection_rules.handover_organiser(handover.handed_on)
    recruits = list(
        handover.recruits.select_related(
            "decision__person", "decision__person__residence_unit"
        ).order_by("decision__number")
    )
    table = TableDocument(
        title="",
        columns=(
            Column("TT", Kind.INT, width=5),
            Column("Họ và tên", width=26),
            Column("Ngày sinh", Kind.DATE, width=11),
            Column("Thôn", width=16),
            Column("Số quyết định", width=12),
            Column("Ngày quyết định", Kind.DATE, width=12),
        ),
        rows=[
            (
                i,
                r.decision.person.full_name,
                r.decision.person.date_of_birth,
                r.decision.person.residence_unit.name if r.decision.person.residence_unit else "",
                r.decision.printed_number,
                r.decision.issued_on,
            )
            for i, r in enumerate(recruits, start=1)
        ],
    )
    signers = TableDocument(
        title="",
        columns=(Column("ĐẠI DIỆN BÊN GIAO", width=20), Column("ĐẠI DIỆN BÊN NHẬN", width=20)),
        rows=[
            ("(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên)"),
            ("", ""),
            ("", ""),
            (handover.locality_signer, handover.unit_signer),
        ],
    )
    return OfficialReport(
        title="BIÊN BẢN GIAO NHẬN QUÂN",
        subtitle=f"Năm {campaign.year}, đợt {campaign.call}",
        issuer=(organiser.organiser_vi.upper(), campaign.unit.name.upper()),
        number="Số:      /BB-GNQ",
        place_date=date_line(handover.place or commune.name, handover.handed_on),
        sections=(
            Section(
                "Căn cứ",
                (
                    f"{organiser.citation}: {organiser.organiser_vi} tổ chức giao nhận quân; "
                    f"{organiser.ceremony_vi} tổ chức lễ giao nhận quân.",
                    "Các quyết định gọi công dân nhập ngũ có tên trong danh sách dưới đây.",
                ),
            ),
            Section(
                "Thành phần",
                (
                    f"Bên giao: {commune.name}, đại diện: {handover.locality_signer}.",
                    f"Bên nhận: {unit.name} ({unit.code}), đại diện: {handover.unit_signer}.",
                ),
            ),
            Section(
                "Nội dung",
                (
                    f"Bên giao đã giao, bên nhận đã nhận đủ {len(recruits)} công dân nhập ngũ "
                    f"vào {SERVICE_VI.get(Service(unit.service), unit.service)} theo danh sách:",
                ),
                table=table,
            ),
            Section(
                "Khám phúc tra và bù đổi",
                (
                    "Đơn vị khám phúc tra sức khỏe trong 10 ngày kể từ ngày giao nhận, đến hết "
                    f"ngày {selection_rules.reexam_due(handover.handed_on):%d/%m/%Y} "
                    "(Thông tư 105/2023/TT-BQP Điều 11 khoản 7); bù đổi, nếu có, hoàn thành đến "
                    f"hết ngày {selection_rules.replacement_due(handover.handed_on):%d/%m/%Y} "
                    "và không quá 2% chỉ tiêu giao cho đơn vị (Thông tư 148/2018/TT-BQP Điều 7 "
                    "khoản 3).",
                    *((f"Ghi chú: {handover.minutes}",) if handover.minutes else ()),
                ),
            ),
            Section("", table=signers),
        ),
        recipients=("Bên giao", "Bên nhận", "Lưu"),
        signature=(),
    )
