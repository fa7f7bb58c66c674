"""The real login form and dashboard in Debian's chromium, driven by Playwright.

Without ``/usr/bin/chromium`` these tests fail (install it with ``make browser-deps``), unless
``MUSTER_SKIP_BROWSER=1`` is set, in which case they are skipped.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import translation

from muster.people.models import Sex
from muster.portal.navigation import modules
from tests.conftest import PASSWORD
from tests.core.factories import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Where screenshots go: ``artifacts/`` or the directory in ``MUSTER_ARTIFACTS`` (CI gives the
#: PostgreSQL run, which runs beside the SQLite one, its own).
ARTIFACTS = Path(
    os.environ.get("MUSTER_ARTIFACTS") or Path(__file__).resolve().parents[2] / "artifacts"
)


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("MUSTER_SKIP_BROWSER") == "1":
            pytest.skip(f"{CHROMIUM} is missing and MUSTER_SKIP_BROWSER=1")
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (`make browser-deps` or "
            "`apt-get install chromium`), or set MUSTER_SKIP_BROWSER=1 to skip browser tests"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls
    # under a running loop (SynchronousOnlyOperation). Keep it that way rather than setting
    # DJANGO_ALLOW_ASYNC_UNSAFE: such calls open a second connection that nothing closes, and
    # PostgreSQL then cannot drop the test database. Make records in fixtures, before the browser.
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    # Failed resources are reported by the response listener below, with their URL.
    page.on(
        "console",
        lambda msg: (
            problems.append(f"console {msg.type}: {msg.text}")
            if msg.type == "error" and not msg.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on(
        "response",
        lambda r: (
            problems.append(f"HTTP {r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    page.problems = problems  # type: ignore[attr-defined]
    yield page
    context.close()


def log_in(page, live_server, user, path: str) -> None:
    """Open ``path``, sign in as ``user`` on the login form it redirects to, land on ``path``."""
    page.goto(f"{live_server.url}{path}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{live_server.url}{path}")


def in_both_languages(label: object) -> tuple[str, str]:
    """(English, Vietnamese) text of a lazy label; fails when it has no Vietnamese translation."""
    with translation.override("en"):
        english = str(label)
    with translation.override("vi"):
        vietnamese = str(label)
    assert vietnamese != english, f"no Vietnamese translation for {english!r}"
    return english, vietnamese


@pytest.fixture
def young_men(units):
    """Three men of call-up age, so that the chart has bars (made before the browser starts)."""
    return [
        make_person(
            units[key],
            full_name=f"Nguyễn Văn An {n}",
            sex=Sex.MALE,
            date_of_birth=dt.date(2004, 1, 1 + n),
        )
        for n, key in enumerate(["DHOP", "DT", "MD"])
    ]


def test_login_lands_on_the_vietnamese_dashboard_with_its_chart(
    live_server, personas, young_men, page
):
    officer = personas["district_officer"]  # Kim Động: fifteen communes in the chart
    page.goto(f"{live_server.url}/units/")
    assert page.url.startswith(f"{live_server.url}/accounts/login/?next=")
    assert page.get_attribute("html", "lang") == "vi"  # even though the browser asks for en-US
    page.fill("#id_username", officer.username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/units/")

    page.goto(f"{live_server.url}/")
    assert page.get_attribute("html", "lang") == "vi"
    sidebar = page.locator("nav.sidebar")
    labels = [text.strip() for text in sidebar.locator("a.nav-link").all_inner_texts()]
    # Every module the officer may see: not the audit log (not an auditor), nor the users
    # (not an administrator).
    shown = [m for m in modules() if m.visible_to is None or m.visible_to(officer)]
    assert len(shown) == len(modules()) - 2
    assert len(labels) == len(shown)
    for module in (m for m in shown if m.url_name is not None):
        english, vietnamese = in_both_languages(module.label)
        assert vietnamese in labels
        assert english not in labels
    assert str(officer) in page.inner_text("[data-testid=current-user]")
    assert page.inner_text("[data-testid=commune-count]").strip() == "15"

    canvas = page.locator("#chart-communes")
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.getElementById('chart-communes'))"
    )
    box = canvas.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 100
    painted = page.evaluate(
        """() => {
            const c = document.getElementById('chart-communes');
            const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
            return n;
        }"""
    )
    assert painted > 1000, "the chart canvas is blank"

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    assert (ARTIFACTS / "dashboard.png").stat().st_size > 10_000
    assert page.problems == []  # type: ignore[attr-defined]


def test_the_content_security_policy_is_sent_and_enforced_and_pages_still_work(
    live_server, personas, young_men, page
):
    """The policy arrives with the page, the browser refuses an inline script, and what the
    templates used to do inline still works: the chart draws, the language switcher submits
    itself (muster.js, data-autosubmit)."""
    officer = personas["district_officer"]
    log_in(page, live_server, officer, "/")
    response = page.goto(f"{live_server.url}/")
    assert response is not None
    headers = response.headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert "camera=()" in headers["permissions-policy"]
    assert "no-store" in headers["cache-control"]
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.getElementById('chart-communes'))"
    )
    violations = page.evaluate(
        """() => new Promise((resolve) => {
            const seen = [];
            document.addEventListener(
                "securitypolicyviolation", (e) => seen.push(e.violatedDirective)
            );
            const s = document.createElement("script");
            s.textContent = "window.__injected = true";
            document.body.append(s);
            setTimeout(() => resolve({seen, ran: window.__injected === true}), 200);
        })"""
    )
    assert violations == {"seen": ["script-src-elem"], "ran": False}
    page.problems[:] = [p for p in page.problems if "Content Security Policy" not in p]  # type: ignore[attr-defined]
    page.select_option("select[name=language]", "en")
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.problems == []  # type: ignore[attr-defined]
