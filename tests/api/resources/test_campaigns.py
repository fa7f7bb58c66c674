"""Campaigns through the API's read functions: the area decides which campaigns and which
commune rows are seen, the results are the results report's, and the queries stay few."""

from __future__ import annotations

import uuid

import pytest
from django.http import Http404

from muster.api.resources import campaigns as api
from muster.reports import selectors as report_selectors
from tests.api.resources.conftest import as_user, dt_campaign, narrowed

pytestmark = pytest.mark.django_db


def test_a_commune_user_lists_his_district_campaign_not_another_one(
    campaign, units, commune_user, personas
):
    other = dt_campaign(units)
    actor, scope = as_user(commune_user)
    listed = list(api.campaign_list(actor=actor, scope=scope))
    assert [c.public_id for c in listed] == [campaign.public_id]
    out = api.CampaignOut.of(listed[0])
    assert out.unit.name == "Kim Động" and out.year == 2025
    assert out.calendar.handover_start == campaign.handover_start
    with pytest.raises(Http404):
        api.campaign_detail(actor=actor, scope=scope, public_id=other.public_id)


def test_detail_has_the_quota_from_above_and_the_deadlines(campaign, commune_user):
    detail = api.campaign_detail(*(), **_kw(commune_user), public_id=campaign.public_id)
    assert [(q.service, q.value, q.source_document) for q in detail.quotas] == [
        ("army", 30, "QĐ 1/QĐ-UBND")
    ]
    assert detail.deadlines and all(d.title for d in detail.deadlines)
    with pytest.raises(Http404):
        api.campaign_detail(**_kw(commune_user), public_id=uuid.uuid4())


def _kw(user) -> dict:
    actor, scope = as_user(user)
    return {"actor": actor, "scope": scope}


def test_quotas_per_commune_cut_to_the_area(campaign, units, commune_user, regional_user):
    mine = api.campaign_quotas(**_kw(commune_user), public_id=campaign.public_id)
    assert [r.commune.name for r in mine.communes] == ["Đức Hợp"]
    row = mine.communes[0]
    assert row.army is not None and row.army.final == 3 and row.army.override_reason
    assert row.police is None and row.total == 3 and row.pool_used is not None
    everyone = api.campaign_quotas(**_kw(regional_user), public_id=campaign.public_id)
    assert len(everyone.communes) == campaign.communes.count() > 1
    assert sum(r.total for r in everyone.communes) == 30


def test_a_token_narrowed_to_the_commune_sees_only_its_row(campaign, units, district_user):
    out = api.campaign_quotas(
        actor=district_user, scope=narrowed(units["DHOP"]), public_id=campaign.public_id
    )
    assert [r.commune.name for r in out.communes] == ["Đức Hợp"]


def test_results_are_the_results_report(campaign, units, district_user, commune_user):
    out = api.campaign_results(**_kw(district_user), public_id=campaign.public_id)
    report = report_selectors.results_report(
        user=district_user, campaign=campaign, unit=units["KD"]
    )
    assert out.unit.name == "Kim Động" and out.day == campaign.handover_start
    assert [r.commune.public_id for r in out.rows] == [
        line.row.unit.public_id for line in report.lines
    ]
    for row, line in zip(out.rows, report.lines, strict=True):
        assert row.figures.quota_total == line.values["quota_total"]
        assert row.figures.examined == line.values["examined"]
    assert out.total.quota_total == 30
    # Nothing handed over yet: the handover's figures and the shortfall are "not recorded".
    assert out.total.handed_over is None and out.total.shortfall is None
    mine = api.campaign_results(**_kw(commune_user), public_id=campaign.public_id)
    assert [r.commune.name for r in mine.rows] == ["Đức Hợp"]
    assert mine.total.quota_total == 3
    with pytest.raises(Http404):
        api.campaign_results(
            **_kw(commune_user), public_id=campaign.public_id, unit=units["DT"].public_id
        )


def test_shortfall_is_the_quota_not_in_service():
    values = dict.fromkeys(
        ["registered", "called_screening", "called_exam", "examined", "fit", "callable"], 0
    )
    values.update(
        quota_army=5, quota_police=1, quota_total=6, decisions=6, selected=6,
        handed_over_army=4, handed_over_police=1, handed_over=5, returns=1, replacements=0,
        in_service=4, percent_met=None, fit_share=None,
    )  # fmt: skip
    assert api.ResultFiguresOut.of(values).shortfall == 2
    values.update(in_service=8)
    assert api.ResultFiguresOut.of(values).shortfall == 0


def test_query_counts_do_not_grow_with_the_communes(
    campaign, district_user, django_assert_max_num_queries
):
    kw = _kw(district_user)
    assert campaign.communes.count() > 10
    with django_assert_max_num_queries(1):
        [api.CampaignOut.of(c) for c in api.campaign_list(**kw)]
    with django_assert_max_num_queries(4):
        api.campaign_detail(**kw, public_id=campaign.public_id)
    with django_assert_max_num_queries(4):
        api.campaign_quotas(**kw, public_id=campaign.public_id)
    with django_assert_max_num_queries(24):
        api.campaign_results(**kw, public_id=campaign.public_id)


def test_the_quotas_from_above_are_one_shape_in_detail_and_quotas(campaign, commune_user):
    """One ``QuotaOut.of`` builds both lists (they were built twice, by hand)."""
    detail = api.campaign_detail(**_kw(commune_user), public_id=campaign.public_id)
    quotas = api.campaign_quotas(**_kw(commune_user), public_id=campaign.public_id)
    assert detail.quotas == quotas.quotas
    assert detail.quotas == [api.QuotaOut.of(q) for q in campaign.quotas.order_by("service")]
