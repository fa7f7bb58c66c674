"""Access rows of the reserve pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import EDIT_PEOPLE_ROLES, Route, unit_kwargs


def _reservist_kwargs(world, side):
    """A class 1 reservist of the side's commune (made once per world)."""
    import datetime as dt

    from muster.reserve.models import Reservist

    key = f"reservist_{side}"
    if key not in world:
        person = world[f"person_{side}"]
        world[key] = Reservist.objects.create(
            person=person,
            holder=person.registration_unit,
            kind="nco_soldier",
            reserve_class=1,
            registered_on=dt.date(2025, 3, 3),
            certificate_number=f"DB-{side}",
        )
    return {"public_id": world[key].public_id}


#: Cap.MANAGE_RESERVE: the commune commander and clerk, the district / regional officer.
MANAGE_RESERVE_ROLES = EDIT_PEOPLE_ROLES

ROWS = {
    "reserve:index": Route(),
    "reserve:returns": Route(kwargs=unit_kwargs, scoped_object=True),
    "reserve:receive": Route(kwargs=unit_kwargs, scoped_object=True, allowed=MANAGE_RESERVE_ROLES),
    "reserve:register": Route(kwargs=unit_kwargs, scoped_object=True),
    "reserve:reservist": Route(kwargs=_reservist_kwargs, scoped_object=True),
}
