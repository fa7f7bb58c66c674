"""Result entry with the keyboard only, in Debian's chromium: type, Tab, Enter, next citizen."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.health.models import HealthCall, SessionKind
from muster.health.services import call_citizens, session_create
from tests.conftest import PASSWORD
from tests.core.factories import make_person
from tests.core.test_browser import browser, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def calls(units, personas):
    session = session_create(
        actor=personas["district_officer"],
        kind=SessionKind.EXAMINATION,
        unit=units["KD"],
        date=dt.date(2024, 11, 16),
        place="Trung tâm Y tế Kim Động",
    )
    people = [
        make_person(units["DHOP"], full_name=name) for name in ("Nguyễn Văn An", "Nguyễn Văn Bảo")
    ]
    call_citizens(
        actor=personas["district_officer"],
        session=session,
        people=people,
        notified_on=dt.date(2024, 10, 30),
    )
    return list(
        HealthCall.objects.filter(session=session)
        .select_related("session")
        .order_by("person__name_search")
    )


def test_physique_by_keyboard_moves_to_the_next_citizen(live_server, personas, calls, page):  # noqa: F811
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", personas["health_council"].username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    first, second = calls
    page.goto(f"{live_server.url}/health/calls/{first.public_id}/?station=physique")
    assert page.evaluate("document.activeElement.id") == "id_height_cm"
    page.keyboard.type("162,5")
    page.keyboard.press("Tab")
    page.keyboard.type("60")
    page.keyboard.press("Tab")
    page.keyboard.type("85")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/health/calls/{second.public_id}/?station=physique")
    assert "Nguyễn Văn Bảo" in page.inner_text("h1")
    assert page.evaluate("document.activeElement.id") == "id_height_cm"
    page.goto(f"{live_server.url}/health/sessions/{first.session.public_id}/")
    row = page.locator("#calls tbody tr", has_text="Nguyễn Văn An")
    # One station entered is not an examination: no class until the council concludes.
    assert "chưa kết luận" in row.inner_text()
    page.goto(f"{live_server.url}/health/calls/{first.public_id}/?station=physique")
    assert page.inner_text("#health-class").strip() == "—"
    assert page.problems == []
