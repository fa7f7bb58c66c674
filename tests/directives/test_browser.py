"""The directive board and the target form in Debian's chromium, driven by Playwright.

Records are made in fixtures before the browser starts (see tests/core/test_browser.py: no
DJANGO_ALLOW_ASYNC_UNSAFE). The board screenshot is saved to ``artifacts/directive_board.png``.
"""

from __future__ import annotations

import pytest

from tests.core.test_browser import ARTIFACTS, browser, log_in, page  # noqa: F401  (fixtures)
from tests.directives.factories import create_demo_accounts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_directive(units, personas):
    """The 2025 Kim Động directive of the demo, with its reports (made before the browser)."""
    from muster.demo.directives import load_demo_directive

    create_demo_accounts(units)
    directive = load_demo_directive(units=units)
    assert directive is not None
    first_target = directive.tasks.get(order=1).targets.get(order=1)
    return {"directive": directive, "target": first_target}


def test_leader_sees_the_board_with_a_mix_of_statuses(
    live_server,
    personas,
    demo_directive,
    page,  # noqa: F811
):
    directive = demo_directive["directive"]
    path = f"/directives/{directive.public_id}/?on=30/06/2025"
    log_in(page, live_server, personas["leader"], path)
    assert page.get_attribute("html", "lang") == "vi"
    assert "Thu hồi 1.143 m²" in page.inner_text("body")
    counts = page.locator("[data-testid=status-counts] .stat").all_inner_texts()
    assert len(counts) == 6 and sum(int(c) for c in counts[:5]) >= 7
    assert sum(1 for c in counts[:5] if int(c) > 0) >= 4  # a mix of statuses
    assert page.locator("[data-testid=live-source]").count() >= 1
    # The leader reads; the edit button is for the staff officers.
    assert page.locator("[data-testid=edit-directive]").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "directive_board.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    assert page.problems == []  # type: ignore[attr-defined]


def test_officer_splits_a_target_and_is_told_when_shares_do_not_add_up(
    live_server,
    personas,
    units,
    demo_directive,
    page,  # noqa: F811
):
    target = demo_directive["target"]  # 1,5 ha, all in Đức Hợp
    path = f"/directives/targets/{target.public_id}/edit/"
    log_in(page, live_server, personas["district_officer"], path)
    page.fill("#id_value", "2")
    page.fill(f"#id_share_{units['DT'].public_id}", "0,25")
    page.click("[data-testid=target-form] button.btn-success")
    error = page.locator("[data-testid=shares-error]")
    assert "Tổng phần giao của các xã là 1,75 nhưng chỉ tiêu là 2" in error.inner_text()
    page.fill(f"#id_share_{units['DT'].public_id}", "0,5")
    page.click("[data-testid=target-form] button.btn-success")
    directive = demo_directive["directive"]
    page.wait_for_url(f"{live_server.url}/directives/{directive.public_id}/edit/")
    assert "Đã lưu chỉ tiêu." in page.inner_text("body")
    # The 400 of the first try is the expected re-render of the form, not a failure.
    assert [p for p in page.problems if "HTTP 400" not in p] == []  # type: ignore[attr-defined]
