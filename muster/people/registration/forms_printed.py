"""The registration forms of Decree 13/2016 Art 3(2) beside the call and the certificate
(``documents.py``): the self-declared health form handed with the call (form 2, phiếu tự khai
sức khỏe nghĩa vụ quân sự), the reserve registration certificate (form 5, giấy chứng nhận đăng
ký quân nhân dự bị) and the transfer letters (forms 6 and 7, giấy giới thiệu di chuyển đăng ký
nghĩa vụ quân sự / quân nhân dự bị). Printed from the data, Vietnamese only: the State's papers.

The Minister of Defence prescribes the layouts and the legal reference does not give them (nor
the circular's number): the papers follow the official document layout (Decree 30/2020) and
the content of Decree 13/2016 Arts 4–7 and Law 78/2015 Arts 17–18. Who signs the transfer
letter and the reserve certificate is taken to be the signer of the call and the NVQS
certificate on that day (the commune chairman from 01/07/2025, Decree 220/2025); the reference
confirms it only for the call and the NVQS certificate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from muster.documents.tables import Column, OfficialReport, Section, TableDocument
from muster.documents.tables import vietnamese_date_line as date_line
from muster.geo.models import LEVEL_WORD_VI, Unit, name_holds_kind
from muster.law.callup import registration, registration_calls
from muster.people.models import Person
from muster.people.reference import ETHNIC_GROUPS
from muster.people.registration.documents import issuer_lines, signature_lines
from muster.people.registration.models import EventKind, RegistrationCall, RegistrationEvent

HEALTH_TITLE = "PHIẾU TỰ KHAI SỨC KHỎE NGHĨA VỤ QUÂN SỰ"
TRANSFER_TITLE = "GIẤY GIỚI THIỆU DI CHUYỂN ĐĂNG KÝ NGHĨA VỤ QUÂN SỰ"
RESERVE_TRANSFER_TITLE = "GIẤY GIỚI THIỆU DI CHUYỂN ĐĂNG KÝ QUÂN NHÂN DỰ BỊ"
RESERVE_CERTIFICATE_TITLE = "GIẤY CHỨNG NHẬN ĐĂNG KÝ QUÂN NHÂN DỰ BỊ"

#: The questions of the self-declared health form, answered "có" / "không" by the citizen.
HEALTH_QUESTIONS: tuple[str, ...] = (
    "Bệnh lao, hen phế quản, bệnh phổi mạn tính",
    "Động kinh, bệnh tâm thần, rối loạn tâm thần",
    "Bệnh tim mạch, tăng huyết áp",
    "Bệnh gan, thận, đái tháo đường",
    "Bệnh về mắt (cận thị, viễn thị, loạn thị, bệnh khác)",
    "Bệnh tai, mũi, họng, răng, hàm, mặt",
    "Bệnh ngoài da, dị ứng",
    "Bệnh xương khớp, dị tật, đã phẫu thuật hoặc chấn thương",
    "Nghiện ma túy, chất gây nghiện",
    "Bệnh khác đang điều trị (ghi rõ)",
)

_BLANK_DATE = "......, ngày ..... tháng ..... năm ........"


def place_name(unit: Unit | None) -> str:
    """ "xã Đức Hợp, huyện Kim Động": the unit with its level word, and its parent's."""
    parts: list[str] = []
    for current in (unit, unit.parent if unit is not None else None):
        if current is None or current.kind not in LEVEL_WORD_VI:
            break
        word = LEVEL_WORD_VI[current.kind]
        holds = name_holds_kind(current.kind, current.name)
        parts.append(current.name if holds else f"{word} {current.name}")
    return ", ".join(parts) if parts else (unit.name if unit is not None else "")


def _commune_command(commune: Unit) -> tuple[str, ...]:
    level = LEVEL_WORD_VI.get(commune.kind, "xã").upper()
    return (f"ỦY BAN NHÂN DÂN {level} {commune.name.upper()}", "BAN CHỈ HUY QUÂN SỰ")


def _identity(person: Person) -> tuple[str, ...]:
    ethnicity = dict(ETHNIC_GROUPS).get(person.ethnicity, "")
    residence = person.residence_unit.name if person.residence_unit is not None else ""
    return (
        f"Họ và tên: {person.full_name}.",
        f"Sinh ngày: {person.date_of_birth:%d/%m/%Y}.",
        f"Số định danh cá nhân: {person.national_id or '—'}.",
        f"Dân tộc: {ethnicity or '—'}. Tôn giáo: {person.religion or 'Không'}.",
        "Nơi cư trú: "
        + ", ".join(p for p in (residence, place_name(person.registration_unit)) if p)
        + ".",
        f"Nghề nghiệp: {person.occupation or '—'}. Nơi làm việc (học tập): "
        f"{person.workplace or '—'}.",
    )


def health_form(person: Person, *, call: RegistrationCall | None = None) -> OfficialReport:
    """The self-declared health form (form 2) of one citizen, his identity filled in from the
    registry, the answers left to him. With his call, it is dated the registration day (he
    fills it in at the registration place, Decree 13/2016 Art 4)."""
    commune = call.unit if call is not None else person.registration_unit
    questions = TableDocument(
        title="",
        columns=(
            Column("STT", width=4),
            Column("Nội dung", width=40),
            Column("Có", width=5),
            Column("Không", width=5),
        ),
        rows=[(i, q, "", "") for i, q in enumerate(HEALTH_QUESTIONS, start=1)],
        landscape=False,
    )
    subtitle = (
        f"(Ngày đăng ký: {call.registration_date:%d/%m/%Y}; giấy gọi số {call.number}/{call.year})"
        if call is not None
        else ""
    )
    return OfficialReport(
        title=HEALTH_TITLE,
        subtitle=subtitle,
        issuer=_commune_command(commune),
        number="",
        place_date=(
            date_line(commune.name, call.registration_date) if call is not None else _BLANK_DATE
        ),
        sections=(
            Section("I. Thông tin cá nhân", _identity(person)),
            Section(
                "II. Tiền sử bệnh tật của gia đình",
                (
                    "Bố, mẹ, anh chị em ruột có ai mắc bệnh lao, tâm thần, động kinh, bệnh "
                    "di truyền hoặc bệnh mạn tính khác không? Ghi rõ: "
                    "..............................................................",
                ),
            ),
            Section(
                "III. Tiền sử bệnh tật của bản thân (đánh dấu X vào cột Có hoặc Không)",
                table=questions,
            ),
            Section(
                "IV. Cam đoan",
                (
                    "Tôi xin cam đoan những điều khai trên là đúng sự thật; nếu khai sai, tôi xin "
                    "hoàn toàn chịu trách nhiệm trước pháp luật.",
                ),
            ),
        ),
        signature=("NGƯỜI KHAI", "(Ký, ghi rõ họ tên)", "\u00a0", "\u00a0", person.full_name),
    )


def is_reservist_on(events: Iterable[RegistrationEvent], day: dt.date) -> bool:
    """Whether a reserve registration among ``events`` (one citizen's) came on or before
    ``day``: a reservist's transfer is form 7, not form 6."""
    return any(e.kind == EventKind.RESERVE_REGISTRATION and e.event_date <= day for e in events)


def _registered_line(event: RegistrationEvent) -> str:
    reserve = event.kind == EventKind.RESERVE_REGISTRATION
    what = "phục vụ trong ngạch dự bị" if reserve else "nghĩa vụ quân sự"
    number = f", Giấy chứng nhận số {event.certificate_number}" if event.certificate_number else ""
    return (
        f"Đã đăng ký {what} ngày {event.event_date:%d/%m/%Y} tại {place_name(event.unit)}{number}."
    )


def transfer_letter(
    event: RegistrationEvent,
    *,
    number: int,
    history: Sequence[RegistrationEvent] = (),
) -> OfficialReport:
    """The transfer letter (forms 6 and 7) of one transfer out (``EventKind.TRANSFER_OUT``),
    issued by the commune the citizen leaves. ``number`` is its place among the commune's
    transfers of the year; ``history`` the citizen's registration events, which say where he
    first registered and whether he was a reservist that day. The citizen registers at the new
    place within the period of the rule in force on the day he leaves (10 working days before
    01/07/2025, 5 from then: Law 98/2025)."""
    assert event.kind == EventKind.TRANSFER_OUT
    person = event.person
    commune = event.from_unit or event.unit
    reservist = is_reservist_on(history, event.event_date)
    signer = registration_calls.call_signer(event.event_date)
    registered = [
        e
        for e in history
        if e.kind in (EventKind.FIRST_REGISTRATION, EventKind.RESERVE_REGISTRATION)
        and e.event_date <= event.event_date
    ]
    where = [_registered_line(e) for e in registered[-1:]]
    try:
        rule = registration.rule_for(registration.Trigger.TRANSFER_IN, event.event_date)
        duty = (
            f"Đến đăng ký tại nơi đến trong thời hạn {rule.amount} ngày làm việc kể từ ngày "
            f"đến ({rule.citation})."
        )
    except registration.NoRuleError:
        duty = "Đến đăng ký tại nơi đến theo quy định của Luật Nghĩa vụ quân sự."
    destination = place_name(event.to_unit)
    what = "quân nhân dự bị" if reservist else "nghĩa vụ quân sự"
    return OfficialReport(
        title=RESERVE_TRANSFER_TITLE if reservist else TRANSFER_TITLE,
        issuer=issuer_lines(signer, commune),
        number=f"Số: {number}/{event.event_date.year}/GGT",
        place_date=date_line(commune.name, event.event_date),
        sections=(
            Section("Kính gửi:", (f"Ban Chỉ huy quân sự {destination}.",)),
            Section(
                "Giới thiệu công dân:",
                (
                    f"Họ và tên: {person.full_name}.",
                    f"Sinh ngày: {person.date_of_birth:%d/%m/%Y}.",
                    f"Số định danh cá nhân: {person.national_id or '—'}.",
                    *where,
                    f"Chuyển đến: {destination}. Ngày đi: {event.event_date:%d/%m/%Y}.",
                    *([f"Ghi chú: {event.note}."] if event.note else []),
                ),
            ),
            Section(
                "Đề nghị",
                (f"Tiếp nhận và đăng ký {what} cho công dân có tên trên theo quy định.",),
            ),
            Section("Công dân có trách nhiệm:", (duty,)),
        ),
        recipients=(f"Ban Chỉ huy quân sự {destination}", "Công dân có tên trên", "Lưu"),
        signature=signature_lines(signer, ""),
    )


def reserve_certificate(event: RegistrationEvent) -> OfficialReport:
    """The reserve registration certificate (form 5) of one reserve registration
    (``EventKind.RESERVE_REGISTRATION``), numbered as recorded with it."""
    assert event.kind == EventKind.RESERVE_REGISTRATION
    person = event.person
    commune = event.unit
    handed = event.certificate_handed_on or event.event_date
    signer = registration_calls.call_signer(handed)
    arrived = (
        [f"Ngày về đến nơi cư trú: {event.trigger_date:%d/%m/%Y}."] if event.trigger_date else []
    )
    return OfficialReport(
        title=RESERVE_CERTIFICATE_TITLE,
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
                    *arrived,
                    f"Đã đăng ký phục vụ trong ngạch dự bị ngày {event.event_date:%d/%m/%Y} "
                    f"tại {place_name(commune)}.",
                ),
            ),
            Section(
                "Quân nhân dự bị có trách nhiệm:",
                (
                    "Giữ gìn Giấy chứng nhận này; đăng ký bổ sung, đăng ký di chuyển, đăng ký "
                    "vắng mặt theo quy định của Luật Nghĩa vụ quân sự; có mặt đúng thời gian, "
                    "địa điểm khi có lệnh gọi huấn luyện, diễn tập, kiểm tra sẵn sàng động "
                    "viên, sẵn sàng chiến đấu.",
                ),
            ),
        ),
        signature=signature_lines(signer, ""),
    )
