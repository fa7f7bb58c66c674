"""The reports and lists as documents (``muster.documents``): Excel workbooks, PDF and the
results report as an official Word report (Decree 30/2020/NĐ-CP layout).

Official documents are in Vietnamese whatever the interface language: every builder runs under
``translation.override("vi")``; labels come from ``labels`` (the same words as on screen).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.utils import translation

from muster.documents.tables import (
    Cell,
    Column,
    Kind,
    OfficialReport,
    Section,
    TableDocument,
    Typed,
    format_cell,
    vietnamese_date_line,
)
from muster.geo.models import Unit, UnitKind
from muster.people.models import Person
from muster.reports import labels
from muster.reports.figures import facts, metrics, spreads
from muster.reports.lists import DossierEntry, ListEntry
from muster.reports.selectors import ResultsReport

_KIND = {"int": Kind.INT, "percent": Kind.PERCENT}

#: The figures the official Word report tabulates per commune (portrait page).
WORD_COLUMNS = (
    "registered",
    "examined",
    "fit",
    "callable",
    "quota_total",
    "handed_over",
    "percent_met",
    "replacements",
)


def issuer(unit: Unit) -> tuple[str, str]:
    """The issuing body of a report of ``unit``: its military command under its People's
    Committee (a regional defence command under the provincial military command)."""
    name = unit.name.upper()
    if unit.kind == UnitKind.DEFENCE_REGION:
        return ("BỘ CHỈ HUY QUÂN SỰ TỈNH", name)
    prefix = {
        UnitKind.PROVINCE: "UBND TỈNH",
        UnitKind.DISTRICT: "UBND HUYỆN",
        UnitKind.WARD: "UBND PHƯỜNG",
        UnitKind.TOWN: "UBND THỊ TRẤN",
        UnitKind.SPECIAL_ZONE: "UBND ĐẶC KHU",
    }.get(UnitKind(unit.kind), "UBND XÃ")
    command = "BỘ CHỈ HUY QUÂN SỰ" if unit.kind == UnitKind.PROVINCE else "BAN CHỈ HUY QUÂN SỰ"
    return (f"{prefix} {name}", command)


def _command_table(
    unit: Unit,
    day: dt.date,
    *,
    title: str,
    subtitle: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    totals: Sequence[Cell] | None = None,
    notes: Sequence[str] = (),
) -> TableDocument:
    """A table issued by ``unit``'s military command on ``day``, signed by its commander."""
    return TableDocument(
        title=title,
        subtitle=subtitle,
        issuer=issuer(unit),
        place_date=vietnamese_date_line(unit.name, day),
        columns=columns,
        rows=rows,
        totals=totals,
        notes=notes,
        signature=("CHỈ HUY TRƯỞNG", "", ""),
    )


def _citizen_columns(
    *, name: float, born: float, village: float, commune: float
) -> tuple[Column, ...]:
    """The first columns of a list of citizens (number, name, birth, village, commune) and
    their widths; ``_citizen_cells`` fills them."""
    return (
        Column("TT", Kind.INT, 5),
        Column("Họ và tên", Kind.TEXT, name),
        Column("Ngày sinh", Kind.DATE, born),
        Column("Thôn, tổ dân phố", Kind.TEXT, village),
        Column("Xã, phường", Kind.TEXT, commune),
    )


def _citizen_cells(number: int, person: Person, commune: str) -> list[Cell]:
    """The cells of ``_citizen_columns`` for the citizen numbered ``number`` in the list."""
    village = person.residence_unit.name if person.residence_unit else ""
    return [number, person.full_name, person.date_of_birth, village, commune]


def _number(value: facts.Number | None, kind: str) -> Cell:
    if value is None:
        return None
    return value if isinstance(value, int) else Decimal(value)


def _typed(value: facts.Number | None, kind: str, *, points: bool = False) -> Cell:
    """A figure in a column of mixed figures: counts as integers, percentages with "%" (a
    change of a percentage in points, without it)."""
    if value is None:
        return None
    if kind == "int":
        return Typed(value, Kind.INT)
    return Typed(Decimal(value), Kind.DECIMAL if points else Kind.PERCENT)


def _subtitle(report: ResultsReport) -> str:
    c = report.campaign
    return (
        f"Đợt tuyển quân năm {c.year} (lần {c.call}) của {c.unit.name}; "
        f"đơn vị báo cáo: {report.unit.name}; số liệu tính đến ngày giao nhận quân "
        f"{report.day:%d/%m/%Y}"
    )


def _previous_note(report: ResultsReport) -> str:
    if not report.has_previous:
        return "Năm trước: không có số liệu."
    sources = {line.previous.source for line in report.lines if line.previous}
    parts = []
    if "campaign" in sources:
        names = ", ".join(f"{c.unit.name} {c.year}/{c.call}" for c in report.previous_campaigns)
        parts.append(f"đợt tuyển quân năm trước ({names})")
    if "history" in sources:
        parts.append("số liệu lưu về chỉ tiêu, nguồn, giao quân và bù đổi năm trước")
    partial = sorted({n for line in report.lines if line.previous for n in line.previous.partial})
    note = "Năm trước lấy từ " + "; ".join(parts) + "; xã đã sáp nhập cộng theo xã cũ."
    if partial:
        note += (
            " Các xã chỉ nhập một phần (" + ", ".join(partial) + ") được tính cả xã ở mỗi xã "
            "mới nhận, nhưng chỉ một lần trong tổng."
        )
    return note


def summary_table(report: ResultsReport) -> TableDocument:
    """Every figure for the report's unit: this year, last year, change."""
    rows: list[list[Cell]] = []
    prev = report.total_previous
    section = ""
    for number, metric in enumerate(metrics.METRICS, 1):
        if metric.section != section:
            section = metric.section
            rows.append([None, str(labels.SECTIONS[section]).upper(), None, None, None])
        rows.append(
            [
                number,
                labels.label(metric.key, report.day),
                _typed(report.total[metric.key], metric.kind),
                _typed(prev[metric.key] if prev else None, metric.kind),
                _typed(report.total_changes[metric.key], metric.kind, points=True),
            ]
        )
    return TableDocument(
        title=f"BÁO CÁO KẾT QUẢ TUYỂN CHỌN VÀ GỌI CÔNG DÂN NHẬP NGŨ NĂM {report.campaign.year}",
        subtitle=_subtitle(report),
        issuer=issuer(report.unit),
        place_date=vietnamese_date_line(report.unit.name, report.day),
        columns=(
            Column("TT", Kind.INT, 5),
            Column("Chỉ tiêu thống kê", Kind.TEXT, 60),
            Column(f"Năm {report.campaign.year}", Kind.DECIMAL, 14),
            Column(f"Năm {report.campaign.year - 1}", Kind.DECIMAL, 14),
            Column("Tăng (+), giảm (−)", Kind.DECIMAL, 14),
        ),
        rows=rows,
        notes=(
            "Tỷ lệ tính bằng phần trăm; thay đổi của tỷ lệ tính bằng điểm phần trăm.",
            _previous_note(report),
            "Định nghĩa từng chỉ tiêu: docs/reports.md (Muster).",
        ),
        landscape=False,
    )


def section_table(report: ResultsReport, section: str) -> TableDocument:
    """One section's figures per commune, with the total."""
    keys = metrics.COMMUNE_COLUMNS[section]
    rows: list[list[Cell]] = []
    for i, line in enumerate(report.lines, 1):
        name = line.name
        if line.row.folded:
            name += " (" + ", ".join(u.name for u in line.row.folded) + ")"
        rows.append(
            [
                i,
                name,
                *(_number(line.values[k], metrics.METRICS_BY_KEY[k].kind) for k in keys),
            ]
        )
    totals: list[Cell] = [
        None,
        "Tổng cộng",
        *(_number(report.total[k], metrics.METRICS_BY_KEY[k].kind) for k in keys),
    ]
    width = max(6.0, min(12.0, 150 / max(1, len(keys))))
    return _command_table(
        report.unit,
        report.day,
        title=str(labels.SECTIONS[section]).upper(),
        subtitle=_subtitle(report),
        columns=(
            Column("TT", Kind.INT, 4),
            Column("Xã, phường, thị trấn", Kind.TEXT, 20),
            *(Column(labels.short(k), _KIND[metrics.METRICS_BY_KEY[k].kind], width) for k in keys),
        ),
        rows=rows,
        totals=None if report.single else totals,
    )


def results_tables(report: ResultsReport) -> list[tuple[str, TableDocument]]:
    """The results report as named tables (one Excel sheet each; one PDF page each)."""
    with translation.override("vi"):
        sheets = [("Tổng hợp", summary_table(report))]
        names = {
            "pool": "Đăng ký, khám",
            "health": "Phân loại sức khỏe",
            "deferral": "Tạm hoãn, miễn",
            "quota": "Chỉ tiêu, quyết định",
            "handover": "Giao quân, bù đổi",
            "quality": "Chất lượng",
            "violations": "Vi phạm",
        }
        sheets.extend((names[s], section_table(report, s)) for s in metrics.SECTIONS)
        return sheets


def _fmt(value: facts.Number | None, kind: str) -> str:
    return format_cell(_number(value, kind), _KIND[kind]) or "—"


def results_official(report: ResultsReport, *, issued_on: dt.date) -> OfficialReport:
    """The results report as an official report (editable in Word): national motto, issuing
    unit, number, date, sections with the figures, recipients and signature."""
    with translation.override("vi"):
        t = report.total
        year = report.campaign.year

        def f(key: str) -> str:
            return _fmt(t[key], metrics.METRICS_BY_KEY[key].kind)

        situation = [
            f"Thực hiện chỉ tiêu tuyển chọn và gọi công dân nhập ngũ năm {year}, "
            f"{report.unit.name} báo cáo kết quả (số liệu tính đến ngày giao nhận quân "
            f"{report.day:%d/%m/%Y}) như sau.",
            f"Tổng số công dân nam trong độ tuổi gọi nhập ngũ đã đăng ký: {f('registered')}; "
            f"gọi sơ tuyển {f('called_screening')}; gọi khám sức khỏe {f('called_exam')}; "
            f"đã khám {f('examined')}; đủ sức khỏe (loại 1–3) {f('fit')}; nguồn gọi được "
            f"{f('callable')}; tạm hoãn {f('deferred')}; miễn {f('exempt')}.",
            f"Chỉ tiêu giao: {f('quota_total')} (Quân đội {f('quota_army')}, Công an "
            f"{f('quota_police')}); quyết định gọi nhập ngũ {f('decisions')}; danh sách chính "
            f"thức {f('selected')}; đã giao quân {f('handed_over')}; trả về {f('returns')}; "
            f"bù đổi {f('replacements')}; đạt {f('percent_met')} chỉ tiêu.",
            f"Chất lượng: tốt nghiệp cao đẳng, đại học, trung cấp nghề {f('graduates')} "
            f"({f('graduates_share')}); đảng viên {f('party_members')}; đoàn viên "
            f"{f('youth_union_members')}; tình nguyện {f('volunteers_recruited')}; dân tộc "
            f"thiểu số {f('ethnic_minorities')}. Vi phạm Luật NVQS: {f('violations')} vụ.",
        ]
        per_commune = TableDocument(
            title="",
            columns=(
                Column("Xã, phường", Kind.TEXT, 22),
                *(
                    Column(labels.short(k), _KIND[metrics.METRICS_BY_KEY[k].kind], 9)
                    for k in WORD_COLUMNS
                ),
            ),
            rows=[
                [
                    line.name,
                    *(
                        _number(line.values[k], metrics.METRICS_BY_KEY[k].kind)
                        for k in WORD_COLUMNS
                    ),
                ]
                for line in report.lines
            ],
            totals=None
            if report.single
            else [
                "Tổng cộng",
                *(_number(t[k], metrics.METRICS_BY_KEY[k].kind) for k in WORD_COLUMNS),
            ],
            landscape=False,
        )
        summary = summary_table(report)
        compare = TableDocument(
            title="",
            columns=summary.columns[1:],
            rows=[r[1:] for r in summary.rows],
            landscape=False,
        )
        sections = [
            Section("I. KẾT QUẢ CHUNG", situation),
            Section("II. KẾT QUẢ THEO TỪNG XÃ", (), per_commune),
            Section(
                f"III. SO SÁNH VỚI NĂM {year - 1}",
                (_previous_note(report),),
                compare,
            ),
            Section(
                "IV. NHẬN XÉT, ĐÁNH GIÁ",
                _assessment(report),
            ),
        ]
        return OfficialReport(
            title="BÁO CÁO",
            subtitle=f"Kết quả tuyển chọn và gọi công dân nhập ngũ năm {year}",
            issuer=issuer(report.unit),
            number="Số:       /BC-BCHQS",
            place_date=vietnamese_date_line(report.unit.name, issued_on),
            sections=sections,
            recipients=(
                "Cấp trên trực tiếp (để báo cáo)",
                "Ban Thường vụ cấp ủy (để báo cáo)",
                "Hội đồng nghĩa vụ quân sự",
                "Lưu: VT",
            ),
            signature=("CHỈ HUY TRƯỞNG", "", "", ""),
        )


def _assessment(report: ResultsReport) -> list[str]:
    from muster.reports.selectors import evenness_of

    even = evenness_of(report)
    names = {line.row.key: line.name for line in report.lines}
    lines: list[str] = []
    rate = even.this_year["planned_rate"]
    if rate.n:
        lines.append(
            "Tỷ lệ gọi (chỉ tiêu ÷ nguồn) giữa các xã: thấp nhất "
            f"{format_cell(rate.minimum, Kind.PERCENT)}, cao nhất "
            f"{format_cell(rate.maximum, Kind.PERCENT)}, độ lệch chuẩn "
            f"{format_cell(rate.std, Kind.DECIMAL)} điểm %, hệ số biến thiên "
            f"{format_cell(rate.cv, Kind.PERCENT)}."
        )
    for s in even.standouts:
        kind = Kind.INT if s.metric in ("replacements", "quota_total") else Kind.PERCENT
        lines.append(
            f"{names.get(s.row, '')}: {labels.standout(s)} "
            f"({format_cell(_number(s.value, 'percent'), kind)})."
        )
    if not report.has("handover"):
        lines.append("Chưa có số liệu giao nhận quân.")
    return lines or ["Không có nhận xét."]


# ----------------------------------------------------------------------------- evenness


def evenness_table(report: ResultsReport) -> TableDocument:
    from muster.reports.selectors import evenness_of

    with translation.override("vi"):
        even = evenness_of(report)
        rows: list[list[Cell]] = []
        for i, (line, er) in enumerate(zip(report.lines, even.rows, strict=True), 1):
            named = "; ".join(labels.standout(s) for s in even.named(er.row))
            last = er.last_year or {}
            rows.append(
                [
                    i,
                    line.name,
                    line.values["callable"],
                    line.values["quota_total"],
                    _number(er.this_year["planned_rate"], "percent"),
                    _number(last.get("planned_rate"), "percent"),
                    _number(er.changes["planned_rate"], "percent"),
                    last.get("quota_total"),
                    er.changes["quota_total"],
                    _number(er.this_year["percent_met"], "percent"),
                    er.this_year["replacements"],
                    named,
                ]
            )
        notes = [_spread_note(label, even, m) for m, label in _SPREAD_LABELS]
        notes.append(
            "Quy tắc nêu tên: tỷ lệ gọi lệch khỏi trung bình quá 1,5 độ lệch chuẩn (từ 3 xã "
            "trở lên); xã chưa đạt chỉ tiêu (khi đã giao quân); xã có bù đổi; chỉ tiêu thay "
            "đổi quá 1/4 so với năm trước (ít nhất 1)."
        )
        return _command_table(
            report.unit,
            report.day,
            title="TÍNH ĐỒNG ĐỀU, ỔN ĐỊNH CHỈ TIÊU GIAO QUÂN GIỮA CÁC XÃ",
            subtitle=_subtitle(report),
            columns=(
                Column("TT", Kind.INT, 4),
                Column("Xã, phường, thị trấn", Kind.TEXT, 20),
                Column("Nguồn", Kind.INT, 8),
                Column("Chỉ tiêu", Kind.INT, 8),
                Column("Tỷ lệ gọi %", Kind.PERCENT, 9),
                Column("Năm trước %", Kind.PERCENT, 9),
                Column("Thay đổi (điểm %)", Kind.DECIMAL, 9),
                Column("Chỉ tiêu năm trước", Kind.INT, 9),
                Column("Thay đổi chỉ tiêu", Kind.INT, 9),
                Column("Đạt chỉ tiêu %", Kind.PERCENT, 9),
                Column("Bù đổi", Kind.INT, 7),
                Column("Nêu tên", Kind.TEXT, 30),
            ),
            rows=rows,
            notes=notes,
        )


_SPREAD_LABELS = (
    ("planned_rate", "Tỷ lệ gọi (chỉ tiêu ÷ nguồn)"),
    ("realised_rate", "Tỷ lệ thực giao (còn tại ngũ ÷ nguồn)"),
    ("percent_met", "Tỷ lệ đạt chỉ tiêu"),
)


def _spread_note(label: str, even: spreads.Evenness, metric: str) -> str:
    this, last = even.this_year[metric], even.last_year[metric]
    if not this.n:
        return f"{label}: chưa có số liệu."

    def p(x: Decimal | None) -> str:
        return format_cell(x, Kind.DECIMAL) or "—"

    text = (
        f"{label}: {this.n} xã; thấp nhất {p(this.minimum)}%, cao nhất {p(this.maximum)}%, "
        f"chênh lệch {p(this.spread)} điểm %, trung bình {p(this.mean)}%, độ lệch chuẩn "
        f"{p(this.std)}, hệ số biến thiên {p(this.cv)}%"
    )
    if last.n:
        text += (
            f"; năm trước: chênh lệch {p(last.spread)}, độ lệch chuẩn {p(last.std)}, hệ số "
            f"biến thiên {p(last.cv)}% (thay đổi độ lệch chuẩn "
            f"{p(even.spread_change(metric, 'std'))})"
        )
    return text + "."


# ----------------------------------------------------------------------------- lists

_SERVICE_VI = {"army": "Quân đội", "police": "Công an"}


def callup_list_table(
    report_unit: Unit, campaign_year: int, entries: Sequence[ListEntry], *, day: dt.date
) -> TableDocument:
    rows: list[list[Cell]] = [
        [
            *_citizen_cells(i, e.person, e.row.unit.name),
            _SERVICE_VI.get(e.service, e.service),
            e.number,
            e.issued_on,
            e.delivered_on,
            e.enlist_on,
            "Quyết định gọi nhập ngũ"
            if e.basis == "decision"
            else "Danh sách chính thức (đã chốt)",
        ]
        for i, e in enumerate(entries, 1)
    ]
    return _command_table(
        report_unit,
        day,
        title=f"DANH SÁCH CÔNG DÂN ĐƯỢC GỌI NHẬP NGŨ NĂM {campaign_year}",
        subtitle=f"{report_unit.name}; ngày giao nhận quân {day:%d/%m/%Y}",
        columns=(
            *_citizen_columns(name=24, born=11, village=16, commune=14),
            Column("Nhập ngũ vào", Kind.TEXT, 10),
            Column("Số QĐ", Kind.INT, 7),
            Column("Ngày ký", Kind.DATE, 11),
            Column("Ngày giao QĐ", Kind.DATE, 11),
            Column("Ngày nhập ngũ", Kind.DATE, 11),
            Column("Căn cứ", Kind.TEXT, 18),
        ),
        rows=rows,
        notes=("Căn cứ: Luật NVQS 78/2015/QH13 Điều 34 (sửa đổi bởi Luật 98/2025/QH15).",),
    )


def dossier_list_table(
    report_unit: Unit,
    campaign_year: int,
    kind: str,
    entries: Sequence[DossierEntry],
    *,
    day: dt.date,
) -> TableDocument:
    with translation.override("vi"):
        deferral = kind == "deferral"
        rows: list[list[Cell]] = []
        for i, e in enumerate(entries, 1):
            d = e.dossier
            rows.append(
                [
                    *_citizen_cells(i, d.person, e.row.unit.name),
                    d.ground,
                    labels.ground_title(d.ground, d.decision_date or day),
                    d.decision_number,
                    d.decision_date,
                    str(labels.AUTHORITIES.get(d.authority, d.authority)),
                    d.end_date if deferral else None,
                ]
            )
        word = "TẠM HOÃN" if deferral else "MIỄN"
        return _command_table(
            report_unit,
            day,
            title=f"DANH SÁCH CÔNG DÂN ĐƯỢC {word} GỌI NHẬP NGŨ NĂM {campaign_year}",
            subtitle=(
                f"{report_unit.name}; quyết định còn hiệu lực ngày {day:%d/%m/%Y}, "
                "theo từng diện (Luật NVQS Điều 41)"
            ),
            columns=(
                *_citizen_columns(name=22, born=11, village=14, commune=13),
                Column("Diện", Kind.TEXT, 7),
                Column("Lý do", Kind.TEXT, 30),
                Column("Số QĐ", Kind.TEXT, 10),
                Column("Ngày QĐ", Kind.DATE, 11),
                Column("Cấp quyết định", Kind.TEXT, 18),
                Column("Đến ngày" if deferral else "", Kind.DATE, 11),
            ),
            rows=rows,
            notes=(
                "Căn cứ: Luật NVQS 78/2015/QH13 Điều 41, 42; cấp quyết định là cấp có thẩm quyền "
                "vào ngày quyết định (Chủ tịch UBND huyện trước 01/7/2025, Chủ tịch UBND tỉnh "
                "từ ngày đó).",
            ),
        )
