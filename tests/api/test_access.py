"""The API's access matrix (``API`` of ``tests/api/access_rows.py``), route × persona: no
token → 401; a token of each persona over his home unit → the route's status if his role
may, else 403; a Đức Hợp token on an object of Đồng Thanh → 404 whatever the role."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.api.services import token_issue
from muster.core.dates import today
from muster.people.models import Sex
from tests.access import DHOP_PERSONAS, PERSONAS
from tests.api.access_rows import API, PUBLIC
from tests.core.factories import make_person
from tests.core.test_access_matrix import project_url_names

ROUTES = API


@pytest.fixture
def world(units):
    return {
        "unit_in": units["DHOP"],
        "unit_out": units["DT"],
        "person_in": make_person(units["DHOP"]),
        "person_out": make_person(
            units["DT"], full_name="Trần Thị Mai", sex=Sex.FEMALE, date_of_birth=dt.date(2003, 8, 2)
        ),
    }


def _secret(personas, units, persona: str, side: str = "") -> str:
    owner = personas[persona]
    side = side or ("out" if persona == "other_commander" else "in")
    unit = units["DT"] if side == "out" else units["DHOP"]
    _token, secret = token_issue(
        actor=owner,
        owner=owner,
        name="matrix",
        unit=unit,
        write=True,
        expires_on=today() + dt.timedelta(days=2),
    )
    return secret


def _call(client, route, world, side, secret):
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    path = route.path(world, side)
    if route.method == "get":
        return client.get(path, headers=headers)
    return client.post(
        path, route.body(world, side), content_type="application/json", headers=headers
    )


def test_every_api_url_is_in_the_matrix():
    names = {n for n in project_url_names() if n.startswith("api_v1:")}
    assert names == set(API) | {n for n in PUBLIC if n.startswith("api_v1:")}


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_without_a_token_is_401(client, world, name):
    response = _call(client, ROUTES[name], world, "in", "")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_each_role_gets_the_route_or_403(client, personas, units, world, name):
    route = ROUTES[name]
    for persona in PERSONAS:
        side = "out" if persona == "other_commander" else "in"
        response = _call(client, route, world, side, _secret(personas, units, persona))
        expected = route.ok if persona in route.allowed else 403
        assert response.status_code == expected, f"{persona}: {response.content[:300]!r}"


SCOPED = sorted(n for n, r in ROUTES.items() if r.scoped_object)


@pytest.mark.parametrize("name", SCOPED)
def test_object_outside_the_token_scope_is_404(client, personas, units, world, name):
    route = ROUTES[name]
    for persona in (*DHOP_PERSONAS, "district_officer", "admin"):
        secret = _secret(personas, units, persona, "in")
        assert _call(client, route, world, "out", secret).status_code == 404, persona
