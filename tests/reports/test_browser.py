"""The campaign dashboard and an export in Debian's chromium, driven by Playwright.

Records are made in fixtures before the browser starts (see tests/core/test_browser.py). The
screenshots are saved to ``artifacts/reports_dashboard.png`` and ``artifacts/reports_export.png``.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from muster.jobs import services as jobs
from muster.reports import labels
from tests.core.test_browser import ARTIFACTS, browser, log_in, page  # noqa: F401  (fixtures)
from tests.reports.scenario import Scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHARTS = ("chart-classes", "chart-grounds", "chart-rates", "chart-yoy")


@pytest.fixture
def campaign(units, personas):
    return Scenario(units, people=80).campaign


def _log_in(page, live_server, user, path: str) -> None:  # noqa: F811
    page.set_default_timeout(30_000)  # the machine is shared; a slow page is not a failure
    log_in(page, live_server, user, path)


def _painted(page, canvas_id: str) -> int:  # noqa: F811
    return page.evaluate(
        """(id) => {
            const c = document.getElementById(id);
            const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
            return n;
        }""",
        canvas_id,
    )


def test_the_district_dashboard_draws_its_charts_offline(live_server, personas, campaign, page):  # noqa: F811
    officer = personas["district_officer"]
    external: list[str] = []
    page.on(
        "request",
        lambda r: external.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    path = f"/reports/campaigns/{campaign.public_id}/dashboard/"
    _log_in(page, live_server, officer, path)
    assert page.get_attribute("html", "lang") == "vi"
    with translation.override("vi"):
        closed = str(labels.STAGES["closed"])  # the 2025 campaign, seen on 01/12/2026
    assert page.inner_text("[data-testid=stage]").strip() == closed
    for canvas in CHARTS:
        page.wait_for_function(
            "(id) => window.Chart && Chart.getChart(document.getElementById(id))", arg=canvas
        )
        box = page.locator(f"#{canvas}").bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100, canvas
        assert _painted(page, canvas) > 1000, f"{canvas} is blank"
    # The table behind a chart is one click away.
    table = page.locator("[data-testid=table-rates]")
    assert not table.is_visible()
    page.locator("details:has([data-testid=table-rates]) > summary").click()
    assert table.is_visible()
    assert "Đức Hợp" in table.inner_text()
    assert external == [], "the dashboard must not load anything from the internet"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "reports_dashboard.png"), full_page=True)
    assert (ARTIFACTS / "reports_dashboard.png").stat().st_size > 10_000
    # The results report and the evenness view, for the record.
    page.click("[data-testid=report-tabs] >> text=Báo cáo kết quả")
    page.wait_for_selector("[data-testid=summary]")
    page.screenshot(path=str(ARTIFACTS / "reports_results.png"), full_page=True)
    page.click("[data-testid=report-tabs] >> text=Tính đồng đều")
    page.wait_for_function("() => Chart.getChart(document.getElementById('chart-rates'))")
    assert _painted(page, "chart-rates") > 1000
    page.screenshot(path=str(ARTIFACTS / "reports_evenness.png"), full_page=True)
    assert page.problems == []  # type: ignore[attr-defined]


def test_an_export_shows_its_progress_then_the_download(live_server, personas, campaign, page):  # noqa: F811
    officer = personas["district_officer"]
    path = f"/reports/campaigns/{campaign.public_id}/results/"
    _log_in(page, live_server, officer, path)
    page.click("[data-testid=export-buttons] button[value=xlsx]")
    page.wait_for_url("**/reports/exports/*/")
    link = page.locator("[data-testid=download]")
    link.wait_for(timeout=60_000)  # htmx polls the status until the worker is done
    assert "Báo cáo kết quả tuyển quân 2025" in link.inner_text()
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "reports_export.png"), full_page=True)
    assert jobs.wait_for_workers(timeout=30)
    assert page.problems == []  # type: ignore[attr-defined]
