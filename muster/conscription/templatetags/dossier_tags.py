"""``{% person_dossiers_card person %}``: the citizen page's deferral and exemption dossiers."""

from __future__ import annotations

from typing import Any

from django import template

from muster.accounts.perms import Cap, has_cap
from muster.conscription.dossiers.selectors import person_dossiers
from muster.people.models import Person

register = template.Library()


@register.inclusion_tag("conscription/_person_dossiers.html", takes_context=True)
def person_dossiers_card(context: dict[str, Any], person: Person) -> dict[str, Any]:
    """The person was already fetched and authorised by the page that includes this."""
    user = context["request"].user
    return {
        "person": person,
        "dossiers": person_dossiers(person=person),
        "can_propose": has_cap(user, Cap.MANAGE_CAMPAIGN),
    }
