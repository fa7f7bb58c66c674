"""Access rows of the call-out pages (tests/core/test_access_matrix.py). Read by every role of
the area; drafting needs Cap.MANAGE_RESERVE or Cap.MANAGE_MILITIA; the changes are POST-only
(tested in tests/mobilisation/test_pages.py)."""

from __future__ import annotations

from tests.access import EDIT_PEOPLE_ROLES, Route, unit_kwargs
from tests.mobilisation.factories import order_kwargs

#: Cap.MANAGE_RESERVE or Cap.MANAGE_MILITIA: the commune commander and clerk, the district /
#: regional officer, the administrator.
MANAGE_ROLES = EDIT_PEOPLE_ROLES

ROWS = {
    "mobilisation:index": Route(),
    "mobilisation:roster": Route(kwargs=unit_kwargs, scoped_object=True),
    "mobilisation:other_force_new": Route(
        kwargs=unit_kwargs, allowed=MANAGE_ROLES, scoped_object=True
    ),
    "mobilisation:order_new": Route(kwargs=unit_kwargs, allowed=MANAGE_ROLES, scoped_object=True),
    "mobilisation:order": Route(kwargs=order_kwargs, scoped_object=True),
    "mobilisation:report_pdf": Route(kwargs=order_kwargs, scoped_object=True),
    "mobilisation:report_xlsx": Route(kwargs=order_kwargs, scoped_object=True),
    "mobilisation:board": Route(kwargs=order_kwargs, scoped_object=True),
    "mobilisation:board_live": Route(kwargs=order_kwargs, scoped_object=True),
    "mobilisation:clerk": Route(kwargs=order_kwargs, allowed=MANAGE_ROLES, scoped_object=True),
}
POST_ONLY = frozenset(
    {
        "mobilisation:order_add",
        "mobilisation:order_remove",
        "mobilisation:order_issue",
        "mobilisation:order_close",
        "mobilisation:mark",
    }
)
