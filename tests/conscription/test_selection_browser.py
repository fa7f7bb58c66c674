"""The selection list and a council review in Debian's chromium, driven by Playwright: the
commander commits and freezes (accepting the confirmations) and sees the revealed seed verified;
a council member adds a citizen's outcome through htmx. Records are made in fixtures, before
the browser starts. Screenshot: ``artifacts/selection_list.png``."""

from __future__ import annotations

import pytest

from muster.accounts.services import system_actor
from muster.conscription.selection.services import lists as list_services
from tests.conscription.campaign_factories import dhop_commune
from tests.conscription.selection_factories import campaign_with_quota, council_review, fit_people
from tests.core.test_browser import ARTIFACTS, browser, log_in, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(units, personas):
    campaign = campaign_with_quota(units, personas["district_officer"], dhop_army=3)
    commune = dhop_commune(campaign, units)
    people = fit_people(units["DHOP"], 5)
    opened = list_services.selection_open(actor=system_actor(), commune=commune, service="army")
    step = council_review(commune, votes_for=8, votes_against=0, abstained=0, round=2)
    return {"list": opened, "step": step, "people": people}


def test_commit_freeze_and_the_verified_seed(live_server, personas, world, page):  # noqa: F811
    path = f"/campaigns/selection/{world['list'].public_id}/"
    log_in(page, live_server, personas["commune_commander"], path)
    dialogs: list[str] = []

    def accept(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    assert "giữ kín" in page.inner_text("body")  # the seed is not shown before freezing
    page.click("form:has(input[value=commit]) button")
    page.wait_for_selector("[data-testid=commitment]")
    commitment = page.inner_text("[data-testid=commitment]").strip()
    assert len(commitment) == 64
    page.click("form:has(input[value=freeze]) button")
    page.wait_for_selector("[data-testid=seed]")
    assert len(dialogs) == 2 and "một lần" in dialogs[0]
    assert page.inner_text("[data-testid=commitment]").strip() == commitment
    assert page.locator("[data-testid=verified]").count() == 1
    assert page.locator("[data-testid=ranked] tbody tr").count() == 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "selection_list.png"), full_page=True)
    assert len(page.inner_text("[data-testid=seed]").strip()) == 64
    assert page.problems == []  # type: ignore[attr-defined]


def test_a_council_member_adds_an_outcome_with_htmx(
    live_server,
    personas,
    world,
    page,  # noqa: F811
):
    path = f"/campaigns/reviews/{world['step'].public_id}/"
    log_in(page, live_server, personas["service_council"], path)
    person = world["people"][0]
    page.fill("#id_o-national_id", person.national_id)
    page.select_option("#id_o-approved", "0")
    page.fill("#id_o-note", "Chưa đủ tiêu chuẩn chính trị")
    page.click("#outcomes form button")
    page.wait_for_selector(f"#outcomes td:has-text('{person.full_name}')")
    assert page.url == f"{live_server.url}{path}"  # swapped in place, no reload
    assert "Không được thông qua" in page.inner_text("#outcomes")
    page.fill("#id_o-national_id", "123")
    page.click("#outcomes form button")
    page.wait_for_selector("#outcomes .invalid-feedback")
    assert page.problems == []  # type: ignore[attr-defined]
