"""One entry point for the views: a book's rows, its screen page and its whole document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from muster.documents.tables import Column, TableDocument, format_cell
from muster.geo.scope import scope_of

if TYPE_CHECKING:
    from muster.accounts.models import User
from muster.people.books.common import BOOKS, PAGE_SIZE, BookFilter, Row, official_document
from muster.people.books.events import (
    registration_row,
    registrations_queryset,
    transfer_columns,
    transfer_row,
    transfers_queryset,
)
from muster.people.books.persons import (
    age17_queryset,
    january_note,
    january_queryset,
    january_recipient,
    moves_note,
    person_columns,
    person_row,
    ready_queryset,
)
from muster.people.books.reserve import reserve_columns, reserve_queryset, reserve_row

# --- One entry point for the views ---------------------------------------------------------


def book_queryset(slug: str, user: User, f: BookFilter) -> QuerySet[Any]:
    builders: dict[str, Callable[[User, BookFilter], QuerySet[Any]]] = {
        "age17": age17_queryset,
        "ready": ready_queryset,
        "january": january_queryset,
        "registrations": registrations_queryset,
        "transfers": transfers_queryset,
        "reserve": reserve_queryset,
    }
    return builders[slug](user, f)


def book_columns(slug: str) -> list[Column]:
    if slug == "reserve":
        return reserve_columns()
    return transfer_columns() if slug == "transfers" else person_columns()


def book_rows(slug: str, f: BookFilter, objects: Sequence[Any], start: int = 1) -> list[Row]:
    rows: list[Row] = []
    notes: dict[bool, str] = {}  # the January note of a man reaching 17, of an older man
    for number, obj in enumerate(objects, start=start):
        if slug == "transfers":
            rows.append(transfer_row(obj, number))
        elif slug == "registrations":
            rows.append(registration_row(obj, number))
        elif slug == "reserve":
            rows.append(reserve_row(obj, number, f))
        elif slug == "january":
            turning17 = obj.date_of_birth.year == f.year - 17
            if turning17 not in notes:
                notes[turning17] = january_note(obj, f.year)
            note = "; ".join(filter(None, [notes[turning17], moves_note(obj, f.year)]))
            rows.append(person_row(obj, number, note))
        elif slug == "age17":
            rows.append(person_row(obj, number, moves_note(obj, f.year)))
        else:
            rows.append(person_row(obj, number, ""))
    return rows


def book_subtitle(slug: str, f: BookFilter) -> str:
    where = f.commune.name if f.commune is not None else ""
    if f.village is not None:
        where = f"{f.village.name}, {where}"
    if slug in ("age17", "january"):
        text = _("Year %(year)s") % {"year": f.year}
    elif slug in ("ready", "reserve"):
        text = _("On %(day)s") % {"day": f"{f.day:%d/%m/%Y}"}
    else:
        start, end = f.period
        text = _("From %(start)s to %(end)s") % {
            "start": f"{start:%d/%m/%Y}",
            "end": f"{end:%d/%m/%Y}",
        }
    return f"{text} · {where}" if where else text


def book_notes(slug: str, user: User, f: BookFilter) -> list[str]:
    if slug == "january":
        unit = f.commune
        if unit is not None:
            return [
                _("Report to: %(recipient)s")
                % {"recipient": january_recipient(unit, dt.date(f.year, 1, 31))}
            ]
    return []


def book_document(slug: str, user: User, f: BookFilter, rows: Sequence[Row]) -> TableDocument:
    return official_document(
        user=user,
        f=f,
        title=str(BOOKS[slug].title),
        subtitle=book_subtitle(slug, f),
        columns=book_columns(slug),
        rows=rows,
        notes=book_notes(slug, user, f),
    )


@dataclass(frozen=True)
class BookPage:
    document: TableDocument
    rows: list[Row]  # cells formatted for the screen (dd/mm/yyyy, 1.234)
    number: int
    num_pages: int
    count: int


def book_page(slug: str, user: User, f: BookFilter, page: int = 1) -> BookPage:
    """One page of a book for the screen (``PAGE_SIZE`` rows, numbered across pages)."""
    paginator = Paginator(book_queryset(slug, user, f), PAGE_SIZE)
    current = paginator.get_page(page)
    rows = book_rows(slug, f, list(current.object_list), start=current.start_index() or 1)
    document = book_document(slug, user, f, rows)
    visible = scope_of(user).unit_ids()
    return BookPage(
        document=document,
        rows=[
            Row(
                r.person_id if r.unit_id is None or r.unit_id in visible else None,
                [format_cell(v, c.kind) for c, v in zip(document.columns, r.cells, strict=True)],
            )
            for r in rows
        ],
        number=current.number,
        num_pages=paginator.num_pages,
        count=paginator.count,
    )


def book_full(slug: str, user: User, f: BookFilter) -> TableDocument:
    """The whole book, for Excel, PDF and Word."""
    objects = list(book_queryset(slug, user, f).iterator(chunk_size=2000))
    return book_document(slug, user, f, book_rows(slug, f, objects))
