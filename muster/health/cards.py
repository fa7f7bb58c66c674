"""The health card of the citizen page (registered in ``HealthConfig.ready``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from muster.core.dates import today
from muster.core.http import AuthenticatedHttpRequest
from muster.geo.scope import scope_of
from muster.health.selectors import latest_valid_in, person_health
from muster.law.health import rules

if TYPE_CHECKING:
    from muster.people.models import Person


def health_card(person: Person, request: AuthenticatedHttpRequest) -> dict[str, Any]:
    """The latest valid result and the calls. The person was already fetched and authorised by
    the page; a session held by a unit outside the user's area (the successor commune's, after
    a merger) is named but not linked, since its page would answer 404."""
    calls = person_health(person=person)
    latest = latest_valid_in(calls, today())
    area = scope_of(request.user)
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
