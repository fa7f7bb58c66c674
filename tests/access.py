"""The access matrix's shared parts: the personas, the role sets and ``Route``.

Each app lists its own URLs in ``tests/<app>/access_rows.py`` (``ROWS``, and where it has them
``PUBLIC``, ``POST_ONLY`` and ``OWNER_ONLY``); ``tests/core/test_access_matrix.py`` collects every
such module, so a new app adds its rows beside its tests and edits no shared file.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: Every persona of ``tests/conftest.py``; ``other_commander`` is the only one scoped to Đồng Thanh.
PERSONAS = (
    "admin",
    "district_officer",
    "ptkv_officer",
    "commune_commander",
    "other_commander",
    "commune_clerk",
    "health_council",
    "service_council",
    "leader",
    "auditor",
    "commune_auditor",
)
#: Personas scoped to Đức Hợp (DHOP): Đồng Thanh (DT) is outside their area.
DHOP_PERSONAS = ("commune_commander", "commune_clerk", "service_council", "commune_auditor")
ALL_ROLES = frozenset(PERSONAS)
AUDIT_ROLES = frozenset({"admin", "auditor", "commune_auditor"})
#: Roles with Cap.EDIT_PEOPLE (the registry's write pages).
EDIT_PEOPLE_ROLES = ALL_ROLES - {
    "health_council",
    "service_council",
    "leader",
    "auditor",
    "commune_auditor",
}

Kwargs = Callable[[dict[str, Any], str], dict[str, Any]]


def _no_kwargs(world: dict[str, Any], side: str) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Route:
    """One protected URL: how to build its arguments, and who may open it."""

    kwargs: Kwargs = _no_kwargs
    allowed: frozenset[str] = ALL_ROLES
    #: The URL names an object that belongs to a unit: out of scope must be a 404.
    scoped_object: bool = False


#: Builds one object of a side (``"in"`` or ``"out"``) in the matrix's world.
Make = Callable[[dict[str, Any], str], Any]


def once(key: str) -> Callable[[Make], Make]:
    """Decorator: ``make(world, side)`` runs once per world and side; its object is kept as
    ``world[f"{key}_{side}"]`` and returned again on every later call."""

    def decorate(make: Make) -> Make:
        @functools.wraps(make)
        def get(world: dict[str, Any], side: str) -> Any:
            name = f"{key}_{side}"
            if name not in world:
                world[name] = make(world, side)
            return world[name]

        return get

    return decorate


def public_id_kwargs(get: Make) -> Kwargs:
    """The URL arguments of the object ``get(world, side)`` returns: its ``public_id``."""

    def kwargs(world: dict[str, Any], side: str) -> dict[str, Any]:
        return {"public_id": get(world, side).public_id}

    return kwargs


def of_person(world: dict[str, Any], side: str, model: Any, **fields: Any) -> Any:
    """A ``model`` row of the side's person, held by the person's registration commune."""
    person = world[f"person_{side}"]
    return model.objects.create(person=person, holder=person.registration_unit, **fields)


def unit_kwargs(world: dict[str, Any], side: str) -> dict[str, Any]:
    return {"public_id": world[f"unit_{side}"].public_id}


def person_kwargs(world: dict[str, Any], side: str) -> dict[str, Any]:
    return {"public_id": world[f"person_{side}"].public_id}


#: Roles with Cap.MANAGE_CAMPAIGN, Cap.EDIT_HEALTH and Cap.COUNCIL_REVIEW.
CAMPAIGN_ROLES = frozenset(
    {"admin", "district_officer", "ptkv_officer", "commune_commander", "other_commander"}
)
EDIT_HEALTH_ROLES = frozenset({"admin", "health_council"})
COUNCIL_ROLES = frozenset({"admin", "service_council"})
#: Roles with Cap.REVIEW_DIRECTIVE (approve reports, set up directives).
REVIEW_DIRECTIVE_ROLES = frozenset({"admin", "district_officer", "ptkv_officer"})


def campaign_kwargs(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A Kim Động campaign whose only commune is the side's commune."""
    from tests.conscription.campaign_factories import matrix_campaign

    return {"public_id": matrix_campaign(world, side).public_id}
