"""Access rows of the accounts pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import Route

ROWS: dict[str, Route] = {
    # The administrator's list of users (Cap.MANAGE_USERS).
    "accounts:users": Route(allowed=frozenset({"admin"})),
}
PUBLIC = frozenset({"accounts:login", "accounts:set_language", "accounts:unlock"})
POST_ONLY = frozenset({"accounts:logout", "accounts:login_code"})
