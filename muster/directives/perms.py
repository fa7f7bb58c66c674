"""Who may do what with directives, targets and reports: ``can_<verb>_<object>`` predicates.

Each returns a bool; ``muster.accounts.access.require`` turns a refusal into a 403 and
``get_for_user`` takes a predicate for a per-object rule. Scope (404) is checked before them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from muster.accounts.perms import Cap, CapRule, has_cap
from muster.directives.models import ReportStatus
from muster.geo.scope import scope_of

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.directives.models import Directive, Report


#: Keep bodies, directives, tasks, targets and milestones (the checker's role).
can_set_up_directives = CapRule(Cap.REVIEW_DIRECTIVE)


def is_issuing_level(user: User, directive: Directive) -> bool:
    """The directive's issuing unit is in the user's area: a commune that reports on it, or a
    regional command that coordinates, sees it without being its issuing level."""
    return scope_of(user).contains(directive.unit_id)


def can_issue_directive(user: User, directive: Directive | None = None) -> bool:
    """Create a directive, or change this one: a checker at its issuing level."""
    return can_set_up_directives(user) and (directive is None or is_issuing_level(user, directive))


#: Draft, edit, submit or revise a unit's periodic report (the maker's role).
can_draft_report = CapRule(Cap.REPORT_DIRECTIVE)


def can_approve_report(user: User, report: Report | None = None) -> bool:
    """Approve or send back a report: the checker's role; for a given report, only a submitted
    one, and not by the reporting unit itself (it cannot approve its own report)."""
    if not has_cap(user, Cap.REVIEW_DIRECTIVE):
        return False
    return report is None or (
        user.scope_unit_id != report.unit_id and report.status == ReportStatus.SUBMITTED
    )
