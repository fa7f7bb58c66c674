"""Word (docx) rendering with python-docx: tables and official reports, editable by the office."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from muster.documents.tables import Kind, OfficialReport, TableDocument, format_cell

FONT = "Times New Roman"


def _document(*, landscape: bool) -> Any:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = Mm(30)
    section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(20)
    return document


def _cell_text(cell: Any, text: str, *, bold: bool = False, italic: bool = False,
               center: bool = True, size: int = 12) -> None:  # fmt: skip
    paragraph = cell.paragraphs[0]
    if paragraph.text:
        paragraph = cell.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic
    run.font.size = Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _header(document: Any, *, issuer: list[str], number: str, national: tuple[str, str],
            place_date: str) -> None:  # fmt: skip
    table = document.add_table(rows=1, cols=2)
    # Decree 30/2020 App. I: the issuer on the left, the national name and motto on the right,
    # each on one line: the right column takes ~60% of the text width.
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    table.autofit = False
    left, right = table.rows[0].cells
    for column, cell, share in zip(table.columns, (left, right), (0.38, 0.62), strict=True):
        column.width = cell.width = int(text_width * share)  # the grid (LibreOffice) and Word
    for line in issuer:
        _cell_text(left, line, bold=True)
    if number:
        _cell_text(left, number, size=12)
    _cell_text(right, national[0], bold=True)
    _cell_text(right, national[1], bold=True, size=13)
    if place_date:
        _cell_text(right, place_date, italic=True)


def _data_table(document: Any, table_doc: TableDocument) -> None:
    columns = table_doc.columns
    body = [*table_doc.rows, *([table_doc.totals] if table_doc.totals is not None else [])]
    table = document.add_table(rows=1 + len(body), cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, column in enumerate(columns):
        _cell_text(table.rows[0].cells[i], column.header, bold=True, size=11)
    for r, values in enumerate(body, start=1):
        cells = table.rows[r].cells
        for i, (column, value) in enumerate(zip(columns, values, strict=True)):
            numeric = column.kind in (Kind.INT, Kind.DECIMAL, Kind.PERCENT)
            _cell_text(cells[i], format_cell(value, column.kind), center=False, size=11)
            if numeric:
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _title(document: Any, title: str, subtitle: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(title)
    run.bold = True
    run.font.size = Pt(14)
    if subtitle:
        sub = document.add_paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        sub.add_run(subtitle).italic = True


def _signature(document: Any, signature: list[str], recipients: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    # Decree 30/2020 App. I: the issuer on the left, the national name and motto on the right,
    # each on one line: the right column takes ~60% of the text width.
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    table.autofit = False
    left, right = table.rows[0].cells
    for column, cell, share in zip(table.columns, (left, right), (0.38, 0.62), strict=True):
        column.width = cell.width = int(text_width * share)  # the grid (LibreOffice) and Word
    if recipients:
        _cell_text(left, "Nơi nhận:", bold=True, italic=True, center=False, size=12)
        for line in recipients:
            _cell_text(left, f"- {line};", center=False, size=11)
    for i, line in enumerate(signature):
        _cell_text(right, line, bold=i != len(signature) - 1 or bool(line))


def _save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_table_docx(doc: TableDocument) -> bytes:
    document = _document(landscape=doc.landscape)
    _header(
        document,
        issuer=list(doc.issuer),
        number="",
        national=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
        place_date=doc.place_date,
    )
    _title(document, doc.title, doc.subtitle)
    _data_table(document, doc)
    for note in doc.notes:
        document.add_paragraph(note).runs[0].italic = True
    if doc.signature:
        _signature(document, list(doc.signature), [])
    return _save(document)


def render_report_docx(report: OfficialReport) -> bytes:
    document = _document(landscape=False)
    _header(
        document,
        issuer=list(report.issuer),
        number=report.number,
        national=report.national_header,
        place_date=report.place_date,
    )
    document.add_paragraph()
    _title(document, report.title, report.subtitle)
    for section in report.sections:
        heading = document.add_paragraph()
        heading.add_run(section.heading).bold = True
        for text in section.paragraphs:
            paragraph = document.add_paragraph(text)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Mm(10)
        if section.table is not None:
            _data_table(document, section.table)
    document.add_paragraph()
    _signature(document, list(report.signature), list(report.recipients))
    return _save(document)
