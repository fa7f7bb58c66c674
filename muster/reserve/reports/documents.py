"""The reserve strength report as a ``TableDocument`` (Excel), one line per commune and the
total line; the headers are English msgids, the document itself Vietnamese."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from muster.documents.tables import Column, Kind, TableDocument, vietnamese_date_line
from muster.law.text import vi_date
from muster.reserve.reports.selectors import COLUMNS, Report

#: The column headers (English msgids, translated on the page) in ``COLUMNS`` order.
HEADERS: tuple[str | Promise, ...] = (
    _("Total"),
    _("Class 1"),
    _("Class 2"),
    _("No class (officers, professionals)"),
    _("Group A"),
    _("Group B"),
    _("Past the reserve age"),
    _("Reserve officers"),
    _("Reserve professional soldiers"),
    _("Reserve NCOs and soldiers"),
    _("Men"),
    _("Women"),
)
_HEADERS_VI = (
    "Tổng số",
    "Hạng một",
    "Hạng hai",
    "Không xếp hạng (sĩ quan, QNCN)",
    "Nhóm A",
    "Nhóm B",
    "Hết tuổi dự bị",
    "Sĩ quan dự bị",
    "QNCN dự bị",
    "HSQ, binh sĩ dự bị",
    "Nam",
    "Nữ",
)
assert len(HEADERS) == len(COLUMNS) == len(_HEADERS_VI)


def strength_document(report: Report) -> TableDocument:
    rows = [
        [i, unit.name, *(getattr(s, c) for c in COLUMNS)]
        for i, (unit, s) in enumerate(report.rows, start=1)
    ]
    return TableDocument(
        title="BÁO CÁO QUÂN SỐ DỰ BỊ ĐỘNG VIÊN",
        subtitle=f"Tính đến ngày {vi_date(report.day)}",
        columns=(
            Column("TT", Kind.INT, 5),
            Column("Xã, phường", Kind.TEXT, 22),
            *(Column(h, Kind.INT, 10) for h in _HEADERS_VI),
        ),
        rows=rows,
        totals=["", "Tổng cộng", *(getattr(report.total, c) for c in COLUMNS)],
        place_date=vietnamese_date_line("", report.day).lstrip(", "),
    )
