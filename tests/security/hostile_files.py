"""Hostile spreadsheets, built byte by byte (openpyxl refuses to write most of them).

Each builder returns the bytes of a small file that used to cost the server gigabytes or a
500 (issue 15, items 1, 6 and 8): a sheet that declares the whole grid, one cell of 50 MB,
200,000 rows, a cell in the last column, NUL bytes, a CSV field over csv's 128 KB limit, a
zip member that inflates to hundreds of megabytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

_OOXML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_OOXML}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_OOXML}.worksheet+xml"/>'
    "%s</Types>"
)
_SST_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>%s</Relationships>'
)
_SST_REL = (
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)

HEADERS = ("Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Thôn")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _column(index: int) -> str:
    name = ""
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _inline_row(number: int, cells: Iterable[tuple[int, str]]) -> str:
    body = "".join(
        f'<c r="{_column(col)}{number}" t="inlineStr"><is><t>{_escape(text)}</t></is></c>'
        for col, text in cells
    )
    return f'<row r="{number}">{body}</row>'


def xlsx(
    rows: Iterable[str],
    *,
    dimension: str | None = None,
    shared: Iterable[str] | None = None,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """A one-sheet workbook whose sheet holds the given ``<row>`` elements (chunks of text, so a
    huge sheet is deflated as it is built), a ``<dimension>`` and a shared string table."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES % (_SST_TYPE if shared else ""))
        book.writestr("_rels/.rels", _RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS % (_SST_REL if shared else ""))
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_HEAD.encode())
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for chunk in rows:
                sheet.write(chunk.encode())
            sheet.write(b"</sheetData></worksheet>")
        if shared is not None:
            with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as table:
                table.write(
                    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                )
                for text in shared:
                    table.write(b"<si><t>")
                    table.write(_escape(text).encode())
                    table.write(b"</t></si>")
                table.write(b"</sst>")
        for name, data in (extra or {}).items():
            book.writestr(name, data)
    return out.getvalue()


def header_row() -> str:
    return _inline_row(1, enumerate(HEADERS, start=1))


def dimension_bomb() -> bytes:
    """1.7 KB: a sheet that declares the whole grid A1:XFD1048576 and holds the header and the
    grid's last row (a reader that fills the rows in between builds a million rows of 16,384
    cells)."""
    last = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return xlsx([header_row(), last], dimension="A1:XFD1048576")


def last_column_cells(count: int = 5000) -> bytes:
    """A header row and ``count`` rows with one cell in the last column (XFD), no dimension: a
    reader that fills each row up to its last cell builds 16,384 cells a row."""
    return xlsx(
        [header_row()]
        + [
            f'<row r="{n}"><c r="XFD{n}" t="inlineStr"><is><t>x</t></is></c></row>'
            for n in range(2, count + 2)
        ]
    )


def huge_shared_cell(size: int = 50 * 1024 * 1024) -> bytes:
    """About 50 KB: one shared string of ``size`` characters, used by cell A2."""

    def strings() -> Iterable[str]:
        yield "Họ và tên"
        yield "A" * size

    shared_row = '<row r="2"><c r="A2" t="s"><v>1</v></c></row>'
    return xlsx(['<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared_row], shared=strings())


def huge_inline_cell(size: int = 50 * 1024 * 1024) -> bytes:
    """One inline string of ``size`` characters in the sheet itself (streamed into the zip)."""

    def rows() -> Iterable[str]:
        yield header_row()
        yield '<row r="2"><c r="A2" t="inlineStr"><is><t>'
        block = "A" * (1024 * 1024)
        for _ in range(size // len(block)):
            yield block
        yield "</t></is></c></row>"

    return xlsx(rows())


def many_rows(count: int = 200_000, *, dimension: bool = True) -> bytes:
    """About 3.5 MB: ``count`` citizen rows (the same five cells), with or without an honest
    ``<dimension>``."""

    def rows() -> Iterable[str]:
        yield header_row()
        for number in range(2, count + 2):
            yield _inline_row(
                number,
                ((1, f"Nguyễn Văn {number}"), (2, "14/03/2006"), (3, "Nam"),
                 (4, "033206000001"), (5, "Đức Trung")),
            )  # fmt: skip

    return xlsx(rows(), dimension=f"A1:E{count + 1}" if dimension else None)


def inflating_member(size: int = 400 * 1024 * 1024) -> bytes:
    """A valid sheet beside a styles part that inflates to ``size`` bytes (a zip bomb)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(many_rows(2))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book,
    ):
        for item in source.infolist():
            book.writestr(item, source.read(item))
        with book.open("xl/styles.xml", "w", force_zip64=True) as styles:
            block = b" " * (1024 * 1024)
            for _ in range(size // len(block)):
                styles.write(block)
    return out.getvalue()


def entity_expansion() -> bytes:
    """A sheet whose DTD expands one entity a billion times ("billion laughs"): defusedxml,
    which openpyxl uses when it is installed, refuses any entity declaration."""
    lol = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10 if n else "lol"}">' for n in range(10))
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{lol}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(many_rows(1))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book,
    ):
        for item in source.infolist():
            data = sheet.encode() if item.filename.endswith("sheet1.xml") else source.read(item)
            book.writestr(item.filename, data)
    return out.getvalue()


def csv_bytes(rows: Iterable[Iterable[str]], *, separator: str = ",") -> bytes:
    lines = [separator.join(cells) for cells in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def nul_csv() -> bytes:
    """A citizen row whose name holds NUL bytes (PostgreSQL refuses them in text)."""
    return csv_bytes(
        [
            ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Thôn"],
            ["Nguyễn\x00Văn An", "14/03/2006", "Nam", "033206900001", "Đức Trung"],
        ]
    )


def nul_xlsx() -> bytes:
    """The same through an xlsx, as the character reference ``&#0;`` (XML forbids it; openpyxl
    leaves the ``_x0000_`` escape as it is, so that spelling carries no NUL)."""
    cell = '<c r="A2" t="inlineStr"><is><t>Nguyễn&#0;Văn An</t></is></c>'
    return xlsx([header_row(), f'<row r="2">{cell}</row>'])


def long_field_csv(size: int = 200 * 1024) -> bytes:
    """One field of ``size`` characters (csv's own limit is 128 KB)."""
    return csv_bytes(
        [
            ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Thôn", "Ghi chú"],
            ["Nguyễn Văn An", "14/03/2006", "Nam", "033206900001", "Đức Trung", "x" * size],
        ]
    )


def many_rows_csv(count: int = 200_000) -> bytes:
    head = ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Thôn"]
    row = ["14/03/2006", "Nam", "033206000001", "Đức Trung"]
    return csv_bytes([head] + [[f"Nguyễn Văn {n}", *row] for n in range(count)])


#: Every hostile file by name, for the subprocess probe and the upload tests.
BUILDERS = {
    "dimension_bomb.xlsx": dimension_bomb,
    "last_column.xlsx": last_column_cells,
    "huge_shared_cell.xlsx": huge_shared_cell,
    "huge_inline_cell.xlsx": huge_inline_cell,
    "rows_200k.xlsx": many_rows,
    "rows_200k_undeclared.xlsx": lambda: many_rows(dimension=False),
    "inflating_member.xlsx": inflating_member,
    "entities.xlsx": entity_expansion,
    "nul.csv": nul_csv,
    "nul.xlsx": nul_xlsx,
    "long_field.csv": long_field_csv,
    "rows_200k.csv": many_rows_csv,
}
