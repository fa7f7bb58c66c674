"""What every book shares: the list of books, the clerk's filter, a row, the scope and the
official header of the printed document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muster.core.dates import today
from muster.documents.tables import Cell, Column, Kind, TableDocument, vietnamese_date_line
from muster.geo.models import Unit, UnitKind
from muster.geo.scope import scope_of
from muster.geo.selectors import units_for_user
from muster.people.models import Person

if TYPE_CHECKING:
    from muster.accounts.models import User


PAGE_SIZE = 50


@dataclass(frozen=True)
class BookSpec:
    slug: str
    title: Promise
    #: Which filter the book takes: "year", "period" or "on" (a date), besides commune/village.
    period: str


BOOKS: dict[str, BookSpec] = {
    spec.slug: spec
    for spec in (
        BookSpec("age17", gettext_lazy("Book of male citizens reaching 17"), "year"),
        BookSpec("ready", gettext_lazy("Book of citizens ready to enlist"), "on"),
        BookSpec("january", gettext_lazy("January list for military-service registration"), "year"),
        BookSpec("registrations", gettext_lazy("Registrations in a period"), "period"),
        BookSpec("transfers", gettext_lazy("Transfers out and in in a period"), "period"),
        BookSpec("reserve", gettext_lazy("Reserve soldier register"), "on"),
    )
}


@dataclass(frozen=True)
class BookFilter:
    """What the clerk chose: commune (None: the whole area), village, year, period, date."""

    commune: Unit | None = None
    village: Unit | None = None
    year: int = field(default_factory=lambda: today().year)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    on: dt.date | None = None

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        start = self.date_from or dt.date(self.year, 1, 1)
        end = self.date_to or dt.date(self.year, 12, 31)
        return start, end

    @property
    def day(self) -> dt.date:
        return self.on or today()


@dataclass(frozen=True)
class Row:
    person_id: Any  # the person's public_id, for the link on screen (None: no link)
    cells: Sequence[Cell]
    #: Where the person is registered now; a transfer list keeps those who moved away, whose
    #: page is outside the reader's area, so the screen names them without a link.
    unit_id: int | None = None


def person_line_columns(*rest: Column) -> list[Column]:
    """The columns of :func:`person_line`: number, full name, date of birth, ID number."""
    return [
        Column(_("No."), Kind.INT, 5),
        Column(_("Full name"), Kind.TEXT, 22),
        Column(_("Date of birth"), Kind.DATE, 11),
        Column(_("ID number (CCCD)"), Kind.TEXT, 14),
        *rest,
    ]


def person_line(person: Person, number: int, *rest: Cell) -> Row:
    """A row that opens with the man: number, full name, date of birth, ID number (CCCD)."""
    return Row(
        person.public_id,
        unit_id=person.registration_unit_id,
        cells=(number, person.full_name, person.date_of_birth, person.national_id, *rest),
    )


# --- Scope ---------------------------------------------------------------------------------


def communes_for_user(user: User) -> list[Unit]:
    return list(units_for_user(user).commune_level().order_by("name_search", "valid_from"))


def villages_of(user: User, commune: Unit | None) -> list[Unit]:
    if commune is None:
        return []
    return list(units_for_user(user).village_level().filter(parent=commune).order_by("name_search"))


def scope_ids(user: User, commune: Unit | None) -> frozenset[int]:
    """The units the book covers: the user's area, cut to ``commune``'s subtree if chosen."""
    ids = scope_of(user).unit_ids()
    if commune is None:
        return ids
    return frozenset(
        units_for_user(user).filter(path__startswith=commune.path).values_list("pk", flat=True)
    )


# --- Official header -----------------------------------------------------------------------

UNIT_KIND_VI: dict[str, str] = {
    UnitKind.PROVINCE: "TỈNH",
    UnitKind.DISTRICT: "HUYỆN",
    UnitKind.COMMUNE: "XÃ",
    UnitKind.WARD: "PHƯỜNG",
    UnitKind.TOWN: "THỊ TRẤN",
    UnitKind.SPECIAL_ZONE: "ĐẶC KHU",
}


def issuer_lines(unit: Unit | None) -> tuple[str, ...]:
    """The issuer block of an official document: "UBND XÃ ĐỨC HỢP" / "BAN CHỈ HUY QUÂN SỰ"."""
    if unit is None:
        return ("BAN CHỈ HUY QUÂN SỰ",)
    if unit.kind == UnitKind.DEFENCE_REGION:
        parent = unit.parent
        top = f"BỘ CHỈ HUY QUÂN SỰ TỈNH {parent.name.upper()}" if parent else ""
        return tuple(line for line in (top, unit.name.upper()) if line)
    if unit.kind == UnitKind.PROVINCE:
        return (f"UBND TỈNH {unit.name.upper()}", "BỘ CHỈ HUY QUÂN SỰ")
    return (f"UBND {UNIT_KIND_VI.get(unit.kind, '')} {unit.name.upper()}", "BAN CHỈ HUY QUÂN SỰ")


SIGNATURE = ("CHỈ HUY TRƯỞNG", "(Ký, ghi rõ họ tên)", "", "")


def issuing_unit(user: User, f: BookFilter) -> Unit | None:
    return f.commune if f.commune is not None else user.scope_unit


def official_document(
    *, user: User, f: BookFilter, title: str, subtitle: str, columns: Sequence[Column],
    rows: Sequence[Row], notes: Sequence[str] = (),
) -> TableDocument:  # fmt: skip
    unit = issuing_unit(user, f)
    place = unit.name if unit is not None and unit.kind != UnitKind.DEFENCE_REGION else ""
    return TableDocument(
        title=title.upper(),
        subtitle=subtitle,
        columns=columns,
        rows=[r.cells for r in rows],
        issuer=issuer_lines(unit),
        place_date=vietnamese_date_line(place or "……", today()),
        signature=SIGNATURE,
        notes=notes,
    )
