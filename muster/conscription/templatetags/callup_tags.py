"""``{% person_callup_card person %}``: the citizen page's call-up decisions, handover,
return and replacement, volunteer applications and violation cases."""

from __future__ import annotations

from typing import Any

from django import template

from muster.conscription.decisions.selectors import person_callup
from muster.people.models import Person

register = template.Library()


@register.inclusion_tag("conscription/_person_callup.html")
def person_callup_card(person: Person) -> dict[str, Any]:
    """The person was already fetched and authorised by the page that includes this."""
    return {"person": person, "callup": person_callup(person=person)}
