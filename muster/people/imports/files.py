"""Reading a citizen spreadsheet (xlsx or csv) and the text of its cells. Pure: no Django.

:func:`read_table` finds the header row, :func:`suggest_mapping` which column holds which field
(ignoring diacritics and case); :func:`cell_text`, :func:`id_text` and :func:`parse_date` read
one raw cell the way the import checks it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
import unicodedata
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from muster.people.imports.columns import HEADER_INDEX, RawCell, normalise_header


class TableError(ValueError):
    """The file cannot be read as a table. ``code``: "format", "empty", "encoding", or a
    refused hostile file (:class:`Limits`): "too_big", "unpacked", "dimension",
    "too_many_rows", "too_many_columns", "too_many_cells", "cell_too_long", "nul", "too_slow"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


# --- Limits --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """Hard bounds on what one upload may cost (docs/import.md, "Limits"). A file beyond any
    of them is refused as a whole, before anything is stored."""

    #: The file itself, checked before any parsing (a 100,000-row CSV is about 11 MB).
    file_bytes: int = 30 * 1024 * 1024
    #: An xlsx's parts once inflated, together; no run of text between two tags of a part may
    #: be longer than ``8 * cell_chars`` bytes (checked while inflating, before openpyxl).
    unpacked_bytes: int = 300 * 1024 * 1024
    #: Rows of the sheet up to its last non-empty one, header and title rows included.
    rows: int = 120_000
    columns: int = 100
    #: Non-empty cells of the whole sheet.
    cells: int = 3_000_000
    #: One cell (Excel's own limit).
    cell_chars: int = 32_767
    #: Reading the file (not the checking of its rows).
    seconds: float = 60.0


LIMITS = Limits()
_CLOCK_EVERY = 1000  # rows between two looks at the clock


class _Budget:
    """Counts rows and cells against the limits and the clock while a file is read."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.rows = 0
        self.cells = 0

    def row(self, cells: Sequence[RawCell]) -> None:
        """Account for the next row (``cells`` already trimmed of trailing empty cells)."""
        limits = self.limits
        if self.rows % _CLOCK_EVERY == 0 and time.monotonic() >= self.deadline:
            raise TableError("too_slow")
        self.rows += 1
        if self.rows > limits.rows:
            raise TableError("too_many_rows")
        if len(cells) > limits.columns:
            raise TableError("too_many_columns")
        for cell in cells:
            if type(cell) is str:
                if len(cell) > limits.cell_chars:
                    raise TableError("cell_too_long")
                if "\x00" in cell:
                    raise TableError("nul")
            if cell is not None and cell != "":
                self.cells += 1
        if self.cells > limits.cells:
            raise TableError("too_many_cells")


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


_SEPARATORS = (",", ";", "\t")


def _separator(text: str) -> str:
    """The separator under which the first 20 lines hold the best header row (the most known
    column names in one row), then the most cells in one row; a title line above the header
    ("DANH SÁCH CÔNG DÂN, XÃ …") does not decide it."""
    lines = text[:65536].splitlines()[:20]

    def score(separator: str) -> tuple[int, int]:
        try:
            rows = list(csv.reader(lines, delimiter=separator))
        except csv.Error:
            return (-1, -1)
        known = max((_known_headers(row) for row in rows), default=0)
        return (known, max((len(row) for row in rows), default=0))

    return max(_SEPARATORS, key=score)


def _read_csv(data: bytes, budget: _Budget) -> list[list[RawCell]]:
    text = _decode(data)
    if "\x00" in text:
        raise TableError("nul")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text))
    rows: list[list[RawCell]] = []
    try:
        for cells in reader:
            while cells and not cells[-1]:
                cells.pop()
            budget.row(cells)
            rows.append(cells)  # type: ignore[arg-type]  # list[str] is a list[RawCell]
    except csv.Error as exc:  # a field over csv's own limit (128 KB), longer than any cell
        raise TableError("cell_too_long" if "field limit" in str(exc) else "format") from exc
    return rows


def _check_parts(data: bytes, limits: Limits) -> None:
    """Refuse an xlsx whose parts inflate beyond ``limits.unpacked_bytes`` together, that
    holds one run of text longer than a cell may be, or a sheet of more than ``limits.rows``
    ``<row>`` elements, before openpyxl parses anything (it reads the shared strings whole,
    and every sheet without a declared size once to find it). The declared sizes
    are checked first; the inflated bytes are counted again, as zipfile does not trust a part
    to stop at its declared size."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TableError("format") from exc
    if sum(part.file_size for part in parts) > limits.unpacked_bytes:
        raise TableError("unpacked")
    longest_run = 8 * limits.cell_chars
    total = 0
    try:
        for part in parts:
            sheet = part.filename.startswith("xl/worksheets/")
            rows = 0
            with archive.open(part) as stream:
                tail = 0  # bytes of the current run carried over from the previous chunk
                while chunk := stream.read(1 << 20):
                    total += len(chunk)
                    if total > limits.unpacked_bytes:
                        raise TableError("unpacked")
                    if sheet:  # a sheet without a <dimension> is refused here, not 2 parses on
                        rows += chunk.count(b"<row ") + chunk.count(b"<row>")
                        if rows > limits.rows:
                            raise TableError("too_many_rows")
                    pieces = chunk.split(b"<")
                    if len(pieces) == 1:
                        tail += len(chunk)
                    else:
                        tail = max(tail + len(pieces[0]), max(map(len, pieces[1:-1]), default=0))
                        if tail > longest_run:
                            raise TableError("cell_too_long")
                        tail = len(pieces[-1])
                    if tail > longest_run:
                        raise TableError("cell_too_long")
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
        raise TableError("format") from exc


def _read_xlsx(data: bytes, budget: _Budget) -> list[list[RawCell]]:
    from openpyxl import load_workbook  # imported here: csv imports should not pay for it

    limits = budget.limits
    _check_parts(data, limits)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise TableError("format") from exc
    try:
        sheet = workbook.worksheets[0]
        # The declared size: refused when beyond the limits, then never used (openpyxl would
        # fill every row up to it: a 1.7 KB file declaring A1:XFD1048576 asks for 17 billion).
        declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
        if declared_rows > limits.rows or declared_columns > limits.columns:
            raise TableError("dimension")
        sheet.reset_dimensions()
        rows: list[list[RawCell]] = []
        blank = 0  # empty rows not yet kept: kept only when a non-empty row follows
        for values in sheet.iter_rows(values_only=True):
            cells: list[RawCell] = list(values)
            while cells and is_blank(cells[-1]):
                cells.pop()
            budget.row(cells)
            if not cells:
                blank += 1
                continue
            rows.extend([] for _ in range(blank))
            blank = 0
            rows.append(cells)
        return rows
    except TableError:
        raise
    except Exception as exc:  # a part openpyxl cannot parse
        raise TableError("format") from exc
    finally:
        workbook.close()


def is_blank(cell: RawCell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _known_headers(row: Sequence[RawCell]) -> int:
    return sum(1 for cell in row if normalise_header(str(cell or "")) in HEADER_INDEX)


def read_table(data: bytes, filename: str, *, limits: Limits = LIMITS) -> Table:
    """Read ``data`` (xlsx by its zip signature or name, else csv) into a :class:`Table`.

    The header row is the one among the first 20 that names the most known columns, so title
    rows above the table (the official header of a printed list) are skipped. A file beyond
    ``limits`` raises :class:`TableError` (its size before anything is parsed).
    """
    if len(data) > limits.file_bytes:
        raise TableError("too_big")
    budget = _Budget(limits)
    if data.startswith(b"PK") or filename.lower().endswith((".xlsx", ".xlsm")):
        raw = _read_xlsx(data, budget)
    else:
        raw = _read_csv(data, budget)
    if not any(not is_blank(cell) for row in raw[:20] for cell in row):
        raise TableError("empty")
    best, best_score = 0, -1
    for index, row in enumerate(raw[:20]):
        score = _known_headers(row)
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
    """The ID number as text; a number cell that lost its leading zeros gets them back."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        digits = str(int(cell))
        # Every province code starts with 0 (001 Hà Nội … 096): a number cell drops that 0,
        # and both zeros of provinces 001-009.
        return digits.zfill(12) if len(digits) in (10, 11) else digits
    return "".join(str(cell or "").split())
