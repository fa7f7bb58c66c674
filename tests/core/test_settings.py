"""Production settings, checked in a fresh process (the test process runs with test settings)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_bool, env_int

BASE_DIR = Path(__file__).resolve().parents[2]

#: Variables that change what the settings module does; none may leak in from the caller.
SETTINGS_VARIABLES = (
    "PYTEST_VERSION",
    "MUSTER_ALLOW_DEV_SECRET",
    "DEBUG",
    "SECRET_KEY",
    "SECRET_KEY_FILE",
    "ALLOWED_HOSTS",
    "ALLOWED_HOSTS_FILE",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_IDLE_SECONDS",
    "AUDIT_KEY_FILE",
    "AUDIT_KEY_AUTOCREATE",
    "MUSTER_VAR_DIR",
    "DJANGO_SETTINGS_MODULE",
)


def _audit_key_file() -> str:
    """A production audit key (``AUDIT_KEY_FILE``) outside var/, made once per test run."""
    import tempfile

    global _AUDIT_KEY
    if _AUDIT_KEY is None:
        path = Path(tempfile.mkdtemp(prefix="muster-audit-key-")) / "audit.key"
        path.write_text(secrets.token_hex(32) + "\n", encoding="utf-8")
        _AUDIT_KEY = str(path)
    return _AUDIT_KEY


_AUDIT_KEY: str | None = None


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_env(**overrides: str) -> dict[str, str]:
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(48),  # 64 characters
        "ALLOWED_HOSTS": "muster.example.vn",
        "AUDIT_KEY_FILE": _audit_key_file(),
        **overrides,
    }


def test_production_settings_pass_the_deploy_check():
    env = production_env()
    assert len(env["SECRET_KEY"]) == 64
    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_secret_key_from_a_file_passes_the_deploy_check(tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text(secrets.token_urlsafe(48) + "\n", encoding="utf-8")
    env = production_env(SECRET_KEY_FILE=str(secret))
    del env["SECRET_KEY"]
    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("overrides", "warning"),
    [
        ({"DEBUG": "1"}, "security.W018"),
        ({"SECRET_KEY": "short-and-weak"}, "security.W009"),
        ({"SECURE_SSL_REDIRECT": "0"}, "security.W008"),
        ({"SESSION_COOKIE_SECURE": "0"}, "security.W012"),
    ],
)
def test_the_deploy_check_would_catch_a_weakened_setting(overrides, warning):
    """The check above can fail: each weakened setting is reported and fails the command."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production_env(**overrides))
    assert result.returncode != 0
    assert warning in result.stdout + result.stderr


def test_production_without_its_audit_key_file_refuses_to_start(tmp_path):
    """No key file is made when DEBUG is off: ``audit.E001`` (muster/audit/keys.py)."""
    result = manage("check", **production_env(AUDIT_KEY_FILE=str(tmp_path / "missing.key")))
    assert result.returncode != 0
    assert "audit.E001" in result.stdout + result.stderr
    assert not (tmp_path / "missing.key").exists()


def test_debug_unset_and_no_secret_key_refuses_to_start():
    result = manage("check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_debug_off_and_empty_secret_key_refuses_to_start():
    result = manage("check", DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_bad_boolean_is_a_clear_error():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean (use 1/0, true/false)" in result.stderr


def test_bad_integer_is_a_clear_error():
    result = manage("check", **production_env(SESSION_IDLE_SECONDS="half an hour"))
    assert result.returncode != 0
    assert "SESSION_IDLE_SECONDS='half an hour' is not an integer" in result.stderr


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), (" Yes ", True), ("on", True), ("0", False), ("off", False)],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("MUSTER_TEST_FLAG", raw)
    assert env_bool("MUSTER_TEST_FLAG", not expected) is expected


def test_env_bool_and_int_defaults_when_unset_or_empty(monkeypatch):
    monkeypatch.delenv("MUSTER_TEST_FLAG", raising=False)
    assert env_bool("MUSTER_TEST_FLAG", True) is True
    assert env_int("MUSTER_TEST_FLAG", 7) == 7
    monkeypatch.setenv("MUSTER_TEST_FLAG", "")
    assert env_bool("MUSTER_TEST_FLAG", False) is False
    assert env_int("MUSTER_TEST_FLAG", 7) == 7


@pytest.mark.parametrize("raw", ["maybe", "2", "yes please"])
def test_env_bool_rejects_anything_else(monkeypatch, raw):
    monkeypatch.setenv("MUSTER_TEST_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match=r"MUSTER_TEST_FLAG=.* is not a boolean"):
        env_bool("MUSTER_TEST_FLAG", False)


@pytest.mark.django_db
def test_sqlite_connections_get_wal_and_a_64_mb_page_cache():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite pragmas")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == -64 * 1024
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 1  # NORMAL
