"""From a call-up's page the officer follows the link to its public verification page and reads
what the paper says: issuing authority, commune and the printed number (issue 16 item 6).
Records are made in fixtures, before the browser starts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from muster.conscription.campaign import services as cs
from tests.conscription.campaign_factories import (
    dhop_commune,
    issue_decision,
    make_campaign,
    make_fit,
    set_quota,
)
from tests.core.test_browser import ARTIFACTS, browser, log_in, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def decision(units, personas):
    officer = personas["district_officer"]
    campaign = make_campaign(officer, units["KD"])
    for commune in campaign.communes.all():
        cs.pool_set(actor=officer, commune=commune, stored_pool=10)
    set_quota(officer, campaign)
    return issue_decision(officer, dhop_commune(campaign, units), make_fit(units["DHOP"]))


def test_the_decision_page_leads_to_its_verification_page(
    live_server,
    personas,
    units,
    decision,
    page,  # noqa: F811
):
    path = reverse("campaigns:decision_detail", args=[decision.public_id])
    log_in(page, live_server, personas["district_officer"], path)
    assert page.inner_text("h1").startswith("Lệnh gọi công dân nhập ngũ")
    assert page.inner_text("#decision-number") == "Số: 1/2025"
    page.click("#verify-link")
    page.wait_for_url(f"{live_server.url}{reverse('campaigns:verify', args=[decision.token])}")
    assert page.inner_text("#verify-issuer") == "BAN CHỈ HUY QUÂN SỰ HUYỆN KIM ĐỘNG"
    assert page.inner_text("#verify-commune") == f"Xã {units['DHOP'].name}"
    assert page.inner_text("#verify-number") == "Số: 1/2025"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "decision-verification.png"), full_page=True)
    assert page.problems == []
