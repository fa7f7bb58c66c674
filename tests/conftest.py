"""Shared fixtures: the real Kim Động unit fixture and one persona per role and scope."""

from __future__ import annotations

import importlib

import pytest
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from muster.accounts.models import Role, User
from muster.accounts.services import system_actor, user_create
from muster.geo.loading import load_units_fixture
from muster.geo.models import Unit

PASSWORD = "persona-pass-123"

# Property tests run on a shared 2-core CI machine: a draw slowed by another process (a
# garbage collection, a browser test next door) is load, not a defect, so neither the time a
# draw takes nor a per-example deadline fails a test; what is checked is the property.
hypothesis_settings.register_profile(
    "muster", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("muster")


@pytest.fixture(scope="session", autouse=True)
def _plain_http_test_server():
    """The test client and the live server speak plain HTTP and have no collected static files.

    Without ``DEBUG`` in the environment the settings are production-hardened (HTTPS redirect,
    secure-only cookies) and WhiteNoise warns about the missing ``STATIC_ROOT`` (an error under
    ``filterwarnings = error``); pytest-django also forces ``DEBUG`` off, so the same happens
    with ``DEBUG=1``. Production settings are checked in a subprocess by
    ``tests/core/test_settings.py``.
    """
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        WHITENOISE_AUTOREFRESH=True,
    ):
        yield


#: The migrations whose triggers guard the audit tables (each has SQLITE_/PG_ UP and DOWN).
AUDIT_TRIGGER_MIGRATIONS = (
    "muster.audit.migrations.0002_append_only_triggers",
    "muster.audit.migrations.0003_head_forward_only_no_truncate",
)


def audit_trigger_sql(vendor: str, direction: str) -> list[str]:
    """The statements that create (``UP``) or drop (``DOWN``) every audit trigger."""
    prefix = {"sqlite": "SQLITE", "postgresql": "PG"}[vendor]
    modules = [importlib.import_module(name) for name in AUDIT_TRIGGER_MIGRATIONS]
    return [sql for module in modules for sql in getattr(module, f"{prefix}_{direction}")]


@pytest.fixture(scope="session", autouse=True)
def _flush_past_audit_triggers():
    """Let transactional tests (``transaction=True``, ``live_server``) flush the database.

    The append-only triggers refuse ``DELETE`` on audit events and on the head (SQLite flushes
    with ``DELETE FROM``) and ``TRUNCATE`` of both (PostgreSQL flushes with ``TRUNCATE``), so the
    flush after every transactional test would fail. The flush, and only the flush, drops the
    triggers and creates them again in the same transaction.
    """
    from django.db.backends.postgresql.operations import (
        DatabaseOperations as PostgresOperations,
    )
    from django.db.backends.sqlite3.base import DatabaseOperations as SQLiteOperations

    def patched(original, vendor):
        def execute_sql_flush(self, sql_list):
            with transaction.atomic(using=self.connection.alias):
                with self.connection.cursor() as cursor:
                    for sql in audit_trigger_sql(vendor, "DOWN"):
                        cursor.execute(sql)
                original(self, sql_list)
                with self.connection.cursor() as cursor:
                    for sql in audit_trigger_sql(vendor, "UP"):
                        cursor.execute(sql)

        return execute_sql_flush

    with pytest.MonkeyPatch.context() as patch:
        for operations, vendor in (
            (SQLiteOperations, "sqlite"),
            (PostgresOperations, "postgresql"),
        ):
            patch.setattr(
                operations, "execute_sql_flush", patched(operations.execute_sql_flush, vendor)
            )
        yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files (evidence) go to a per-test directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def units(db) -> dict[str, Unit]:
    """The Hưng Yên / Kim Động reference tree, keyed as in the fixture (KD, DHOP, DT, ...)."""
    return load_units_fixture()


@pytest.fixture
def system(db) -> User:
    """The system actor: for setting data up through the services when no person acts (a test
    about permissions uses a real role user instead)."""
    return system_actor()


def make_user(username: str, role: Role, scope: Unit | None) -> User:
    return user_create(
        actor=system_actor(), username=username, password=PASSWORD, role=role, scope_unit=scope
    )


@pytest.fixture
def personas(units) -> dict[str, User]:
    """One user per role; commune roles sit in Đức Hợp (Đồng Thanh is out of their scope)."""
    return {
        "admin": make_user("p.admin", Role.SYSTEM_ADMIN, None),
        "district_officer": make_user("p.officer", Role.DISTRICT_OFFICER, units["KD"]),
        "ptkv_officer": make_user("p.ptkv", Role.DISTRICT_OFFICER, units["PTKV1"]),
        "commune_commander": make_user("p.commander", Role.COMMUNE_COMMANDER, units["DHOP"]),
        "other_commander": make_user("p.commander.dt", Role.COMMUNE_COMMANDER, units["DT"]),
        "commune_clerk": make_user("p.clerk", Role.COMMUNE_CLERK, units["DHOP"]),
        "health_council": make_user("p.health", Role.HEALTH_COUNCIL, units["KD"]),
        "service_council": make_user("p.council", Role.SERVICE_COUNCIL, units["DHOP"]),
        "leader": make_user("p.leader", Role.LEADER, units["KD"]),
        "auditor": make_user("p.auditor", Role.AUDITOR, units["KD"]),
        "commune_auditor": make_user("p.auditor.dh", Role.AUDITOR, units["DHOP"]),
    }


@pytest.fixture
def login(client):
    """``login(user)`` logs the test client in as ``user``; returns the client."""

    def _login(user: User):
        client.force_login(user)
        return client

    return _login
