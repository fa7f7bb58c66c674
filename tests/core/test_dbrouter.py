"""The replica router's decisions (muster/core/dbrouter.py), on any database: the "replica" here
is a second SQLite file (or a path that cannot open: a replica that is down). The real streaming
replica is tests/core/test_replica.py."""

from __future__ import annotations

import time

import pytest
from django.db import DEFAULT_DB_ALIAS, router, transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from muster.accounts.models import User
from muster.core.dbrouter import (
    STICKY_COOKIE,
    ReplicaMiddleware,
    fresh_request,
    read_alias,
    replica_reads,
    replica_view,
)
from muster.geo.models import Unit
from tests.core.replicas import replicas

pytestmark = pytest.mark.django_db


def sqlite(path: object) -> dict[str, object]:
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}


def test_without_replicas_everything_reads_the_primary():
    with replica_reads():
        assert router.db_for_read(Unit) == DEFAULT_DB_ALIAS


def test_only_marked_reads_go_to_the_replica(tmp_path):
    with replicas(replica=sqlite(tmp_path / "r.sqlite3")), fresh_request():
        assert router.db_for_read(Unit) == DEFAULT_DB_ALIAS
        with replica_reads():
            assert router.db_for_read(Unit) == "replica"
            # users and sessions (roles, revocations) are always read on the primary
            assert router.db_for_read(User) == DEFAULT_DB_ALIAS
            with transaction.atomic():
                assert router.db_for_read(Unit) == DEFAULT_DB_ALIAS
            assert router.db_for_read(Unit) == "replica"
            # a write pins the rest of the request to the primary (read-your-writes)
            assert router.db_for_write(Unit) == DEFAULT_DB_ALIAS
            assert router.db_for_read(Unit) == DEFAULT_DB_ALIAS
    assert router.allow_migrate("replica", "people") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "people") is not False


def test_a_replica_down_or_behind_is_skipped(tmp_path, settings):
    down = sqlite(tmp_path / "missing-dir" / "r.sqlite3")
    with replicas(replica=down), fresh_request(), replica_reads():
        assert read_alias(Unit) == DEFAULT_DB_ALIAS
    two = {"replica": down, "replica2": sqlite(tmp_path / "r2.sqlite3")}
    with replicas(**two), fresh_request(), replica_reads():
        assert {read_alias(Unit) for _ in range(5)} == {"replica2"}
    settings.REPLICA_MAX_LAG_SECONDS = -1  # a lag of 0 s is now too much
    with replicas(replica=sqlite(tmp_path / "r.sqlite3")), fresh_request(), replica_reads():
        assert read_alias(Unit) == DEFAULT_DB_ALIAS


def _seen(request: HttpRequest) -> HttpResponse:
    with replica_reads():
        return HttpResponse(read_alias(Unit))


def test_a_post_keeps_the_browser_on_the_primary_for_a_few_seconds(tmp_path, settings):
    settings.REPLICA_STICKY_SECONDS = 10
    middleware = ReplicaMiddleware(_seen)
    factory = RequestFactory()
    with replicas(replica=sqlite(tmp_path / "r.sqlite3")):
        assert middleware(factory.get("/")).content == b"replica"
        posted = middleware(factory.post("/"))
        assert posted.content == b"replica"  # the POST's own reads before any write
        cookie = posted.cookies[STICKY_COOKIE]
        assert cookie["max-age"] == 10 and cookie["httponly"]
        follow = factory.get("/")
        follow.COOKIES[STICKY_COOKIE] = cookie.value
        assert middleware(follow).content == b"default"
        expired = factory.get("/")
        expired.COOKIES[STICKY_COOKIE] = str(int(time.time()) - 1)
        assert middleware(expired).content == b"replica"


def test_replica_view_routes_only_safe_methods(tmp_path):
    view = replica_view(lambda request: HttpResponse(read_alias(Unit)))
    factory = RequestFactory()
    with replicas(replica=sqlite(tmp_path / "r.sqlite3")), fresh_request():
        assert view(factory.get("/")).content == b"replica"
        assert view(factory.post("/")).content == b"default"
