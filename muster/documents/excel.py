"""Excel rendering of a ``TableDocument`` (openpyxl): merged title rows, bold framed header,
column widths, number and date formats, frozen header, print area and print titles.

Every cell goes through ``_write``, the one cell writer of every Muster workbook: text is
always a text cell, never a formula (openpyxl would otherwise store any text starting with "="
as a formula, so a citizen named ``=HYPERLINK(…)`` would run in the clerk's Excel), and text
that a spreadsheet could read as a formula (``formula_like``) also gets Excel's "quote prefix",
the mark Excel itself sets when one types a leading apostrophe.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from copy import copy
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from muster.documents.tables import NATIONAL_MOTTO, NATIONAL_NAME, Kind, TableDocument, Typed

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FORMATS = {
    Kind.INT: "#,##0",
    Kind.DECIMAL: "#,##0.0",
    Kind.PERCENT: '0.0"%"',
    Kind.DATE: "dd/mm/yyyy",
}
FONT_NAME = "Times New Roman"

#: The leading characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
#: injection": = + - @ tab and carriage return) and the full-width forms of the first four,
#: which some spreadsheet input methods turn into the ASCII ones.
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula: it starts, or starts after
    blanks, with one of ``FORMULA_STARTS``."""
    return text[:1] in FORMULA_STARTS or text.lstrip(" \u00a0\u3000")[:1] in FORMULA_STARTS


def _write(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write one cell and return it. Text is stored as text whatever it starts with (never a
    formula), characters that XML 1.0 cannot hold are replaced by U+FFFD (an old record with a
    control character does not break the whole file), and formula-like text is quote-prefixed.
    The text itself is kept exactly, so an exported registry imports back unchanged."""
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        cell = ws.cell(row=row, column=column)
        cell.value = text
        cell.data_type = "s"
        if formula_like(text):
            cell.quotePrefix = True
        return cell
    return ws.cell(row=row, column=column, value=value)


def render_xlsx(doc: TableDocument, *, sheet_title: str = "Danh sách") -> bytes:
    return render_workbook([(sheet_title, doc)])


def render_workbook(sheets: Sequence[tuple[str, TableDocument]]) -> bytes:
    """Several documents in one workbook, one sheet each (a report's summary and its tables),
    each sheet with its own header, formats and print area. Sheet names are cut to 31
    characters, the limit of Excel."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    for index, (title, doc) in enumerate(sheets):
        ws = first if index == 0 else wb.create_sheet()
        ws.title = title[:31]
        _fill_sheet(ws, doc)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _fill_sheet(ws: Any, doc: TableDocument) -> None:
    ncols = len(doc.columns)
    last = get_column_letter(ncols)
    half = max(1, ncols // 2)
    row = 1
    # Official header: issuer on the left, national name and motto on the right.
    left = list(doc.issuer)
    right = [NATIONAL_NAME, NATIONAL_MOTTO]
    for i in range(max(len(left), len(right))):
        if i < len(left):
            _write(ws, row, 1, left[i]).font = Font(name=FONT_NAME, bold=True)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=half)
        if i < len(right):
            cell = _write(ws, row, half + 1, right[i])
            cell.font = Font(name=FONT_NAME, bold=True)
            cell.alignment = Alignment(horizontal="center")
            ws.merge_cells(start_row=row, start_column=half + 1, end_row=row, end_column=ncols)
        row += 1
    if doc.place_date:
        cell = _write(ws, row, half + 1, doc.place_date)
        cell.font = Font(name=FONT_NAME, italic=True)
        cell.alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=row, start_column=half + 1, end_row=row, end_column=ncols)
        row += 1
    row += 1
    for text, size in ((doc.title, 14), (doc.subtitle, 12)):
        if not text:
            continue
        cell = _write(ws, row, 1, text)
        cell.font = Font(name=FONT_NAME, bold=size == 14, size=size)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        ws.merge_cells(f"A{row}:{last}{row}")
        row += 1
    row += 1
    header_row = row
    for col, column in enumerate(doc.columns, start=1):
        cell = _write(ws, row, col, column.header)
        cell.font = Font(name=FONT_NAME, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BOX
        ws.column_dimensions[get_column_letter(col)].width = column.width
    ws.row_dimensions[row].height = 32
    # Every body cell of a column looks the same but for its number format or wrapping: the
    # style of each such variant is made once and copied (``_style``), since openpyxl hashes
    # the font, border and alignment again for every cell it styles (issue 16: two thirds of
    # the 50 s of a district's 9,000-row list).
    styles: dict[tuple[int, str | None, bool, bool], Any] = {}
    totals = doc.totals
    for values in [*doc.rows, *([totals] if totals is not None else [])]:
        row += 1
        bold = totals is not None and values is totals
        for col, (column, value) in enumerate(zip(doc.columns, values, strict=True), start=1):
            kind = column.kind
            if isinstance(value, Typed):
                kind = value.kind
                value = value.value
            if isinstance(value, Decimal):
                value = float(value)
            cell = _write(ws, row, col, value)
            number_format = (
                _FORMATS[kind]
                if kind in _FORMATS and isinstance(value, int | float | dt.date)
                else None
            )
            # Long text (a ground's legal wording) wraps inside its column instead of running
            # over the next one; the row grows to fit when the file is opened.
            wrap = number_format is None and isinstance(value, str) and len(value) > column.width
            key = (col, number_format, wrap, bold)
            style = styles.get(key)
            if style is None:
                cell.font = Font(name=FONT_NAME, bold=bold)
                cell.border = _BOX
                if number_format is not None:
                    cell.number_format = number_format
                if wrap:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                styles[key] = copy(cell._style)
            else:
                quote = cell.quotePrefix
                cell._style = copy(style)
                if quote:
                    cell.quotePrefix = True
    last_row = row
    for note in doc.notes:
        row += 1
        _write(ws, row, 1, note).font = Font(name=FONT_NAME, italic=True)
        ws.merge_cells(f"A{row}:{last}{row}")
    if doc.signature:
        row += 1
        for line in doc.signature:
            row += 1
            cell = _write(ws, row, half + 1, line)
            cell.font = Font(name=FONT_NAME, bold=True)
            cell.alignment = Alignment(horizontal="center")
            ws.merge_cells(start_row=row, start_column=half + 1, end_row=row, end_column=ncols)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_area = f"A1:{last}{max(row, last_row)}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape" if doc.landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
