"""Issue 19 part 2 in chromium: a commune commander records a family's emergency support case
and sees the year's cap enforced. The soldier already has two house cases this year: a third
is refused on the form in Vietnamese, citing Decree 27/2016 Art 6; an illness case for his
mother (8 days in hospital) goes through at 500.000 đồng, flagged unverified; the commune's
families page fits 390 px and shows the cap reached."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.core.dates import today
from tests.core.factories import make_person
from tests.core.test_browser import browser, log_in  # noqa: F401  (fixture)
from tests.rear.factories import make_case, soldier, tie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(units, personas):
    """A soldier of Đức Hợp with his parents and two house cases this year (set up before the
    browser starts: Playwright's loop forbids database calls afterwards)."""
    commune = units["DHOP"]
    recruit = soldier(make_person(commune, full_name="Phạm Văn Hải"))
    year = today().year
    make_case(recruit, event_on=dt.date(year, 1, 5))
    make_case(recruit, event_on=dt.date(year, 1, 6))
    day = f"{dt.date(year, 1, 7):%d/%m/%Y}"
    mother = str(tie(recruit, "mother").public_id)
    commander = personas["commune_commander"]
    return commune, recruit, day, mother, commander


def test_commander_records_a_case_and_sees_the_cap(live_server, world, browser):  # noqa: F811
    commune, recruit, day, mother, commander = world
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on(
        "response",
        lambda r: problems.append(f"HTTP {r.status} {r.url}") if r.status >= 500 else None,
    )
    log_in(page, live_server, commander, f"/rear/{commune.public_id}/cases/new/")
    page.select_option("#id_recruit", str(recruit.public_id))
    page.select_option("#id_kind", "house")
    page.fill("#id_event_on", day)
    page.click("form button.btn-primary")
    refusal = page.locator(".alert-danger").first
    assert "không quá 02 lần một năm" in refusal.inner_text()
    assert "Điều 6 Nghị định 27/2016/NĐ-CP" in refusal.inner_text()

    page.select_option("#id_kind", "illness")
    page.select_option("#id_relative", mother)
    page.fill("#id_event_on", day)
    page.fill("#id_hospital_days", "8")
    page.fill("#id_sent_on", day)
    page.click("form button.btn-primary")
    page.wait_for_url(f"{live_server.url}/rear/cases/**")
    assert page.locator("[data-testid=amount]").inner_text().startswith("500.000")
    assert "chưa xác minh" in page.locator("[data-testid=amount]").inner_text()

    narrow = browser.new_context(viewport={"width": 390, "height": 844})
    phone = narrow.new_page()
    log_in(phone, live_server, commander, f"/rear/{commune.public_id}/")
    assert "Phạm Văn Hải" in phone.locator("[data-testid=family]").inner_text()
    assert phone.locator("[data-testid=house-cap]").inner_text().strip().endswith("đã đủ số lần")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 392
    assert problems == []
    context.close()
    narrow.close()
