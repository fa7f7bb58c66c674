"""``{% person_health person %}``: the citizen page's health card (latest result and calls)."""

from __future__ import annotations

from typing import Any

from django import template

from muster.core.dates import today
from muster.geo.scope import scope_of
from muster.health.selectors import latest_valid_in, person_health
from muster.law.health import rules
from muster.people.models import Person

register = template.Library()


@register.inclusion_tag("health/_person_health.html", takes_context=True)
def person_health_card(context: dict[str, Any], person: Person) -> dict[str, Any]:
    """The person was already fetched and authorised by the page that includes this; a session
    held by a unit outside the user's area (the successor commune's, after a merger) is named
    but not linked, since its page would answer 404."""
    calls = person_health(person=person)
    latest = latest_valid_in(calls, today())
    area = scope_of(context["request"].user)
    return {
        "calls": calls,
        "linked_sessions": {c.session_id for c in calls if area.contains(c.session.unit)},
        "latest": latest,
        "latest_until": (
            rules.valid_until(latest.concluded_on)
            if latest is not None and latest.concluded_on
            else None
        ),
    }
