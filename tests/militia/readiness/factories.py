"""Call-outs for tests, written straight to the models (the services are tested on their own)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from muster.geo.models import Unit
from muster.militia.models import CallOut, CallOutMember, Membership, MilitiaUnit


def at(day: dt.date, hour: int = 8, minute: int = 0) -> dt.datetime:
    """An aware local date-time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def make_callout(
    holder: Unit,
    members: list[Membership],
    *,
    units: list[MilitiaUnit] | None = None,
    ordered_at: dt.datetime | None = None,
    closed_at: dt.datetime | None = None,
    purpose: str = "flood",
) -> CallOut:
    callout = CallOut.objects.create(
        holder=holder,
        kind="real",
        purpose=purpose,
        ordered_by="Chỉ huy trưởng BCHQS xã",
        ordered_at=ordered_at or at(dt.date(2025, 9, 1)),
        closed_at=closed_at,
    )
    chosen = units if units is not None else list({m.unit for m in members if m.unit})
    callout.units.set(chosen)
    for m in members:
        assert m.unit is not None
        CallOutMember.objects.create(callout=callout, membership=m, unit=m.unit)
    return callout


def matrix_callout(world: dict, side: str) -> CallOut:
    """A call-out of one member of the side's commune, cached in the access matrix's world."""
    from tests.core.factories import make_person
    from tests.militia.factories import make_member, make_militia_unit

    key = f"callout_{side}"
    if key not in world:
        unit = world[f"unit_{side}"]
        platoon = make_militia_unit(unit)
        person = make_person(unit, full_name=f"Lê Văn Tùng {side}")
        member = make_member(person, holder=unit, unit=platoon)
        world[key] = make_callout(unit, [member])
    return world[key]


def callout_kwargs(world: dict, side: str) -> dict:
    return {"public_id": matrix_callout(world, side).public_id}
