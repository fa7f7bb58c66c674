"""Access rows of the health pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.access import CAMPAIGN_ROLES, EDIT_HEALTH_ROLES, Route


def _health_session(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A screening session in the side's commune (created on first use)."""
    from muster.health.models import HealthSession

    key = f"health_session_{side}"
    if key not in world:
        world[key] = HealthSession.objects.create(
            kind="screening", unit=world[f"unit_{side}"], date=dt.date(2024, 11, 16), place="x"
        )
    return {"public_id": world[key].public_id}


def _health_call(world: dict[str, Any], side: str) -> dict[str, Any]:
    """The side's citizen called to the side's screening session."""
    from muster.health.models import HealthCall, HealthSession

    key = f"health_call_{side}"
    if key not in world:
        session = HealthSession.objects.get(public_id=_health_session(world, side)["public_id"])
        world[key] = HealthCall.objects.create(session=session, person=world[f"person_{side}"])
    return {"public_id": world[key].public_id}


ROWS: dict[str, Route] = {
    "health:session_list": Route(),
    "health:session_create": Route(allowed=CAMPAIGN_ROLES),
    "health:session_detail": Route(kwargs=_health_session, scoped_object=True),
    "health:session_call": Route(
        kwargs=_health_session, allowed=CAMPAIGN_ROLES, scoped_object=True
    ),
    "health:session_book": Route(kwargs=_health_session, scoped_object=True),
    "health:screening_call_pdf": Route(kwargs=_health_session, scoped_object=True),
    "health:result_entry": Route(
        kwargs=_health_call, allowed=EDIT_HEALTH_ROLES, scoped_object=True
    ),
    "health:appeal": Route(kwargs=_health_call, allowed=EDIT_HEALTH_ROLES, scoped_object=True),
}

#: The council's conclusion (tests/health/test_examination.py checks its access).
POST_ONLY = frozenset({"health:conclude", "health:referral"})
