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


def _reception_kwargs(world, side):
    """A discharge reception of the side's person (made once per world)."""
    import datetime as dt

    from muster.reserve.models import DischargeReception

    key = f"reception_{side}"
    if key not in world:
        person = world[f"person_{side}"]
        world[key] = DischargeReception.objects.create(
            person=person,
            holder=person.registration_unit,
            service_started_on=dt.date(2023, 2, 15),
            discharged_on=dt.date(2025, 2, 14),
            arrived_home_on=dt.date(2025, 2, 17),
            registration_due_on=dt.date(2025, 3, 10),
            legal_citation="Điều 45",
            received_on=dt.date(2025, 2, 17),
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
    "reserve:card": Route(kwargs=_reservist_kwargs, scoped_object=True),
    "reserve:reception": Route(kwargs=_reception_kwargs, scoped_object=True),
    "reserve:transfers": Route(kwargs=unit_kwargs, scoped_object=True),
    "reserve:strength": Route(),
}
