"""Access rows of the unit pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import Route, unit_kwargs

ROWS: dict[str, Route] = {
    "geo:unit_list": Route(),
    "geo:unit_detail": Route(kwargs=unit_kwargs, scoped_object=True),
}
