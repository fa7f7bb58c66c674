"""The call-up's cards on the citizen page (registered in ``ConscriptionConfig.ready``): the
deferral and exemption dossiers, and the call-up decisions with handover, return and
replacement, volunteer applications and violation cases. The person was already fetched and
authorised by the page that shows them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from muster.accounts.perms import Cap, has_cap
from muster.conscription.decisions.selectors import person_callup
from muster.conscription.dossiers.selectors import person_dossiers

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.people.models import Person


def dossiers_card(person: Person, user: User) -> dict[str, Any]:
    return {
        "person": person,
        "dossiers": person_dossiers(person=person),
        "can_propose": has_cap(user, Cap.MANAGE_CAMPAIGN),
    }


def callup_card(person: Person, user: User) -> dict[str, Any]:
    return {"person": person, "callup": person_callup(person=person)}
