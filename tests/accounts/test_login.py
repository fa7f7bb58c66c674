"""Login: audit, clear refusals, throttling, idle sessions, open redirects and language."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from muster.accounts.models import FailedLogin
from muster.audit.models import AuditEvent
from muster.audit.selectors import verify_chain
from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"
DASHBOARD = "/"
WRONG = "Wrong user name or password."
THROTTLED = "Too many failed logins. Wait %(minutes)d minutes and try again."


def vi(message: str) -> str:
    """``message`` in Vietnamese; fails clearly when the catalogue is missing or not compiled."""
    with translation.override("vi"):
        text = translation.gettext(message)
    assert text != message, (
        f"no Vietnamese translation for {message!r}: run `manage.py compile_translations`"
    )
    return text


def post_login(client, username: str, password: str, *, next_url: str = "", **extra):
    path = LOGIN + (f"?next={next_url}" if next_url else "")
    return client.post(path, {"username": username, "password": password}, **extra)


def html_lang(response) -> str:
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert match, "no <html lang> attribute"
    return match.group(1)


def is_logged_in(client) -> bool:
    return client.get(DASHBOARD).status_code == 200


def test_urls_are_where_the_tests_expect():
    assert reverse("accounts:login") == LOGIN
    assert reverse("portal:dashboard") == DASHBOARD


def test_right_password_logs_in_and_records_an_event(client, personas):
    clerk = personas["commune_clerk"]
    before = AuditEvent.objects.count()
    response = post_login(client, clerk.username, PASSWORD, REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
    assert client.session["_auth_user_id"] == str(clerk.pk)
    assert is_logged_in(client)
    event = AuditEvent.objects.get(seq=before + 1)
    assert event.action == "accounts.login"
    assert (event.actor_id, event.object_id) == (clerk.pk, str(clerk.public_id))
    assert event.scope_unit_id == clerk.scope_unit_id
    assert event.changes == {"ip_address": [None, "10.0.0.7"]}
    assert AuditEvent.objects.count() == before + 1
    assert verify_chain()[1] is None


def test_wrong_password_is_401_with_a_clear_message(client, personas):
    response = post_login(client, "p.clerk", "not-the-password")
    assert response.status_code == 401
    assert escape(vi(WRONG)) in response.content.decode()
    assert not is_logged_in(client)
    assert not AuditEvent.objects.filter(action="accounts.login").exists()
    assert FailedLogin.objects.filter(username="p.clerk").count() == 1


def test_unknown_user_gets_the_same_message(client, personas):
    response = post_login(client, "nobody", PASSWORD)
    assert response.status_code == 401
    assert escape(vi(WRONG)) in response.content.decode()


def test_inactive_user_cannot_log_in(client, personas):
    clerk = personas["commune_clerk"]
    clerk.is_active = False
    clerk.save(update_fields=["is_active"])
    assert post_login(client, clerk.username, PASSWORD).status_code == 401
    assert not is_logged_in(client)


def test_empty_form_is_not_a_failure(client, db):
    response = client.post(LOGIN, {"username": "", "password": ""})
    assert response.status_code == 200
    assert not FailedLogin.objects.exists()


def fail(client, username: str, times: int, **extra) -> None:
    for _ in range(times):
        assert post_login(client, username, "wrong-password", **extra).status_code == 401


def assert_throttled(response) -> None:
    assert response.status_code == 429
    minutes = max(1, settings.LOGIN_FAILURE_WINDOW_SECONDS // 60)
    assert escape(vi(THROTTLED) % {"minutes": minutes}) in response.content.decode()


def test_after_max_failures_the_right_password_is_refused(client, personas):
    limit = settings.LOGIN_MAX_FAILURES
    assert limit >= 2
    fail(client, "p.clerk", limit)
    assert_throttled(post_login(client, "p.clerk", PASSWORD))
    assert not is_logged_in(client)
    assert not AuditEvent.objects.filter(action="accounts.login").exists()


def test_one_failure_short_of_the_limit_still_logs_in(client, personas):
    fail(client, "p.clerk", settings.LOGIN_MAX_FAILURES - 1)
    assert post_login(client, "p.clerk", PASSWORD).status_code == 302


def test_changing_the_case_of_the_user_name_does_not_escape_the_lock(client, personas):
    fail(client, "P.Clerk", settings.LOGIN_MAX_FAILURES)
    assert_throttled(post_login(client, "p.clerk", PASSWORD))


def test_failures_for_one_user_do_not_lock_another(client, personas):
    fail(client, "p.clerk", settings.LOGIN_MAX_FAILURES)
    assert_throttled(post_login(client, "p.clerk", PASSWORD))
    assert post_login(client, "p.leader", PASSWORD).status_code == 302


def test_success_clears_the_failure_counter(client, personas):
    limit = settings.LOGIN_MAX_FAILURES
    fail(client, "p.clerk", limit - 1)
    assert post_login(client, "p.clerk", PASSWORD).status_code == 302
    assert not FailedLogin.objects.filter(username="p.clerk").exists()
    client.post(reverse("accounts:logout"))
    fail(client, "p.clerk", limit - 1)  # 2 × (limit - 1) ≥ limit had the counter survived
    assert post_login(client, "p.clerk", PASSWORD).status_code == 302


def test_failures_older_than_the_window_do_not_count(client, personas):
    fail(client, "p.clerk", settings.LOGIN_MAX_FAILURES)
    window = dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS + 1)
    FailedLogin.objects.update(attempted_at=timezone.now() - window)
    assert post_login(client, "p.clerk", PASSWORD).status_code == 302


def test_one_address_guessing_many_names_is_throttled(client, personas):
    """A client address is locked after LOGIN_MAX_FAILURES_PER_ADDRESS, whatever the names
    (for browsers without a device cookie: tests/accounts/test_login_throttle.py)."""
    limit = settings.LOGIN_MAX_FAILURES_PER_ADDRESS
    for n in range(limit):
        assert post_login(client, f"guess{n}", "x", REMOTE_ADDR="10.9.9.9").status_code == 401
    assert_throttled(post_login(client, "p.leader", PASSWORD, REMOTE_ADDR="10.9.9.9"))
    assert post_login(client, "p.leader", PASSWORD, REMOTE_ADDR="10.1.1.1").status_code == 302


# Sessions expire after SESSION_COOKIE_AGE seconds without a request.


def test_settings_give_idle_expiry():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE == 1800  # SESSION_IDLE_SECONDS default


def _session_row(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_each_request_pushes_the_expiry_forward(client, personas):
    assert post_login(client, "p.leader", PASSWORD).status_code == 302
    assert client.get(DASHBOARD).status_code == 200
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    # Pretend the session was last used long ago, but not past its expiry.
    row = _session_row(client)
    row.expire_date = timezone.now() + dt.timedelta(seconds=60)
    row.save()
    start = timezone.now()
    assert client.get(DASHBOARD).status_code == 200
    expires = _session_row(client).expire_date
    age = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert start + age <= expires <= timezone.now() + age


def test_an_idle_session_expires(client, personas):
    assert post_login(client, "p.leader", PASSWORD).status_code == 302
    row = _session_row(client)
    row.expire_date = timezone.now() - dt.timedelta(seconds=1)
    row.save()
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN + "?next=")


# Open redirects.


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "http://evil.example/accounts/login/"],
)
def test_next_to_another_host_is_not_followed(client, personas, target):
    response = post_login(client, "p.leader", PASSWORD, next_url=target)
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
    # Already logged in: the login page must not bounce to the external host either.
    response = client.get(LOGIN, {"next": target})
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD


def test_next_inside_the_site_is_followed(client, personas):
    response = post_login(client, "p.leader", PASSWORD, next_url="/units/")
    assert response.status_code == 302
    assert response["Location"] == "/units/"


def test_next_survives_the_login_form(client, personas):
    """The form posts ``next`` back as a hidden field when the query string is gone."""
    response = client.get(LOGIN, {"next": "/people/"})
    assert 'name="next" value="/people/"' in response.content.decode()
    response = client.post(
        LOGIN, {"username": "p.leader", "password": PASSWORD, "next": "/people/"}
    )
    assert response["Location"] == "/people/"


# Language.


def test_login_page_is_vietnamese_by_default(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert html_lang(response) == "vi"
    assert vi("Log in to Muster") in response.content.decode()


def test_login_page_is_vietnamese_whatever_the_browser_asks(client, db):
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert html_lang(response) == "vi"


def test_language_switch_to_english(client, db):
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": LOGIN})
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    response = client.get(LOGIN)
    assert html_lang(response) == "en"
    assert "Log in to Muster" in response.content.decode()
    # And back.
    client.post(reverse("accounts:set_language"), {"language": "vi", "next": LOGIN})
    assert html_lang(client.get(LOGIN)) == "vi"


def test_language_switch_refuses_an_external_next(client, db):
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_messages_follow_the_chosen_language(client, personas):
    client.post(reverse("accounts:set_language"), {"language": "en", "next": LOGIN})
    response = post_login(client, "p.clerk", "wrong-password")
    assert response.status_code == 401
    assert WRONG in response.content.decode()
