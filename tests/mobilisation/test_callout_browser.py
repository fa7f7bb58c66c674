"""In chromium at 390 px: the commune commander fills a draft flood order from the roster,
issues it, marks an arrival on the clerk's page with one tap, and the board counts it."""

from __future__ import annotations

import pytest

from muster.accounts.models import Role
from tests.conftest import make_user
from tests.core.test_browser import ARTIFACTS, browser, log_in  # noqa: F401  (fixture)
from tests.mobilisation.factories import make_order, make_roster

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft(units):
    commune = units["DHOP25"]
    roster = make_roster(commune, tag="b")
    order = make_order(commune, number="21/LHĐ")
    return {
        "order": order,
        "roster": roster,
        "commander": make_user("dh25.cmd", Role.COMMUNE_COMMANDER, commune),
    }


def test_issue_and_mark_an_arrival(live_server, draft, browser):  # noqa: F811
    order = draft["order"]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server, draft["commander"], f"/mobilisation/orders/{order.public_id}/")
    page.locator("[data-testid=bulk-add] button").first.click()
    page.wait_for_selector(".alert-success")
    assert page.locator("[data-testid=lines] tbody tr").count() >= 1
    page.click("[data-testid=issue]")
    page.wait_for_url(f"{live_server.url}/mobilisation/orders/{order.public_id}/board/")
    assert page.inner_text("[data-testid=people-arrived]") == "0"
    page.click("[data-testid=to-clerk]")
    first = page.locator("[data-testid=line]").first
    first.locator("[data-testid=mark-arrived]").click()
    page.wait_for_selector("[data-testid=line][data-state=arrived]")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "mobilisation-clerk-390.png"), full_page=True)
    page.goto(f"{live_server.url}/mobilisation/orders/{order.public_id}/board/")
    assert page.inner_text("[data-testid=people-arrived]") == "1"
    context.close()
