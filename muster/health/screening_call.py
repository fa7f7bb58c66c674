"""The screening call decision (quyết định gọi công dân sơ tuyển sức khỏe NVQS) of one
screening session, with the list of the citizens called, as an ``OfficialReport``.

It must reach each citizen at least 15 days before screening (``campaign.notice.screening``:
Law 78/2015 Art 40(3) as rewritten by Law 98/2025 from 01/07/2025; before, a local practice
applied by analogy and flagged unverified). Who signs is ``campaign.authority.health_call``:
the commune chairman from 01/07/2025. The list prints the day each citizen received it and
flags a late one. Its number is the session's (``HealthSession.decision_number``), one counter
per commune and year given when the session is opened ("Số: 3/2026/QĐ-UBND")."""

from __future__ import annotations

import datetime as dt

from muster.documents.tables import Column, Kind, OfficialReport, Section, TableDocument
from muster.documents.tables import vietnamese_date_line as date_line
from muster.health.models import HealthCall, HealthSession
from muster.law.callup import authorities
from muster.law.callup import campaign as campaign_rules

NOTICE = "campaign.notice.screening"


def screening_call_report(
    session: HealthSession, calls: list[HealthCall], issued_on: dt.date
) -> OfficialReport:
    item = campaign_rules.rule(NOTICE, session.date)
    days = item.int_param("days")
    latest = campaign_rules.latest_notice_day(NOTICE, session.date)
    _code, signer, _cite = authorities.health_call_authority(session.date)
    basis = "; ".join(c.label for c in item.citations)
    if not item.confirmed:
        basis += " (chưa xác minh từ văn bản)"
    unit = session.unit
    rows = []
    late = 0
    for index, call in enumerate(calls, start=1):
        person = call.person
        flag = ""
        if call.notified_on is None:
            flag = "Chưa giao"
        elif campaign_rules.notice_is_late(NOTICE, call.notified_on, session.date):
            flag = "Giao muộn"
            late += 1
        rows.append(
            (
                index,
                person.full_name,
                f"{person.date_of_birth:%d/%m/%Y}",
                person.residence_unit.name if person.residence_unit else "",
                f"{call.notified_on:%d/%m/%Y}" if call.notified_on else "",
                flag,
            )
        )
    table = TableDocument(
        title="",
        columns=(
            Column("TT", Kind.INT, width=5),
            Column("Họ và tên", width=24),
            Column("Ngày sinh", width=11),
            Column("Nơi cư trú", width=18),
            Column("Ngày nhận", width=11),
            Column("Ghi chú", width=11),
        ),
        rows=rows,
    )
    late_issue = issued_on > latest
    sections = (
        Section(
            "Điều 1.",
            (
                f"Gọi {len(calls)} công dân có tên trong danh sách kèm theo có mặt sơ tuyển sức "
                f"khỏe nghĩa vụ quân sự vào ngày {session.date:%d/%m/%Y} tại {session.place}"
                + (f" ({session.body})" if session.body else "")
                + ".",
            ),
        ),
        Section(
            "Điều 2.",
            (
                f"Quyết định giao đến công dân trước ngày sơ tuyển ít nhất {days} ngày, chậm "
                f"nhất ngày {latest:%d/%m/%Y}. Căn cứ: {basis}.",
                *(
                    (f"Quyết định ký ngày {issued_on:%d/%m/%Y}, SAU hạn giao: MUỘN.",)
                    if late_issue
                    else ()
                ),
                *((f"Số công dân nhận muộn: {late}.",) if late else ()),
            ),
        ),
        Section("Danh sách công dân được gọi sơ tuyển", table=table),
    )
    return OfficialReport(
        title="QUYẾT ĐỊNH",
        subtitle="Về việc gọi công dân sơ tuyển sức khỏe nghĩa vụ quân sự",
        issuer=(f"UBND {unit.name.upper()}", ""),
        number=(
            f"Số: {session.printed_number}/QĐ-UBND"
            if session.printed_number
            else "Số:      /QĐ-UBND"
        ),
        place_date=date_line(unit.name, issued_on),
        sections=sections,
        recipients=("Như Điều 1", "Ban Chỉ huy quân sự", "Trạm Y tế", "Lưu"),
        signature=("TM. ỦY BAN NHÂN DÂN", signer.upper(), "", ""),
    )
