"""Access rows of the militia pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import Route, unit_kwargs
from tests.militia.readiness.factories import callout_kwargs

ROWS = {
    "militia:index": Route(),
    "militia:commune": Route(kwargs=unit_kwargs, scoped_object=True),
}

# ---- Readiness and allowances (branch milready, issue 17 items 7 and 8) -------------------
# Read by every role of the area; ordering a call-out needs Cap.MANAGE_MILITIA; marking
# answers and closing are POST-only (tested in tests/militia/readiness/test_callout_pages.py).

MILITIA_ROLES = frozenset({"admin", "commune_commander", "other_commander", "commune_clerk"})
ROWS.update(
    {
        "militia:readiness": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:callout_new": Route(kwargs=unit_kwargs, allowed=MILITIA_ROLES, scoped_object=True),
        "militia:callout": Route(kwargs=callout_kwargs, scoped_object=True),
        "militia:callout_live": Route(kwargs=callout_kwargs, scoped_object=True),
        "militia:allowances": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:allowances_pdf": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:allowances_xlsx": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:allowance_rates": Route(kwargs=unit_kwargs, scoped_object=True),
    }
)
POST_ONLY = frozenset({"militia:callout_mark", "militia:callout_close"})
