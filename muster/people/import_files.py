"""Reading a citizen spreadsheet (xlsx or csv) and the text of its cells. Pure: no Django.

:func:`read_table` finds the header row, :func:`suggest_mapping` which column holds which field
(ignoring diacritics and case); :func:`cell_text`, :func:`id_text` and :func:`parse_date` read
one raw cell the way the import checks it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from muster.people.import_columns import HEADER_INDEX, RawCell, normalise_header


class TableError(ValueError):
    """The file cannot be read as a table (code: "format", "empty", "encoding")."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


# --- Reading -------------------------------------------------------------------------------


@dataclass
class Table:
    """The header row and the data rows of a file; ``first_line`` is the sheet row of rows[0]."""

    headers: list[str]
    rows: list[list[RawCell]]
    first_line: int


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise TableError("encoding") from exc


def _read_csv(data: bytes) -> list[list[RawCell]]:
    text = _decode(data)
    sample = text[:4096]
    first_line = sample.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    # The reader's rows are lists already (typed as such: list[str] is a list[RawCell]).
    rows: list[list[RawCell]] = list(
        csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)  # type: ignore[arg-type]
    )
    return rows


def _read_xlsx(data: bytes) -> list[list[RawCell]]:
    from openpyxl import load_workbook  # imported here: csv imports should not pay for it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise TableError("format") from exc
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def is_blank(cell: RawCell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def read_table(data: bytes, filename: str) -> Table:
    """Read ``data`` (xlsx by its zip signature or name, else csv) into a :class:`Table`.

    The header row is the one among the first 20 that names the most known columns, so title
    rows above the table (the official header of a printed list) are skipped.
    """
    if data.startswith(b"PK") or filename.lower().endswith((".xlsx", ".xlsm")):
        raw = _read_xlsx(data)
    else:
        raw = _read_csv(data)
    if not any(not is_blank(cell) for row in raw[:20] for cell in row):
        raise TableError("empty")
    best, best_score = 0, -1
    for index, row in enumerate(raw[:20]):
        score = sum(1 for cell in row if normalise_header(str(cell or "")) in HEADER_INDEX)
        if score > best_score:
            best, best_score = index, score
    if best_score < 1:
        best = next(i for i, row in enumerate(raw) if any(not is_blank(c) for c in row))
    headers = [str(cell).strip() if cell is not None else "" for cell in raw[best]]
    while headers and not headers[-1]:
        headers.pop()
    rows = raw[best + 1 :]
    return Table(headers=headers, rows=rows, first_line=best + 2)


def suggest_mapping(headers: Sequence[str]) -> list[str]:
    """The field key each column most likely holds ("" for not imported), first match wins."""
    used: set[str] = set()
    mapping: list[str] = []
    for header in headers:
        key = HEADER_INDEX.get(normalise_header(header), "")
        if key in used:
            key = ""
        used.add(key)
        mapping.append(key)
    return mapping


def parse_date(cell: RawCell) -> dt.date | None:
    """A spreadsheet date cell, or text dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy)."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = str(cell).strip()
    for sep in ("/", "-", "."):
        parts = text.split(sep)
        if len(parts) == 3:
            break
    else:
        return None
    day, month, year = parts
    if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
        if len(day) == 4 and day.isdigit() and month.isdigit() and year.isdigit():
            day, year = year, day  # ISO yyyy-mm-dd
        else:
            return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


#: The text of a raw cell as the import reads it (dates dd/mm/yyyy, whole numbers without ".0").
def cell_text(cell: RawCell) -> str:
    if type(cell) is str:  # the common case (every CSV cell): no other test
        text = cell.strip()
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        if "  " in text:
            text = " ".join(text.split())
        return text
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime | dt.date):
        return cell.strftime("%d/%m/%Y")
    text = cell.strip() if isinstance(cell, str) else str(cell).strip()
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if "  " in text or "\n" in text or "\t" in text:
        text = " ".join(text.split())
    return text


def id_text(cell: RawCell) -> str:
    """The ID number as text; a number cell that lost its leading zero gets it back."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        digits = str(int(cell))
        return digits.zfill(12) if len(digits) == 11 else digits
    return "".join(str(cell or "").split())
