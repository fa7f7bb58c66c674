"""The read resources through HTTP with a real token: a Đức Hợp token reads Đức Hợp's rows,
another commune's campaign or decision is a 404 problem, no token a 401; lists are cursor
pages; no ID number in any answer."""

from __future__ import annotations

import pytest

from tests.api.resources.conftest import DAY, dt_campaign

pytestmark = pytest.mark.django_db


def _json(response, status=200):
    assert response.status_code == status, response.content[:300]
    return response.json()


def test_campaigns_quotas_and_results_for_a_commune_token(api, issue, campaign, units):
    other = dt_campaign(units)
    client = api(issue("commune_commander", "DHOP", write=False))
    page = _json(client.get("/api/v1/campaigns"))
    assert [c["public_id"] for c in page["items"]] == [str(campaign.public_id)]
    assert page["next_cursor"] is None
    detail = _json(client.get(f"/api/v1/campaigns/{campaign.public_id}"))
    assert detail["calendar"]["handover_start"] == "2025-02-13" and detail["quotas"]
    quotas = _json(client.get(f"/api/v1/campaigns/{campaign.public_id}/quotas"))
    assert [(r["commune"]["name"], r["total"]) for r in quotas["communes"]] == [("Đức Hợp", 3)]
    results = _json(client.get(f"/api/v1/campaigns/{campaign.public_id}/results"))
    assert [r["commune"]["name"] for r in results["rows"]] == ["Đức Hợp"]
    assert results["total"]["quota_total"] == 3
    for tail in ("", "/quotas", "/results", "/decisions"):
        problem = client.get(f"/api/v1/campaigns/{other.public_id}{tail}")
        assert problem.status_code == 404, tail
        assert problem["Content-Type"] == "application/problem+json"
    assert api("").get(f"/api/v1/campaigns/{campaign.public_id}").status_code == 401


def test_a_district_token_pages_through_campaigns(api, issue, campaign, units):
    dt_campaign(units)
    client = api(issue("district_officer", "KD"))
    first = _json(client.get("/api/v1/campaigns?limit=1"))
    assert [c["year"] for c in first["items"]] == [2024] and first["next_cursor"]
    second = _json(client.get(f"/api/v1/campaigns?limit=1&cursor={first['next_cursor']}"))
    assert [c["year"] for c in second["items"]] == [2025] and second["next_cursor"] is None
    assert [c["year"] for c in _json(client.get("/api/v1/campaigns?year=2025"))["items"]] == [2025]


def test_decisions_and_their_verification(api, issue, small_campaign, decisions):
    client = api(issue("commune_commander", "DHOP"))
    path = f"/api/v1/campaigns/{small_campaign.public_id}/decisions"
    response = client.get(path)
    page = _json(response)
    assert [d["public_id"] for d in page["items"]] == [str(decisions["dhop"].public_id)]
    assert page["items"][0]["person"]["full_name"] == "Lê Văn Nam"
    mine = decisions["dhop"]
    verified = client.get(f"/api/v1/decisions/{mine.public_id}/verification")
    answer = _json(verified)
    assert answer["valid"] and answer["citizen"] == "Lê Văn Nam" and answer["birth_year"] == 2004
    for body in (response.content.decode(), verified.content.decode()):
        assert mine.person.national_id not in body
    assert _json(client.get(f"{path}?status=revoked"))["items"] == []
    outside = client.get(f"/api/v1/decisions/{decisions['dt'].public_id}/verification")
    assert outside.status_code == 404
    assert api("").get(f"/api/v1/decisions/{mine.public_id}/verification").status_code == 401


def test_decision_pages_follow_the_cursor(api, issue, small_campaign, decisions, units):
    from tests.api.resources.conftest import make_decision

    for i in range(3):
        make_decision(small_campaign, units["DHOP"], name=f"Công dân {i}")
    client = api(issue("district_officer", "KD"))
    path = f"/api/v1/campaigns/{small_campaign.public_id}/decisions?limit=2"
    seen, cursor = [], ""
    while True:
        page = _json(client.get(path + (f"&cursor={cursor}" if cursor else "")))
        seen += [d["public_id"] for d in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 5


def test_forces_summaries(api, issue, militia, reserve):
    client = api(issue("commune_commander", "DHOP"))
    militia_out = _json(client.get(f"/api/v1/militia/summary?on={DAY:%Y-%m-%d}"))
    assert [r["commune"]["name"] for r in militia_out["communes"]] == ["Đức Hợp"]
    assert militia_out["total"]["shortfall"] == 2
    reserve_out = _json(client.get(f"/api/v1/reserve/summary?on={DAY:%Y-%m-%d}"))
    assert reserve_out["total"]["total"] == 2 and [u["code"] for u in reserve_out["units"]] == [
        "C-DHOP"
    ]
    wide = api(issue("ptkv_officer", "PTKV1"))
    assert _json(wide.get(f"/api/v1/militia/summary?on={DAY:%Y-%m-%d}"))["total"]["members"] == 5
    assert client.get("/api/v1/militia/summary?on=31-12-2025").status_code == 422
    before_the_law = client.get("/api/v1/reserve/summary?on=1900-01-01")
    assert before_the_law.status_code == 422 and "on" in before_the_law.json()["errors"]


def test_directives_and_targets(api, issue, directive, units):
    from tests.directives.factories import make_directive

    other, _target = make_directive(units["DT"], title="Chỉ thị của Đồng Thanh")
    client = api(issue("commune_commander", "DHOP"))
    listed = _json(client.get("/api/v1/directives"))
    assert [d["public_id"] for d in listed["items"]] == [str(directive.public_id)]
    out = _json(client.get(f"/api/v1/directives/{directive.public_id}/targets?on=2025-03-20"))
    assert [s["unit"]["name"] for s in out["targets"][0]["shares"]] == ["Đức Hợp"]
    assert out["day"] == "2025-03-20" and not out["full_view"]
    assert client.get(f"/api/v1/directives/{other.public_id}/targets").status_code == 404
