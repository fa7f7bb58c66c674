"""Access rows of the audit log (tests/core/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import AUDIT_ROLES, Route

ROWS: dict[str, Route] = {"audit:event_list": Route(allowed=AUDIT_ROLES)}
