"""The access matrix's shared parts: the personas, the role sets and ``Route``.

Each app lists its own URLs in ``tests/<app>/access_rows.py`` (``ROWS``, and where it has them
``PUBLIC``, ``POST_ONLY`` and ``OWNER_ONLY``); ``tests/core/test_access_matrix.py`` collects every
such module, so a new app adds its rows beside its tests and edits no shared file.
"""

from __future__ import annotations

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
