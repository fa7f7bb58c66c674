"""Objects the API tests share."""

from __future__ import annotations

import datetime as dt
from typing import Any


def health_call(world: dict[str, Any], side: str):
    """The side's citizen called to a screening session of the side's commune (made once)."""
    from muster.health.models import HealthCall, HealthSession

    key = f"api_health_call_{side}"
    if key not in world:
        session = HealthSession.objects.create(
            kind="screening", unit=world[f"unit_{side}"], date=dt.date(2024, 11, 16), place="x"
        )
        world[key] = HealthCall.objects.create(session=session, person=world[f"person_{side}"])
    return world[key]
