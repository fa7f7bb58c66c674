"""Registration books and lists (sổ, danh sách đăng ký NVQS) as ``TableDocument`` objects.

Each book is read through the acting user's scope (``geo.scope``) and, when chosen, one
commune's subtree and one village. The same rows feed the paginated screen and the Excel, PDF
and Word files, so what the clerk sees is what prints. Every page costs the same number of
queries: one count, one page of rows, and one query per prefetched relation.

Books (Decree 13/2016 Art 3(2), forms 8 and 9; Law 78/2015 Art 16):

* ``age17``: men reaching 17 in the year (Sổ đăng ký công dân nam đủ 17 tuổi);
* ``ready``: registered men of call-up age on a date (Sổ đăng ký công dân sẵn sàng nhập ngũ):
  18 to the end of 25, to the end of 27 for college/university graduates (Art 30);
* ``january``: the January list (Art 16(1)): men reaching 17 in the year and men of NVQS age
  not yet registered;
* ``registrations``: first registrations in a period;
* ``transfers``: transfers out and in (đăng ký di chuyển) in a period;
* ``rollover``: the year roll-over for a campaign (``conscription.rollover``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muster.conscription import rollover
from muster.conscription.models import EventKind, RegistrationBar, RegistrationEvent
from muster.conscription.registration import LAW_98_2025
from muster.core.ages import birth_range, years_before
from muster.core.dates import today
from muster.documents.tables import (
    Cell,
    Column,
    Kind,
    TableDocument,
    format_cell,
    vietnamese_date_line,
)
from muster.geo.models import Unit, UnitKind
from muster.geo.scope import scope_of
from muster.geo.selectors import units_for_user
from muster.people.models import FamilyTie, HigherLevel, Person, Relation, Sex, StudyStatus

if TYPE_CHECKING:
    from muster.accounts.models import User

PAGE_SIZE = 50
_GRADUATE_LEVELS = (HigherLevel.COLLEGE, HigherLevel.UNIVERSITY, HigherLevel.POSTGRADUATE)
_SIBLINGS = (Relation.BROTHER, Relation.SISTER)


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

_KIND_VI: dict[str, str] = {
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
    return (f"UBND {_KIND_VI.get(unit.kind, '')} {unit.name.upper()}", "BAN CHỈ HUY QUÂN SỰ")


SIGNATURE = ("CHỈ HUY TRƯỞNG", "(Ký, ghi rõ họ tên)", "", "")


def _issuing_unit(user: User, f: BookFilter) -> Unit | None:
    return f.commune if f.commune is not None else user.scope_unit


def _document(
    *, user: User, f: BookFilter, title: str, subtitle: str, columns: Sequence[Column],
    rows: Sequence[Row], notes: Sequence[str] = (),
) -> TableDocument:  # fmt: skip
    unit = _issuing_unit(user, f)
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


# --- Person books (age 17, ready to enlist, January list) ----------------------------------


def _person_columns() -> list[Column]:
    return [
        Column(_("No."), Kind.INT, 5),
        Column(_("Full name"), Kind.TEXT, 22),
        Column(_("Date of birth"), Kind.DATE, 11),
        Column(_("ID number (CCCD)"), Kind.TEXT, 14),
        Column(_("Village"), Kind.TEXT, 12),
        Column(_("Education"), Kind.TEXT, 10),
        Column(_("Occupation"), Kind.TEXT, 14),
        Column(_("Father's name"), Kind.TEXT, 18),
        Column(_("Mother's name"), Kind.TEXT, 18),
        Column(_("Registration date"), Kind.DATE, 11),
        Column(_("Certificate number"), Kind.TEXT, 11),
        Column(_("Note"), Kind.TEXT, 16),
    ]


def _people_base(user: User, f: BookFilter, ids: frozenset[int] | None = None) -> QuerySet[Person]:
    """Men registered in the book's units (``ids``: ``scope_ids``, when the caller has them)."""
    ids = scope_ids(user, f.commune) if ids is None else ids
    qs = Person.objects.filter(registration_unit_id__in=ids, sex=Sex.MALE)
    if f.village is not None:
        qs = qs.filter(residence_unit=f.village)
    return qs


def _people_of_year(user: User, f: BookFilter, where: Q, ids: frozenset[int]) -> QuerySet[Person]:
    """The men matching ``where`` that a yearly book of the area holds: those registered in it
    now, and those who moved out of it (đăng ký di chuyển đi) during the book's year or later,
    since they belonged to it in that year. A book is a register: a man who leaves keeps his
    line, with the move in its note (``_moves_note``), as the paper book keeps it. A village's
    book holds only its residents now (the registry keeps no past village).
    """
    if f.village is not None:
        return _people_base(user, f, ids).filter(where)
    # Fetched first (they are few), then the men here and the men gone as two index scans
    # put together (UNION ALL): an OR of the two kept PostgreSQL from the (unit, sex, date of
    # birth) index and scanned every man of the commune or of the birth year (a commune's book
    # of 17s: 20 ms → 740 ms on 1,000,000 people; bench/registry_books.py). Only a book with
    # such men pays for the union.
    moved_out = list(
        RegistrationEvent.objects.filter(
            kind=EventKind.TRANSFER_OUT, unit_id__in=ids, event_date__gte=dt.date(f.year, 1, 1)
        )
        .exclude(person__registration_unit_id__in=ids)  # moved within the area: counted there
        .values_list("person_id", flat=True)
        .distinct()
    )
    if not moved_out:
        return _people_base(user, f, ids).filter(where)
    here = Person.objects.filter(where, registration_unit_id__in=ids, sex=Sex.MALE)
    gone = Person.objects.filter(where, pk__in=moved_out, sex=Sex.MALE)
    both = here.order_by().values("pk").union(gone.order_by().values("pk"), all=True)
    return Person.objects.filter(pk__in=both)


def _with_moves(qs: QuerySet[Person], f: BookFilter, ids: frozenset[int]) -> QuerySet[Person]:
    """The transfers of the book's year (and, out of the area, later) for the note column."""
    return qs.prefetch_related(
        Prefetch(
            "registration_events",
            queryset=RegistrationEvent.objects.filter(
                kind__in=[EventKind.TRANSFER_OUT, EventKind.TRANSFER_IN],
                unit_id__in=ids,
                event_date__gte=dt.date(f.year, 1, 1),
            )
            .select_related("from_unit", "to_unit")
            .order_by("event_date", "id"),
            to_attr="book_moves",
        )
    )


def _moves_note(person: Person, year: int) -> str:
    """ "Chuyển đi ngày 02/05/2025 đến Nghĩa Dân; …" for the moves ``_with_moves`` fetched."""
    parts = []
    for event in getattr(person, "book_moves", []):
        day = f"{event.event_date:%d/%m/%Y}"
        if event.kind == EventKind.TRANSFER_OUT:
            where = event.to_unit.name if event.to_unit else ""
            text = _("Moved out on %(day)s to %(unit)s") if where else _("Moved out on %(day)s")
        elif event.event_date.year == year:
            where = event.from_unit.name if event.from_unit else ""
            text = _("Moved in on %(day)s from %(unit)s") if where else _("Moved in on %(day)s")
        else:
            continue
        parts.append(text % {"day": day, "unit": where})
    return "; ".join(parts)


def _with_book_relations(qs: QuerySet[Person]) -> QuerySet[Person]:
    return (
        qs.select_related("residence_unit")
        .prefetch_related(
            Prefetch(
                "family_ties",
                queryset=FamilyTie.objects.filter(relation__in=[Relation.FATHER, Relation.MOTHER]),
                to_attr="parent_ties",
            ),
            Prefetch(
                "registration_events",
                queryset=RegistrationEvent.objects.filter(kind=EventKind.FIRST_REGISTRATION),
                to_attr="first_registrations",
            ),
        )
        .order_by("name_search", "id")
    )


def _registered() -> Exists:
    return Exists(
        RegistrationEvent.objects.filter(person=OuterRef("pk"), kind=EventKind.FIRST_REGISTRATION)
    )


def _graduate() -> Q:
    return Q(higher_level__in=_GRADUATE_LEVELS, study_status=StudyStatus.GRADUATED)


def _education(person: Person) -> str:
    text = f"{person.school_grade}/12" if person.school_grade else ""
    if person.higher_level:
        text = (
            f"{text}, {person.get_higher_level_display()}"
            if text
            else str(person.get_higher_level_display())
        )
    return text


def _person_row(person: Person, number: int, note: str) -> Row:
    parents = {t.relation: t.relative_name for t in getattr(person, "parent_ties", [])}
    firsts = getattr(person, "first_registrations", [])
    first = firsts[0] if firsts else None
    # In a yearly book, a man whose last move was out of the area lives elsewhere now: his
    # village there is not one of this book's, and his village here is not kept.
    moves = getattr(person, "book_moves", [])
    away = bool(moves) and moves[-1].kind == EventKind.TRANSFER_OUT
    village = person.residence_unit.name if person.residence_unit and not away else ""
    return Row(
        person.public_id,
        unit_id=person.registration_unit_id,
        cells=(
            number,
            person.full_name,
            person.date_of_birth,
            person.national_id,
            village,
            _education(person),
            person.occupation,
            parents.get(Relation.FATHER, ""),
            parents.get(Relation.MOTHER, ""),
            first.event_date if first else None,
            first.certificate_number if first else "",
            note,
        ),
    )


def age17_queryset(user: User, f: BookFilter) -> QuerySet[Person]:
    """Men born in ``year - 17``: they reach 17 during ``year`` (Law 78/2015 Art 12, 16)."""
    born = f.year - 17
    ids = scope_ids(user, f.commune)
    in_year = Q(date_of_birth__gte=dt.date(born, 1, 1), date_of_birth__lte=dt.date(born, 12, 31))
    return _with_moves(_with_book_relations(_people_of_year(user, f, in_year, ids)), f, ids)


def ready_queryset(user: User, f: BookFilter) -> QuerySet[Person]:
    """Registered men aged 18 to the end of 25 on the day, or to the end of 27 for college or
    university graduates (Art 30; the registry holds no deferral history, so every graduate
    counts as deferred while studying)."""
    earliest, latest = birth_range(f.day, rollover.MIN_AGE, rollover.MAX_AGE)
    grad_earliest, _latest = birth_range(f.day, rollover.MIN_AGE, rollover.GRADUATE_MAX_AGE)
    in_age = Q(date_of_birth__gte=earliest) | (Q(date_of_birth__gte=grad_earliest) & _graduate())
    return _with_book_relations(
        _people_base(user, f).filter(in_age, date_of_birth__lte=latest).filter(_registered())
    )


def january_queryset(user: User, f: BookFilter, *, moved_out: bool = True) -> QuerySet[Person]:
    """The January list of ``year`` (Art 16(1)): men born in ``year - 17`` and men reaching
    18 to 25 during ``year`` (27 for graduates) who have no first registration.

    As a book it keeps the men who moved out during the year (``moved_out``); recording the
    list (``record_january_list``) takes only the men registered in the commune now, so each
    man is entered on one commune's list: the one he is registered in when it is recorded."""
    born17 = f.year - 17
    turning17 = Q(
        date_of_birth__gte=dt.date(born17, 1, 1), date_of_birth__lte=dt.date(born17, 12, 31)
    )
    jan1 = dt.date(f.year, 1, 1)
    earliest, _l = birth_range(jan1, rollover.MIN_AGE, rollover.MAX_AGE)
    grad_earliest, _g = birth_range(jan1, rollover.MIN_AGE, rollover.GRADUATE_MAX_AGE)
    unregistered = (
        Q(date_of_birth__lte=dt.date(born17 - 1, 12, 31))
        & (Q(date_of_birth__gte=earliest) | (Q(date_of_birth__gte=grad_earliest) & _graduate()))
        & ~Q(_registered())
    )
    where = turning17 | unregistered
    ids = scope_ids(user, f.commune)
    people = (
        _people_of_year(user, f, where, ids)
        if moved_out
        else _people_base(user, f, ids).filter(where)
    )
    return _with_moves(_with_book_relations(people), f, ids)


def _january_note(person: Person, year: int) -> str:
    if person.date_of_birth.year == year - 17:
        return _("Reaches 17 in %(year)s") % {"year": year}
    return _("Of military-service age, not registered")


# --- Event books (registrations, transfers) ------------------------------------------------


def _events_base(user: User, f: BookFilter, kinds: Sequence[str]) -> QuerySet[RegistrationEvent]:
    start, end = f.period
    qs = RegistrationEvent.objects.filter(
        unit_id__in=scope_ids(user, f.commune),
        kind__in=kinds,
        event_date__gte=start,
        event_date__lte=end,
    )
    if f.village is not None:
        qs = qs.filter(person__residence_unit=f.village)
    return qs.select_related("person", "person__residence_unit", "unit", "from_unit", "to_unit")


def registrations_queryset(user: User, f: BookFilter) -> QuerySet[RegistrationEvent]:
    return (
        _events_base(user, f, [EventKind.FIRST_REGISTRATION])
        .prefetch_related(
            Prefetch(
                "person__family_ties",
                queryset=FamilyTie.objects.filter(relation__in=[Relation.FATHER, Relation.MOTHER]),
                to_attr="parent_ties",
            )
        )
        .order_by("event_date", "id")
    )


def transfers_queryset(user: User, f: BookFilter) -> QuerySet[RegistrationEvent]:
    return _events_base(user, f, [EventKind.TRANSFER_OUT, EventKind.TRANSFER_IN]).order_by(
        "event_date", "id"
    )


def _registration_row(event: RegistrationEvent, number: int) -> Row:
    person = event.person
    person.first_registrations = [event]  # type: ignore[attr-defined]
    note = event.note
    if event.is_late:
        note = f"{_('Late')}. {note}".strip(". ")
    return _person_row(person, number, note)


def _transfer_columns() -> list[Column]:
    return [
        Column(_("No."), Kind.INT, 5),
        Column(_("Full name"), Kind.TEXT, 22),
        Column(_("Date of birth"), Kind.DATE, 11),
        Column(_("ID number (CCCD)"), Kind.TEXT, 14),
        Column(_("Movement"), Kind.TEXT, 10),
        Column(_("Date"), Kind.DATE, 11),
        Column(_("From"), Kind.TEXT, 16),
        Column(_("To"), Kind.TEXT, 16),
        Column(_("Arrival date"), Kind.DATE, 11),
        Column(_("Registration due"), Kind.DATE, 11),
        Column(_("Note"), Kind.TEXT, 18),
    ]


def _transfer_row(event: RegistrationEvent, number: int) -> Row:
    person = event.person
    incoming = event.kind == EventKind.TRANSFER_IN
    note = event.note
    if event.is_late:
        note = f"{_('Late')}. {note}".strip(". ")
    return Row(
        person.public_id,
        unit_id=person.registration_unit_id,
        cells=(
            number,
            person.full_name,
            person.date_of_birth,
            person.national_id,
            _("In") if incoming else _("Out"),
            event.event_date,
            event.from_unit.name if event.from_unit else "",
            event.to_unit.name if event.to_unit else "",
            event.trigger_date if incoming else None,
            event.due_date,
            note,
        ),
    )


# --- One entry point for the views ---------------------------------------------------------


def book_queryset(slug: str, user: User, f: BookFilter) -> QuerySet[Any]:
    builders: dict[str, Callable[[User, BookFilter], QuerySet[Any]]] = {
        "age17": age17_queryset,
        "ready": ready_queryset,
        "january": january_queryset,
        "registrations": registrations_queryset,
        "transfers": transfers_queryset,
    }
    return builders[slug](user, f)


def book_columns(slug: str) -> list[Column]:
    return _transfer_columns() if slug == "transfers" else _person_columns()


def book_rows(slug: str, f: BookFilter, objects: Sequence[Any], start: int = 1) -> list[Row]:
    rows: list[Row] = []
    for number, obj in enumerate(objects, start=start):
        if slug == "transfers":
            rows.append(_transfer_row(obj, number))
        elif slug == "registrations":
            rows.append(_registration_row(obj, number))
        elif slug == "january":
            note = "; ".join(filter(None, [_january_note(obj, f.year), _moves_note(obj, f.year)]))
            rows.append(_person_row(obj, number, note))
        elif slug == "age17":
            rows.append(_person_row(obj, number, _moves_note(obj, f.year)))
        else:
            rows.append(_person_row(obj, number, ""))
    return rows


def book_subtitle(slug: str, f: BookFilter) -> str:
    where = f.commune.name if f.commune is not None else ""
    if f.village is not None:
        where = f"{f.village.name}, {where}"
    if slug in ("age17", "january"):
        text = _("Year %(year)s") % {"year": f.year}
    elif slug == "ready":
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
    return _document(
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


# --- January list: to whom it is reported --------------------------------------------------


def january_recipient(commune: Unit, on: dt.date) -> str:
    """Who receives the January list on ``on``: the district military command until 30 June
    2025, the commune chairman from 1 July 2025 (Law 98/2025 abolished the district level)."""
    if on < LAW_98_2025:
        parent = commune.parent
        district = parent.name if parent is not None else ""
        return f"Ban Chỉ huy quân sự huyện {district}".strip()
    kind = _KIND_VI.get(commune.kind, "").lower()
    return f"Chủ tịch UBND {kind} {commune.name}"


def january_citation(on: dt.date) -> str:
    if on < LAW_98_2025:
        return "Luật NVQS 78/2015/QH13 Điều 16(1); báo cáo Ban CHQS cấp huyện"
    return (
        "Luật NVQS 78/2015/QH13 Điều 16(1), sửa đổi bởi Luật 98/2025/QH15; "
        "báo cáo Chủ tịch UBND cấp xã"
    )


# --- Year roll-over ------------------------------------------------------------------------


@dataclass(frozen=True)
class RolloverRow:
    person: Person
    grounds: tuple[tuple[rollover.Ground, dt.date], ...] = ()

    @property
    def reason(self) -> str:
        return grounds_text(self.grounds)


@dataclass(frozen=True)
class RolloverLists:
    call_up: dt.date
    previous: dt.date
    entering: list[RolloverRow]
    ageing_out: list[RolloverRow]
    re_review: list[RolloverRow]


def rollover_lists(user: User, f: BookFilter, call_up: dt.date) -> RolloverLists:
    """The roll-over of the men in the user's area (or commune / village) for ``call_up``.

    Four queries whatever the number of men: the men born in the window that can matter, the
    registration bars ending in the window, their siblings' ties, and those siblings' reserve
    registrations (a discharged soldier registers as a reservist: Art 18, Art 45).
    """
    previous = rollover.previous_call_up(call_up)
    # Older than 28 on the previous call-up day, or younger than 18 on the call-up day: no role.
    earliest = years_before(previous, rollover.GRADUATE_MAX_AGE + 2)
    latest = years_before(call_up, rollover.MIN_AGE)
    people = list(
        _people_base(user, f)
        .filter(date_of_birth__gt=earliest, date_of_birth__lte=latest)
        .select_related("registration_unit", "residence_unit")
        .order_by("name_search", "id")
    )
    ids = [p.pk for p in people]
    bars: dict[int, list[dt.date]] = {}
    for person_id, end in RegistrationBar.objects.filter(
        person_id__in=ids, end_date__gte=previous, end_date__lt=call_up
    ).values_list("person_id", "end_date"):
        if end is not None:
            bars.setdefault(person_id, []).append(end)
    sibling_of: dict[int, list[int]] = {}
    for person_id, relative_id in FamilyTie.objects.filter(
        person_id__in=ids, relation__in=_SIBLINGS, relative__isnull=False
    ).values_list("person_id", "relative_id"):
        sibling_of.setdefault(relative_id, []).append(person_id)
    discharged: dict[int, list[dt.date]] = {}
    for relative_id, home in RegistrationEvent.objects.filter(
        person_id__in=list(sibling_of),
        kind=EventKind.RESERVE_REGISTRATION,
        trigger_date__gte=previous,
        trigger_date__lt=call_up,
    ).values_list("person_id", "trigger_date"):
        for person_id in sibling_of[relative_id]:
            if home is not None:
                discharged.setdefault(person_id, []).append(home)
    candidates = [
        rollover.Candidate(
            key=p.pk,
            birth_date=p.date_of_birth,
            graduate_deferred=(
                p.higher_level in _GRADUATE_LEVELS and p.study_status == StudyStatus.GRADUATED
            ),
            study_end_date=p.study_end_date,
            bar_end_dates=bars.get(p.pk, ()),
            sibling_discharge_dates=discharged.get(p.pk, ()),
        )
        for p in people
    ]
    result = rollover.roll_over(candidates, call_up=call_up, previous=previous)
    by_id = {p.pk: p for p in people}
    return RolloverLists(
        call_up=call_up,
        previous=previous,
        entering=[RolloverRow(by_id[k]) for k in result.entering],
        ageing_out=[RolloverRow(by_id[k]) for k in result.ageing_out],
        re_review=[RolloverRow(by_id[r.key], r.grounds) for r in result.re_review],
    )


GROUND_LABELS = {
    rollover.Ground.STUDIES_ENDED: gettext_lazy("studies ended"),
    rollover.Ground.BAR_ENDED: gettext_lazy("registration bar ended"),
    rollover.Ground.SIBLING_DISCHARGED: gettext_lazy("sibling discharged"),
}


def grounds_text(grounds: Sequence[tuple[rollover.Ground, dt.date]]) -> str:
    return "; ".join(f"{GROUND_LABELS[g]} {day:%d/%m/%Y}" for g, day in grounds)


def rollover_document(user: User, f: BookFilter, lists: RolloverLists) -> TableDocument:
    columns = [
        Column(_("No."), Kind.INT, 5),
        Column(_("List"), Kind.TEXT, 18),
        Column(_("Full name"), Kind.TEXT, 22),
        Column(_("Date of birth"), Kind.DATE, 11),
        Column(_("ID number (CCCD)"), Kind.TEXT, 14),
        Column(_("Commune"), Kind.TEXT, 14),
        Column(_("Village"), Kind.TEXT, 12),
        Column(_("Reason"), Kind.TEXT, 30),
    ]
    groups = (
        (_("Enters the call-up pool"), lists.entering),
        (_("Ages out: reserve registration"), lists.ageing_out),
        (_("Needs re-review"), lists.re_review),
    )
    rows: list[Row] = []
    for label, items in groups:
        for item in items:
            p = item.person
            rows.append(
                Row(
                    p.public_id,
                    (
                        len(rows) + 1,
                        label,
                        p.full_name,
                        p.date_of_birth,
                        p.national_id,
                        p.registration_unit.name,
                        p.residence_unit.name if p.residence_unit else "",
                        grounds_text(item.grounds),
                    ),
                )
            )
    subtitle = _("Call-up date %(day)s (previous %(previous)s)") % {
        "day": f"{lists.call_up:%d/%m/%Y}",
        "previous": f"{lists.previous:%d/%m/%Y}",
    }
    return _document(
        user=user,
        f=f,
        title=_("Year roll-over of the call-up pool"),
        subtitle=subtitle,
        columns=columns,
        rows=rows,
        notes=[
            _("Call-up age: Law 78/2015 Art 30 (18 to the end of 25; 27 for graduates deferred "
              "while studying); reserve registration: Art 18.")
        ],
    )  # fmt: skip
