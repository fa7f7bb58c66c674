"""The second way in (issue 15, item 3): a one-time login code from the administrator.

Someone who fails a user's name from elsewhere refuses that user on a browser he has never
logged in with. The administrator issues a one-time code; redeemed with the user name on the
unlock page, it makes the browser a known device for the user, whose own password then works
there whatever others do under his name.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from muster.accounts import services, throttle
from muster.accounts.models import FailedLogin, LoginCode, Role
from muster.accounts.services import system_actor
from muster.audit.models import AuditEvent
from tests.accounts.test_login import assert_throttled, fail, post_login
from tests.concurrency import needs_postgres, run_threads
from tests.conftest import PASSWORD, make_user

ATTACKER = "203.0.113.66"
HOME = "198.51.100.20"
UNLOCK = "/accounts/unlock/"


def locked_out(username: str) -> Client:
    """The attacker fails ``username`` to the limit; a new browser of the user is refused."""
    fail(Client(), username, settings.LOGIN_MAX_FAILURES, REMOTE_ADDR=ATTACKER)
    browser = Client()
    response = post_login(browser, username, PASSWORD, REMOTE_ADDR=HOME)
    assert_throttled(response)
    assert 'href="/accounts/unlock/"' in response.content.decode()
    return browser


def issue_through_page(admin_client: Client, user) -> str:
    response = admin_client.post(f"/accounts/users/{user.public_id}/login-code/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    match = re.search(r"data-login-code>([A-Z0-9-]+)<", response.content.decode())
    assert match
    return match.group(1)


def test_a_locked_out_user_gets_in_with_a_code_from_the_administrator(personas):
    browser = locked_out("p.clerk")
    admin = Client()
    admin.force_login(personas["admin"])
    code = issue_through_page(admin, personas["commune_clerk"])
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}", code)
    # Typed in small letters and without the dash: still the code.
    response = browser.post(
        UNLOCK,
        {"username": "P.Clerk", "code": code.lower().replace("-", " ")},
        REMOTE_ADDR=HOME,
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert post_login(browser, "p.clerk", PASSWORD, REMOTE_ADDR=HOME).status_code == 302
    # The attacker goes on failing the name: the user's browser is not refused.
    browser.post("/accounts/logout/")
    fail(Client(), "p.clerk", 3, REMOTE_ADDR="203.0.113.67")
    assert post_login(browser, "p.clerk", PASSWORD, REMOTE_ADDR=HOME).status_code == 302
    actions = list(
        AuditEvent.objects.filter(action__startswith="accounts.login_code").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["accounts.login_code_issue", "accounts.login_code_use"]
    raw = code.replace("-", "")
    assert all(raw not in str(e.changes) for e in AuditEvent.objects.all())


def test_a_code_serves_once(personas):
    code = services.login_code_issue(actor=personas["admin"], user=personas["commune_clerk"])
    first, second = Client(), Client()
    assert first.post(UNLOCK, {"username": "p.clerk", "code": code}).status_code == 302
    response = second.post(UNLOCK, {"username": "p.clerk", "code": code})
    assert response.status_code == 400
    assert "Tên đăng nhập hoặc mã không đúng" in response.content.decode()
    assert throttle.DEVICE_COOKIE not in second.cookies


def test_a_code_is_for_its_own_user_only_and_expires(personas):
    now = timezone.now()
    code = services.login_code_issue(actor=personas["admin"], user=personas["commune_clerk"])
    assert not services.login_code_redeem(username="p.leader", code=code, ip_address=HOME)
    late = now + dt.timedelta(minutes=settings.LOGIN_CODE_MINUTES, seconds=1)
    assert not services.login_code_redeem(username="p.clerk", code=code, ip_address=HOME, now=late)
    assert services.login_code_redeem(username="p.clerk", code=code, ip_address=HOME)


def test_a_new_code_replaces_the_unused_one(personas):
    admin, clerk = personas["admin"], personas["commune_clerk"]
    old = services.login_code_issue(actor=admin, user=clerk)
    new = services.login_code_issue(actor=admin, user=clerk)
    assert not services.login_code_redeem(username="p.clerk", code=old, ip_address=HOME)
    assert services.login_code_redeem(username="p.clerk", code=new, ip_address=HOME)
    assert LoginCode.objects.filter(user=clerk).count() == 1


def test_only_the_administrator_of_the_users_area_issues_codes(personas, units):
    clerk = personas["commune_clerk"]
    for name in ("district_officer", "commune_commander", "leader", "auditor"):
        with pytest.raises(PermissionDenied):
            services.login_code_issue(actor=personas[name], user=clerk)
    with pytest.raises(PermissionDenied):  # never for oneself
        services.login_code_issue(actor=personas["admin"], user=personas["admin"])
    with pytest.raises(PermissionDenied):  # never for the system actor
        services.login_code_issue(actor=personas["admin"], user=system_actor())
    # An administrator scoped to Đồng Thanh: a Đức Hợp clerk is outside his area.
    dt_admin = make_user("p.admin.dt", Role.SYSTEM_ADMIN, units["DT"])
    with pytest.raises(ValidationError):
        services.login_code_issue(actor=dt_admin, user=clerk)
    client = Client()
    client.force_login(dt_admin)
    assert client.post(f"/accounts/users/{clerk.public_id}/login-code/").status_code == 404
    assert "p.clerk" not in client.get("/accounts/users/").content.decode()
    assert not LoginCode.objects.exists()


def test_a_user_behind_the_attackers_address_still_gets_in_with_his_code(personas):
    """An office behind one NAT: the attacker fails made-up names and guesses codes from the
    office's address until it is over its limit; the clerk, new browser, same address, gets in
    with the code the administrator gave him."""
    office = Client()
    for n in range(settings.LOGIN_MAX_FAILURES_PER_ADDRESS):
        assert post_login(office, f"guess{n}", "x", REMOTE_ADDR=ATTACKER).status_code == 401
    for _ in range(3):
        wrong = office.post(
            UNLOCK, {"username": "p.clerk", "code": "AAAAA-AAAAA"}, REMOTE_ADDR=ATTACKER
        )
        assert wrong.status_code == 400
    clerk = Client()
    assert_throttled(post_login(clerk, "p.clerk", PASSWORD, REMOTE_ADDR=ATTACKER))
    code = services.login_code_issue(actor=personas["admin"], user=personas["commune_clerk"])
    redeemed = clerk.post(UNLOCK, {"username": "p.clerk", "code": code}, REMOTE_ADDR=ATTACKER)
    assert redeemed.status_code == 302
    assert post_login(clerk, "p.clerk", PASSWORD, REMOTE_ADDR=ATTACKER).status_code == 302


def test_wrong_codes_count_against_the_address_not_the_user(personas):
    guesser = Client()
    for _ in range(settings.LOGIN_MAX_FAILURES_PER_ADDRESS):
        response = guesser.post(
            UNLOCK, {"username": "p.clerk", "code": "AAAAA-AAAAA"}, REMOTE_ADDR=ATTACKER
        )
        assert response.status_code == 400
    # The address's password guesses are now refused; the rows written stop at the limit.
    assert_throttled(post_login(Client(), "p.leader", PASSWORD, REMOTE_ADDR=ATTACKER))
    guesser.post(UNLOCK, {"username": "p.clerk", "code": "AAAAA-AAAAA"}, REMOTE_ADDR=ATTACKER)
    assert (
        FailedLogin.objects.filter(ip_address=ATTACKER).count()
        == settings.LOGIN_MAX_FAILURES_PER_ADDRESS
    )
    # The user himself, from elsewhere, is not refused by the guessing.
    assert post_login(Client(), "p.clerk", PASSWORD, REMOTE_ADDR=HOME).status_code == 302


def test_the_unlock_page_refuses_rubbish_without_a_500(personas):
    client = Client()
    for data in (
        {},
        {"username": "p.clerk"},
        {"username": "p.clerk", "code": "x" * 40},
        {"username": "p.clerk\x00", "code": "AAAAA-AAAAA\x00"},
        {"username": "nobody", "code": "ABCDE-FGHJK"},
    ):
        assert client.post(UNLOCK, data).status_code == 400, data
    assert client.get(UNLOCK).status_code == 200


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_redemptions_spend_the_code_once(personas):
    needs_postgres()
    code = services.login_code_issue(actor=personas["admin"], user=personas["commune_clerk"])
    results: list[bool] = []

    def redeem(_index: int) -> None:
        results.append(services.login_code_redeem(username="p.clerk", code=code, ip_address=HOME))

    assert run_threads(6, redeem) == []
    assert results.count(True) == 1


def test_the_operator_issues_a_code_for_a_locked_out_administrator(personas):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("login_code", "p.admin", stdout=out)
    code = out.getvalue().split()[0]
    assert services.login_code_redeem(username="p.admin", code=code, ip_address=HOME)
    with pytest.raises(CommandError):
        call_command("login_code", "system")
    with pytest.raises(CommandError):
        call_command("login_code", "nobody")
