"""Reads of the registry, always cut to the acting user's units."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from muster.core.text import fold
from muster.geo.selectors import units_for_user, visible_unit_ids
from muster.people.importing import PERSON_KEYS
from muster.people.models import ImportBatch, Person, PersonQuerySet

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.geo.models import Unit


def people_for_user(user: User) -> PersonQuerySet:
    return Person.objects.in_units(visible_unit_ids(user))


@dataclass(frozen=True)
class PersonPage:
    people: list[Person]
    next_cursor: str | None


def search_people(
    *,
    user: User,
    query: str = "",
    unit_ids: frozenset[int] | None = None,
    sex: str = "",
    after: str = "",
    page_size: int = 50,
) -> PersonPage:
    """One page of people matching ``query`` (name without diacritics, or ID digits).

    Keyset pagination on (name_search, id): ``after`` is the cursor of the previous page's last
    row, so every page costs the same whatever its depth.
    """
    qs = people_for_user(user)
    if unit_ids is not None:
        qs = qs.filter(registration_unit_id__in=unit_ids)
    if sex:
        qs = qs.filter(sex=sex)
    query = query.strip()
    if query.isdigit():
        qs = qs.filter(national_id__startswith=query)
    elif query:
        for word in fold(query).split():
            qs = qs.filter(name_search__contains=word)
    if after:
        name, _sep, raw_id = after.rpartition("|")
        if raw_id.isdigit():
            qs = qs.filter(Q(name_search__gt=name) | Q(name_search=name, id__gt=int(raw_id)))
    rows = list(
        qs.select_related("registration_unit", "residence_unit").order_by("name_search", "id")[
            : page_size + 1
        ]
    )
    next_cursor = None
    if len(rows) > page_size:
        rows = rows[:page_size]
        last = rows[-1]
        next_cursor = f"{last.name_search}|{last.pk}"
    return PersonPage(people=rows, next_cursor=next_cursor)


def import_batches_for_user(user: User) -> QuerySet[ImportBatch]:
    """Uploaded spreadsheets of the communes in ``user``'s area, newest first."""
    return ImportBatch.objects.filter(unit_id__in=visible_unit_ids(user)).select_related(
        "unit", "created_by"
    )


def people_values_for_export(
    *, user: User, unit: Unit
) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """The commune's people as import values (``importing.PERSON_KEYS``) and village names."""
    people = list(
        people_for_user(user)
        .filter(registration_unit=unit)
        .order_by("name_search", "id")
        .values(*PERSON_KEYS)
    )
    villages = dict(units_for_user(user).filter(parent=unit).values_list("pk", "name"))
    return people, villages
