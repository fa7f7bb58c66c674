"""Reads of the registry, always cut to the acting user's units."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.expressions import BaseExpression, RawSQL
from django.db.models.functions import Concat

from muster.core.dates import today
from muster.core.text import fold
from muster.geo.scope import scope_of
from muster.law.ages import years_before
from muster.people.models import (
    FamilyTie,
    Person,
    PersonDocument,
    PersonQuerySet,
    Relation,
)
from muster.people.registration.models import RegistrationBar, RegistrationEvent

if TYPE_CHECKING:
    from muster.accounts.models import User


#: A filter on other tables (an EXISTS subquery or its negation), applied by ``_name_page``.
Condition = Q | BaseExpression


def people_for_user(user: User) -> PersonQuerySet:
    # The registry's plans were tuned on an id list (``registration_unit_id = ANY(...)``).
    return Person.objects.in_units(scope_of(user).unit_ids())


@dataclass(frozen=True)
class PersonPage:
    people: list[Person]
    next_cursor: str | None


#: Registration statuses the list filters on, derived from events and bars on the day.
STATUSES = ("registered", "barred", "exempt", "removed")
#: ``higher_level`` filter value matching any trade or higher level.
ANY_HIGHER = "any"
_REGISTERING_KINDS = ("first_registration", "transfer_in", "reserve_registration")


@dataclass(frozen=True)
class PersonFilter:
    """The list filters (issue 3 item 5). ``on`` is the day ages and statuses are judged on.

    Status on ``on``: *removed* — a removal confirmed on or before ``on``; *barred* / *exempt* —
    not removed and an Art 13 / Art 14 status in force; *registered* — not removed, no status in
    force, and a first registration, transfer in or reserve registration on or before ``on``.
    """

    on: dt.date | None = None
    village_ids: frozenset[int] | None = None
    min_age: int | None = None
    max_age: int | None = None
    status: str = ""
    grade_min: int | None = None
    grade_max: int | None = None
    higher_level: str = ""
    martyr_parent: bool = False
    invalid_parent: bool = False
    sibling_serving: bool = False


@dataclass
class _Conditions:
    """The filters that look into other tables. ``where``: EXISTS / NOT EXISTS conditions on
    the person; ``sources``: for each positive one, the ``person_id`` values of its records
    (every match is among them, so a rare filter can start from its few records)."""

    where: list[Condition] = field(default_factory=list)
    sources: list[QuerySet[Any]] = field(default_factory=list)

    def having(self, records: QuerySet[Any]) -> None:
        """Matches must have one of ``records`` (each with a ``person`` foreign key)."""
        self.where.append(Exists(records.filter(person=OuterRef("pk"))))
        self.sources.append(records.order_by().values("person_id"))


def _apply_filter(qs: PersonQuerySet, f: PersonFilter) -> tuple[PersonQuerySet, _Conditions]:
    """``qs`` cut by the filters on the person's own columns (all held by the name index), and
    the filters that look into other tables (family ties, events, bars) as conditions."""
    on = f.on or today()
    conditions = _Conditions()
    if f.village_ids is not None:
        qs = qs.filter(residence_unit_id__in=f.village_ids)
    if f.min_age is not None:
        qs = qs.filter(date_of_birth__lte=years_before(on, f.min_age))
    if f.max_age is not None:
        qs = qs.filter(date_of_birth__gt=years_before(on, f.max_age + 1))
    if f.grade_min is not None:
        qs = qs.filter(school_grade__gte=f.grade_min)
    if f.grade_max is not None:
        qs = qs.filter(school_grade__lte=f.grade_max)
    if f.higher_level == ANY_HIGHER:
        qs = qs.exclude(higher_level="")
    elif f.higher_level:
        qs = qs.filter(higher_level=f.higher_level)
    parents = FamilyTie.objects.filter(relation__in=[Relation.FATHER, Relation.MOTHER])
    if f.martyr_parent:
        conditions.having(parents.filter(is_martyr=True))
    if f.invalid_parent:
        conditions.having(
            parents.filter(
                Q(war_invalid_class__isnull=False) | Q(sick_soldier_loss_pct__isnull=False)
            )
        )
    if f.sibling_serving:
        conditions.having(
            FamilyTie.objects.filter(
                relation__in=[Relation.BROTHER, Relation.SISTER], serving_as_soldier=True
            )
        )
    if f.status in STATUSES:
        removals = RegistrationEvent.objects.filter(kind="removal", trigger_date__lte=on)
        not_removed = ~Exists(removals.filter(person=OuterRef("pk")))
        bars = RegistrationBar.objects.filter(start_date__lte=on).exclude(end_date__lt=on)
        if f.status == "removed":
            conditions.having(removals)
        elif f.status == "barred":
            conditions.where.append(not_removed)
            conditions.having(bars.filter(kind="barred_art13"))
        elif f.status == "exempt":
            conditions.where.append(not_removed)
            conditions.having(bars.filter(kind="exempt_art14"))
        else:
            conditions.where += [not_removed, ~Exists(bars.filter(person=OuterRef("pk")))]
            conditions.having(
                RegistrationEvent.objects.filter(kind__in=_REGISTERING_KINDS, event_date__lte=on)
            )
    return qs, conditions


def search_people(
    *,
    user: User,
    query: str = "",
    unit_ids: frozenset[int] | None = None,
    sex: str = "",
    after: str = "",
    page_size: int = 50,
    filters: PersonFilter | None = None,
) -> PersonPage:
    """One page of people matching ``query`` (name without diacritics, or ID digits) and
    ``filters``, in one query whatever the filters (they are joins-free EXISTS subqueries; see
    ``_name_page`` for how PostgreSQL is steered between walking the name order and finding
    rare matches directly).

    Keyset pagination on (name_search, id): ``after`` is the cursor of the previous page's last
    row, so every page costs the same whatever its depth.
    """
    qs = people_for_user(user)
    if unit_ids is not None:
        qs = qs.filter(registration_unit_id__in=unit_ids)
    if sex:
        qs = qs.filter(sex=sex)
    conditions = _Conditions()
    if filters is not None:
        qs, conditions = _apply_filter(qs, filters)
    query = query.strip()
    words: list[str] = []
    if query.isdigit():
        qs = qs.filter(id_number_prefix(query))
    elif query:
        words = fold(query).split()
    if after:
        name, _sep, raw_id = after.rpartition("|")
        if raw_id.isdigit():
            qs = qs.filter(Q(name_search__gt=name) | Q(name_search=name, id__gt=int(raw_id)))
    rows = _name_page(qs, words, page_size + 1, conditions)
    next_cursor = None
    if len(rows) > page_size:
        rows = rows[:page_size]
        last = rows[-1]
        next_cursor = f"{last.name_search}|{last.pk}"
    return PersonPage(people=rows, next_cursor=next_cursor)


#: On PostgreSQL, how many rows of the (name_search, id) order a name search walks before it
#: falls back to the trigram index (see ``_name_page``). The walk is index-only (the name
#: index includes the scope column) and stops at a full page: ~15 ms per 100,000 rows
#: walked, against 50–200 ms for the trigram branch's sort of a common word's matches.
NAME_WALK_WINDOW = 250_000
#: The same for filters that look into other tables (statuses, family facts): each row of the
#: window costs a probe per condition, so the window is shorter; a filter matching fewer than
#: about one row in 40 falls back to finding its matches directly.
FILTER_WALK_WINDOW = 2_000


def id_number_prefix(digits: str) -> Q:
    """ID numbers (CCCD) starting with ``digits``, as a range of the unique index.

    ``national_id >= '0332' AND national_id < '0333'``: ID numbers are digits only, and strings
    of digits sort digit by digit in every collation, so the range holds exactly the numbers
    with that prefix and is answered by the unique index, on any database collation and on
    SQLite (whose ``LIKE`` uses no index). Twelve digits is one number. This is why the table
    has no ``varchar_pattern_ops`` index for ``LIKE 'prefix%'`` (migration 0007).
    """
    if len(digits) >= 12:
        return Q(national_id=digits)
    stem = digits.rstrip("9")
    if not stem:  # "9", "99", …: every number from there to the end of the range
        return Q(national_id__gte=digits)
    upper = stem[:-1] + str(int(stem[-1]) + 1)
    return Q(national_id__gte=digits, national_id__lt=upper)


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _name_page(
    qs: PersonQuerySet,
    words: list[str],
    limit: int,
    conditions: _Conditions | None = None,
) -> list[Person]:
    """The first ``limit`` rows of ``qs`` in (name_search, id) order whose folded name contains
    every word and that meet every condition (EXISTS filters on other tables), in one query.

    SQLite (and any page without words or conditions) runs the plain ordered query. On
    PostgreSQL the planner picks badly between two plans for a "contains" search or a rare
    filter: walking the (name_search, id) index is instant when matches are spread through the
    alphabet ("van", "duc", a third of the registry registered) but reads most of the index when
    they sit late in it ("nguyen", "hoang" are surnames) or are rare (the 1% barred, the 1% with
    a martyr parent); finding the matches directly (the pg_trgm index, the statuses' and family
    ties' own indexes) is quick but must sort them all. So the query walks a window of the first
    rows in order (``NAME_WALK_WINDOW`` for words alone, ``FILTER_WALK_WINDOW`` with conditions;
    the name index includes the person's filter columns, so the walk needs no table rows) and
    keeps the matches; if that gives a full page (or, with conditions, the walk saw every row)
    that is the exact answer; otherwise (a one-time filter decides, so only one branch runs) the
    matches are found directly and sorted — the sort key ``name_search || ''`` keeps the planner
    off the name index there, and a filter on other tables starts from its own records (``id =
    ANY(ARRAY(…))``: a few thousand primary-key probes, where the planner would rather scan the
    whole table). The window's rows are probed the same way. Either way the result is the same
    rows in the same order; only the cost differs.
    """
    where = conditions.where if conditions is not None else []
    ordered = qs.select_related("registration_unit", "residence_unit").order_by("name_search", "id")
    matching = qs.filter(*where)
    for word in words:
        matching = matching.filter(name_search__contains=word)
    if not (words or where) or connection.vendor != "postgresql":
        plain = ordered.filter(*where)
        for word in words:
            plain = plain.filter(name_search__contains=word)
        return list(plain[:limit])
    fallback = matching
    if conditions is not None and conditions.sources:
        source_sql, source_params = conditions.sources[0].query.sql_with_params()
        fallback = fallback.filter(_id_in_array(source_sql, source_params))
    fallback_sql, fallback_params = (
        fallback.annotate(sort_key=Concat("name_search", Value("")))
        .order_by("sort_key", "id")
        .values("id")[:limit]
        .query.sql_with_params()
    )
    if where:
        window = qs.order_by("name_search", "id").values("id")[:FILTER_WALK_WINDOW]
        window_sql, window_params = window.query.sql_with_params()
        hits = matching.filter(_id_in_array("SELECT w.id FROM w", []))
        hits_sql, hits_params = (
            hits.order_by("name_search", "id").values("id")[:limit].query.sql_with_params()
        )
        sql = _walk_or_fallback(
            f"w AS MATERIALIZED ({window_sql}), hits AS ({hits_sql})",
            "(SELECT count(*) FROM hits) >= %s OR (SELECT count(*) FROM w) < %s",
            fallback_sql,
        )
        params = [*window_params, *hits_params, limit, FILTER_WALK_WINDOW, *fallback_params]
        return list(ordered.filter(pk__in=RawSQL(sql, params))[:limit])
    # Words alone: the walk is index-only and cheap per row, so its window is long and the
    # walk stops as soon as it has the page; only a page it cannot fill pays for the fallback.
    window = qs.order_by("name_search", "id").values("id", "name_search")[:NAME_WALK_WINDOW]
    window_sql, window_params = window.query.sql_with_params()
    likes = " AND ".join("w.name_search LIKE %s" for _ in words)
    sql = _walk_or_fallback(
        f"hits AS (SELECT w.id FROM ({window_sql}) w WHERE {likes} "
        "ORDER BY w.name_search, w.id LIMIT %s)",
        "(SELECT count(*) FROM hits) >= %s",
        fallback_sql,
    )
    params = [*window_params, *(_like(w) for w in words), limit, limit, *fallback_params]
    return list(ordered.filter(pk__in=RawSQL(sql, params))[:limit])


def _walk_or_fallback(ctes: str, walk_suffices: str, fallback_sql: str) -> str:
    """The ids of ``hits`` (a CTE among ``ctes``: the matches of the walk in name order) when
    ``walk_suffices`` holds, else those of ``fallback_sql``. The condition is evaluated once
    (``done``), so only one branch runs."""
    return (
        f"WITH {ctes}, done AS (SELECT {walk_suffices} AS ok) "
        "SELECT hits.id FROM hits WHERE (SELECT ok FROM done) "
        f"UNION ALL SELECT f.id FROM ({fallback_sql}) f WHERE NOT (SELECT ok FROM done)"
    )


def _id_in_array(sql: str, params: Sequence[Any]) -> RawSQL:
    """``people_person.id = ANY(ARRAY(sql))``: the ids of a subquery as an array, which the
    planner looks up in the primary key one by one (it would join a subquery by scanning)."""
    table = connection.ops.quote_name(Person._meta.db_table)
    return RawSQL(f"{table}.id = ANY(ARRAY({sql}))", list(params), output_field=BooleanField())


def evidence_for_person(person: Person) -> list[PersonDocument]:
    """The evidence attached to ``person``, newest document date first (one query). The
    caller has already fetched the citizen through his scope."""
    return list(
        PersonDocument.objects.filter(person=person)
        .select_related("uploaded_by")
        .order_by("-date", "-id")
    )
