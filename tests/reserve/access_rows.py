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


def _call(world, side):
    """A training call of the side's commune with its reservist (made once per world)."""
    import datetime as dt

    from muster.reserve.models import CallEntry, Reservist, TrainingCall

    key = f"reserve_call_{side}"
    if key not in world:
        _reservist_kwargs(world, side)
        reservist: Reservist = world[f"reservist_{side}"]
        world[key] = TrainingCall.objects.create(
            commune=reservist.holder,
            kind="training",
            title="Huấn luyện",
            starts_on=dt.date(2025, 5, 5),
            ends_on=dt.date(2025, 5, 9),
        )
        CallEntry.objects.create(call=world[key], reservist=reservist, status="present", days=5)
    return world[key]


def _call_kwargs(world, side):
    return {"public_id": _call(world, side).public_id}


def _meeting(world, side):
    import datetime as dt
    from decimal import Decimal

    from muster.reserve.models import Meeting, MeetingAttendance

    key = f"reserve_meeting_{side}"
    if key not in world:
        _reservist_kwargs(world, side)
        reservist = world[f"reservist_{side}"]
        world[key] = Meeting.objects.create(
            kind="december",
            commune=reservist.holder,
            held_on=dt.date(2025, 12, 20),
            hours=Decimal(3),
            content="Sinh hoạt cuối năm.",
        )
        MeetingAttendance.objects.create(meeting=world[key], reservist=reservist)
    return world[key]


def _meeting_kwargs(world, side):
    return {"public_id": _meeting(world, side).public_id}


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
    "reserve:training": Route(kwargs=unit_kwargs, scoped_object=True),
    "reserve:training_call": Route(kwargs=_call_kwargs, scoped_object=True),
    "reserve:training_payment_xlsx": Route(kwargs=_call_kwargs, scoped_object=True),
    "reserve:training_payment_pdf": Route(kwargs=_call_kwargs, scoped_object=True),
    "reserve:meeting": Route(kwargs=_meeting_kwargs, scoped_object=True),
    "reserve:meeting_minutes_pdf": Route(kwargs=_meeting_kwargs, scoped_object=True),
    "reserve:meeting_minutes_docx": Route(kwargs=_meeting_kwargs, scoped_object=True),
    "reserve:card": Route(kwargs=_reservist_kwargs, scoped_object=True),
    "reserve:reception": Route(kwargs=_reception_kwargs, scoped_object=True),
    "reserve:transfers": Route(kwargs=unit_kwargs, scoped_object=True),
    "reserve:strength": Route(),
    "reserve:report_periods": Route(kwargs=unit_kwargs, scoped_object=True),
    # Without ?period= the report is the running quarter's.
    "reserve:report_pdf": Route(kwargs=unit_kwargs, scoped_object=True),
    "reserve:report_docx": Route(kwargs=unit_kwargs, scoped_object=True),
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
    "reserve:unit_cadres": Route(kwargs=_unit_kwargs, scoped_object=True),
    "reserve:payments": Route(kwargs=unit_kwargs, scoped_object=True),
    "reserve:payments_xlsx": Route(kwargs=unit_kwargs, scoped_object=True),
    "reserve:payments_pdf": Route(kwargs=unit_kwargs, scoped_object=True),
}


def _asset_kwargs(world, side):
    from tests.reserve.assets.factories import make_asset

    key = f"asset_{side}"
    if key not in world:
        world[key] = make_asset(world[f"unit_{side}"], f"89C-000.{1 if side == 'in' else 2}")
    return {"public_id": world[key].public_id}


def _round_kwargs(world, side):
    from tests.reserve.assets.factories import make_round

    key = f"asset_round_{side}"
    if key not in world:
        world[key] = make_round(world[f"unit_{side}"])
    return {"public_id": world[key].public_id}


def _need_kwargs(world, side):
    from tests.reserve.assets.factories import make_need, make_unit

    key = f"asset_need_{side}"
    if key not in world:
        world[key] = make_need(make_unit(world[f"unit_{side}"], f"c-{side}"))
    return {"public_id": world[key].public_id}


ROWS.update(
    {
        "reserve:assets": Route(kwargs=unit_kwargs, scoped_object=True),
        "reserve:asset_add": Route(
            kwargs=unit_kwargs, scoped_object=True, allowed=MANAGE_RESERVE_ROLES
        ),
        "reserve:asset": Route(kwargs=_asset_kwargs, scoped_object=True),
        "reserve:asset_notice_pdf": Route(kwargs=_asset_kwargs, scoped_object=True),
        "reserve:asset_notice_docx": Route(kwargs=_asset_kwargs, scoped_object=True),
        "reserve:asset_rounds": Route(kwargs=unit_kwargs, scoped_object=True),
        "reserve:asset_round": Route(kwargs=_round_kwargs, scoped_object=True),
        "reserve:asset_round_xlsx": Route(kwargs=_round_kwargs, scoped_object=True),
        "reserve:asset_area_report": Route(),
        "reserve:asset_area_xlsx": Route(),
        "reserve:asset_needs": Route(),
        "reserve:asset_need": Route(kwargs=_need_kwargs, scoped_object=True),
    }
)
