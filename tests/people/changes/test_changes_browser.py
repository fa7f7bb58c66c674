"""The changes after registration on a phone (390 px) in Debian's chromium: the list never
scrolls sideways, the late change shows red with its last day, the filters work."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.accounts.models import Role
from muster.core.models import Holiday
from muster.people.registration.services.police import add_police_item, record_police_report
from tests.conftest import make_user
from tests.core.factories import make_person
from tests.core.test_browser import browser  # noqa: F401  (fixture)
from tests.portal.test_layout_browser import PHONE, open_as, screenshots, sideways, widest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = dt.date


@pytest.fixture
def clerk(units):
    """Đức Hợp's clerk, whose police reported a move of 28/08/2025 still not applied. The
    National Day holidays are put back: an earlier transactional test may have flushed the
    ones the migrations seed."""
    for day, name in ((D(2025, 9, 1), "Quốc khánh (ngày liền kề)"), (D(2025, 9, 2), "Quốc khánh")):
        Holiday.objects.get_or_create(date=day, defaults={"name": name})
    dh = units["DHOP25"]
    clerk = make_user("b.clerk.changes", Role.COMMUNE_CLERK, dh)
    report = record_police_report(
        actor=clerk, commune=dh, year=2025, quarter=3, received_on=D(2025, 9, 29)
    )
    add_police_item(
        actor=clerk,
        report=report,
        person=make_person(dh, full_name="Nguyễn Văn Chuyển Đi Rất Xa Khỏi Xã"),
        kind="residence",
        event_date=D(2025, 8, 28),
        to_unit=units["LB25"],
    )
    return clerk


def test_changes_fit_a_phone(live_server, clerk, units, browser):  # noqa: F811
    page = open_as(browser, live_server, clerk, PHONE)
    url = f"{live_server.url}/people/changes/{units['DHOP25'].public_id}/?year=2025"
    response = page.goto(url)
    assert response is not None and response.status == 200
    page.screenshot(path=str(screenshots() / "commune_clerk-changes-390.png"), full_page=True)
    assert sideways(page) == 0, widest(page)
    late = page.locator("[data-testid=change][data-kind=police_item]")
    assert late.get_attribute("data-status") == "late"
    assert "08/09/2025" in late.inner_text()
    page.click("[data-testid=change-filters] a:has([data-testid=count-done])")
    assert page.locator("[data-testid=change][data-kind=police_item]").count() == 0
    assert page.problems == []  # type: ignore[attr-defined]
    page.context.close()
