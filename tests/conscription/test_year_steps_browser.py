"""The call-up year's steps walked in chromium (issue 21): the commune's pool review and the
council's first approval round (record, fill the list, download the minutes); the commune's
preliminary review (sơ kết) drafted from live figures, sent, received and acknowledged by the
district; a recruit's family notice and his standards re-check after the handover. Records
are made in fixtures, before the browser starts."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from muster.accounts.models import Role
from muster.people.models import FamilyTie
from tests.conftest import make_user
from tests.conscription.selection_factories import fit_people, handed_over, issued_list
from tests.core.test_browser import ARTIFACTS, browser, log_in, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def _switch(page, live_server, user, path: str) -> None:  # noqa: F811
    page.context.clear_cookies()
    log_in(page, live_server, user, path)


def _record_step(page, **fields: str) -> None:  # noqa: F811
    """Fill the review step form of the campaign's review page and save it."""
    page.select_option("#id_r-kind", fields.pop("kind"))
    for name, value in fields.items():
        page.fill(f"#id_r-{name}", value)
    page.click("form.card button.btn-success")
    page.wait_for_url("**/campaigns/reviews/*/")


def _minutes(page, tmp_path, name: str) -> str:  # noqa: F811
    with page.expect_download() as info:
        page.click("[data-testid=review-pdf]")
    path = tmp_path / name
    info.value.save_as(path)
    return " ".join(_pdf_text(path).split())  # a title may wrap


@pytest.fixture
def pool(units, commune):
    return fit_people(units["DHOP"], 2)


def test_the_pool_review_and_the_first_approval_round(
    live_server,
    personas,
    campaign,
    pool,
    page,  # noqa: F811
    tmp_path,
):
    reviews = reverse("campaigns:review_list", args=[campaign.public_id])
    log_in(page, live_server, personas["commune_commander"], reviews)
    _record_step(
        page, kind="pool_review", held_on="15/08/2024", chaired_by="Chỉ huy trưởng Ban CHQS xã",
        present="5", votes_for="5", minutes="Phúc tra nắm nguồn công dân sẵn sàng nhập ngũ.",
    )  # fmt: skip
    page.click("[data-testid=review-fill]")
    page.wait_for_load_state()
    body = page.inner_text("main")
    for person in pool:
        assert person.full_name in body
    text = _minutes(page, tmp_path, "pool.pdf")
    assert "BIÊN BẢN PHÚC TRA NẮM NGUỒN" in text and pool[0].full_name in text
    # The council's first approval round, filled from the registry's pool in the same way.
    _switch(page, live_server, personas["service_council"], reviews)
    _record_step(
        page, kind="council_review", held_on="28/08/2024", chaired_by="Chủ tịch UBND xã",
        members="9", present="8", votes_for="7", votes_against="1",
        minutes="Xét duyệt lần 1.",
    )  # fmt: skip
    page.click("[data-testid=review-fill]")
    page.wait_for_load_state()
    assert pool[1].full_name in page.inner_text("main")
    text = _minutes(page, tmp_path, "round1.pdf")
    assert "XÉT DUYỆT CÔNG DÂN SẴN SÀNG NHẬP NGŨ LẦN 1" in text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "approval-round-1.png"), full_page=True)
    assert page.problems == []


@pytest.fixture
def review_users(units):
    return (
        make_user("b.commander", Role.COMMUNE_COMMANDER, units["DHOP"]),
        make_user("b.officer", Role.DISTRICT_OFFICER, units["KD"]),
    )


def test_the_preliminary_review_is_drafted_sent_and_acknowledged(
    live_server,
    campaign,
    review_users,
    page,  # noqa: F811
):
    commander, officer = review_users
    reviews = reverse("reports:reviews", args=[campaign.public_id])
    log_in(page, live_server, commander, reviews)
    form = page.locator("[data-testid=review-create]")
    form.locator("select[name=kind]").select_option("preliminary")
    form.locator("button").click()
    page.wait_for_url("**/reviews/*/edit/")
    page.fill("textarea[name=results]", "Hoàn thành các bước sơ tuyển và khám sức khỏe.")
    page.fill("input[name=number]", "5/BC-BCHQS")
    page.fill("input[name=signer_name]", "Nguyễn Văn Đức")
    page.click("[data-testid=review-form] button.btn-success")
    page.wait_for_selector("[data-testid=review-figures]")  # the live figures, as a table
    page.fill("#send-day", "20/02/2025")
    page.click("[data-testid=review-send] button")
    page.wait_for_selector("[data-testid=sent-on]:has-text('20/02/2025')")
    detail = page.url.removeprefix(live_server.url)
    _switch(page, live_server, officer, detail)
    page.fill("#receive-day", "21/02/2025")
    page.click("[data-testid=review-receive] button")
    page.wait_for_selector("[data-testid=review-acknowledge]")
    page.fill("#ack-day", "24/02/2025")
    page.fill("#ack-remarks", "Đã nhận, đề nghị bổ sung số liệu khám.")
    page.click("[data-testid=review-acknowledge] button")
    page.wait_for_selector("text=Đã nhận, đề nghị bổ sung số liệu khám.")
    assert "24/02/2025" in page.inner_text("main")
    assert page.locator("[data-testid=review-acknowledge]").count() == 0
    assert page.problems == []


@pytest.fixture
def recruit_name(commune, units, officer):
    issued_list(officer, commune, people=3, standby=1)
    handover = handed_over(officer, commune)
    first = handover.recruits.order_by("decision__number").first()
    FamilyTie.objects.create(
        person=first.decision.person, relation="mother", relative_name="Lê Thị Mẹ"
    )
    return first.decision.person.full_name  # read before the browser starts


def test_a_family_notice_and_the_standards_recheck(
    live_server,
    personas,
    campaign,
    recruit_name,
    officer,
    page,  # noqa: F811
):
    families = reverse("campaigns:family_notices", args=[campaign.public_id])
    log_in(page, live_server, officer, families)
    assert page.get_attribute("[data-missing]", "data-missing") == "3"
    row = page.locator("tr", has_text=recruit_name)
    row.locator("summary").click()
    row.locator("input[name=notified_on]").fill("14/02/2025")
    row.locator("select[name=method]").select_option("visit")
    row.locator("input[name=notified_by]").fill("Nguyễn Văn Chỉ huy")
    row.locator("button.btn-success").click()
    page.wait_for_selector("[data-missing='2']")
    assert "14/02/2025: Lê Thị Mẹ" in page.inner_text("main")
    # The receiving unit's standards re-check, on the recruit's page (7 days: by 20/02/2025).
    page.click(f"main a:has-text('{recruit_name}')")
    page.wait_for_url("**/recruits/*/")
    standards = page.locator("#standards")
    assert "20/02/2025" in standards.inner_text()
    standards.locator("input[name=s-checked_on]").fill("19/02/2025")
    standards.locator("select[name=s-meets]").select_option("1")
    standards.locator("button.btn-success").click()
    page.wait_for_selector("#standards >> text=19/02/2025")
    assert page.locator("#standards .badge.text-bg-danger").count() == 0  # on time
    assert page.problems == []
