"""The health books as ``TableDocument`` objects (rendered by ``muster.documents``).

* Form 2k (sổ sơ tuyển sức khỏe): the commune health station's screening book.
* Form 2l (sổ khám sức khỏe): the health council's examination book, station by station.
* Form 2b (báo cáo kết quả khám sức khỏe): the council's report: per commune, citizens
  planned (called), examined, and the count in each class 1–6; then the list with class and
  reason (the decisive indicators).

Official forms are printed in Vietnamese whatever the interface language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from muster.documents.tables import Cell, Column, Kind, TableDocument, vietnamese_date_line
from muster.health.models import HealthCall, HealthSession, Station

STATION_SHORT = {
    Station.PHYSIQUE: "Thể lực",
    Station.SURGERY: "Ngoại",
    Station.DERMATOLOGY: "Da liễu",
    Station.EYES: "Mắt",
    Station.ENT: "TMH",
    Station.TEETH: "RHM",
    Station.INTERNAL: "Nội",
    Station.NEUROLOGY: "Thần kinh",
    Station.PSYCHIATRY: "Tâm thần",
    Station.GYNAECOLOGY: "Sản phụ khoa",
    Station.IMAGING: "CĐHA",
    Station.LAB: "Xét nghiệm",
    Station.DRUG_TEST: "Ma túy",
    Station.HIV_TEST: "HIV",
}


def _issuer(session: HealthSession) -> tuple[str, ...]:
    return (session.unit.name.upper(), session.body.upper() or "HỘI ĐỒNG KHÁM SỨC KHỎE")


def _scores(call: HealthCall) -> dict[str, str]:
    """Each station's score with its T; the drug and HIV tests: "Âm" or "Dương" (tính)."""
    return {
        r.station: (
            ("Dương" if r.positive else "Âm")
            if r.score is None
            else f"{r.score}{'T' if r.temporary else ''}"
        )
        for r in call.results.all()
    }


def _commune(call: HealthCall) -> str:
    """The commune holding the citizen on the session day (set by ``calls_in_session``), else
    the one he is registered at."""
    name: str | None = getattr(call, "commune_name", None)
    return name if name is not None else call.person.registration_unit.name


def _reason(call: HealthCall) -> str:
    names = [STATION_SHORT.get(Station(s), s) for s in call.decisive.split(",") if s]
    reason = ", ".join(names)
    if call.exempt_icd:
        reason = f"{reason}; bệnh miễn ĐK {call.exempt_icd}" if reason else call.exempt_icd
    if call.drug_positive:
        reason = f"{reason}; ma túy dương tính" if reason else "Ma túy dương tính"
    return reason


def _place_date(session: HealthSession) -> str:
    return vietnamese_date_line(session.unit.name, session.date)


def _session_form(
    session: HealthSession,
    *,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    totals: Sequence[Cell] | None = None,
    notes: Sequence[str] = (),
    signer: str = "CHỦ TỊCH HỘI ĐỒNG",
) -> TableDocument:
    """A health form of ``session``: its day and place, its issuer and place-and-date line, and
    the signature of ``signer`` (the council's chairman unless told)."""
    return TableDocument(
        title=title,
        subtitle=f"Ngày {session.date:%d/%m/%Y} tại {session.place}",
        issuer=_issuer(session),
        place_date=_place_date(session),
        columns=columns,
        rows=rows,
        totals=totals,
        notes=notes,
        signature=(signer, "", ""),
    )


def screening_book(session: HealthSession, calls: Sequence[HealthCall]) -> TableDocument:
    """Form 2k: one row per citizen called to the commune screening."""
    rows: list[list[Cell]] = []
    for i, call in enumerate(calls, 1):
        person = call.person
        rows.append(
            [
                i,
                person.full_name,
                person.date_of_birth,
                person.residence_unit.name if person.residence_unit else "",
                call.notified_on,
                "Muộn" if call.notice_late else "",
                call.class_label,
                call.exempt_icd,
                "; ".join(r.note for r in call.results.all() if r.note),
            ]
        )
    return _session_form(
        session,
        title="SỔ SƠ TUYỂN SỨC KHỎE NGHĨA VỤ QUÂN SỰ (Mẫu 2k)",
        columns=[
            Column("TT", Kind.INT, 5),
            Column("Họ và tên", Kind.TEXT, 26),
            Column("Ngày sinh", Kind.DATE, 12),
            Column("Thôn, tổ dân phố", Kind.TEXT, 18),
            Column("Nhận QĐ ngày", Kind.DATE, 12),
            Column("Báo muộn", Kind.TEXT, 9),
            Column("Phân loại", Kind.TEXT, 9),
            Column("Bệnh miễn ĐK (ICD)", Kind.TEXT, 12),
            Column("Ghi chú", Kind.TEXT, 24),
        ],
        rows=rows,
        notes=("Căn cứ: Thông tư 105/2023/TT-BQP Điều 7; Phụ lục I Phần III.",),
        signer="TRẠM TRƯỞNG TRẠM Y TẾ",
    )


def examination_book(session: HealthSession, calls: Sequence[HealthCall]) -> TableDocument:
    """Form 2l: measurements, each station's score and the class."""
    stations = list(Station)
    rows: list[list[Cell]] = []
    for i, call in enumerate(calls, 1):
        person = call.person
        scores = _scores(call)
        physique = next((r for r in call.results.all() if r.station == Station.PHYSIQUE), None)
        rows.append(
            [
                i,
                person.full_name,
                person.date_of_birth,
                _commune(call),
                physique.height_cm if physique else None,
                physique.weight_kg if physique else None,
                physique.chest_cm if physique else None,
                call.bmi,
                *[scores.get(s, "") for s in stations],
                call.class_label,
                _reason(call),
            ]
        )
    return _session_form(
        session,
        title="SỔ KHÁM SỨC KHỎE NGHĨA VỤ QUÂN SỰ (Mẫu 2l)",
        columns=[
            Column("TT", Kind.INT, 5),
            Column("Họ và tên", Kind.TEXT, 22),
            Column("Ngày sinh", Kind.DATE, 11),
            Column("Xã, phường", Kind.TEXT, 14),
            Column("Cao (cm)", Kind.DECIMAL, 7),
            Column("Nặng (kg)", Kind.DECIMAL, 7),
            Column("Vòng ngực (cm)", Kind.DECIMAL, 7),
            Column("BMI", Kind.DECIMAL, 6),
            *[Column(STATION_SHORT[s], Kind.TEXT, 6) for s in stations],
            Column("Phân loại", Kind.TEXT, 7),
            Column("Lý do", Kind.TEXT, 16),
        ],
        rows=rows,
        notes=("Căn cứ: Thông tư 105/2023/TT-BQP Điều 5, 6, 8 (sửa đổi bởi TT 106/2025/TT-BQP).",),
    )


@dataclass(frozen=True)
class CommuneCounts:
    commune: str
    planned: int
    examined: int
    by_class: tuple[int, int, int, int, int, int]


def council_counts(calls: Sequence[HealthCall]) -> list[CommuneCounts]:
    """Planned, examined and class counts per commune (in the order the calls come)."""
    planned: Counter[str] = Counter()
    examined: Counter[str] = Counter()
    classes: dict[str, Counter[int]] = {}
    order: list[str] = []
    for call in calls:
        name = _commune(call)
        if name not in planned:
            order.append(name)
            classes[name] = Counter()
        planned[name] += 1
        if call.health_class is not None:
            examined[name] += 1
            classes[name][call.health_class] += 1
    return [
        CommuneCounts(
            commune=name,
            planned=planned[name],
            examined=examined[name],
            by_class=(
                classes[name][1],
                classes[name][2],
                classes[name][3],
                classes[name][4],
                classes[name][5],
                classes[name][6],
            ),
        )
        for name in order
    ]


def council_report(session: HealthSession, calls: Sequence[HealthCall]) -> TableDocument:
    """Form 2b, part 1: per-commune counts with totals."""
    counts = council_counts(calls)
    rows: list[list[Cell]] = [
        [i, c.commune, c.planned, c.examined, *c.by_class, sum(c.by_class[:3])]
        for i, c in enumerate(counts, 1)
    ]
    totals: list[Cell] = [
        None,
        "Tổng cộng",
        sum(c.planned for c in counts),
        sum(c.examined for c in counts),
        *[sum(c.by_class[k] for c in counts) for k in range(6)],
        sum(sum(c.by_class[:3]) for c in counts),
    ]
    return _session_form(
        session,
        title="BÁO CÁO KẾT QUẢ KHÁM SỨC KHỎE NGHĨA VỤ QUÂN SỰ (Mẫu 2b)",
        columns=[
            Column("TT", Kind.INT, 5),
            Column("Xã, phường", Kind.TEXT, 22),
            Column("Kế hoạch", Kind.INT, 9),
            Column("Đã khám", Kind.INT, 9),
            *[Column(f"Loại {k}", Kind.INT, 7) for k in range(1, 7)],
            Column("Đủ SK (loại 1–3)", Kind.INT, 10),
        ],
        rows=rows,
        totals=totals,
        notes=("Căn cứ: Thông tư 105/2023/TT-BQP Điều 6, Điều 8 khoản 9.",),
    )


def council_list(session: HealthSession, calls: Sequence[HealthCall]) -> TableDocument:
    """Form 2b, part 2: every citizen examined with class and reason."""
    rows: list[list[Cell]] = [
        [
            i,
            c.person.full_name,
            c.person.date_of_birth,
            _commune(c),
            c.class_label,
            _reason(c),
        ]
        for i, c in enumerate((c for c in calls if c.health_class is not None), 1)
    ]
    return _session_form(
        session,
        title="DANH SÁCH KẾT QUẢ PHÂN LOẠI SỨC KHỎE (Mẫu 2b, kèm theo)",
        columns=[
            Column("TT", Kind.INT, 5),
            Column("Họ và tên", Kind.TEXT, 26),
            Column("Ngày sinh", Kind.DATE, 12),
            Column("Xã, phường", Kind.TEXT, 18),
            Column("Phân loại", Kind.TEXT, 9),
            Column("Lý do", Kind.TEXT, 30),
        ],
        rows=rows,
    )


#: form code → (builder, file stem); 2k for screening sessions, 2l/2b for examinations.
FORMS = {
    "2k": (screening_book, "so-so-tuyen-2k"),
    "2l": (examination_book, "so-kham-2l"),
    "2b": (council_report, "bao-cao-2b"),
    "2b-list": (council_list, "danh-sach-2b"),
}
