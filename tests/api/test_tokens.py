"""API tokens: the salted hash of the secret, a prefix drawn again on a collision, and use
counted at most once a minute per token (review findings)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.crypto import salted_hmac

from muster.api import tokens
from muster.api.models import ApiToken, ApiTokenUse
from muster.api.services import token_issue
from muster.core.dates import today


def _issue(owner, unit, name="t"):
    return token_issue(
        actor=owner,
        owner=owner,
        name=name,
        unit=unit,
        write=False,
        expires_on=today() + dt.timedelta(days=5),
    )


# Item 1: a salted HMAC with a purpose, as the login codes.


def test_the_secret_is_hashed_with_a_purpose_salt(personas, units):
    token, secret = _issue(personas["commune_clerk"], units["DHOP"])
    salted = salted_hmac(tokens.HASH_SALT, secret, algorithm="sha256").hexdigest()
    bare = hmac.new(str(settings.SECRET_KEY).encode(), secret.encode(), hashlib.sha256)
    assert token.secret_hash == salted
    assert token.secret_hash != bare.hexdigest()
    assert tokens.find_token(secret) == token


def test_a_token_hashed_the_old_way_no_longer_verifies(personas, units):
    token, secret = _issue(personas["commune_clerk"], units["DHOP"])
    bare = hmac.new(str(settings.SECRET_KEY).encode(), secret.encode(), hashlib.sha256)
    ApiToken.objects.filter(pk=token.pk).update(secret_hash=bare.hexdigest())
    assert tokens.find_token(secret) is None


# Item 2: a prefix already taken is drawn again, not a 500.


def _scripted_prefixes(monkeypatch, prefixes):
    """``secrets.token_hex(4)`` answers ``prefixes`` in turn (other sizes stay random)."""
    real = secrets.token_hex
    queue = list(prefixes)

    def token_hex(nbytes=None):
        if nbytes == 4 and queue:
            return queue.pop(0)
        return real(nbytes)

    monkeypatch.setattr(secrets, "token_hex", token_hex)
    return queue


def test_a_prefix_collision_draws_another_prefix(personas, units, monkeypatch):
    clerk = personas["commune_clerk"]
    _scripted_prefixes(monkeypatch, ["deadbeef"])
    first, _secret = _issue(clerk, units["DHOP"], "first")
    assert first.prefix == "deadbeef"
    left = _scripted_prefixes(monkeypatch, ["deadbeef", "deadbeef", "cafef00d"])
    second, secret = _issue(clerk, units["DHOP"], "second")
    assert left == []
    assert second.prefix == "cafef00d" and secret.startswith("mst_cafef00d_")
    assert tokens.find_token(secret) == second
    assert ApiToken.objects.count() == 2


def test_a_prefix_that_never_frees_is_a_clear_error(personas, units, monkeypatch):
    clerk = personas["commune_clerk"]
    _scripted_prefixes(monkeypatch, ["deadbeef"])
    _issue(clerk, units["DHOP"], "first")
    _scripted_prefixes(monkeypatch, ["deadbeef"] * 10)
    with translation.override("en"), pytest.raises(ValidationError, match="prefix"):
        _issue(clerk, units["DHOP"], "second")
    assert ApiToken.objects.count() == 1


# Item 3: use is written at most once a minute per token.


def _writes(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))]


def test_a_second_request_within_the_minute_writes_nothing(api, personas, units):
    _token, secret = _issue(personas["commune_clerk"], units["DHOP"])
    client = api(secret)
    with CaptureQueriesContext(connection) as first:
        assert client.get("/api/v1/units").status_code == 200
    assert _writes(first.captured_queries), "the first use is recorded"
    with CaptureQueriesContext(connection) as second:
        assert client.get("/api/v1/units").status_code == 200
    assert _writes(second.captured_queries) == []
    assert len(second.captured_queries) < len(first.captured_queries)
    token = ApiToken.objects.get()
    assert token.use_count == 1
    assert ApiTokenUse.objects.get().count == 1


def test_use_counts_the_minutes_a_token_was_used(personas, units):
    token, _secret = _issue(personas["commune_clerk"], units["DHOP"])
    start = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC)
    for seconds in (0, 10, 59, 60, 61, 130, 3600):
        token = ApiToken.objects.get(pk=token.pk)  # as a request finds it
        tokens.count_use(token, start + dt.timedelta(seconds=seconds))
    token.refresh_from_db()
    # Counted: 0, 60, 130 and 3600 (10 and 59 lie within a minute of 0, 61 of 60).
    assert token.use_count == 4
    assert token.last_used_at == start + dt.timedelta(seconds=3600)
    assert ApiTokenUse.objects.get(token=token, day=start.date()).count == 4


def test_a_stale_copy_of_the_token_does_not_count_twice(personas, units):
    """Two requests that read the token before either counted it: the conditional UPDATE
    lets one of them count."""
    token, _secret = _issue(personas["commune_clerk"], units["DHOP"])
    moment = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC)
    a, b = ApiToken.objects.get(pk=token.pk), ApiToken.objects.get(pk=token.pk)
    tokens.count_use(a, moment)
    tokens.count_use(b, moment + dt.timedelta(seconds=5))
    token.refresh_from_db()
    assert token.use_count == 1
    assert ApiTokenUse.objects.get().count == 1
