"""Issue 18's "Done when", end to end in chromium, in the new Đức Hợp: the commune clerk
receives a discharged soldier and registers him as a reservist (class 1, its ground cited in
Vietnamese, the register checked at 390 px); the regional officer runs the placement of his
area and sees the unit's strength, spare and đúng-CNQS rate and the man's placement explained
on the unit page; the commune commander drafts a call-out order with him, issues it, the
clerk marks his arrival and the live board counts him arrived."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.accounts.models import Role
from muster.core.dates import today
from tests.conftest import make_user
from tests.core.factories import make_person
from tests.core.test_browser import ARTIFACTS, browser, log_in  # noqa: F401  (fixture)
from tests.reserve.unit_factories import make_reservist, make_unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Vũ Văn Hồi"


@pytest.fixture
def world(units):
    """Đức Hợp (PTKV 1) with a soldier home from 24 months of service, one reservist already
    on the register and a main-force rifle unit of PTKV 1 with three BB posts."""
    dhop, region = units["DHOP25"], units["PTKV1"]
    person = make_person(dhop, full_name=NAME, date_of_birth=dt.date(2003, 5, 1))
    make_reservist(dhop, specialty="BB", name="Đào Văn Cũ", registered_on=dt.date(2025, 8, 1))
    unit = make_unit(region, posts={"BB": 3}, code="C9", established_on=dt.date(2025, 8, 1))
    return {
        "commune": dhop,
        "region": region,
        "person": person,
        "unit": unit,
        "clerk": make_user("dh25.rclerk", Role.COMMUNE_CLERK, dhop),
        "commander": make_user("dh25.rcmd", Role.COMMUNE_COMMANDER, dhop),
        "officer": make_user("ptkv1.officer", Role.DISTRICT_OFFICER, region),
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


def _fits(page, width: int = 390) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth") <= width + 2


def test_reserve_from_discharge_to_call_out(live_server, world, browser):  # noqa: F811
    commune, region, unit = world["commune"], world["region"], world["unit"]
    day = today()
    home = day - dt.timedelta(days=5)
    discharged = home - dt.timedelta(days=2)
    started = discharged.replace(year=discharged.year - 2) + dt.timedelta(days=1)
    national_id = world["person"].national_id

    # 1. The clerk receives the discharged soldier ...
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    problems = _watch(page)
    log_in(page, live_server, world["clerk"], f"/reserve/{commune.public_id}/receive/")
    page.fill("#id_national_id", national_id)
    page.fill("#id_service_started_on", f"{started:%d/%m/%Y}")
    page.fill("#id_discharged_on", f"{discharged:%d/%m/%Y}")
    page.fill("#id_arrived_home_on", f"{home:%d/%m/%Y}")
    page.fill("#id_on", f"{home:%d/%m/%Y}")
    page.click("[data-testid=receive-form] button")
    page.wait_for_url(f"{live_server.url}/reserve/{commune.public_id}/returns/")
    page.wait_for_selector(".alert-success")
    assert NAME in page.inner_text("main")
    context.close()

    # 2. ... and registers him, at 390 px: class 1 with its cited ground, placeable.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    problems += _watch(page)
    log_in(page, live_server, world["clerk"], f"/reserve/{commune.public_id}/register/")
    assert _fits(page), "the register overflows at 390 px"
    form = page.locator("[data-testid=register-form]")
    form.locator("xpath=ancestor::details/summary").click()
    form.locator("#id_national_id").fill(national_id)
    form.locator("#id_certificate_number").fill("DB-2026-001")
    form.locator("#id_specialty_code").fill("BB")
    form.locator("#id_specialty_name").fill("Bộ binh")
    form.locator("#id_on").fill(f"{day:%d/%m/%Y}")
    form.locator("button").click()
    page.wait_for_selector("[data-testid=class]")
    assert page.inner_text("[data-testid=class]") == "Hạng một"
    reason = page.inner_text("[data-testid=class-reason]")
    assert reason.startswith("Hạng một"), reason
    assert "Điều 24" in reason, reason
    assert page.inner_text("[data-testid=placement]") == "Chưa được sắp xếp vào đơn vị."
    assert _fits(page), "the reservist page overflows at 390 px"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "reserve-reservist-390.png"), full_page=True)
    context.close()

    # 3. The regional officer opens the units of his area and runs the placement.
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    problems += _watch(page)
    log_in(page, live_server, world["officer"], f"/reserve/area/{region.public_id}/units/")
    assert "C9" in page.inner_text("[data-testid=units]")
    page.goto(f"{live_server.url}/reserve/area/{region.public_id}/placement/")
    page.fill("[data-testid=run-form] #id_day", f"{day:%d/%m/%Y}")
    page.click("[data-testid=run-form] button")
    page.wait_for_selector("[data-testid=strengths]")
    row = page.locator("[data-testid=strengths] tbody tr", has_text="C9")
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    # establishment 3, strength 2 (the two reservists), shortfall 1, spare target 1, spare 0,
    # đúng CNQS 100 %.
    assert cells[1:6] == ["3", "2", "1", "1", "0"], cells
    assert cells[6] in ("100", "100,0"), cells
    page.click(f"a[href='/reserve/units/{unit.public_id}/']")
    page.wait_for_url(f"{live_server.url}/reserve/units/{unit.public_id}/")
    line = page.locator("[data-testid=placements] tbody tr", has_text=NAME)
    assert line.count() == 1
    explanation = line.locator("[data-testid=explanation]").inner_text()
    assert "Điều" in explanation, explanation
    line.locator("a").click()
    assert "C9" in page.inner_text("[data-testid=placement]")
    context.close()

    # 4. The commander drafts a call-out order with him and issues it.
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    problems += _watch(page)
    log_in(page, live_server, world["commander"], f"/mobilisation/{commune.public_id}/roster/")
    page.click(f"a[href='/mobilisation/{commune.public_id}/orders/new/']")
    page.select_option("#id_kind", "disaster")
    page.select_option("#id_hazard", "flood")
    page.fill("#id_number", "05/LHĐ")
    page.select_option("#id_authority", "commune_chairman")
    page.fill("#id_signed_by", "Nguyễn Văn Chủ")
    page.fill("#id_assembly_place", "Trụ sở UBND xã")
    page.click("main form button.btn-danger")
    page.wait_for_selector("[data-testid=issue]")
    page.locator("[data-testid=pick]").locator("xpath=ancestor::details/summary").click()
    page.locator("[data-testid=pick] tr", has_text=NAME).locator("input[type=checkbox]").check()
    page.locator("[data-testid=pick]").locator("xpath=ancestor::details//button").click()
    page.wait_for_selector(".alert-success")
    assert NAME in page.inner_text("[data-testid=lines]")
    page.click("[data-testid=issue]")
    page.wait_for_selector("[data-testid=people-arrived]")
    order_url = page.url.removesuffix("board/")
    context.close()

    # 5. The clerk marks his arrival; the live board counts him.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    problems += _watch(page)
    path = order_url.removeprefix(live_server.url) + "clerk/"
    log_in(page, live_server, world["clerk"], path)
    mine = page.locator("[data-testid=line]", has_text=NAME)
    mine.locator("[data-testid=mark-arrived]").click()
    page.wait_for_selector("[data-testid=line][data-state=arrived]")
    assert _fits(page), "the clerk's page overflows at 390 px"
    page.goto(order_url + "board/")
    assert page.inner_text("[data-testid=people-arrived]") == "1"
    page.goto(order_url + "board/live/")
    assert page.inner_text("[data-testid=people-arrived]") == "1"
    context.close()

    assert problems == []
