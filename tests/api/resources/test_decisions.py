"""Call-up decisions through the API's read functions: a commune user lists and verifies only
his commune's; the verification says what the QR code's public page says; no ID number."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse

from muster.api.resources import decisions as api
from tests.api.resources.conftest import as_user, dt_campaign, make_decision

pytestmark = pytest.mark.django_db


def _kw(user) -> dict:
    actor, scope = as_user(user)
    return {"actor": actor, "scope": scope}


def test_a_commune_user_lists_only_his_communes_decisions(
    small_campaign, decisions, commune_user, regional_user
):
    mine = [
        api.DecisionOut.of(d)
        for d in api.decision_list(**_kw(commune_user), campaign=small_campaign.public_id)
    ]
    assert [d.public_id for d in mine] == [decisions["dhop"].public_id]
    out = mine[0]
    assert out.commune.name == "Đức Hợp" and out.number == f"{decisions['dhop'].number}/2025"
    assert out.person.full_name == "Lê Văn Nam" and out.person.birth_year == 2004
    assert out.status == "valid" and not out.delivered_late
    everyone = api.decision_list(**_kw(regional_user), campaign=small_campaign.public_id)
    assert {d.public_id for d in everyone} == {d.public_id for d in decisions.values()}


def test_no_national_id_in_a_decision_or_its_verification(decisions, commune_user):
    decision = decisions["dhop"]
    national_id = decision.person.national_id
    listed = api.DecisionOut.of(decision).model_dump_json()
    verified = api.decision_verification(
        **_kw(commune_user), public_id=decision.public_id
    ).model_dump_json()
    for text in (listed, verified):
        assert national_id not in text and national_id[-6:] not in text
        assert decision.person.date_of_birth.isoformat() not in text


def test_status_filter(small_campaign, decisions, units, district_user):
    revoked = make_decision(small_campaign, units["DHOP"], name="Đỗ Văn Hải", status="revoked")
    kept = api.decision_list(
        **_kw(district_user), campaign=small_campaign.public_id, status="revoked"
    )
    assert [d.public_id for d in kept] == [revoked.public_id]


def test_verification_answers_as_the_public_page(client: Client, decisions, commune_user):
    decision = decisions["dhop"]
    out = api.decision_verification(**_kw(commune_user), public_id=decision.public_id)
    page = client.get(reverse("campaigns:verify", kwargs={"token": decision.token}))
    html = page.content.decode()
    for shown in (out.issuer, out.document, out.number, out.commune, out.citizen):
        assert shown in html
    assert f"{out.issued_on:%d/%m/%Y}" in html and str(out.birth_year) in html
    assert out.valid and out.status == "valid"


def test_another_communes_decision_and_campaign_are_not_found(
    small_campaign, decisions, units, commune_user
):
    with pytest.raises(Http404):
        api.decision_verification(**_kw(commune_user), public_id=decisions["dt"].public_id)
    other = dt_campaign(units)
    with pytest.raises(Http404):
        api.decision_list(**_kw(commune_user), campaign=other.public_id)


def test_listing_costs_the_same_for_one_decision_or_many(
    small_campaign, decisions, units, district_user, django_assert_max_num_queries
):
    for i in range(4):
        make_decision(small_campaign, units["DT"], name=f"Công dân {i}")
    kw = _kw(district_user)
    with django_assert_max_num_queries(2):  # the campaign, then the decisions
        rows = [
            api.DecisionOut.of(d)
            for d in api.decision_list(**kw, campaign=small_campaign.public_id)
        ]
    assert len(rows) == 6
    with django_assert_max_num_queries(1):
        api.decision_verification(**kw, public_id=decisions["dt"].public_id)
