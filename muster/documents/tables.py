"""A table document, independent of its output format (Excel, PDF, Word). Pure: no Django.

Every list or book Muster prints is a ``TableDocument``: the official header (issuing unit,
national motto), a title, columns with their kind, rows, and an optional signature block.
``excel.py``, ``pdf.py`` and ``word.py`` render the same object, so the three files of a list
always hold the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    DECIMAL = "decimal"
    PERCENT = "percent"
    DATE = "date"


@dataclass(frozen=True)
class Typed:
    """A cell with its own kind, for a column that mixes counts and percentages (a report's
    summary: one figure per row)."""

    value: str | int | Decimal | float | dt.date | None
    kind: Kind


Cell = str | int | Decimal | float | dt.date | Typed | None


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.TEXT
    width: float = 14  # Excel character widths; PDF widths are proportional to these


@dataclass(frozen=True)
class TableDocument:
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]]
    issuer: Sequence[str] = ()  # e.g. ("UBND XÃ ĐỨC HỢP", "BAN CHỈ HUY QUÂN SỰ")
    subtitle: str = ""
    place_date: str = ""  # e.g. "Đức Hợp, ngày 15 tháng 01 năm 2025"
    totals: Sequence[Cell] | None = None
    signature: Sequence[str] = ()  # e.g. ("CHỈ HUY TRƯỞNG", "", "Nguyễn Văn Đức")
    notes: Sequence[str] = field(default_factory=tuple)
    landscape: bool = True


def format_cell(value: Cell, kind: Kind) -> str:
    """Vietnamese text of a cell: dates dd/mm/yyyy, numbers 1.234,5."""
    if isinstance(value, Typed):
        kind = value.kind
        value = value.value
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if kind in (Kind.INT, Kind.DECIMAL, Kind.PERCENT) and isinstance(value, int | float | Decimal):
        if kind == Kind.INT:
            text = f"{int(value):,}".replace(",", ".")
        else:
            rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            if rounded == 0:
                rounded = abs(rounded)  # "0,0", not "-0,0" for a tiny negative
            text = f"{rounded:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        return text + ("%" if kind == Kind.PERCENT else "")
    return str(value)


def vietnamese_date_line(place: str, day: dt.date) -> str:
    """ "Đức Hợp, ngày 05 tháng 01 năm 2025", the place-and-date line of an official document."""
    return f"{place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}"


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: Sequence[str] = ()
    table: TableDocument | None = None  # only its columns, rows and totals are used


@dataclass(frozen=True)
class OfficialReport:
    """A report in the layout of a Party/State document (Decree 30/2020/NĐ-CP): issuer and
    number on the left, national name and motto on the right, place and date, title, numbered
    sections, recipients (nơi nhận) and the signature block."""

    title: str
    issuer: Sequence[str]
    number: str  # "Số: 12/BC-BCHQS"
    place_date: str
    sections: Sequence[Section]
    subtitle: str = ""
    recipients: Sequence[str] = ()
    signature: Sequence[str] = ()
    national_header: tuple[str, str] = (NATIONAL_NAME, NATIONAL_MOTTO)
    #: When set, the PDF prints this text as a QR code under the signature (e.g. the public
    #: verification address of a call-up decision).
    qr_text: str = ""
