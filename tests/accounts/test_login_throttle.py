"""Login throttling that cannot lock out other users (issue 15, item 3).

Limits: ``LOGIN_MAX_FAILURES`` per user name from clients without a device cookie,
``LOGIN_MAX_FAILURES_PER_ADDRESS`` per client address (the real client behind a trusted proxy),
and ``LOGIN_MAX_FAILURES`` per device cookie. A browser that has logged in as a user carries a
signed device cookie for that user and is counted on its own, so failures from elsewhere never
lock it out. An attempt is counted before the password is checked, so concurrent attempts
cannot overrun a limit.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from muster.accounts import throttle
from muster.accounts.models import FailedLogin
from muster.core.http import client_address
from tests.accounts.test_login import assert_throttled, fail, post_login
from tests.concurrency import needs_postgres, run_threads
from tests.conftest import PASSWORD

ATTACKER = "203.0.113.66"
OFFICE = "198.51.100.7"
PROXY = "10.0.0.1"


def logged_in_device(username: str, address: str = OFFICE) -> Client:
    """A browser that has logged in once as ``username`` (and so holds a device cookie)."""
    browser = Client()
    assert post_login(browser, username, PASSWORD, REMOTE_ADDR=address).status_code == 302
    assert throttle.DEVICE_COOKIE in browser.cookies
    browser.post("/accounts/logout/")
    return browser


# One address guessing made-up names.


def test_made_up_names_from_one_address_do_not_lock_out_a_known_browser(personas):
    leader = logged_in_device("p.leader", ATTACKER)  # the same address: a shared NAT
    attacker = Client()
    for n in range(settings.LOGIN_MAX_FAILURES_PER_ADDRESS):
        assert post_login(attacker, f"guess{n}", "x", REMOTE_ADDR=ATTACKER).status_code == 401
    assert_throttled(post_login(attacker, "p.clerk", PASSWORD, REMOTE_ADDR=ATTACKER))
    assert post_login(leader, "p.leader", PASSWORD, REMOTE_ADDR=ATTACKER).status_code == 302


def test_behind_a_trusted_proxy_only_the_attackers_address_is_throttled(personas, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    for n in range(settings.LOGIN_MAX_FAILURES_PER_ADDRESS):
        assert post_login(attacker, f"guess{n}", "x").status_code == 401
    assert_throttled(post_login(attacker, "p.leader", PASSWORD))
    # Every other user comes through the same proxy, from their own address.
    colleague = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OFFICE)
    assert post_login(colleague, "p.leader", PASSWORD).status_code == 302
    assert set(FailedLogin.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(personas, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for n in range(settings.LOGIN_MAX_FAILURES_PER_ADDRESS):
        forged = f"192.0.2.{n}"  # a new "address" each time: must not escape the limit
        response = post_login(attacker, f"guess{n}", "x", HTTP_X_FORWARDED_FOR=forged)
        assert response.status_code == 401
    assert_throttled(post_login(attacker, "p.leader", PASSWORD, HTTP_X_FORWARDED_FOR=OFFICE))


# Many addresses guessing one user's password.


def test_failures_from_elsewhere_do_not_lock_out_the_users_own_browser(personas):
    clerk = logged_in_device("p.clerk")
    attacker = Client()
    fail(attacker, "p.clerk", settings.LOGIN_MAX_FAILURES, REMOTE_ADDR=ATTACKER)
    # A browser that never logged in as p.clerk is refused (the per-user limit) ...
    assert_throttled(post_login(Client(), "p.clerk", PASSWORD, REMOTE_ADDR="192.0.2.44"))
    # ... but the clerk's own browser is not, from any address.
    assert post_login(clerk, "p.clerk", PASSWORD, REMOTE_ADDR="192.0.2.45").status_code == 302


def test_a_device_cookie_has_its_own_limit(personas):
    clerk = logged_in_device("p.clerk")
    fail(clerk, "p.clerk", settings.LOGIN_MAX_FAILURES, REMOTE_ADDR=OFFICE)
    assert_throttled(post_login(clerk, "p.clerk", PASSWORD, REMOTE_ADDR=OFFICE))


def test_a_device_cookie_counts_only_for_its_own_user(personas):
    clerk_browser = logged_in_device("p.clerk")
    attacker = Client()
    fail(attacker, "p.leader", settings.LOGIN_MAX_FAILURES, REMOTE_ADDR=ATTACKER)
    assert_throttled(post_login(clerk_browser, "p.leader", PASSWORD, REMOTE_ADDR=OFFICE))


def test_a_forged_device_cookie_is_ignored(personas):
    attacker = Client()
    fail(attacker, "p.clerk", settings.LOGIN_MAX_FAILURES, REMOTE_ADDR=ATTACKER)
    attacker.cookies[throttle.DEVICE_COOKIE] = "eyJ2IjpbWyJwLmNsZXJrIiwieCJdXX0:forged:sig"
    assert_throttled(post_login(attacker, "p.clerk", PASSWORD, REMOTE_ADDR=ATTACKER))


def test_one_browser_keeps_devices_for_several_users(personas):
    browser = logged_in_device("p.clerk")
    assert post_login(browser, "p.leader", PASSWORD, REMOTE_ADDR=OFFICE).status_code == 302
    browser.post("/accounts/logout/")
    fail(Client(), "p.clerk", settings.LOGIN_MAX_FAILURES, REMOTE_ADDR=ATTACKER)
    assert post_login(browser, "p.clerk", PASSWORD, REMOTE_ADDR=OFFICE).status_code == 302


# The attempt is counted before the password is checked.


def test_the_attempt_is_reserved_before_the_check(personas):
    now = timezone.now()
    limit = settings.LOGIN_MAX_FAILURES
    taken = [
        throttle.attempt_begin(username="p.clerk", ip_address=OFFICE, device="", now=now)
        for _ in range(limit + 1)
    ]
    assert all(a is not None for a in taken[:limit])
    assert taken[limit] is None  # refused without the password ever being checked
    assert FailedLogin.objects.filter(username="p.clerk").count() == limit


def test_a_refused_attempt_does_not_extend_the_lock(personas):
    fail(Client(), "p.clerk", settings.LOGIN_MAX_FAILURES, REMOTE_ADDR=ATTACKER)
    for _ in range(3):
        assert post_login(Client(), "p.clerk", "x", REMOTE_ADDR=ATTACKER).status_code == 429
    assert FailedLogin.objects.filter(username="p.clerk").count() == settings.LOGIN_MAX_FAILURES


# Client address.


def _request(rf, remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        ([], ATTACKER, None, ATTACKER),
        ([], PROXY, OFFICE, PROXY),  # no trusted proxy: the header is ignored
        ([PROXY], PROXY, OFFICE, OFFICE),
        ([PROXY], PROXY, f"192.0.2.9, {OFFICE}", OFFICE),  # the client wrote the left part
        (["10.0.0.0/8"], PROXY, f"{OFFICE}, 10.2.3.4", OFFICE),  # two proxies
        ([PROXY], PROXY, "not-an-address", PROXY),
        ([PROXY], PROXY, None, PROXY),
        (["10.0.0.0/8"], PROXY, "10.2.3.4", "10.2.3.4"),  # only proxies: the leftmost
        ([PROXY], ATTACKER, OFFICE, ATTACKER),
        ([PROXY], PROXY, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_client_address(rf, settings, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    assert client_address(_request(rf, remote, forwarded)) == expected


def test_a_bad_trusted_proxy_setting_is_a_clear_error(rf, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.300"]
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        client_address(_request(rf, PROXY, OFFICE))


# Concurrency (PostgreSQL: separate connections).


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_wrong_passwords_check_at_most_the_limit(personas):
    needs_postgres()
    statuses: list[int] = []

    def attempt(_index: int) -> None:
        statuses.append(post_login(Client(), "p.clerk", "wrong", REMOTE_ADDR=ATTACKER).status_code)

    assert run_threads(10, attempt) == []
    assert set(statuses) <= {401, 429}
    # Each attempt is counted before its password is checked: at most the limit are checked
    # (a close race may refuse one more than needed, never let one more through).
    checked = statuses.count(401)
    assert len(statuses) == 10 and checked <= settings.LOGIN_MAX_FAILURES, statuses
    assert FailedLogin.objects.filter(username="p.clerk").count() == checked
