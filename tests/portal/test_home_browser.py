"""The home page and the campaign board in Debian's chromium, driven by Playwright: the board's
quota chart draws, and the clerk's search box on the home page finds a citizen by a name typed
without diacritics. Records are made in fixtures, before the browser starts. Screenshots:
``artifacts/board_chart.png``, ``artifacts/clerk_home.png``."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.people.models import Sex
from tests.conscription.campaign_factories import dhop_commune
from tests.conscription.selection_factories import campaign_with_quota, handed_over, issued_list
from tests.core.factories import make_person
from tests.core.test_browser import ARTIFACTS, browser, log_in, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAINTED = """(id) => {
    const c = document.getElementById(id);
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
    return n;
}"""


@pytest.fixture
def board_campaign(units, personas):
    officer = personas["district_officer"]
    campaign = campaign_with_quota(units, officer, dhop_army=3)
    commune = dhop_commune(campaign, units)
    issued_list(officer, commune, people=3)
    handed_over(officer, commune)
    return campaign


def test_the_board_chart_draws(live_server, personas, board_campaign, page):  # noqa: F811
    path = f"/campaigns/{board_campaign.public_id}/"
    log_in(page, live_server, personas["district_officer"], path)
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.getElementById('chart-quota'))"
    )
    box = page.locator("#chart-quota").bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 100
    assert page.evaluate(PAINTED, "chart-quota") > 1000, "the chart canvas is blank"
    datasets = page.evaluate(
        "() => Chart.getChart(document.getElementById('chart-quota')).data.datasets.length"
    )
    assert datasets == 4  # quota and handed over, for the army and the police
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "board_chart.png"), full_page=True)
    assert page.problems == []  # type: ignore[attr-defined]


@pytest.fixture
def citizen(units):
    return make_person(
        units["DHOP"], full_name="Nguyễn Văn Đức", sex=Sex.MALE, date_of_birth=dt.date(2008, 3, 4)
    )


def test_the_clerk_finds_a_citizen_from_the_home_page_without_diacritics(
    live_server,
    personas,
    citizen,
    page,  # noqa: F811
):
    log_in(page, live_server, personas["commune_clerk"], "/")
    search = page.locator("[data-testid=registry-search]")
    assert search.locator("a[href='/people/new/']").count() == 1  # the register shortcut
    search.locator("input[name=q]").fill("nguyen van duc")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "clerk_home.png"), full_page=True)
    search.locator("button[type=submit]").click()
    page.wait_for_url("**/people/?q=nguyen+van+duc*")
    assert "Nguyễn Văn Đức" in page.inner_text("#person-rows")
    assert page.problems == []  # type: ignore[attr-defined]
