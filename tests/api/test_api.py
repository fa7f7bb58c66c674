"""The REST API: the done-when path of a commune token, tokens that fail, writes, limits,
ETags, cursor pages and the problem+json shape."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from muster.api.models import ApiToken, ApiTokenUse
from muster.api.services import token_issue, token_revoke
from muster.audit.models import AuditEvent
from muster.core.dates import today
from muster.health.models import StationResult
from muster.people.models import Person, Sex
from tests.api.helpers import health_call
from tests.core.factories import make_person


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


def test_a_commune_token_lists_reads_records_and_is_cut_to_its_commune(api, issue, world, units):
    """The done-when path: a Đức Hợp token of an officer lists its citizens, reads a verdict,
    records an examination result, and gets 404 for a citizen of Đồng Thanh."""
    client = api(issue("admin", "DHOP", write=True))
    listed = client.get("/api/v1/citizens")
    assert listed.status_code == 200
    ids = [c["public_id"] for c in listed.json()["items"]]
    assert ids == [str(world["person_in"].public_id)]
    assert listed.json()["items"][0]["national_id_masked"].endswith(
        world["person_in"].national_id[-3:]
    )
    assert world["person_in"].national_id not in listed.content.decode()

    verdict = client.get(f"/api/v1/citizens/{world['person_in'].public_id}/verdict?on=2025-02-01")
    assert verdict.status_code == 200
    body = verdict.json()
    assert body["covered"] is True
    assert isinstance(body["callable"], bool)
    assert {s["standard"] for s in body["standards"]}
    cited = [c for r in body["reasons"] for c in r["citations"]]
    assert body["callable"] or cited, "a citizen not callable has cited reasons"

    call = health_call(world, "in")
    recorded = client.post(
        f"/api/v1/health/calls/{call.public_id}/results", {"station": "internal", "score": "2"}
    )
    assert recorded.status_code == 201, recorded.content
    result = StationResult.objects.get(call=call, station="internal")
    assert result.score == 2
    event = AuditEvent.objects.filter(action="health.result").latest("id")
    assert event.actor.username == "p.admin"

    calls = client.get(f"/api/v1/health/sessions/{call.session.public_id}/calls")
    assert calls.status_code == 200
    assert calls.json()["items"][0]["results"][0]["score"] == 2

    out = world["person_out"].public_id
    for path in (f"/api/v1/citizens/{out}", f"/api/v1/citizens/{out}/verdict"):
        assert client.get(path).status_code == 404
    out_call = health_call(world, "out")
    refused = client.post(
        f"/api/v1/health/calls/{out_call.public_id}/results", {"station": "internal", "score": "2"}
    )
    assert refused.status_code == 404
    assert not StationResult.objects.filter(call=out_call).exists()


def test_registering_a_citizen_goes_through_the_service(api, issue, world, units):
    client = api(issue("commune_clerk", "DHOP", write=True))
    body = {
        "full_name": "lê  văn bình",
        "sex": "M",
        "date_of_birth": "2007-03-04",
        "national_id": "033207000123",
        "registration_unit": str(units["DHOP"].public_id),
        "on": "2025-02-01",
    }
    response = client.post("/api/v1/citizens", body)
    if response.status_code == 422:  # the ID number's checks: show them
        pytest.fail(response.content.decode())
    assert response.status_code == 201
    person = Person.objects.get(public_id=response.json()["public_id"])
    assert person.full_name == "lê văn bình"  # one space: clean_name
    event = AuditEvent.objects.get(action="people.person_create", object_id=str(person.public_id))
    assert event.actor.username == "p.clerk"
    again = client.post("/api/v1/citizens", body)
    assert again.status_code == 422
    assert again["Content-Type"] == "application/problem+json"
    assert "national_id" in again.json()["errors"]


def test_a_read_only_token_cannot_write(api, issue, world, units):
    client = api(issue("commune_clerk", "DHOP", write=False))
    response = client.post(
        "/api/v1/citizens",
        {
            "full_name": "A",
            "sex": "M",
            "date_of_birth": "2007-01-01",
            "national_id": "1",
            "registration_unit": str(units["DHOP"].public_id),
        },
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "This API token is read-only."
    assert client.get("/api/v1/citizens").status_code == 200


def test_tokens_that_fail_are_401(api, issue, personas, world, units):
    secret = issue("commune_clerk", "DHOP")
    token = ApiToken.objects.get(prefix=secret.split("_")[1])
    assert api(secret).get("/api/v1/units").status_code == 200
    for bad in (
        "",
        "mst_00000000_nope",
        secret[:-1] + ("x" if secret[-1] != "x" else "y"),
        "Basic abc",
    ):
        response = api(bad).get("/api/v1/units")
        assert response.status_code == 401, bad
        assert response["Content-Type"] == "application/problem+json"
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert api(secret).get("/api/v1/units").json()["detail"] == "This API token has expired."
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + dt.timedelta(days=1))
    token_revoke(actor=personas["commune_clerk"], token=token)
    response = api(secret).get("/api/v1/units")
    assert response.status_code == 401
    assert response.json()["detail"] == "This API token was revoked."


def test_issuing_checks_area_and_life_and_keeps_only_a_hash(personas, units):
    clerk = personas["commune_clerk"]
    with pytest.raises(ValidationError, match="unit"):
        token_issue(
            actor=clerk,
            owner=clerk,
            name="x",
            unit=units["DT"],
            write=False,
            expires_on=today() + dt.timedelta(days=5),
        )
    with pytest.raises(ValidationError, match="expires_on"):
        token_issue(
            actor=clerk,
            owner=clerk,
            name="x",
            unit=units["DHOP"],
            write=False,
            expires_on=today() + dt.timedelta(days=400),
        )
    with pytest.raises(PermissionDenied):  # not his token, not an administrator
        token_issue(
            actor=clerk,
            owner=personas["commune_commander"],
            name="x",
            unit=units["DHOP"],
            write=False,
            expires_on=today() + dt.timedelta(days=5),
        )
    officer = personas["district_officer"]
    token, secret = token_issue(
        actor=officer,
        owner=officer,
        name="commune",
        unit=units["DHOP"],
        write=True,
        expires_on=today() + dt.timedelta(days=365),
    )
    assert secret.startswith(f"mst_{token.prefix}_")
    assert secret.split("_", 2)[2] not in json.dumps(
        list(ApiToken.objects.values_list("secret_hash", "prefix", "name"))
    )
    assert AuditEvent.objects.filter(action="api.token_issue").count() == 1


def test_the_command_issues_a_token(personas, units, capsys):
    call_command("api_token", "p.officer", "--unit", units["DHOP"].code, "--days", "30", "--write")
    secret = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(prefix=secret.split("_")[1])
    assert token.write and token.owner == personas["district_officer"]


def test_use_is_counted_per_day(api, issue, world):
    """Counted in minutes of use: three requests within a minute count once."""
    client = api(issue())
    for _ in range(3):
        client.get("/api/v1/units")
    use = ApiTokenUse.objects.get()
    assert use.count == 1
    assert use.token.use_count == 1 and use.token.last_used_at is not None


def test_rate_limit_answers_429_with_retry_after(api, issue, world, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_RATE_PER_MINUTE = 2
    client = api(issue())
    statuses = [client.get("/api/v1/units").status_code for _ in range(3)]
    if statuses[2] == 200:  # the minute turned between the calls
        statuses = [client.get("/api/v1/units").status_code for _ in range(3)]
    assert 429 in statuses
    response = client.get("/api/v1/units")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["status"] == 429


def test_etag_answers_304_when_unchanged(api, issue, world):
    client = api(issue())
    path = f"/api/v1/citizens/{world['person_in'].public_id}"
    first = client.get(path)
    tag = first["ETag"]
    assert tag.startswith('"')
    unchanged = client.get(path, headers={"If-None-Match": tag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    Person.objects.filter(pk=world["person_in"].pk).update(full_name="Nguyễn Văn Khác")
    assert client.get(path, headers={"If-None-Match": tag}).status_code == 200


def test_cursor_pages_cover_every_row_once(api, issue, units):
    for i in range(7):
        make_person(units["DHOP"], full_name=f"Nguyễn Văn {'ABCDEFG'[i % 3]}{i}")
    client = api(issue())
    seen: list[str] = []
    cursor = ""
    for _ in range(10):
        response = client.get(f"/api/v1/citizens?limit=3{cursor}")
        assert response.status_code == 200
        page = response.json()
        assert len(page["items"]) <= 3
        seen += [c["public_id"] for c in page["items"]]
        if page["next_cursor"] is None:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert len(seen) == 7 and len(set(seen)) == 7
    units_seen: list[str] = []
    cursor = ""
    while True:
        page = client.get(f"/api/v1/units?limit=1{cursor}").json()
        units_seen += [u["public_id"] for u in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert len(units_seen) == len(set(units_seen)) >= 1


def test_filters_by_name_without_diacritics_and_birth_year(api, issue, units):
    make_person(units["DHOP"], full_name="Phạm Đức Anh", date_of_birth=dt.date(2006, 12, 31))
    make_person(units["DHOP"], full_name="Phạm Văn Bảo", date_of_birth=dt.date(2007, 1, 1))
    client = api(issue())
    names = lambda q: [c["full_name"] for c in client.get(f"/api/v1/citizens?{q}").json()["items"]]  # noqa: E731
    assert names("name=duc anh") == ["Phạm Đức Anh"]
    assert names("name=pham&birth_year=2007") == ["Phạm Văn Bảo"]
    assert client.get("/api/v1/citizens?name=033").status_code == 400


def test_search_by_id_number_is_a_post(api, issue, world):
    client = api(issue())
    number = world["person_in"].national_id
    found = client.post("/api/v1/citizens/search", {"national_id": number}).json()["items"]
    assert [c["public_id"] for c in found] == [str(world["person_in"].public_id)]
    out = client.post("/api/v1/citizens/search", {"national_id": world["person_out"].national_id})
    assert out.json()["items"] == []
    assert client.post("/api/v1/citizens/search", {"national_id": "12ab"}).status_code == 422


def test_problem_json_shape_and_language(api, issue, world):
    client = api(issue())
    response = client.get("/api/v1/citizens?limit=500&cursor=%%%")
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"type", "title", "status", "detail", "errors"}
    assert body["status"] == 422 and body["title"] == "Invalid input"
    assert "query.limit" in body["errors"]
    bad_cursor = client.get("/api/v1/citizens?cursor=bm9wZQ")
    assert bad_cursor.status_code == 400 and "cursor" in bad_cursor.json()["errors"]
    vietnamese = api(None, "vi-VN,vi;q=0.9,en;q=0.5").get("/api/v1/units")
    assert vietnamese.status_code == 401
    assert vietnamese["Content-Language"] == "vi"
    assert vietnamese.json()["title"] != "Not authenticated"
    assert vietnamese.json()["title"]


def test_schema_and_docs_are_served_without_cdn(client, db):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/citizens/search" in paths
    assert not any("national_id" in p for p in paths)
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower() and "/static/ninja/swagger-ui-bundle.js" in html
    assert "'unsafe-inline'" not in docs["Content-Security-Policy"]


def test_tokens_page_issues_shows_once_and_revokes(login, personas, units):
    client = login(personas["commune_clerk"])
    page = client.get("/api/tokens/")
    assert page.status_code == 200
    response = client.post(
        "/api/tokens/",
        {"name": "bảng tin", "unit": units["DHOP"].pk, "expires_on": "31/12/2099"},
    )
    assert response.status_code == 400  # more than a year
    expires = (today() + dt.timedelta(days=30)).strftime("%d/%m/%Y")
    response = client.post(
        "/api/tokens/", {"name": "bảng tin", "unit": units["DHOP"].pk, "expires_on": expires}
    )
    assert response.status_code == 200, response.context["form"].errors
    token = ApiToken.objects.get()
    secret = response.context["secret"]
    assert secret.startswith(f"mst_{token.prefix}_")
    assert secret not in client.get("/api/tokens/").content.decode()
    # Another user's token is not his to revoke; an administrator of the area may.
    other = login(personas["commune_commander"])
    assert other.post(f"/api/tokens/{token.public_id}/revoke/").status_code == 404
    admin = login(personas["admin"])
    assert admin.post(f"/api/tokens/{token.public_id}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
