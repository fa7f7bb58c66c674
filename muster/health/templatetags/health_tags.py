"""``{% person_health person %}``: the citizen page's health card (latest result and calls)."""

from __future__ import annotations

from typing import Any

from django import template

from muster.core.dates import today
from muster.health import rules
from muster.health.selectors import latest_valid_in, person_health
from muster.people.models import Person

register = template.Library()


@register.inclusion_tag("health/_person_health.html")
def person_health_card(person: Person) -> dict[str, Any]:
    """The person was already fetched and authorised by the page that includes this."""
    calls = person_health(person=person)
    latest = latest_valid_in(calls, today())
    return {
        "calls": calls,
        "latest": latest,
        "latest_until": (
            rules.valid_until(latest.concluded_on)
            if latest is not None and latest.concluded_on
            else None
        ),
    }
