"""Issue 19 part 3 in chromium: the district officer approves a land step that the commune
recorded with evidence, and the 2025 directive board's task-1 target moves from 0 to 1,5 ha.
Records are made in fixtures before the browser starts (see tests/core/test_browser.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from muster.defence import services
from tests.core.test_browser import ARTIFACTS, browser, log_in, page  # noqa: F401  (fixtures)
from tests.defence.factories import PDF, make_work, step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(units, personas):
    from muster.demo.directives import load_demo_directive

    directive = load_demo_directive(units=units)
    work = make_work(units["DHOP"], name="Đất căn cứ hậu phương Đức Trung", area=Decimal("1.5"))
    land = step(work, "land")
    done = dt.date(2025, 8, 26)
    services.milestone_record(
        actor=personas["commune_commander"], milestone=land, planned_on=None, done_on=done,
        today=done,
    )  # fmt: skip
    services.evidence_add(
        actor=personas["commune_commander"], milestone=land, filename="qd-thu-hoi.pdf", data=PDF
    )
    return {"directive": directive, "work": work}


def _land_target(tab) -> str:
    row = tab.locator("tr", has_text="Hoàn thành thủ tục thu hồi 1,5 ha").first
    return row.inner_text()


def test_officer_approves_a_milestone_with_evidence_and_the_board_moves(
    live_server,
    personas,
    world,
    page,  # noqa: F811
):
    board = f"/directives/{world['directive'].public_id}/?on=31/12/2025"
    log_in(page, live_server, personas["district_officer"], board)
    before = _land_target(page)
    page.goto(f"{live_server.url}/defence/works/{world['work'].public_id}/")
    row = page.locator("tr[data-step=land]")
    assert "qd-thu-hoi.pdf" in row.inner_text()
    row.locator("[data-testid=approve]").click()
    page.wait_for_selector("tr[data-step=land] .badge.text-bg-success")
    assert "1/3" in page.locator("[data-testid=approved-count]").inner_text()
    page.set_viewport_size({"width": 390, "height": 844})
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "defence_work.png"), full_page=True)
    page.goto(f"{live_server.url}{board}")
    after = _land_target(page)
    assert after != before
    assert "1,5" in after
    assert page.problems == []  # type: ignore[attr-defined]
