"""Every URL of the project, against every role: anonymous, out of scope, wrong role, allowed.

The matrix below must name every URL pattern of the project (or list it as public): a new URL
without an access rule here makes ``test_every_url_is_covered`` fail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from muster.people.models import Sex
from muster.portal.navigation import MODULES
from tests.core.factories import make_person
from tests.directives.factories import matrix_kwargs

#: Reachable without logging in.
PUBLIC = frozenset(
    {
        "accounts:login",
        "accounts:set_language",
        "healthz",
        # The QR on a call-up decision opens it: name, birth year, number, date and status
        # only, behind an unguessable token, throttled (tests/conscription/test_campaign.py).
        "campaigns:verify",
        # The public postings of a commune (niêm yết công khai) and one posting, by UUID: the
        # snapshot as posted (name, birth year, village, outcome), names only while the window
        # is open; no ID number, date of birth or health detail
        # (tests/conscription/test_postings_public.py).
        "postings:public_index",
        "postings:public_detail",
    }
)

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


def _unit(world: dict[str, Any], side: str) -> dict[str, Any]:
    return {"public_id": world[f"unit_{side}"].public_id}


def _person(world: dict[str, Any], side: str) -> dict[str, Any]:
    return {"public_id": world[f"person_{side}"].public_id}


def _evidence(world: dict[str, Any], side: str) -> dict[str, Any]:
    """An evidence document of the side's citizen (created on first use)."""
    key = f"evidence_{side}"
    if key not in world:
        from tests.people.test_evidence import make_evidence

        world[key] = make_evidence(world[f"person_{side}"])
    return {"public_id": world[key].public_id}


def _registration_bar(world: dict[str, Any], side: str) -> dict[str, Any]:
    """An open Art 13 status (không được đăng ký) of the side's citizen."""
    from muster.conscription.registration.models import RegistrationBar

    key = f"registration_bar_{side}"
    if key not in world:
        world[key] = RegistrationBar.objects.create(
            person=world[f"person_{side}"],
            kind="barred_art13",
            ground="x",
            legal_citation="Luật NVQS 78/2015/QH13 Điều 13(1)(a)",
            start_date=dt.date(2025, 5, 1),
        )
    return {"public_id": world[key].public_id}


#: Roles with Cap.MANAGE_CAMPAIGN, Cap.EDIT_HEALTH and Cap.COUNCIL_REVIEW.
CAMPAIGN_ROLES = frozenset(
    {"admin", "district_officer", "ptkv_officer", "commune_commander", "other_commander"}
)
EDIT_HEALTH_ROLES = frozenset({"admin", "health_council"})
COUNCIL_ROLES = frozenset({"admin", "service_council"})
#: Roles with Cap.REVIEW_DIRECTIVE (approve reports, set up directives).
REVIEW_DIRECTIVE_ROLES = frozenset({"admin", "district_officer", "ptkv_officer"})


def _health_session(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A screening session in the side's commune (created on first use)."""
    from muster.health.models import HealthSession

    key = f"health_session_{side}"
    if key not in world:
        world[key] = HealthSession.objects.create(
            kind="screening", unit=world[f"unit_{side}"], date=dt.date(2024, 11, 16), place="x"
        )
    return {"public_id": world[key].public_id}


def _health_call(world: dict[str, Any], side: str) -> dict[str, Any]:
    """The side's citizen called to the side's screening session."""
    from muster.health.models import HealthCall, HealthSession

    key = f"health_call_{side}"
    if key not in world:
        session = HealthSession.objects.get(public_id=_health_session(world, side)["public_id"])
        world[key] = HealthCall.objects.create(session=session, person=world[f"person_{side}"])
    return {"public_id": world[key].public_id}


def _import_batch(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A pending spreadsheet upload of the side's commune."""
    from muster.people.models import ImportBatch

    key = f"import_batch_{side}"
    if key not in world:
        world[key] = ImportBatch.objects.create(
            unit=world[f"unit_{side}"], file_name="ds.csv", sha256="0" * 64, content=b"STT\n1\n"
        )
    return {"public_id": world[key].public_id}


def _dossier(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A proposed deferral dossier of the side's citizen."""
    from muster.conscription.dossiers.models import Dossier

    key = f"dossier_{side}"
    if key not in world:
        world[key] = Dossier.objects.create(
            person=world[f"person_{side}"],
            kind="deferral",
            ground="41.1.b",
            ground_citation="Law 78/2015 Art 41(1)(b)",
            proposed_on=dt.date(2025, 6, 1),
        )
    return {"public_id": world[key].public_id}


def _campaign(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A Kim Động campaign whose only commune is the side's commune."""
    from tests.conscription.campaign_factories import matrix_campaign

    return {"public_id": matrix_campaign(world, side).public_id}


def _campaign_decision(world: dict[str, Any], side: str) -> dict[str, Any]:
    from tests.conscription.campaign_factories import matrix_decision

    return {"public_id": matrix_decision(world, side).public_id}


def _violation(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A violation case of the side's citizen in the side's campaign."""
    from tests.conscription.violation_factories import matrix_violation

    return {"public_id": matrix_violation(world, side).public_id}


def _campaign_commune(world: dict[str, Any], side: str) -> dict[str, Any]:
    """The side's commune in its matrix campaign."""
    from tests.conscription.campaign_factories import matrix_campaign

    return {"public_id": matrix_campaign(world, side).communes.get().public_id}


def _posting(world: dict[str, Any], side: str) -> dict[str, Any]:
    from tests.conscription.posting_factories import matrix_posting

    return {"public_id": matrix_posting(world, side).public_id}


def _complaint(world: dict[str, Any], side: str) -> dict[str, Any]:
    from tests.conscription.posting_factories import matrix_complaint

    return {"public_id": matrix_complaint(world, side).public_id}


def _selection_object(kind: str) -> Kwargs:
    """A selection or handover object of the side's matrix campaign
    (tests/conscription/selection_factories.py)."""

    def kwargs(world: dict[str, Any], side: str) -> dict[str, Any]:
        from tests.conscription import selection_factories as f

        return {"public_id": getattr(f, f"matrix_{kind}")(world, side).public_id}

    return kwargs


MATRIX: dict[str, Route] = {
    # Selection and handover (issue 5 items 3 and 6): pages read by every role of the area;
    # the state changes they POST need Cap.MANAGE_CAMPAIGN or Cap.COUNCIL_REVIEW.
    **{
        name: Route(kwargs=_campaign, scoped_object=True)
        for name in (
            "campaigns:selection_index",
            "campaigns:volunteer_list",
            "campaigns:review_list",
            "campaigns:handover_index",
        )
    },
    **{
        name: Route(kwargs=_selection_object(kind), scoped_object=True)
        for name, kind in (
            ("campaigns:selection_detail", "selection"),
            ("campaigns:selection_pool_json", "selection"),
            ("campaigns:selection_result_json", "selection"),
            ("campaigns:selection_pdf", "selection"),
            ("campaigns:review_detail", "step"),
            ("campaigns:handover_detail", "handover"),
            ("campaigns:handover_pdf", "handover"),
            ("campaigns:recruit_detail", "recruit"),
        )
    },
    "campaigns:handover_new": Route(
        kwargs=_selection_object("commune"), allowed=CAMPAIGN_ROLES, scoped_object=True
    ),
    # Public postings: read by every role, managed by the campaign roles.
    "postings:campaign_postings": Route(kwargs=_campaign, scoped_object=True),
    "postings:posting_create": Route(
        kwargs=_campaign_commune, allowed=CAMPAIGN_ROLES, scoped_object=True
    ),
    "postings:posting_detail": Route(kwargs=_posting, scoped_object=True),
    "postings:posting_correct": Route(kwargs=_posting, allowed=CAMPAIGN_ROLES, scoped_object=True),
    "postings:posting_pdf": Route(kwargs=_posting, scoped_object=True),
    "postings:complaint_detail": Route(kwargs=_complaint, scoped_object=True),
    **{
        name: Route(kwargs=_campaign, scoped_object=True)
        for name in (
            "campaigns:campaign_board",
            "campaigns:campaign_quotas",
            "campaigns:certificate_json",
            "campaigns:certificate_pdf",
            "campaigns:decision_list",
        )
    },
    "campaigns:campaign_list": Route(),
    # Reports of a campaign (every role may read them; scope first).
    **{
        name: Route(kwargs=_campaign, scoped_object=True)
        for name in (
            "reports:results",
            "reports:evenness",
            "reports:dashboard",
            "reports:callup_list",
            "reports:deferral_list",
            "reports:exemption_list",
            "reports:forms",
        )
    },
    "reports:index": Route(),
    "reports:export_list": Route(),
    "campaigns:violation_list": Route(kwargs=_campaign, scoped_object=True),
    "campaigns:violation_candidates": Route(kwargs=_campaign, scoped_object=True),
    "campaigns:violation_all": Route(),
    "campaigns:violation_create": Route(allowed=CAMPAIGN_ROLES),
    "campaigns:violation_detail": Route(kwargs=_violation, scoped_object=True),
    "campaigns:violation_pdf": Route(kwargs=_violation, scoped_object=True),
    "campaigns:campaign_create": Route(allowed=CAMPAIGN_ROLES),
    "campaigns:decision_detail": Route(kwargs=_campaign_decision, scoped_object=True),
    "campaigns:decision_pdf": Route(kwargs=_campaign_decision, scoped_object=True),
    "portal:dashboard": Route(),
    "portal:module_pending": Route(kwargs=lambda w, side: {"slug": "militia"}),
    "geo:unit_list": Route(),
    "geo:unit_detail": Route(kwargs=_unit, scoped_object=True),
    "people:person_list": Route(),
    "people:person_detail": Route(kwargs=_person, scoped_object=True),
    "audit:event_list": Route(allowed=AUDIT_ROLES),
    "health:session_list": Route(),
    "health:session_create": Route(allowed=CAMPAIGN_ROLES),
    "health:session_detail": Route(kwargs=_health_session, scoped_object=True),
    "health:session_call": Route(
        kwargs=_health_session, allowed=CAMPAIGN_ROLES, scoped_object=True
    ),
    "health:session_book": Route(kwargs=_health_session, scoped_object=True),
    "health:result_entry": Route(
        kwargs=_health_call, allowed=EDIT_HEALTH_ROLES, scoped_object=True
    ),
    "dossiers:dossier_list": Route(),
    "dossiers:rereview_list": Route(),
    "dossiers:dossier_create": Route(kwargs=_person, allowed=CAMPAIGN_ROLES, scoped_object=True),
    "dossiers:dossier_detail": Route(kwargs=_dossier, scoped_object=True),
    "dossiers:dossier_review": Route(kwargs=_dossier, allowed=COUNCIL_ROLES, scoped_object=True),
    "dossiers:dossier_decide": Route(kwargs=_dossier, allowed=CAMPAIGN_ROLES, scoped_object=True),
    "dossiers:dossier_end": Route(kwargs=_dossier, allowed=CAMPAIGN_ROLES, scoped_object=True),
    "directives:directive_list": Route(),
    "directives:report_list": Route(),
    **{
        name: Route(kwargs=matrix_kwargs(kind), scoped_object=True)
        for name, kind in (
            ("directives:directive_board", "directive"),
            ("directives:standing_report_docx", "directive"),
            ("directives:standing_report_pdf", "directive"),
            ("directives:target_detail", "target"),
            ("directives:report_detail", "report"),
            ("directives:evidence_download", "evidence"),
        )
    },
    # The roles with Cap.REPORT_DIRECTIVE are those with Cap.EDIT_PEOPLE.
    "directives:report_create": Route(
        kwargs=matrix_kwargs("directive"), allowed=EDIT_PEOPLE_ROLES, scoped_object=True
    ),
    "directives:report_edit": Route(
        kwargs=matrix_kwargs("report"), allowed=EDIT_PEOPLE_ROLES, scoped_object=True
    ),
    # Setting up a directive: the roles with Cap.REVIEW_DIRECTIVE.
    "directives:directive_create": Route(allowed=REVIEW_DIRECTIVE_ROLES),
    **{
        name: Route(kwargs=matrix_kwargs(kind), allowed=REVIEW_DIRECTIVE_ROLES, scoped_object=True)
        for name, kind in (
            ("directives:directive_edit", "directive"),
            ("directives:task_create", "directive"),
            ("directives:task_edit", "task"),
            ("directives:target_create", "task"),
            ("directives:target_edit", "target"),
        )
    },
    "people:person_create": Route(allowed=EDIT_PEOPLE_ROLES),
    **{
        name: Route(kwargs=_person, allowed=EDIT_PEOPLE_ROLES, scoped_object=True)
        for name in (
            "people:person_edit",
            "people:person_transfer",
            "people:person_absence",
            "people:person_additional",
            "people:person_reserve",
            "people:person_removal",
            "people:person_bar",
            "people:evidence_upload",
        )
    },
    "people:book_index": Route(),
    "people:book": Route(kwargs=lambda w, side: {"book": "age17"}),
    "people:rollover": Route(),
    "people:january_record": Route(allowed=EDIT_PEOPLE_ROLES),
    "people:evidence_download": Route(kwargs=_evidence, scoped_object=True),
    "people:bar_end": Route(
        kwargs=_registration_bar, allowed=EDIT_PEOPLE_ROLES, scoped_object=True
    ),
    "people:import_start": Route(allowed=EDIT_PEOPLE_ROLES),
    "people:import_template": Route(allowed=EDIT_PEOPLE_ROLES),
    "people:import_export": Route(kwargs=_unit, allowed=EDIT_PEOPLE_ROLES, scoped_object=True),
    "people:import_batch": Route(
        kwargs=_import_batch, allowed=EDIT_PEOPLE_ROLES, scoped_object=True
    ),
    "people:import_errors": Route(
        kwargs=_import_batch, allowed=EDIT_PEOPLE_ROLES, scoped_object=True
    ),
}

#: Protected, but refuse GET (tested on their own below).
POST_ONLY = frozenset(
    {
        "accounts:logout",
        "people:import_check",
        "people:import_confirm",
        "directives:report_submit",
        "directives:report_review",
        "directives:report_revise",
        "directives:milestone_toggle",
        "directives:task_move",
        "reports:export_create",
    }
)

#: An export job is its owner's alone: anyone else, whatever the role, gets a 404 (tested below).
OWNER_ONLY = frozenset(
    {"reports:export_detail", "reports:export_status", "reports:export_download"}
)


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
    covered = set(MATRIX) | PUBLIC | POST_ONLY | OWNER_ONLY
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


PENDING_SLUGS = [m.slug for m in MODULES if m.url_name is None]


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


def _export_job(owner, units):
    from muster.jobs.models import Job
    from tests.conscription.campaign_factories import matrix_campaign

    campaign = matrix_campaign({"unit_in": units["DHOP"]}, "in")
    return Job.objects.create(
        owner=owner,
        kind="reports.results",
        params={"campaign": str(campaign.public_id), "fmt": "xlsx"},
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
    job = _export_job(personas["commune_commander"], units)
    path = reverse(name, kwargs={"public_id": job.public_id})
    assert_login_redirect(client.get(path), path)


@pytest.mark.parametrize("persona", ["commune_commander", "district_officer", "leader"])
@pytest.mark.parametrize("name", sorted(OWNER_ONLY))
def test_export_job_opens_for_its_owner_only(client, personas, units, name, persona):
    job = _export_job(personas[persona], units)
    path = reverse(name, kwargs={"public_id": job.public_id})
    for other in PERSONAS:
        client.force_login(personas[other])
        expected = 200 if other == persona else 404
        assert client.get(path).status_code == expected, f"{other} on {name} of {persona}"
    client.force_login(personas["admin"])
    unknown = reverse(name, kwargs={"public_id": "00000000-0000-4000-8000-000000000000"})
    assert client.get(unknown).status_code == 404


def test_export_create_is_post_only(client, personas, world):
    path = reverse("reports:export_create", kwargs=_campaign(world, "in"))
    assert_login_redirect(client.get(path), path)
    client.force_login(personas["leader"])
    assert client.get(path).status_code == 405
