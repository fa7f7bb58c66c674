"""Issue 19 part 1, end to end in chromium: the Kim Động officer sees per commune and group how
many are due, trained and certified in 2025 against the plan (the page fits 390 px), opens the
certificate list and prints it as a PDF that reads back in Vietnamese."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from muster.accounts.models import Role
from muster.accounts.services import system_actor
from muster.education import services
from muster.education.choices import Result
from tests.conftest import make_user
from tests.core.test_browser import ARTIFACTS, browser, log_in  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(units):
    actor = system_actor()
    people = [
        services.add_member(
            actor=actor,
            unit=units[key],
            full_name=name,
            birth_year=1970 + i,
            post="Trưởng thôn",
            group=4,
            category="village_head",
            valid_from=dt.date(2024, 1, 1),
        )
        for i, (key, name) in enumerate(
            (("DHOP", "Nguyễn Văn Hợp"), ("DHOP", "Trần Thị Hoa"), ("DT", "Lê Văn Thanh"))
        )
    ]
    services.save_plan(actor=actor, unit=units["DHOP"], year=2025, quotas=[0, 0, 0, 2])
    course = services.create_course(
        actor=actor, unit=units["KD"], group=4, title="Bồi dưỡng đối tượng 4 năm 2025",
        convened_by="Hội đồng GDQPAN huyện Kim Động", place="Ban CHQS huyện Kim Động",
        starts_on=dt.date(2025, 5, 19), ends_on=dt.date(2025, 5, 23), hours=32,
    )  # fmt: skip
    services.enrol(actor=actor, course=course, members=people[:2])
    first, second = course.enrolments.order_by("member__full_name")
    services.record_results(
        actor=actor,
        course=course,
        results={first.pk: Result.PASSED, second.pk: Result.ABSENT},
    )
    services.issue_certificates(actor=actor, course=course)
    return {"officer": make_user("kd.edu", Role.DISTRICT_OFFICER, units["KD"])}


def test_officer_sees_the_groups_per_commune_and_prints_the_certificates(
    live_server,
    world,
    browser,  # noqa: F811
):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    log_in(page, live_server, world["officer"], "/education/?year=2025")
    row = page.locator('[data-testid="overview"] tr[data-unit="Đức Hợp"]')
    cells = row.locator("td").all_inner_texts()
    # Group 4 of Đức Hợp: 1 still due, 1 trained, 1 certified of a quota of 2, 50 %.
    assert cells[12:16] == ["1", "1", "1/2", "50,0"] or cells[12:16] == ["1", "1", "1/2", "50.0"]
    thanh = page.locator('[data-testid="overview"] tr[data-unit="Đồng Thanh"] td').all_inner_texts()
    assert thanh[12:15] == ["1", "0", "0"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 392
    page.screenshot(path=str(ARTIFACTS / "education-index-390.png"), full_page=True)
    page.click("text=Phải bồi dưỡng")
    due = page.locator('[data-testid="due"]')
    assert due.locator("tbody tr").count() == 2
    assert "1971" in due.inner_text() and "Nguyễn Văn Hợp" not in due.inner_text()
    page.click("text=Chứng chỉ")
    table = page.locator('[data-testid="certificates"]').inner_text()
    assert "001/2025/CC-GDQPAN" in table and "Chủ tịch Ủy ban nhân dân xã" in table
    href = page.get_attribute('[data-testid="certificates-pdf"]', "href")
    response = context.request.get(f"{live_server.url}{href}")
    assert response.status == 200
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.body(), capture_output=True, check=True
    ).stdout.decode()
    assert "DANH SÁCH CẤP CHỨNG CHỈ BỒI DƯỠNG KIẾN THỨC QUỐC PHÒNG VÀ AN NINH" in text
    assert "Nguyễn Văn Hợp" in text or "Trần Thị Hoa" in text
    assert problems == []
    context.close()
