"""Person books: men reaching 17, men ready to enlist, and the January list (with its recipient)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from muster.documents.tables import Column, Kind
from muster.geo.models import Unit
from muster.law.ages import birth_range
from muster.law.callup import registration_grounds, rollover
from muster.law.callup.registration import LAW_98_2025
from muster.people.models import FamilyTie, HigherLevel, Person, Relation, Sex, StudyStatus
from muster.people.registration.models import EventKind, RegistrationEvent

if TYPE_CHECKING:
    from muster.accounts.models import User
from muster.people.books.common import (
    UNIT_KIND_VI,
    BookFilter,
    Row,
    person_line,
    person_line_columns,
    scope_ids,
)

GRADUATE_LEVELS = (HigherLevel.COLLEGE, HigherLevel.UNIVERSITY, HigherLevel.POSTGRADUATE)
SIBLINGS = (Relation.BROTHER, Relation.SISTER)


# --- Person books (age 17, ready to enlist, January list) ----------------------------------


def person_columns() -> list[Column]:
    return person_line_columns(
        Column(_("Village"), Kind.TEXT, 12),
        Column(_("Education"), Kind.TEXT, 10),
        Column(_("Occupation"), Kind.TEXT, 14),
        Column(_("Father's name"), Kind.TEXT, 18),
        Column(_("Mother's name"), Kind.TEXT, 18),
        Column(_("Registration date"), Kind.DATE, 11),
        Column(_("Certificate number"), Kind.TEXT, 11),
        Column(_("Note"), Kind.TEXT, 16),
    )


def people_base(user: User, f: BookFilter, ids: frozenset[int] | None = None) -> QuerySet[Person]:
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
        return people_base(user, f, ids).filter(where)
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
        return people_base(user, f, ids).filter(where)
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


def moves_note(person: Person, year: int) -> str:
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


#: The fields a book's row reads (``person_row``): the rest of a citizen's record is not
#: loaded for a list of thousands.
BOOK_FIELDS = (
    "id", "public_id", "full_name", "name_search", "date_of_birth", "national_id",
    "registration_unit_id", "residence_unit__name", "school_grade", "higher_level", "occupation",
)  # fmt: skip


def _with_book_relations(qs: QuerySet[Person]) -> QuerySet[Person]:
    return (
        qs.select_related("residence_unit")
        .only(*BOOK_FIELDS)
        .prefetch_related(
            Prefetch(
                "family_ties",
                queryset=FamilyTie.objects.filter(
                    relation__in=[Relation.FATHER, Relation.MOTHER]
                ).only("id", "person_id", "relation", "relative_name"),
                to_attr="parent_ties",
            ),
            Prefetch(
                "registration_events",
                queryset=RegistrationEvent.objects.filter(kind=EventKind.FIRST_REGISTRATION).only(
                    "id", "person_id", "kind", "event_date", "certificate_number"
                ),
                to_attr="first_registrations",
            ),
        )
        .order_by("name_search", "id")
    )


def _registered() -> Exists:
    return Exists(
        RegistrationEvent.objects.filter(person=OuterRef("pk"), kind=EventKind.FIRST_REGISTRATION)
    )


def _on_a_register() -> Exists:
    """Entered on a register of the commune: a first registration, or the reserve registration
    of a discharged soldier (who may have first registered before the registry existed)."""
    return Exists(
        RegistrationEvent.objects.filter(
            person=OuterRef("pk"),
            kind__in=(EventKind.FIRST_REGISTRATION, EventKind.RESERVE_REGISTRATION),
        )
    )


def _graduate() -> Q:
    return Q(higher_level__in=GRADUATE_LEVELS, study_status=StudyStatus.GRADUATED)


def _education(person: Person) -> str:
    text = f"{person.school_grade}/12" if person.school_grade is not None else ""
    if person.higher_level:
        text = (
            f"{text}, {person.get_higher_level_display()}"
            if text
            else str(person.get_higher_level_display())
        )
    return text


def person_row(person: Person, number: int, note: str) -> Row:
    parents = {t.relation: t.relative_name for t in getattr(person, "parent_ties", [])}
    firsts = getattr(person, "first_registrations", [])
    first = firsts[0] if firsts else None
    # In a yearly book, a man whose last move was out of the area lives elsewhere now: his
    # village there is not one of this book's, and his village here is not kept.
    moves = getattr(person, "book_moves", [])
    away = bool(moves) and moves[-1].kind == EventKind.TRANSFER_OUT
    village = person.residence_unit.name if person.residence_unit and not away else ""
    return person_line(
        person,
        number,
        village,
        _education(person),
        person.occupation,
        parents.get(Relation.FATHER, ""),
        parents.get(Relation.MOTHER, ""),
        first.event_date if first else None,
        first.certificate_number if first else "",
        note,
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
        people_base(user, f).filter(in_age, date_of_birth__lte=latest).filter(_registered())
    )


def january_queryset(user: User, f: BookFilter, *, moved_out: bool = True) -> QuerySet[Person]:
    """The January list of ``year`` (Art 16(1)): men born in ``year - 17`` and men reaching
    18 to 25 during ``year`` (27 for graduates) on no register (neither a first registration
    nor a reserve registration).

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
        & ~Q(_on_a_register())
    )
    where = turning17 | unregistered
    ids = scope_ids(user, f.commune)
    people = (
        _people_of_year(user, f, where, ids)
        if moved_out
        else people_base(user, f, ids).filter(where)
    )
    return _with_moves(_with_book_relations(people), f, ids)


def january_note(person: Person, year: int) -> str:
    if person.date_of_birth.year == year - 17:
        return _("Reaches 17 in %(year)s") % {"year": year}
    return _("Of military-service age, not registered")


# --- January list: to whom it is reported --------------------------------------------------


def january_recipient(commune: Unit, on: dt.date) -> str:
    """Who receives the January list on ``on``: the district military command until 30 June
    2025, the commune chairman from 1 July 2025 (Law 98/2025 abolished the district level)."""
    if on < LAW_98_2025:
        parent = commune.parent
        district = parent.name if parent is not None else ""
        return f"Ban Chỉ huy quân sự huyện {district}".strip()
    kind = UNIT_KIND_VI.get(commune.kind, "").lower()
    return f"Chủ tịch UBND {kind} {commune.name}"


def january_citation(on: dt.date) -> str:
    """The January list's citation as stored (Vietnamese; its English form is
    ``registration_grounds.citation_en``)."""
    return registration_grounds.january_citation(on).vi
