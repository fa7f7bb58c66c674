"""Issue 17: the commune commander plans the year, records a training session and its
attendance in chromium, and sees the session's daily work allowance."""

from __future__ import annotations

import pytest

from tests.core.test_browser import ARTIFACTS, browser, log_in, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_commander_records_a_session_with_attendance(live_server, personas, force, units, page):  # noqa: F811
    commander = personas["commune_commander"]
    path = f"/militia/{units['DHOP'].public_id}/training/?year=2025"
    log_in(page, live_server, commander, path)
    page.click("form input[value=plan] + button")
    page.wait_for_selector('[data-plan="mobile"]')
    page.select_option("#id_plan", label="Dân quân cơ động 2025")
    page.select_option("#id_unit", str(force["platoon"].public_id))
    page.fill("#id_starts_on", "07/04/2025")
    page.fill("#id_ends_on", "09/04/2025")
    page.fill("#id_days", "3")
    page.fill("#id_place", "Sân vận động xã")
    page.fill("#id_subject", "Kỹ thuật bắn súng AK")
    page.click("#session-form button")
    page.wait_for_url(f"{live_server.url}/militia/training/*/")
    m = force["members"]
    # all three platoon members are checked present by default
    assert page.locator("#attendance-form input[type=checkbox]:checked").count() == 3
    page.uncheck(f"input[name='present-{m['third'].public_id}']")
    page.fill(f"input[name='days-{m['second'].public_id}']", "2")
    page.select_option(f"select[name='result-{m['first'].public_id}']", "good")
    page.click("#attendance-form button")
    page.wait_for_selector("#attendance .alert-success")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "militia-training-session.png"), full_page=True)
    total = page.inner_text("[data-total]")
    assert total.replace("\xa0", " ") == "1.638.000 đ"  # 5 days × 327.600 đ
    # what was saved comes back on a fresh load (the browser test reads the page, not the ORM)
    page.reload()
    checked = page.locator("#attendance-form input[type=checkbox]:checked")
    assert checked.count() == 2
    assert page.input_value(f"input[name='days-{m['second'].public_id}']") == "2"
    assert page.input_value(f"select[name='result-{m['first'].public_id}']") == "good"
    assert not page.is_checked(f"input[name='present-{m['third'].public_id}']")
