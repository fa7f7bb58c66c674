"""Phones and narrow screens, in Debian's chromium driven by Playwright: the main pages at
390×844 (a phone) and 1366×768 (a small laptop) as a district officer, a commune clerk and an
auditor, on a small campaign (tests/reports/scenario.py) and the demo directive.

What is checked: the document never scrolls sideways (a wide table scrolls inside its card, its
first column stays in view); the campaign board's per-commune table and the results report's
per-commune quota table fit a 1366 px screen whole; on a phone the sidebar is hidden behind the
menu button of a one-line top bar and opens with it.

Screenshots of every page at both sizes are kept in ``artifacts/screenshots/`` (or the directory
in ``MUSTER_SCREENSHOTS``), named ``<persona>-<page>-<width>.png``. Records are made in fixtures,
before the browser starts (tests/core/test_browser.py explains why).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from muster.demo.directives import load_demo_directive
from tests.conftest import PASSWORD
from tests.core.test_browser import ARTIFACTS, browser  # noqa: F401  (fixture)
from tests.directives.factories import create_demo_accounts
from tests.reports.scenario import Scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


def screenshots() -> Path:
    folder = Path(os.environ.get("MUSTER_SCREENSHOTS") or ARTIFACTS / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def world(units, personas):
    """A 2025 campaign at every stage, the demo directive, and the pages each persona opens."""
    scenario = Scenario(units, people=40)
    create_demo_accounts(units)
    directive = load_demo_directive(units=units)
    assert directive is not None
    campaign = scenario.campaign
    dhop_person = next(p for p, key in scenario.made.people if key == "DHOP")
    common = {"home": "/", "registry": "/people/", "person": f"/people/{dhop_person.public_id}/"}
    return {
        "district_officer": {
            **common,
            "board": f"/campaigns/{campaign.public_id}/",
            "results": f"/reports/campaigns/{campaign.public_id}/results/",
            "directive": f"/directives/{directive.public_id}/?on=30/06/2025",
            "session": f"/health/sessions/{scenario.exam_sessions[0].public_id}/",
        },
        "commune_clerk": {
            **common,
            "session": f"/health/sessions/{scenario.screening['DHOP'].public_id}/",
        },
        "auditor": {"home": "/", "audit": "/audit/"},
    }


def open_as(browser, live_server, user, viewport):  # noqa: F811
    """A new browser context signed in as ``user`` through the login form; returns its page,
    with ``page.problems`` collecting script errors and failed requests."""
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(30_000)  # the machine is shared; a slow page is not a failure
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on(
        "response",
        lambda r: (
            problems.append(f"HTTP {r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    page.problems = problems  # type: ignore[attr-defined]
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def sideways(page) -> int:
    """How many pixels the document would scroll sideways (0 when it fits the window)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


def widest(page) -> list[str]:
    """The elements that stick out of the window on the right, to name them in a failure."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
            .filter((el) => !el.parentElement.closest('.table-responsive'))
            .slice(0, 3)
            .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`
                + ` (${Math.round(el.getBoundingClientRect().width)} px)`)"""
    )


def table_fit(page, selector: str) -> dict:
    """The table's own width against the box it scrolls in, and whether its first column stays
    in view when that box is scrolled to the right end."""
    return page.evaluate(
        """(selector) => {
            const table = document.querySelector(selector);
            if (!table) return {missing: selector};
            const box = table.closest('.table-responsive');
            if (!box) return {wrapped: false, table: table.scrollWidth, window: innerWidth};
            const fits = table.scrollWidth <= box.clientWidth;
            box.scrollLeft = box.scrollWidth;
            const cell = table.querySelector('tbody tr td:first-child, tbody tr th:first-child');
            const stays = Math.abs(
                cell.getBoundingClientRect().left - box.getBoundingClientRect().left
            ) < 2;
            box.scrollLeft = 0;
            return {wrapped: true, fits, stays, table: table.scrollWidth, box: box.clientWidth};
        }""",
        selector,
    )


BOARD_TABLE = "[data-testid=commune-progress]"
QUOTA_TABLE = "[data-testid=section-quota] table"


def test_main_pages_fit_a_phone_and_a_laptop_screen(
    live_server,
    personas,
    world,
    browser,  # noqa: F811
):
    folder = screenshots()
    failures: list[str] = []
    for persona, pages in world.items():
        page = open_as(browser, live_server, personas[persona], PHONE)
        for viewport in (PHONE, LAPTOP):
            page.set_viewport_size(viewport)
            width = viewport["width"]
            for name, path in pages.items():
                response = page.goto(f"{live_server.url}{path}")
                assert response is not None and response.status == 200, (persona, path)
                page.screenshot(path=str(folder / f"{persona}-{name}-{width}.png"), full_page=True)
                over = sideways(page)
                if over:
                    failures.append(
                        f"{persona} {name} at {width} px scrolls {over} px sideways: "
                        + ", ".join(widest(page))
                    )
                if name == "board":
                    fit = table_fit(page, BOARD_TABLE)
                    if width == LAPTOP["width"] and not (fit.get("wrapped") and fit["fits"]):
                        failures.append(f"the board's commune table does not fit 1366 px: {fit}")
                    if width == PHONE["width"] and not (fit.get("wrapped") and fit["stays"]):
                        failures.append(f"the board's commune column scrolls away: {fit}")
                if name == "results":
                    fit = table_fit(page, QUOTA_TABLE)
                    if width == LAPTOP["width"] and not (fit.get("wrapped") and fit["fits"]):
                        failures.append(f"the quota table is cut off at 1366 px: {fit}")
                    if width == PHONE["width"] and not (fit.get("wrapped") and fit["stays"]):
                        failures.append(f"the quota table's commune column scrolls away: {fit}")
        assert page.problems == [], persona  # type: ignore[attr-defined]
        page.context.close()
    assert not failures, "\n".join(failures)
    assert len(list(folder.glob("*-390.png"))) >= sum(len(p) for p in world.values())


def test_on_a_phone_the_sidebar_opens_with_the_menu_button(
    live_server,
    personas,
    browser,  # noqa: F811
):
    clerk = personas["commune_clerk"]
    page = open_as(browser, live_server, clerk, PHONE)
    sidebar = page.locator("nav.sidebar")
    menu = page.locator("[data-testid=menu-button]")
    top_bar = page.locator("body > nav.navbar").bounding_box()
    assert top_bar is not None and top_bar["height"] <= 64, "the top bar must be one line"
    assert not sidebar.is_visible()
    assert sideways(page) == 0
    page.screenshot(path=str(screenshots() / "commune_clerk-menu-closed-390.png"))
    menu.click()
    sidebar.locator("a.nav-link").first.wait_for(state="visible")
    page.wait_for_function(  # the end of the slide-in
        "() => document.querySelector('nav.sidebar').getBoundingClientRect().left >= 0"
    )
    box = sidebar.bounding_box()
    assert box is not None and box["x"] >= 0 and box["width"] <= PHONE["width"]
    page.screenshot(path=str(screenshots() / "commune_clerk-menu-open-390.png"))
    # The registry link, and the scope and user now shown in the menu.
    assert str(clerk) in page.inner_text("nav.sidebar")
    sidebar.locator("a.nav-link[href='/people/']").click()
    page.wait_for_url(f"{live_server.url}/people/")
    assert not sidebar.is_visible()  # a new page starts with the menu closed

    page.set_viewport_size(LAPTOP)
    assert sidebar.is_visible()  # on a laptop it is always there, as before
    assert not menu.is_visible()
    assert page.problems == []  # type: ignore[attr-defined]
    page.context.close()
