"""The reviews of a call-up year (sơ kết, tổng kết) as official reports (Decree 30/2020/NĐ-CP
layout), with the figures of the results report (``selectors.results_report``).

``snapshot`` turns a results report into plain JSON (the figures an ``AgencyReport`` freezes
when it is sent); ``document`` builds the official report from a review and a snapshot, so a
draft (live figures) and a sent report (frozen figures) print the same way. Official documents
are in Vietnamese whatever the interface language: the builder runs under
``translation.override("vi")``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import translation

from muster.accounts.models import User
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
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit, UnitKind
from muster.reports import labels
from muster.reports.documents import WORD_COLUMNS, issuer
from muster.reports.figures import metrics
from muster.reports.figures.facts import Number
from muster.reports.models import AgencyReport, ReviewKind
from muster.reports.selectors import ResultsReport, results_report

#: The figures of the review's summary table, in the order of the results report's sections.
SUMMARY = (
    "registered",
    "called_exam",
    "examined",
    "fit",
    "callable",
    "deferred",
    "exempt",
    "quota_army",
    "quota_police",
    "quota_total",
    "selected",
    "handed_over_army",
    "handed_over_police",
    "handed_over",
    "percent_handover",
    "returns",
    "replacements",
    "in_service",
    "percent_met",
    "graduates",
    "party_members",
    "violations",
)
TITLES = {
    ReviewKind.PRELIMINARY: "Sơ kết công tác tuyển chọn và gọi công dân nhập ngũ",
    ReviewKind.FINAL: "Tổng kết công tác tuyển chọn và gọi công dân nhập ngũ",
}
NBSP = "\u00a0"
TEXT_HEADINGS = (
    ("results", "II. ĐÁNH GIÁ KẾT QUẢ"),
    ("shortcomings", "III. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN"),
    ("lessons", "IV. BÀI HỌC KINH NGHIỆM"),
    ("direction", "V. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"),
)


def review_figures(user: User, review: AgencyReport) -> dict[str, Any]:
    """The figures of a review: frozen when it was sent, else the results report's now (as
    ``user`` may see them)."""
    if review.sent_on is not None:
        frozen: dict[str, Any] = review.figures
        return frozen
    return snapshot(results_report(user=user, campaign=review.campaign, unit=review.unit))


def _json(value: Number | None) -> int | str | None:
    if value is None or isinstance(value, int):
        return value
    return str(value)


def number(value: int | str | None) -> Number | None:
    """A snapshot's figure back as the results report holds it (an int, a Decimal or None)."""
    if value is None or isinstance(value, int):
        return value
    return Decimal(value)


def snapshot(report: ResultsReport) -> dict[str, Any]:
    """The results report's figures as JSON: the total and each commune's row."""
    return {
        "day": report.day.isoformat(),
        "total": {k: _json(v) for k, v in report.total.items()},
        "lines": [
            {
                "unit": line.row.unit.name,
                "unit_id": str(line.row.unit.public_id),
                "values": {k: _json(v) for k, v in line.values.items()},
            }
            for line in report.lines
        ],
    }


def total_of(figures: dict[str, Any]) -> dict[str, Number | None]:
    return {k: number(v) for k, v in figures.get("total", {}).items()}


def _cell(key: str, value: int | str | None) -> Typed:
    kind = Kind.PERCENT if metrics.METRICS_BY_KEY[key].kind == "percent" else Kind.INT
    return Typed(number(value), kind)


def summary_rows(figures: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) of the summary figures, in Vietnamese, for the page and the document."""
    day = dt.date.fromisoformat(figures["day"])
    total = figures["total"]
    with translation.override("vi"):
        return [
            (labels.label(k, day), format_cell(_cell(k, total.get(k)), Kind.TEXT) or "—")
            for k in SUMMARY
        ]


def _summary_table(figures: dict[str, Any]) -> TableDocument:
    day = dt.date.fromisoformat(figures["day"])
    total = figures["total"]
    return TableDocument(
        title="",
        columns=(Column("Chỉ tiêu", Kind.TEXT, 40), Column("Số liệu", Kind.INT, 12)),
        rows=[(labels.label(k, day), _cell(k, total.get(k))) for k in SUMMARY],
        landscape=False,
    )


def _addressee(unit: Unit | None) -> str:
    """The military command a review is addressed to, as the recipients' list names it."""
    if unit is None:
        return "Bộ Tư lệnh Quân khu"
    prefix = {
        UnitKind.PROVINCE: "Bộ Chỉ huy quân sự tỉnh",
        UnitKind.DISTRICT: "Ban Chỉ huy quân sự huyện",
    }.get(UnitKind(unit.kind))
    return f"{prefix} {unit.name}" if prefix else unit.name


def _commune_table(figures: dict[str, Any]) -> TableDocument:
    columns = [Column("Xã, phường", Kind.TEXT, 16)] + [
        Column(labels.short(k), Kind.TEXT, 9) for k in WORD_COLUMNS
    ]
    rows = [
        [line["unit"], *(_cell(k, line["values"].get(k)) for k in WORD_COLUMNS)]
        for line in figures["lines"]
    ]
    totals: list[Cell] = ["Tổng cộng", *(_cell(k, figures["total"].get(k)) for k in WORD_COLUMNS)]
    return TableDocument(title="", columns=columns, rows=rows, totals=totals, landscape=False)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.splitlines() if p.strip()]


def document(review: AgencyReport, figures: dict[str, Any], *, on: dt.date) -> OfficialReport:
    """The official report of ``review`` with ``figures`` (a ``snapshot``), dated ``on``."""
    unit = review.unit
    campaign = review.campaign
    commune = unit.kind in COMMUNE_LEVEL_KINDS
    with translation.override("vi"):
        t = figures["total"]

        def fig(key: str) -> str:
            return format_cell(_cell(key, t.get(key)), Kind.TEXT) or "—"

        facts_text = (
            f"Năm {campaign.year}, {unit.name} được giao chỉ tiêu {fig('quota_total')} công "
            f"dân (Quân đội {fig('quota_army')}, Công an {fig('quota_police')}); đã khám sức "
            f"khỏe {fig('examined')} công dân, đủ điều kiện sức khỏe {fig('fit')}; đã giao "
            f"{fig('handed_over')} công dân, đạt {fig('percent_handover')} chỉ tiêu; tạm hoãn "
            f"{fig('deferred')}, miễn {fig('exempt')}; vi phạm {fig('violations')} trường hợp."
        )
        sections = [
            Section(
                "I. KẾT QUẢ THỰC HIỆN",
                (
                    f"Số liệu tính đến ngày {dt.date.fromisoformat(figures['day']):%d/%m/%Y} "
                    "(ngày giao quân), theo báo cáo kết quả tuyển quân.",
                    facts_text,
                ),
                _summary_table(figures),
            )
        ]
        if not commune and figures["lines"]:
            sections.append(Section("Kết quả của các xã, phường", (), _commune_table(figures)))
        for field, heading in TEXT_HEADINGS:
            text = _paragraphs(getattr(review, field))
            sections.append(Section(heading, text or ("Không.",)))
        return OfficialReport(
            title="BÁO CÁO",
            subtitle=f"{TITLES[ReviewKind(review.kind)]} năm {campaign.year}",
            issuer=issuer(unit),
            number=f"Số: {review.number}" if review.number else "Số:      /BC-BCHQS",
            place_date=vietnamese_date_line(unit.name, on),
            sections=sections,
            recipients=(f"{_addressee(review.sent_to)} (để báo cáo)", "Lưu VT"),
            signature=(
                (review.signer_title or "CHỈ HUY TRƯỞNG").upper(),
                "",
                "",
                review.signer_name,
            ),
        )
