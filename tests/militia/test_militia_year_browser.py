"""Issue 17's "Done when", end to end in chromium, in the new Đức Hợp: the commune clerk
registers the commune's 18-year-olds for the militia in one step from the April
military-service registration; the commander selects one into the mobile component, assigns
him to the mobile platoon from the organisation page, records a training session with his
attendance, opens the month's allowance list and downloads its PDF, which carries his name and
the training line."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from muster.accounts.models import Role
from muster.core.dates import today
from tests.conftest import make_user
from tests.core.test_browser import ARTIFACTS, browser, log_in  # noqa: F401  (fixture)
from tests.militia.factories import make_militia_unit
from tests.militia.reg_factories import registered_at_17

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Vũ Đức Long"


@pytest.fixture
def commune(units):
    """The new Đức Hợp with two 18-year-olds registered for military service last April and
    its mobile platoon, with no member yet (made before the browser starts)."""
    dhop = units["DHOP25"]
    year = today().year
    for name in ("Đỗ Minh Khang", NAME):
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


def _watch(page) -> list[str]:
    """Server errors and page errors seen while the page runs."""
    problems: list[str] = []
    page.set_default_timeout(15_000)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on(
        "response",
        lambda r: (
            problems.append(f"HTTP {r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    return problems


def test_the_militia_year_of_a_commune(live_server, commune, browser, tmp_path):  # noqa: F811
    unit, platoon = commune["unit"], commune["platoon"]
    day = today()

    # 1. The clerk registers the commune's 18-year-olds in one step.
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    problems = _watch(page)
    log_in(page, live_server, commune["clerk"], f"/militia/{unit.public_id}/registration/")
    page.click("[data-testid=register-all]")
    page.wait_for_selector(".alert-success")
    assert "2" in page.inner_text(".alert-success")
    context.close()

    # 2. The commander selects one of them into the mobile component (no unit yet) ...
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    problems += _watch(page)
    log_in(page, live_server, commune["commander"], f"/militia/{unit.public_id}/selection/")
    form = page.locator("[data-testid=decision-form]")
    form.locator("select[name=person]").select_option(label=f"{NAME} (01/03/{day.year - 18})")
    form.locator("select[name=kind]").select_option("select")
    form.locator("select[name=component]").select_option("mobile")
    form.locator("input[name=decision_ref]").fill("31/QĐ-UBND")
    page.click("[data-testid=decide]")
    page.wait_for_selector(".alert-success")

    # 3. ... and assigns him to the mobile platoon from the organisation page.
    page.goto(f"{live_server.url}/militia/{unit.public_id}/organisation/")
    page.click(f"a[href='/militia/units/{platoon.public_id}/']")
    page.wait_for_url(f"{live_server.url}/militia/units/{platoon.public_id}/")
    page.click(f"a[href='/militia/units/{platoon.public_id}/assign/']")
    page.select_option("select[name=membership]", label=f"{NAME} (Dân quân cơ động)")
    page.click("main form.small button")
    page.wait_for_url(f"{live_server.url}/militia/units/{platoon.public_id}/")
    assert NAME in page.inner_text("main table")

    # 4. He trains today with the platoon: the year's plans, a one-day session, attendance.
    page.goto(f"{live_server.url}/militia/{unit.public_id}/training/?year={day.year}")
    page.click("form input[value=plan] + button")
    page.wait_for_selector('[data-plan="mobile"]')
    page.select_option("#id_plan", label=f"Dân quân cơ động {day.year}")
    page.select_option("#id_unit", str(platoon.public_id))
    page.fill("#id_starts_on", f"{day:%d/%m/%Y}")
    page.fill("#id_ends_on", f"{day:%d/%m/%Y}")
    page.fill("#id_days", "1")
    page.fill("#id_place", "Sân vận động xã")
    page.fill("#id_subject", "Điều lệnh đội ngũ")
    page.click("#session-form button")
    page.wait_for_url(f"{live_server.url}/militia/training/*/")
    assert page.locator("#attendance-form input[type=checkbox]:checked").count() == 1
    assert NAME in page.inner_text("#attendance-form")
    page.click("#attendance-form button")
    page.wait_for_selector("#attendance .alert-success")

    # 5. The month's allowance list pays his training day; its PDF says so.
    month = f"{day:%m/%Y}"
    page.goto(f"{live_server.url}/militia/{unit.public_id}/allowances/?month={month}")
    lines = page.inner_text("[data-testid=allowance-lines]")
    training = f"Huấn luyện ngày {day:%d/%m/%Y}"
    assert NAME in lines and training in lines
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "militia-year-allowances.png"), full_page=True)
    with page.expect_download() as info:
        page.click("a:text-is('PDF')")
    target = tmp_path / "list.pdf"
    info.value.save_as(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout
        flat = " ".join(text.split())  # cells wrap over lines
        assert NAME in flat
        assert f"Huấn luyện ngày {day:%d/%m/%Y}" in flat
    context.close()
    assert problems == []
