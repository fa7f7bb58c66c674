"""Who may do what in the registry: ``can_<verb>_<object>`` predicates.

Each returns a bool; ``muster.accounts.access.require`` turns a refusal into a 403. Area checks
(a record outside the actor's units) stay with the selectors and services.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from muster.accounts.models import Role
from muster.accounts.perms import Cap, CapRule, has_cap

if TYPE_CHECKING:
    from muster.accounts.models import User


#: Register a citizen (đăng ký nghĩa vụ quân sự) and keep the registry: the commune clerk and
#: commander, the district or regional staff officer.
can_register_person = CapRule(Cap.EDIT_PEOPLE)

#: Record the commune police's quarterly report and apply it to the registry: the commune clerk and
#: commander, the district or regional staff officer (Decree 13/2016 Art 4(8)(b)).
can_record_police_report = CapRule(Cap.EDIT_PEOPLE)

#: Print the registration papers handed to citizens (Decree 13/2016 Art 3(2)): the self-declared
#: health form, the transfer letters, the reserve registration certificate. The people who keep the
#: register print them; a reader of the registry does not.
can_print_registration_papers = CapRule(Cap.EDIT_PEOPLE)


def can_view_registration_changes(user: User, obj: object = None) -> bool:
    """Follow the changes after registration and their deadlines (Law 78/2015 Art 17): those
    who keep the registry (the commune clerk and commander, the staff officer) and those who
    oversee it (the leader, the auditor); not the health or service councils, whose work the
    register's changes are not."""
    if has_cap(user, Cap.EDIT_PEOPLE):
        return True
    return has_cap(user, Cap.VIEW_PEOPLE) and user.role in (Role.LEADER, Role.AUDITOR)
