"""Access rows of the directive pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import EDIT_PEOPLE_ROLES, REVIEW_DIRECTIVE_ROLES, Route
from tests.directives.factories import matrix_kwargs

ROWS: dict[str, Route] = {
    "directives:directive_list": Route(),
    "directives:report_list": Route(),
    **{
        name: Route(kwargs=matrix_kwargs(kind), scoped_object=True)
        for name, kind in (
            ("directives:directive_board", "directive"),
            ("directives:standing_report_docx", "directive"),
            ("directives:standing_report_pdf", "directive"),
            ("directives:target_detail", "target"),
            ("directives:report_detail", "report"),
            ("directives:evidence_download", "evidence"),
        )
    },
    # The roles with Cap.REPORT_DIRECTIVE are those with Cap.EDIT_PEOPLE.
    "directives:report_create": Route(
        kwargs=matrix_kwargs("directive"), allowed=EDIT_PEOPLE_ROLES, scoped_object=True
    ),
    "directives:report_edit": Route(
        kwargs=matrix_kwargs("report"), allowed=EDIT_PEOPLE_ROLES, scoped_object=True
    ),
    # Setting up a directive: the roles with Cap.REVIEW_DIRECTIVE.
    "directives:directive_create": Route(allowed=REVIEW_DIRECTIVE_ROLES),
    **{
        name: Route(kwargs=matrix_kwargs(kind), allowed=REVIEW_DIRECTIVE_ROLES, scoped_object=True)
        for name, kind in (
            ("directives:directive_edit", "directive"),
            ("directives:task_create", "directive"),
            ("directives:task_edit", "task"),
            ("directives:target_create", "task"),
            ("directives:target_edit", "target"),
        )
    },
}
POST_ONLY = frozenset(
    {
        "directives:report_submit",
        "directives:report_review",
        "directives:report_revise",
        "directives:milestone_toggle",
        "directives:task_move",
    }
)
