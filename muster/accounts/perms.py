"""What each role may do: capabilities, stated in business language.

A capability is checked *after* scope: a record outside the user's units is a 404 whatever the
role; a record inside with a role that lacks the capability is a 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from muster.accounts.models import Role

if TYPE_CHECKING:
    from muster.accounts.models import User


class Cap(StrEnum):
    VIEW_UNITS = "units.view"
    VIEW_PEOPLE = "people.view"
    EDIT_PEOPLE = "people.edit"
    VIEW_AUDIT = "audit.view"
    MANAGE_USERS = "users.manage"
    EDIT_HEALTH = "health.edit"
    COUNCIL_REVIEW = "council.review"
    MANAGE_CAMPAIGN = "campaign.manage"
    VIEW_REPORTS = "reports.view"
    # Directives: draft and submit a unit's periodic progress report (the maker).
    REPORT_DIRECTIVE = "directives.report"
    # Directives: approve or send back reports (the checker), keep targets and milestones.
    REVIEW_DIRECTIVE = "directives.review"
    # Militia: register, select, organise, train and pay the militia and self-defence force
    # (the commune military command; officers above read their area).
    MANAGE_MILITIA = "militia.manage"
    # Reserve: receive discharged soldiers, keep the reservist register (the commune military
    # command and the district / regional officer).
    MANAGE_RESERVE = "reserve.manage"
    # Province (from 01/07/2025): the provincial military service council proposes the
    # communes' quotas, the call-up lists and the deferrals and exemptions ...
    PROPOSE_PROVINCE = "province.propose"
    # ... and the chairman's office records the provincial chairman's decisions on them.
    DECIDE_PROVINCE = "province.decide"


_READ = {Cap.VIEW_UNITS, Cap.VIEW_PEOPLE, Cap.VIEW_REPORTS}

ROLE_CAPS: dict[str, frozenset[Cap]] = {
    # Runs the system: users, reference data; sees everything including the audit log.
    Role.SYSTEM_ADMIN: frozenset(Cap),
    # The system actor (commands, demo loader): every capability; its scope is the whole system.
    Role.SYSTEM: frozenset(Cap),
    # District or PTKV staff officer: runs the campaign for the communes in scope.
    Role.DISTRICT_OFFICER: frozenset(
        _READ
        | {
            Cap.EDIT_PEOPLE,
            Cap.MANAGE_CAMPAIGN,
            Cap.REPORT_DIRECTIVE,
            Cap.REVIEW_DIRECTIVE,
            Cap.MANAGE_RESERVE,
        }
    ),
    # Commune commander: answers for the commune's registry and its part of the campaign.
    Role.COMMUNE_COMMANDER: frozenset(
        _READ
        | {
            Cap.EDIT_PEOPLE,
            Cap.MANAGE_CAMPAIGN,
            Cap.REPORT_DIRECTIVE,
            Cap.MANAGE_MILITIA,
            Cap.MANAGE_RESERVE,
        }
    ),
    # Commune clerk: keeps the registry.
    Role.COMMUNE_CLERK: frozenset(
        _READ | {Cap.EDIT_PEOPLE, Cap.REPORT_DIRECTIVE, Cap.MANAGE_MILITIA, Cap.MANAGE_RESERVE}
    ),
    # Health council member: enters screening and examination results.
    Role.HEALTH_COUNCIL: frozenset(_READ | {Cap.EDIT_HEALTH}),
    # Military service council member: reviews lists, deferrals and exemptions.
    Role.SERVICE_COUNCIL: frozenset(_READ | {Cap.COUNCIL_REVIEW}),
    # Provincial military service council member: proposes to the provincial chairman.
    Role.PROVINCE_COUNCIL: frozenset(_READ | {Cap.PROPOSE_PROVINCE}),
    # The provincial chairman's office: records the chairman's decisions; changes nothing else.
    Role.PROVINCE_CHAIRMAN: frozenset(_READ | {Cap.DECIDE_PROVINCE}),
    # Leader: reads dashboards, lists and reports; changes nothing.
    Role.LEADER: frozenset(_READ),
    # Auditor: reads the audit log and the records it names; changes nothing.
    Role.AUDITOR: frozenset(_READ | {Cap.VIEW_AUDIT}),
}


def has_cap(user: User, cap: Cap) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return cap in ROLE_CAPS.get(user.role, frozenset())


@dataclass(frozen=True)
class CapRule:
    """A predicate that holds when the user's role has one capability: an app's
    ``can_<verb>_<object> = CapRule(Cap.X)``, called as ``can_<verb>_<object>(user, obj)`` like
    any predicate (``obj`` is not read)."""

    cap: Cap

    def __call__(self, user: User, obj: object = None) -> bool:
        return has_cap(user, self.cap)


def can_issue_login_code(actor: User, user: User) -> bool:
    """Issue a one-time login code (``accounts.LoginCode``) for ``user``: the administrator
    (``Cap.MANAGE_USERS``) whose area holds the user's scope; never for the system actor, an
    inactive user, or oneself. The area check is the caller's (``get_for_user``)."""
    return (
        has_cap(actor, Cap.MANAGE_USERS)
        and user.is_active
        and not user.is_system_actor
        and user.pk != actor.pk
    )
