"""Access rows of the portal pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import Route

ROWS: dict[str, Route] = {
    "portal:dashboard": Route(),
    "portal:module_pending": Route(kwargs=lambda w, side: {"slug": "documents"}),
}
PUBLIC = frozenset({"healthz"})
