"""Issue 3's "done when", in Debian's chromium driven by Playwright: a commune clerk registers a
boy reaching 17 this year, records his move to another commune, and both communes' books show
it; the destination's commander sees him arrive. A malformed ID number is refused first.

The communes are the ones in force today (since 1 July 2025): Đức Hợp, and Nghĩa Dân, which
absorbed Đồng Thanh (the destination of the test-client version of this flow in
``test_register_views.py``, dated 2024–2025). A registration dated this year can only be made
in a commune that exists this year.

Django refuses ORM calls under Playwright's event loop (see tests/core/test_browser.py), so the
database is read in a worker thread that closes its connection. Screenshots, in
``artifacts/``: ``register_origin_age17.png`` (before the move), ``register_origin_age17_moved.png``
(after it), ``register_origin_transfers.png``,
``register_destination_transfers.png`` and ``register_destination_age17.png``.
"""

from __future__ import annotations

import datetime as dt
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connections

from muster.accounts.models import Role
from muster.audit.models import AuditEvent
from muster.core.dates import today
from muster.people import national_id
from muster.people.models import Person
from muster.people.registration.models import EventKind, RegistrationEvent
from tests.conftest import make_user
from tests.core.test_browser import ARTIFACTS, browser, page  # noqa: F401  (fixtures)
from tests.reports.test_browser import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Phạm Văn Hùng"


def _fmt(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _in_db(read):
    """``read()`` in a worker thread, whose connection is closed afterwards."""

    def run():
        try:
            return read()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def _state() -> dict[str, Any]:
    person = Person.objects.select_related("registration_unit").filter(full_name=NAME).first()
    events = list(
        RegistrationEvent.objects.select_related("unit", "from_unit", "to_unit").order_by("id")
    )
    return {
        "people": Person.objects.count(),
        "audit": list(AuditEvent.objects.order_by("id").values_list("action", flat=True)),
        "person": person,
        "unit": person.registration_unit.code if person else None,
        "events": [
            (
                e.kind,
                e.unit.code,
                e.from_unit.code if e.from_unit else None,
                e.to_unit.code if e.to_unit else None,
                e.certificate_number,
                e.event_date,
                e.trigger_date,
                e.due_date,
                e.is_late,
            )
            for e in events
        ],
    }


@pytest.fixture
def world(units):
    """Today's communes, their users and the dates of the story (all made before the browser)."""
    now = today()
    year = now.year
    registered = max(dt.date(year, 1, 1), now - dt.timedelta(days=14))
    left = max(registered, now - dt.timedelta(days=7))
    arrived = max(left, now - dt.timedelta(days=6))
    return {
        "origin": units["DHOP25"],
        "destination": units["ND25"],
        "clerk": make_user("p.clerk.dh25", Role.COMMUNE_CLERK, units["DHOP25"]),
        "commander": make_user("p.commander.nd25", Role.COMMUNE_COMMANDER, units["ND25"]),
        "born": dt.date(year - 17, 5, 10),  # reaches 17 this year
        "id": national_id.make(province_code="033", male=True, birth_year=year - 17, serial=777001),
        "registered": registered,
        "left": left,
        "arrived": arrived,
        "year": year,
        "certificate": f"DH-{year}-017",
    }


def _open_from_age17_book(page, live_server, world, person, side: str) -> None:  # noqa: F811
    """The commune's book of men reaching 17 lists him with his original certificate; a
    screenshot is kept, and his name opens his record."""
    page.goto(f"{live_server.url}/people/books/age17/")
    cells = _row(page, NAME)
    assert cells[1:4] == [NAME, _fmt(world["born"]), world["id"]]
    assert cells[9:11] == [_fmt(world["registered"]), world["certificate"]]
    page.screenshot(path=str(ARTIFACTS / f"register_{side}_age17.png"), full_page=True)
    page.click(f"#book-rows >> text={NAME}")
    page.wait_for_url(f"{live_server.url}/people/{person.public_id}/")


def _row(page, name: str):  # noqa: F811
    rows = page.locator("#book-rows tbody tr", has_text=name)
    assert rows.count() == 1, page.inner_text("#book-rows")
    return [c.strip() for c in rows.first.locator("td").all_inner_texts()]


def test_clerk_registers_a_17_year_old_and_both_communes_books_show_his_move(
    live_server,
    world,
    page,  # noqa: F811
):
    origin, destination = world["origin"], world["destination"]
    ARTIFACTS.mkdir(exist_ok=True)

    # The clerk of Đức Hợp logs in and opens the register form from the registry.
    _log_in(page, live_server, world["clerk"], "/people/")
    assert page.get_attribute("html", "lang") == "vi"
    before = _in_db(_state)  # after the login, which is audited
    assert before["people"] == 0 and before["events"] == []
    assert before["audit"][-1] == "accounts.login"
    page.click("text=Đăng ký công dân")
    page.wait_for_url(f"{live_server.url}/people/new/")
    assert page.inner_text("h1").strip() == "Đăng ký công dân"
    page.fill("#id_full_name", NAME)
    page.select_option("#id_sex", "M")
    page.fill("#id_date_of_birth", _fmt(world["born"]))
    page.fill("#id_national_id", world["id"][:9] + "7O1")  # a letter O for a zero
    page.select_option("#id_registration_unit", str(origin.public_id))
    page.fill("#id_school_grade", "11")
    page.fill("#id_first_registration_date", _fmt(world["registered"]))
    page.fill("#id_certificate_number", world["certificate"])

    # Bad input: a malformed ID number is refused in Vietnamese and nothing is written.
    page.click("form.card button.btn-success")
    page.wait_for_selector(".invalid-feedback")
    errors = page.locator(".invalid-feedback").all_inner_texts()
    assert errors == ["Số CCCD chỉ gồm chữ số."], errors
    assert page.input_value("#id_full_name") == NAME  # what was typed is kept
    assert page.problems == [f"HTTP 400 {live_server.url}/people/new/"]  # type: ignore[attr-defined]
    page.problems.clear()  # type: ignore[attr-defined]
    assert _in_db(_state) == before

    # Corrected, the citizen is registered with his first registration and its certificate.
    page.fill("#id_national_id", world["id"])
    page.click("form.card button.btn-success")
    page.wait_for_url(re.compile(rf"{live_server.url}/people/[0-9a-f-]{{36}}/$"))
    assert "Đã đăng ký công dân." in page.inner_text(".alert-success")
    history = page.inner_text("#registration-history")
    assert (
        "Đăng ký NVQS lần đầu" in history and f"Giấy chứng nhận {world['certificate']}" in history
    )
    state = _in_db(_state)
    person = state["person"]
    assert person is not None and person.national_id == world["id"]
    assert person.date_of_birth == world["born"]
    assert state["unit"] == origin.code
    first = (EventKind.FIRST_REGISTRATION, origin.code, None, None, world["certificate"])
    assert [e[:5] for e in state["events"]] == [first]
    assert state["events"][0][5] == world["registered"]
    assert state["audit"][len(before["audit"]) :] == [
        "people.person_create",
        "conscription.first_registration",
    ]

    # Đức Hợp's book of men reaching 17 this year lists him with his certificate.
    _open_from_age17_book(page, live_server, world, person, "origin")

    # His transfer to Nghĩa Dân, typed in the transfer form.
    page.click("text=Ghi nhận di chuyển")
    page.wait_for_url(f"{live_server.url}/people/{person.public_id}/transfer/")
    assert page.inner_text("h1").strip() == "Ghi nhận di chuyển đăng ký"
    page.select_option("#id_to_unit", str(destination.public_id))
    page.fill("#id_left_on", _fmt(world["left"]))
    page.fill("#id_arrived_on", _fmt(world["arrived"]))
    page.fill("#id_registered_on", _fmt(world["arrived"]))
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.click("form.card button.btn-success")
    assert posted.value.status == 302
    page.wait_for_url(lambda url: not url.endswith("/transfer/"))
    # He is now outside the clerk's area: she lands on her registry, not on his page.
    assert page.url == f"{live_server.url}/people/"
    assert "Đã ghi nhận di chuyển đăng ký." in page.inner_text(".alert-success")
    assert NAME not in page.inner_text("main")  # no longer in her commune's registry
    state = _in_db(_state)
    assert state["unit"] == destination.code
    kinds = [e[:4] for e in state["events"]]
    assert kinds == [
        (EventKind.FIRST_REGISTRATION, origin.code, None, None),
        (EventKind.TRANSFER_OUT, origin.code, origin.code, destination.code),
        (EventKind.TRANSFER_IN, destination.code, origin.code, destination.code),
    ]
    assert state["audit"][-1] == "conscription.transfer"
    arrival = state["events"][2]
    assert (arrival[5], arrival[6]) == (world["arrived"], world["arrived"])
    assert arrival[7] is not None and not arrival[8]  # registered on the day: not late

    # The origin's books: his line stays in its book of 17-year-olds, the move in its note and
    # his name without a link (his record is now outside Đức Hợp); its transfers list has him out.
    page.click("text=Sổ sách và danh sách")
    page.click("text=Sổ đăng ký công dân nam đủ 17 tuổi")
    page.wait_for_url(f"{live_server.url}/people/books/age17/")
    assert page.input_value("#year") == str(world["year"])
    cells = _row(page, NAME)
    assert cells[-1] == f"Chuyển đi ngày {_fmt(world['left'])} đến Nghĩa Dân"
    assert page.locator("#book-rows tbody tr", has_text=NAME).locator("a").count() == 0
    page.screenshot(path=str(ARTIFACTS / "register_origin_age17_moved.png"), full_page=True)
    page.go_back()
    page.click("text=Danh sách đăng ký di chuyển đi, đến trong kỳ")
    page.wait_for_url(f"{live_server.url}/people/books/transfers/")
    cells = _row(page, NAME)
    assert cells[1:6] == [NAME, _fmt(world["born"]), world["id"], "Đi", _fmt(world["left"])]
    assert (cells[6], cells[7]) == ("Đức Hợp", "Nghĩa Dân")
    page.screenshot(path=str(ARTIFACTS / "register_origin_transfers.png"), full_page=True)
    assert page.problems == []  # type: ignore[attr-defined]

    # Nghĩa Dân's commander: the arrival in its transfers list, the boy in its book of 17s.
    page.context.clear_cookies()
    _log_in(page, live_server, world["commander"], "/people/books/transfers/")
    cells = _row(page, NAME)
    assert cells[4:10] == [
        "Đến",
        _fmt(world["arrived"]),
        "Đức Hợp",
        "Nghĩa Dân",
        _fmt(world["arrived"]),
        _fmt(arrival[7]),
    ]
    page.screenshot(path=str(ARTIFACTS / "register_destination_transfers.png"), full_page=True)
    _open_from_age17_book(page, live_server, world, person, "destination")
    history = page.inner_text("#registration-history")
    for kind in ("Đăng ký NVQS lần đầu", "Đăng ký chuyển đi", "Đăng ký chuyển đến"):
        assert kind in history
    assert _in_db(_state)["events"] == state["events"]  # reading wrote nothing
    shots = ("origin_age17", "origin_age17_moved", "origin_transfers", "destination_transfers",
             "destination_age17")  # fmt: skip
    for shot in shots:
        assert (ARTIFACTS / f"register_{shot}.png").stat().st_size > 10_000
    assert page.problems == []  # type: ignore[attr-defined]
