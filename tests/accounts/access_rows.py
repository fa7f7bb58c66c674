"""Access rows of the accounts pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import Route

ROWS: dict[str, Route] = {}
PUBLIC = frozenset({"accounts:login", "accounts:set_language"})
POST_ONLY = frozenset({"accounts:logout"})
