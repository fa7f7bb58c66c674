"""Access rows of the defence pages (tests/core/test_access_matrix.py). Every role of the area
reads works, plans, drills, evidence and the report; the changes are POST-only (tested in
tests/defence/test_pages.py: recording needs Cap.MANAGE_MILITIA, approving
Cap.REVIEW_DIRECTIVE)."""

from __future__ import annotations

from tests.access import Route, unit_kwargs
from tests.defence.factories import evidence_kwargs, work_kwargs

ROWS = {
    "defence:index": Route(),
    "defence:unit": Route(kwargs=unit_kwargs, scoped_object=True),
    "defence:plans": Route(kwargs=unit_kwargs, scoped_object=True),
    "defence:report_pdf": Route(kwargs=unit_kwargs, scoped_object=True),
    "defence:report_xlsx": Route(kwargs=unit_kwargs, scoped_object=True),
    "defence:work": Route(kwargs=work_kwargs, scoped_object=True),
    "defence:evidence": Route(kwargs=evidence_kwargs, scoped_object=True),
}
POST_ONLY = frozenset(
    {
        "defence:plan_new",
        "defence:drill_new",
        "defence:milestone_record",
        "defence:evidence_add",
        "defence:milestone_approve",
        "defence:plan_update",
        "defence:drill_held",
    }
)
