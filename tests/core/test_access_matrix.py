"""Every URL of the project, against every role: anonymous, out of scope, wrong role, allowed.

Each app lists its URLs in ``tests/<app>/access_rows.py`` (see ``tests/access.py``); the
matrix collected from them must name every URL pattern of the project (or list it as public,
POST-only or owner-only): a new URL without an access rule makes ``test_every_url_is_covered``
fail.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from muster.people.models import Sex
from muster.portal.navigation import modules
from tests.access import DHOP_PERSONAS, PERSONAS, Route, campaign_kwargs
from tests.core.factories import make_person

TESTS = Path(__file__).resolve().parents[1]


def _collect() -> tuple[dict[str, Route], frozenset[str], frozenset[str], frozenset[str]]:
    """The rows of every ``tests/<app>/access_rows.py``; a URL named by two apps is an error.

    The REST API's routes (``API`` of ``tests/api/access_rows.py``: bearer tokens, no login
    page) are covered by their own matrix, ``tests/api/test_access.py``; they count as
    covered here (``API_ROUTES``)."""
    matrix: dict[str, Route] = {}
    public: set[str] = set()
    post_only: set[str] = set()
    owner_only: set[str] = set()
    api_routes: set[str] = set()
    for path in sorted(TESTS.glob("*/access_rows.py")):
        rows = importlib.import_module(f"tests.{path.parent.name}.access_rows")
        twice = set(matrix) & set(rows.ROWS)
        assert not twice, f"{path}: rows already listed by another app: {sorted(twice)}"
        matrix.update(rows.ROWS)
        public |= getattr(rows, "PUBLIC", frozenset())
        post_only |= getattr(rows, "POST_ONLY", frozenset())
        owner_only |= getattr(rows, "OWNER_ONLY", frozenset())
        api_routes |= set(getattr(rows, "API", {}))
    API_ROUTES.update(api_routes)
    return matrix, frozenset(public), frozenset(post_only), frozenset(owner_only)


#: The REST API's URL names (tested by tests/api/test_access.py).
API_ROUTES: set[str] = set()
MATRIX, PUBLIC, POST_ONLY, OWNER_ONLY = _collect()


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            if not entry.name:
                yield "", route
            else:
                yield (f"{namespace}:{entry.name}" if namespace else entry.name), route


def project_url_names() -> dict[str, str]:
    """``{namespaced name: route}`` for every URL pattern the resolver knows."""
    found = list(_walk(get_resolver().url_patterns))
    unnamed = [route for name, route in found if not name]
    assert not unnamed, f"URL patterns without a name cannot be access-tested: {unnamed}"
    return dict(found)


def test_every_url_is_covered():
    names = set(project_url_names())
    covered = set(MATRIX) | PUBLIC | POST_ONLY | OWNER_ONLY | API_ROUTES
    assert names - covered == set(), "URLs without an access rule in the matrix"
    assert covered - names == set(), "matrix entries for URLs that no longer exist"


def test_personas_match_the_fixture(personas):
    assert set(personas) == set(PERSONAS)


@pytest.fixture
def world(units) -> dict[str, Any]:
    """A unit and a citizen inside Đức Hợp ("in") and inside Đồng Thanh ("out")."""
    return {
        "unit_in": units["DHOP"],
        "unit_out": units["DT"],
        "person_in": make_person(units["DHOP"]),
        "person_out": make_person(
            units["DT"], full_name="Trần Thị Mai", sex=Sex.FEMALE, date_of_birth=dt.date(2003, 8, 2)
        ),
    }


def url_for(name: str, world: dict[str, Any], side: str = "in") -> str:
    return reverse(name, kwargs=MATRIX[name].kwargs(world, side))


def home_side(persona: str) -> str:
    """The side of the world that lies inside the persona's scope."""
    return "out" if persona == "other_commander" else "in"


def assert_login_redirect(response, path: str) -> None:
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("accounts:login")
    assert parse_qs(location.query)["next"] == [path]


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_anonymous_is_sent_to_login(client, world, name):
    path = url_for(name, world)
    assert_login_redirect(client.get(path), path)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_allowed_roles_get_200_others_403(client, personas, world, name, persona):
    client.force_login(personas[persona])
    response = client.get(url_for(name, world, home_side(persona)))
    expected = 200 if persona in MATRIX[name].allowed else 403
    assert response.status_code == expected, f"{persona} on {name}"


SCOPED = sorted(n for n, r in MATRIX.items() if r.scoped_object)


@pytest.mark.parametrize("persona", DHOP_PERSONAS)
@pytest.mark.parametrize("name", SCOPED)
def test_object_outside_scope_is_404(client, personas, world, name, persona):
    """Scope comes first: outside it, a 404 even for a role that would get a 403 inside."""
    client.force_login(personas[persona])
    expected_in = 200 if persona in MATRIX[name].allowed else 403
    assert client.get(url_for(name, world, "in")).status_code == expected_in
    assert client.get(url_for(name, world, "out")).status_code == 404


@pytest.mark.parametrize("name", SCOPED)
def test_neighbour_commander_cannot_see_duc_hop(client, personas, world, name):
    client.force_login(personas["other_commander"])
    assert client.get(url_for(name, world, "in")).status_code == 404


@pytest.mark.parametrize("name", SCOPED)
def test_unknown_uuid_is_404(client, personas, world, name):
    client.force_login(personas["admin"])
    path = reverse(name, kwargs={"public_id": "00000000-0000-4000-8000-000000000000"})
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("name", SCOPED)
def test_object_urls_carry_uuids_not_row_ids(world, name):
    assert str(MATRIX[name].kwargs(world, "in")["public_id"]) in url_for(name, world)
    with pytest.raises(NoReverseMatch):
        reverse(name, kwargs={"public_id": world["unit_in"].pk})


PENDING_SLUGS = [m.slug for m in modules() if m.url_name is None]


@pytest.mark.parametrize("slug", PENDING_SLUGS)
def test_every_placeholder_page_opens_for_a_read_only_role(client, personas, slug):
    client.force_login(personas["leader"])
    response = client.get(reverse("portal:module_pending", kwargs={"slug": slug}))
    assert response.status_code == 200


@pytest.mark.parametrize("slug", ["no-such-module", "people", "audit"])
def test_placeholder_for_unknown_or_built_module_is_404(client, personas, slug):
    client.force_login(personas["admin"])
    assert client.get(reverse("portal:module_pending", kwargs={"slug": slug})).status_code == 404


# Public and POST-only URLs.


def test_login_page_is_public(client, db):
    assert client.get(reverse("accounts:login")).status_code == 200


def test_healthz_is_public(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"


def test_language_switch_is_public_and_post_only(client, db):
    path = reverse("accounts:set_language")
    assert client.get(path).status_code == 405
    response = client.post(path, {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302


def test_logout_anonymous_is_sent_to_login(client, db):
    path = reverse("accounts:logout")
    assert_login_redirect(client.get(path), path)


def test_logout_is_post_only(client, personas):
    client.force_login(personas["leader"])
    path = reverse("accounts:logout")
    assert client.get(path).status_code == 405
    # Still logged in after the refused GET.
    assert client.get(reverse("portal:dashboard")).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    dashboard = reverse("portal:dashboard")
    assert_login_redirect(client.get(dashboard), dashboard)


# Export jobs: only the owner opens, watches or downloads his file.


def _export_job(owner, units, name="reports:"):
    from muster.jobs.models import Job
    from tests.conscription.campaign_factories import matrix_campaign

    if name.startswith("people:"):  # a registration book (muster.people.books.exports)
        kind, params = "people.book", {"book": "january", "fmt": "xlsx", "year": 2025}
    else:
        campaign = matrix_campaign({"unit_in": units["DHOP"]}, "in")
        kind, params = "reports.results", {"campaign": str(campaign.public_id), "fmt": "xlsx"}
    return Job.objects.create(
        owner=owner,
        kind=kind,
        params=params,
        scope_unit=units["DHOP"],
        state="done",
        progress=100,
        filename="bao-cao.xlsx",
        content_type="application/octet-stream",
        content=b"PK",
        finished_at=dt.datetime(2025, 2, 13, tzinfo=dt.UTC),
    )


@pytest.mark.parametrize("name", sorted(OWNER_ONLY))
def test_export_job_urls_anonymous_is_sent_to_login(client, personas, units, name):
    job = _export_job(personas["commune_commander"], units, name)
    path = reverse(name, kwargs={"public_id": job.public_id})
    assert_login_redirect(client.get(path), path)


@pytest.mark.parametrize("persona", ["commune_commander", "district_officer", "leader"])
@pytest.mark.parametrize("name", sorted(OWNER_ONLY))
def test_export_job_opens_for_its_owner_only(client, personas, units, name, persona):
    job = _export_job(personas[persona], units, name)
    path = reverse(name, kwargs={"public_id": job.public_id})
    for other in PERSONAS:
        client.force_login(personas[other])
        expected = 200 if other == persona else 404
        assert client.get(path).status_code == expected, f"{other} on {name} of {persona}"
    client.force_login(personas["admin"])
    unknown = reverse(name, kwargs={"public_id": "00000000-0000-4000-8000-000000000000"})
    assert client.get(unknown).status_code == 404


def test_export_create_is_post_only(client, personas, world):
    path = reverse("reports:export_create", kwargs=campaign_kwargs(world, "in"))
    assert_login_redirect(client.get(path), path)
    client.force_login(personas["leader"])
    assert client.get(path).status_code == 405
