"""Issue 16: the clerk of the commune formed on 1 July 2025 registers, in chromium, a citizen
who turns 17 today, and sees him saved."""

from __future__ import annotations

import pytest

from muster.accounts.models import Role
from muster.core.dates import today
from muster.people import national_id
from tests.conftest import make_user
from tests.core.test_browser import ARTIFACTS, browser, log_in, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def clerk(units):
    return make_user("dh25.clerk", Role.COMMUNE_CLERK, units["DHOP25"])


def test_the_new_duc_hop_clerk_registers_todays_17_year_old(live_server, clerk, page):  # noqa: F811
    day = today()
    born = day.replace(year=day.year - 17)
    number = national_id.make(province_code="033", male=True, birth_year=born.year, serial=517)
    log_in(page, live_server, clerk, "/people/new/")
    # the only commune that exists today is chosen already
    chosen = page.locator("#id_registration_unit option:checked")
    assert "Đức Hợp (2025–)" in chosen.inner_text()
    assert page.input_value("#id_school_grade") == ""
    page.fill("#id_full_name", "Đỗ Minh Khang")
    page.select_option("#id_sex", "M")
    page.fill("#id_date_of_birth", f"{born:%d/%m/%Y}")
    page.fill("#id_national_id", number)
    page.click("form.card button.btn-success")
    page.wait_for_url(f"{live_server.url}/people/*/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "register-today-17.png"), full_page=True)
    body = page.inner_text("main")
    assert "Đỗ Minh Khang" in body and f"{born:%d/%m/%Y}" in body
    assert number in body and "Đức Hợp" in body
