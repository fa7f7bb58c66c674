"""Access rows of the militia pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import Route, unit_kwargs

ROWS = {
    "militia:index": Route(),
    "militia:commune": Route(kwargs=unit_kwargs, scoped_object=True),
}

# --- the strength report (muster/militia/reports) ------------------------------------------
ROWS.update(
    {
        "militia:report": Route(),
        "militia:report_xlsx": Route(),
        "militia:report_pdf": Route(),
        "militia:report_unit": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:report_unit_xlsx": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:report_unit_pdf": Route(kwargs=unit_kwargs, scoped_object=True),
    }
)
