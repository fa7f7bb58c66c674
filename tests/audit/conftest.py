"""Tampering needs the triggers guarding the audit tables out of the way."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.conftest import audit_trigger_sql


def set_audit_triggers(enabled: bool) -> None:
    """Every trigger guarding the audit tables (events and head) off, or back on."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            up = audit_trigger_sql("sqlite", "UP")
            for sql in audit_trigger_sql("sqlite", "DOWN") + (up if enabled else []):
                cursor.execute(sql)
        elif connection.vendor == "postgresql":
            state = "ENABLE" if enabled else "DISABLE"
            for table in ("audit_auditevent", "audit_audithead"):
                cursor.execute(f"ALTER TABLE {table} {state} TRIGGER USER")
        else:  # pragma: no cover - Muster runs on SQLite and PostgreSQL only
            pytest.fail(f"no append-only triggers for {connection.vendor}")


@pytest.fixture
def tamperable(transactional_db, units):
    """The Kim Động chain, committed, with the audit tables' triggers removed for the test."""
    set_audit_triggers(enabled=False)
    yield units
    set_audit_triggers(enabled=True)
