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


def _unit_kwargs(world, side):
    """A reserve unit of the side's commune with one line of posts (made once per world)."""
    import datetime as dt

    from muster.reserve.models import ReserveUnit, UnitPost

    key = f"reserve_unit_{side}"
    if key not in world:
        world[key] = ReserveUnit.objects.create(
            area=world[f"unit_{side}"],
            code=f"C-{side}",
            name="Đại đội bộ binh",
            role="combat",
            force="main",
            established_on=dt.date(2024, 1, 1),
        )
        UnitPost.objects.create(unit=world[key], specialty_code="BB", kind="nco_soldier", count=9)
    return {"public_id": world[key].public_id}


def _run_kwargs(world, side):
    """The side's commune, with a (current, empty) placement run to export."""
    import datetime as dt

    from muster.accounts.services import system_actor
    from muster.reserve.models import PlacementRun

    area = world[f"unit_{side}"]
    PlacementRun.objects.get_or_create(
        area=area, current=True, defaults={"day": dt.date(2025, 3, 1), "actor": system_actor()}
    )
    return {"public_id": area.public_id}


#: Cap.MANAGE_RESERVE: the commune commander and clerk, the district / regional officer.
MANAGE_RESERVE_ROLES = EDIT_PEOPLE_ROLES

ROWS = {
    "reserve:index": Route(),
    "reserve:returns": Route(kwargs=unit_kwargs, scoped_object=True),
    "reserve:receive": Route(kwargs=unit_kwargs, scoped_object=True, allowed=MANAGE_RESERVE_ROLES),
    "reserve:register": Route(kwargs=unit_kwargs, scoped_object=True),
    "reserve:reservist": Route(kwargs=_reservist_kwargs, scoped_object=True),
    "reserve:units": Route(kwargs=unit_kwargs, scoped_object=True),
    "reserve:unit_create": Route(
        kwargs=unit_kwargs, scoped_object=True, allowed=MANAGE_RESERVE_ROLES
    ),
    "reserve:close": Route(kwargs=unit_kwargs, scoped_object=True),
    "reserve:placement": Route(kwargs=unit_kwargs, scoped_object=True),
    "reserve:not_placed": Route(kwargs=unit_kwargs, scoped_object=True),
    "reserve:placement_xlsx": Route(kwargs=_run_kwargs, scoped_object=True),
    "reserve:unit": Route(kwargs=_unit_kwargs, scoped_object=True),
    "reserve:unit_edit": Route(
        kwargs=_unit_kwargs, scoped_object=True, allowed=MANAGE_RESERVE_ROLES
    ),
}
