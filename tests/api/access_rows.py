"""Access rows of the API tokens page, and the REST API's own matrix (``API``).

The API's routes answer bearer tokens, not sessions: ``tests/api/test_access.py`` runs each
``API`` row with a token of every persona (401 without a token, 404 for an object of Đồng
Thanh with a Đức Hợp token, 403 for a role without the capability, else the route's success
status); ``tests/core/test_access_matrix.py`` counts them as covered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.access import ALL_ROLES, EDIT_HEALTH_ROLES, EDIT_PEOPLE_ROLES, Route

ROWS = {"api:tokens": Route()}
POST_ONLY = frozenset({"api:token_revoke"})
#: The schema and its documentation are public (they hold no data).
PUBLIC = frozenset({"api_v1:openapi-json", "api_v1:openapi-view", "api_v1:api-root"})


World = dict[str, Any]


@dataclass(frozen=True)
class ApiRoute:
    """One API operation: its method, its path in the world (``side`` "in" = Đức Hợp, "out" =
    Đồng Thanh), the JSON body of a write, who may call it, and its success status."""

    method: str
    path: Callable[[World, str], str]
    allowed: frozenset[str] = ALL_ROLES
    body: Callable[[World, str], dict[str, Any]] | None = None
    scoped_object: bool = False
    ok: int = 200
    extra: dict[str, Any] = field(default_factory=dict)


def _person(world: World, side: str) -> str:
    return str(world[f"person_{side}"].public_id)


def _health_call(world: World, side: str) -> str:
    from tests.api.helpers import health_call

    return str(health_call(world, side).public_id)


def _health_session(world: World, side: str) -> str:
    from tests.api.helpers import health_call

    return str(health_call(world, side).session.public_id)


def _new_person(world: World, side: str) -> dict[str, Any]:
    world["serial"] = world.get("serial", 0) + 1
    return {
        "full_name": "Lê Văn Bình",
        "sex": "M",
        "date_of_birth": "2007-03-04",
        "national_id": f"0332070{world['serial']:05d}",
        "registration_unit": str(world[f"unit_{side}"].public_id),
        "on": "2025-02-01",
    }


def _result(world: World, side: str) -> dict[str, Any]:
    return {"station": "internal", "score": "2"}


API: dict[str, ApiRoute] = {
    "api_v1:units": ApiRoute("get", lambda w, s: "/api/v1/units"),
    "api_v1:unit": ApiRoute(
        "get", lambda w, s: f"/api/v1/units/{w[f'unit_{s}'].public_id}", scoped_object=True
    ),
    "api_v1:citizens": ApiRoute("get", lambda w, s: "/api/v1/citizens"),
    "api_v1:citizen_search": ApiRoute(
        "post",
        lambda w, s: "/api/v1/citizens/search",
        body=lambda w, s: {"national_id": w[f"person_{s}"].national_id},
    ),
    "api_v1:citizen": ApiRoute(
        "get", lambda w, s: f"/api/v1/citizens/{_person(w, s)}", scoped_object=True
    ),
    "api_v1:citizen_events": ApiRoute(
        "get",
        lambda w, s: f"/api/v1/citizens/{_person(w, s)}/registration-events",
        scoped_object=True,
    ),
    "api_v1:citizen_verdict": ApiRoute(
        "get", lambda w, s: f"/api/v1/citizens/{_person(w, s)}/verdict", scoped_object=True
    ),
    "api_v1:health_calls": ApiRoute(
        "get",
        lambda w, s: f"/api/v1/health/sessions/{_health_session(w, s)}/calls",
        scoped_object=True,
    ),
    "api_v1:health_result": ApiRoute(
        "post",
        lambda w, s: f"/api/v1/health/calls/{_health_call(w, s)}/results",
        body=_result,
        allowed=EDIT_HEALTH_ROLES,
        scoped_object=True,
        ok=201,
    ),
    # ``POST /citizens``: the same route as ``GET /citizens``, its own URL name.
    "api_v1:citizens_create": ApiRoute(
        "post",
        lambda w, s: "/api/v1/citizens",
        body=_new_person,
        allowed=EDIT_PEOPLE_ROLES,
        ok=201,
    ),
}

# The read resources of the call-up, the forces and the directives (tests/api/resources/).


def _campaign(world: World, side: str) -> str:
    from tests.conscription.campaign_factories import matrix_campaign

    return str(matrix_campaign(world, side).public_id)


def _decision(world: World, side: str) -> str:
    from tests.conscription.campaign_factories import matrix_decision

    return str(matrix_decision(world, side).public_id)


def _directive(world: World, side: str) -> str:
    from tests.directives.factories import directive_world

    return str(directive_world(world)[side]["directive"].public_id)


def _campaign_route(tail: str = "") -> ApiRoute:
    return ApiRoute(
        "get", lambda w, s: f"/api/v1/campaigns/{_campaign(w, s)}{tail}", scoped_object=True
    )


API.update(
    {
        "api_v1:campaigns": ApiRoute("get", lambda w, s: "/api/v1/campaigns"),
        "api_v1:campaign": _campaign_route(),
        "api_v1:campaign_quotas": _campaign_route("/quotas"),
        "api_v1:campaign_results": _campaign_route("/results"),
        "api_v1:campaign_decisions": _campaign_route("/decisions"),
        "api_v1:decision_verification": ApiRoute(
            "get",
            lambda w, s: f"/api/v1/decisions/{_decision(w, s)}/verification",
            scoped_object=True,
        ),
        "api_v1:militia_summary": ApiRoute("get", lambda w, s: "/api/v1/militia/summary"),
        "api_v1:reserve_summary": ApiRoute("get", lambda w, s: "/api/v1/reserve/summary"),
        "api_v1:directives": ApiRoute("get", lambda w, s: "/api/v1/directives"),
        "api_v1:directive_targets": ApiRoute(
            "get", lambda w, s: f"/api/v1/directives/{_directive(w, s)}/targets", scoped_object=True
        ),
    }
)
