"""Reads of the import pages, cut to the acting user's units."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from muster.geo.scope import scope_of
from muster.geo.selectors import units_for_user
from muster.people.imports.columns import PERSON_KEYS
from muster.people.models import ImportBatch
from muster.people.selectors import people_for_user

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.geo.models import Unit


def import_batches_for_user(user: User) -> QuerySet[ImportBatch]:
    """Uploaded spreadsheets of the communes in ``user``'s area, newest first."""
    return ImportBatch.objects.filter(**scope_of(user).lookup("unit")).select_related(
        "unit", "created_by"
    )


def people_values_for_export(
    *, user: User, unit: Unit
) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """The commune's people as import values (``columns.PERSON_KEYS``) and village names."""
    people = list(
        people_for_user(user)
        .filter(registration_unit=unit)
        .order_by("name_search", "id")
        .values(*PERSON_KEYS)
    )
    villages = dict(units_for_user(user).filter(parent=unit).values_list("pk", "name"))
    return people, villages
