"""The militia register of a commune (sổ đăng ký Dân quân tự vệ), as a ``TableDocument``
printed in PDF and Excel (Vietnamese: the State's book)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from muster.documents.tables import Cell, Column, Kind, TableDocument, vietnamese_date_line
from muster.geo.models import LEVEL_WORD_VI, Unit
from muster.law.militia.enums import COMPONENT_LABELS, Component
from muster.militia.members.models import Membership, MilitiaRegistration, RegistrationSource
from muster.militia.members.services import registration_citation

_SOURCE_VI = {
    RegistrationSource.APRIL: "Đăng ký tháng 4 (đủ 18 tuổi)",
    RegistrationSource.NEW_RESIDENT: "Mới đến cư trú",
    RegistrationSource.WORKPLACE: "Cơ quan, tổ chức",
    RegistrationSource.OTHER: "Khác",
}


def militia_register(
    commune: Unit,
    rows: Sequence[MilitiaRegistration],
    members: Mapping[int, Membership],
    *,
    day: dt.date,
    today: dt.date,
) -> TableDocument:
    """One line per citizen on the register on ``day``: birth, sex, village, the day and
    source of the registration, the exemption and its reason, and the component he serves in."""
    lines: list[list[Cell]] = []
    for i, reg in enumerate(rows, start=1):
        person = reg.person
        member = members.get(person.pk)
        serving = COMPONENT_LABELS[Component(member.component)].vi if member else ""
        lines.append(
            [
                i,
                person.full_name,
                person.date_of_birth,
                "Nữ" if person.sex == "F" else "Nam",
                person.residence_unit.name if person.residence_unit else "",
                reg.registered_on,
                _SOURCE_VI.get(RegistrationSource(reg.source), reg.source)
                + (f" ({reg.agency})" if reg.agency else ""),
                reg.exempt_reason if reg.exempt else "",
                serving,
            ]
        )
    level = LEVEL_WORD_VI.get(commune.kind, "xã").upper()
    exempt = sum(1 for r in rows if r.exempt)
    return TableDocument(
        title="SỔ ĐĂNG KÝ DÂN QUÂN TỰ VỆ",
        subtitle=f"{commune.name}, đến ngày {day:%d/%m/%Y}",
        issuer=(f"ỦY BAN NHÂN DÂN {level} {commune.name.upper()}", "BAN CHỈ HUY QUÂN SỰ"),
        place_date=vietnamese_date_line(commune.name, today),
        columns=(
            Column("STT", Kind.INT, 5),
            Column("Họ và tên", Kind.TEXT, 24),
            Column("Ngày sinh", Kind.DATE, 11),
            Column("Giới tính", Kind.TEXT, 7),
            Column("Thôn", Kind.TEXT, 14),
            Column("Ngày đăng ký", Kind.DATE, 11),
            Column("Nguồn đăng ký", Kind.TEXT, 20),
            Column("Miễn đăng ký (lý do)", Kind.TEXT, 26),
            Column("Đang phục vụ", Kind.TEXT, 14),
        ),
        rows=lines,
        signature=("CHỈ HUY TRƯỞNG", "(Ký, ghi rõ họ tên)"),
        notes=(
            f"Tổng số: {len(rows)} công dân; miễn đăng ký: {exempt}.",
            f"Căn cứ: {registration_citation(day)}.",
        ),
    )
