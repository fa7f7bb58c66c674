"""API fixtures: tokens issued through the service, and a client that sends them."""

from __future__ import annotations

import datetime as dt

import pytest

from muster.api.services import token_issue
from muster.core.dates import today


@pytest.fixture
def issue(personas, units):
    """``issue(persona="commune_commander", unit="DHOP", write=True)`` → the token's secret."""

    def _issue(persona="commune_commander", unit="DHOP", *, write=True, days=30):
        owner = personas[persona]
        _token, secret = token_issue(
            actor=owner,
            owner=owner,
            name=f"test {persona}",
            unit=units[unit],
            write=write,
            expires_on=today() + dt.timedelta(days=days),
        )
        return secret

    return _issue


@pytest.fixture
def api(client):
    """``api(secret).get(path)`` / ``.post(path, json)``: the test client with the token."""

    class Api:
        def __init__(self, secret, language=""):
            self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}
            if language:
                self.headers["Accept-Language"] = language

        def get(self, path, headers=None):
            return client.get(path, headers={**self.headers, **(headers or {})})

        def post(self, path, data, headers=None):
            return client.post(
                path,
                data,
                content_type="application/json",
                headers={**self.headers, **(headers or {})},
            )

    return Api
