"""Access rows of the rear-policy pages (tests/core/test_access_matrix.py). Read by every role
of the area; cases, entitlements and visits are entered by the commune military command
(Cap.MANAGE_MILITIA: commander and clerk, and the administrator); sending a case and recording
the unit's decision are POST-only (tested in tests/rear/test_pages.py)."""

from __future__ import annotations

from tests.access import Route, unit_kwargs
from tests.rear.factories import case_kwargs

#: Cap.MANAGE_MILITIA: the commune commanders and clerk, the administrator.
COMMAND_ROLES = frozenset({"admin", "commune_commander", "other_commander", "commune_clerk"})

ROWS = {
    "rear:index": Route(),
    "rear:area_report_pdf": Route(),
    "rear:area_report_xlsx": Route(),
    "rear:commune": Route(kwargs=unit_kwargs, scoped_object=True),
    "rear:case_new": Route(kwargs=unit_kwargs, allowed=COMMAND_ROLES, scoped_object=True),
    "rear:entitlement_new": Route(kwargs=unit_kwargs, allowed=COMMAND_ROLES, scoped_object=True),
    "rear:visit_new": Route(kwargs=unit_kwargs, allowed=COMMAND_ROLES, scoped_object=True),
    "rear:report_pdf": Route(kwargs=unit_kwargs, scoped_object=True),
    "rear:report_xlsx": Route(kwargs=unit_kwargs, scoped_object=True),
    "rear:case": Route(kwargs=case_kwargs, scoped_object=True),
}
POST_ONLY = frozenset({"rear:case_send", "rear:case_decide"})
