"""Issue 17, in chromium: the clerk of the new Đức Hợp registers the commune's citizens turning
18 this year for the militia in one step from the April military-service registration, and
the commander selects one of them into the mobile platoon."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.accounts.models import Role
from muster.core.dates import today
from tests.conftest import make_user
from tests.core.test_browser import ARTIFACTS, browser, log_in  # noqa: F401  (fixture)
from tests.militia.factories import make_militia_unit
from tests.militia.reg_factories import registered_at_17

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def commune(units):
    """The new Đức Hợp with two 18-year-olds registered for military service last April and
    its mobile platoon (made before the browser starts)."""
    dhop = units["DHOP25"]
    year = today().year
    for name in ("Đỗ Minh Khang", "Vũ Đức Long"):
        registered_at_17(
            dhop, full_name=name, born=dt.date(year - 18, 3, 1), on=dt.date(year - 1, 4, 10)
        )
    platoon = make_militia_unit(dhop, name="Trung đội cơ động Đức Hợp")
    return {
        "unit": dhop,
        "platoon": platoon,
        "clerk": make_user("dh25.clerk", Role.COMMUNE_CLERK, dhop),
        "commander": make_user("dh25.commander", Role.COMMUNE_COMMANDER, dhop),
    }


def test_clerk_registers_in_one_step_and_commander_selects(live_server, commune, browser):  # noqa: F811
    unit = commune["unit"]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    clerk_page = context.new_page()
    log_in(clerk_page, live_server, commune["clerk"], f"/militia/{unit.public_id}/registration/")
    candidates = clerk_page.inner_text("[data-testid=candidates]")
    assert "Đỗ Minh Khang" in candidates and "Vũ Đức Long" in candidates
    clerk_page.click("[data-testid=register-all]")
    clerk_page.wait_for_selector(".alert-success")
    assert "2" in clerk_page.inner_text(".alert-success")
    assert clerk_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    clerk_page.screenshot(path=str(ARTIFACTS / "militia-registration-390.png"), full_page=True)
    context.close()

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, live_server, commune["commander"], f"/militia/{unit.public_id}/selection/")
    rows = page.inner_text("[data-testid=selection-rows]")
    assert "Đỗ Minh Khang" in rows and "Vũ Đức Long" in rows
    form = page.locator("[data-testid=decision-form]")
    form.locator("select[name=person]").select_option(
        label=f"Vũ Đức Long (01/03/{today().year - 18})"
    )
    form.locator("select[name=kind]").select_option("select")
    form.locator("select[name=component]").select_option("mobile")
    form.locator("select[name=unit]").select_option(str(commune["platoon"].public_id))
    form.locator("input[name=decision_ref]").fill("25/QĐ-UBND")
    page.click("[data-testid=decide]")
    page.wait_for_selector(".alert-success")
    rows = page.inner_text("[data-testid=selection-rows]")
    assert "Vũ Đức Long" in rows
    page.click("[data-testid=selection-rows] a[href*='/militia/member/']")
    page.wait_for_url(f"{live_server.url}/militia/member/*/")
    body = page.inner_text("main")
    assert "Vũ Đức Long" in body and "Trung đội cơ động Đức Hợp" in body and "25/QĐ-UBND" in body
    page.screenshot(path=str(ARTIFACTS / "militia-selected-member.png"), full_page=True)
    context.close()
