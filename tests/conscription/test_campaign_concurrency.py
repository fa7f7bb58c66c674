"""Concurrent issuing and quota changes on PostgreSQL (row locks between connections)."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.conscription.campaign import services as cs
from muster.conscription.campaign.models import Allocation
from muster.conscription.decisions.models import CallupDecision
from tests.concurrency import needs_postgres, run_threads
from tests.conscription.campaign_factories import issue_decision, make_campaign, make_fit, set_quota

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def _campaign_with_pools(units, officer):
    campaign = make_campaign(officer, units["KD"])
    for commune in campaign.communes.all():
        cs.pool_set(actor=officer, commune=commune, stored_pool=40)
    return campaign


def test_concurrent_issuing_numbers_1_to_n_without_gaps(units, personas):
    needs_postgres()
    officer = personas["district_officer"]
    campaign = _campaign_with_pools(units, officer)
    set_quota(officer, campaign, value=60)
    commune = campaign.communes.get(unit=units["DHOP"])
    cs.override_set(
        actor=officer, commune=commune, service="army", value=30, reason="x", on=dt.date(2025, 1, 2)
    )
    n = 12
    people = [make_fit(units["DHOP"], name=f"Công dân {i}") for i in range(n)]

    def issue(index: int) -> None:
        issue_decision(officer, commune, people[index])

    assert run_threads(n, issue) == []
    numbers = sorted(CallupDecision.objects.values_list("number", flat=True))
    assert numbers == list(range(1, n + 1))


def test_concurrent_quota_changes_never_over_allocate(units, personas):
    needs_postgres()
    officer = personas["district_officer"]
    campaign = _campaign_with_pools(units, officer)
    values = [20, 35, 50, 27, 41, 33]

    def change(index: int) -> None:
        set_quota(officer, campaign, value=values[index], source_document=f"QĐ {index}")

    assert run_threads(len(values), change) == []
    final_quota = campaign.quotas.get(service="army").value
    assert final_quota in values
    allocated = sum(
        Allocation.objects.filter(commune__campaign=campaign, service="army").values_list(
            "final", flat=True
        )
    )
    assert allocated == final_quota
    campaign.refresh_from_db()
    army = next(s for s in campaign.certificate["services"] if s["service"] == "army")
    assert army["quota"] == final_quota
