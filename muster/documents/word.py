"""Word (docx) rendering with python-docx: tables and official reports, editable by the office."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
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
    """The header row with python-docx, the body as one XML string parsed once by lxml.

    python-docx re-reads the whole table for each ``table.rows[r].cells``, so filling a
    14,000-row book cell by cell took minutes (issue 16: 387 s for the district January list);
    the string costs a fraction of a second (``bench/book_exports.py``). The header row repeats
    on every page (``w:tblHeader``)."""
    columns = table_doc.columns
    body = [*table_doc.rows, *([table_doc.totals] if table_doc.totals is not None else [])]
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    for cell, column in zip(header.cells, columns, strict=True):
        _cell_text(cell, column.header, bold=True, size=11)
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    widths = [tc.tcPr.tcW.get(qn("w:w")) for tc in header._tr.tc_lst]
    right = frozenset(
        i for i, c in enumerate(columns) if c.kind in (Kind.INT, Kind.DECIMAL, Kind.PERCENT)
    )
    rows_xml: list[str] = []
    for values in body:
        cells = []
        for i, (column, value) in enumerate(zip(columns, values, strict=True)):
            text = _xml_text(format_cell(value, column.kind))
            run = f'<w:r>{_SIZE_11}<w:t xml:space="preserve">{text}</w:t></w:r>'
            jc = '<w:pPr><w:jc w:val="right"/></w:pPr>' if i in right else ""
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{widths[i]}"/></w:tcPr>'
                f"<w:p>{jc}{run if text else ''}</w:p></w:tc>"
            )
        rows_xml.append(f"<w:tr>{''.join(cells)}</w:tr>")
    if rows_xml:
        wrapper = parse_xml(f'<w:tbl xmlns:w="{_W}">{"".join(rows_xml)}</w:tbl>')
        table._tbl.extend(list(wrapper))


_SIZE_11 = '<w:rPr><w:sz w:val="22"/></w:rPr>'  # 11 points, as the header row
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Characters XML 1.0 cannot hold (control characters): replaced, never a broken file.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_text(text: str) -> str:
    return escape(_ILLEGAL.sub("\ufffd", text))


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
    return render_reports_docx([report])


def render_reports_docx(reports: Sequence[OfficialReport]) -> bytes:
    """Several official documents in one Word file, each from a new page."""
    from docx.enum.text import WD_BREAK

    document = _document(landscape=False)
    for i, report in enumerate(reports):
        if i:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _report_body(document, report)
    return _save(document)


def _report_body(document: Any, report: OfficialReport) -> None:
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
