"""The books as files (Word, Excel, PDF), made in a background job (``muster.jobs``).

``render_book`` builds one book (``BOOKS`` or ``rollover``) for a user and a filter in a
format: the job kind ``people.book`` runs it in a worker for a book of the whole area, and a
commune's book (a few hundred rows: a fraction of a second) runs it in the request. The job's
parameters are plain JSON (public ids, the year, the dates, the format): ``clean`` checks
them, ``run`` turns them back into a ``BookFilter`` as the job's owner may see it (his area
is re-read in the worker: it may have changed since he asked).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muster.core.dates import parse_user_date, today
from muster.documents import excel, pdf, word
from muster.documents.http import DOCX, PDF, XLSX
from muster.documents.tables import TableDocument
from muster.jobs.registry import JobFile, JobKind, Progress, register
from muster.people.books.common import BOOKS, BookFilter, communes_for_user, villages_of
from muster.people.books.pages import book_full
from muster.people.books.rollover import rollover_document, rollover_lists

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.jobs.models import Job

JOB_KIND = "people.book"
FORMATS = ("xlsx", "pdf", "docx")
CONTENT_TYPES = {"xlsx": XLSX, "pdf": PDF, "docx": DOCX}
ROLLOVER = "rollover"


@dataclass(frozen=True)
class BookFile:
    data: bytes
    filename: str
    content_type: str
    rows: int


def book_title(book: str) -> str:
    if book == ROLLOVER:
        return _("Year roll-over")
    return str(BOOKS[book].title)


def default_call_up(year: int) -> dt.date:
    return dt.date(year, 2, 1)


def book_document(
    book: str, user: User, f: BookFilter, *, call_up: dt.date | None,
    progress: Progress | None = None,
) -> TableDocument:  # fmt: skip
    """The whole book as a table document (the rows read in a fixed number of queries)."""
    if book == ROLLOVER:
        lists = rollover_lists(user, f, call_up or default_call_up(f.year))
        if progress is not None:
            progress(40, "building")
        return rollover_document(user, f, lists)
    return book_full(book, user, f)


RENDERERS: dict[str, Callable[[TableDocument], bytes]] = {
    "xlsx": excel.render_xlsx,
    "pdf": pdf.render_pdf,
    "docx": word.render_table_docx,
}


def render_book(
    book: str, user: User, f: BookFilter, fmt: str, *, call_up: dt.date | None,
    progress: Progress | None = None,
) -> BookFile:  # fmt: skip
    """One book as a file in ``fmt`` (``xlsx``, ``pdf`` or ``docx``)."""
    doc = book_document(book, user, f, call_up=call_up, progress=progress)
    if progress is not None:
        progress(60, "rendering")
    data = RENDERERS[fmt](doc)
    return BookFile(data, filename(book, user, f, fmt), CONTENT_TYPES[fmt], len(doc.rows))


def filename(book: str, user: User, f: BookFilter, fmt: str) -> str:
    """ "Sổ đăng ký … - Đức Hợp 2025 20250115.xlsx": the book, where, the year, the day."""
    unit = f.commune if f.commune is not None else user.scope_unit
    where = unit.name if unit is not None else ""
    if f.village is not None:
        where = f"{f.village.name}, {where}"
    stem = book_title(book)
    if where:
        stem = f"{stem} - {where}"
    return f"{stem} {f.year} {today():%Y%m%d}.{fmt}"


# --- The job's parameters ------------------------------------------------------------------


def params_of(book: str, f: BookFilter, fmt: str, call_up: dt.date | None) -> dict[str, Any]:
    """The JSON parameters of a job for this book (public ids and ISO dates)."""
    return {
        "book": book,
        "fmt": fmt,
        "commune": str(f.commune.public_id) if f.commune is not None else "",
        "village": str(f.village.public_id) if f.village is not None else "",
        "year": f.year,
        "date_from": f.date_from.isoformat() if f.date_from else "",
        "date_to": f.date_to.isoformat() if f.date_to else "",
        "on": f.on.isoformat() if f.on else "",
        "call_up": call_up.isoformat() if call_up else "",
    }


def _uuid_or_blank(raw: Any) -> str:
    if not raw:
        return ""
    try:
        return str(uuid.UUID(str(raw)))
    except ValueError:
        raise ValidationError(_("Unknown commune.")) from None


def clean(params: Mapping[str, Any]) -> dict[str, Any]:
    book = params.get("book")
    if book != ROLLOVER and book not in BOOKS:
        raise ValidationError(_("No such book."))
    if params.get("fmt") not in FORMATS:
        raise ValidationError(_("This book is not available in this format."))
    year = params.get("year")
    if not isinstance(year, int) or not 1950 <= year <= 2100:
        raise ValidationError(_("The year must be a number such as 2025."))
    cleaned: dict[str, Any] = {
        "book": book,
        "fmt": params["fmt"],
        "year": year,
        "commune": _uuid_or_blank(params.get("commune")),
        "village": _uuid_or_blank(params.get("village")),
    }
    for key in ("date_from", "date_to", "on", "call_up"):
        raw = params.get(key) or ""
        day = parse_user_date(raw) if raw else None
        if raw and day is None:
            raise ValidationError(
                _("Could not read the date “%(raw)s” (use dd/mm/yyyy).") % {"raw": raw}
            )
        cleaned[key] = day.isoformat() if day else ""
    return cleaned


def filter_for(user: User, params: Mapping[str, Any]) -> BookFilter:
    """The filter of a job's parameters, read in its owner's area now: a commune or village
    that left his area makes the job fail (``PermissionError``), never widens it."""
    commune = village = None
    if params["commune"]:
        commune = next(
            (c for c in communes_for_user(user) if str(c.public_id) == params["commune"]), None
        )
        if commune is None:
            raise PermissionError("the commune is no longer in the owner's area")
    if params["village"]:
        village = next(
            (v for v in villages_of(user, commune) if str(v.public_id) == params["village"]), None
        )
        if village is None:
            raise PermissionError("the village is no longer in the owner's area")

    def day(key: str) -> dt.date | None:
        return dt.date.fromisoformat(params[key]) if params.get(key) else None

    return BookFilter(
        commune=commune,
        village=village,
        year=params["year"],
        date_from=day("date_from"),
        date_to=day("date_to"),
        on=day("on"),
    )


def run(job: Job, progress: Progress) -> JobFile:
    params = job.params
    f = filter_for(job.owner, params)
    progress(10, "reading")
    call_up = dt.date.fromisoformat(params["call_up"]) if params.get("call_up") else None
    done = render_book(params["book"], job.owner, f, params["fmt"], call_up=call_up,
                       progress=progress)  # fmt: skip
    return JobFile(done.data, done.filename, done.content_type)


register(JobKind(name=JOB_KIND, label=gettext_lazy("Registration book"), clean=clean, run=run))
