"""Access rows of the reserve pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import EDIT_PEOPLE_ROLES, Route, of_person, once, public_id_kwargs, unit_kwargs


@once("reservist")
def _reservist(world, side):
    """A class 1 reservist of the side's commune."""
    import datetime as dt

    from muster.reserve.models import Reservist

    return of_person(
        world,
        side,
        Reservist,
        kind="nco_soldier",
        reserve_class=1,
        registered_on=dt.date(2025, 3, 3),
        certificate_number=f"DB-{side}",
    )


@once("reserve_call")
def _call(world, side):
    """A training call of the side's commune with its reservist."""
    import datetime as dt

    from muster.reserve.models import CallEntry, TrainingCall

    reservist = _reservist(world, side)
    call = TrainingCall.objects.create(
        commune=reservist.holder,
        kind="training",
        title="Huấn luyện",
        starts_on=dt.date(2025, 5, 5),
        ends_on=dt.date(2025, 5, 9),
    )
    CallEntry.objects.create(call=call, reservist=reservist, status="present", days=5)
    return call


@once("reserve_meeting")
def _meeting(world, side):
    import datetime as dt
    from decimal import Decimal

    from muster.reserve.models import Meeting, MeetingAttendance

    reservist = _reservist(world, side)
    meeting = Meeting.objects.create(
        kind="december",
        commune=reservist.holder,
        held_on=dt.date(2025, 12, 20),
        hours=Decimal(3),
        content="Sinh hoạt cuối năm.",
    )
    MeetingAttendance.objects.create(meeting=meeting, reservist=reservist)
    return meeting


@once("reception")
def _reception(world, side):
    """A discharge reception of the side's person."""
    import datetime as dt

    from muster.reserve.models import DischargeReception

    return of_person(
        world,
        side,
        DischargeReception,
        service_started_on=dt.date(2023, 2, 15),
        discharged_on=dt.date(2025, 2, 14),
        arrived_home_on=dt.date(2025, 2, 17),
        registration_due_on=dt.date(2025, 3, 10),
        legal_citation="Điều 45",
        received_on=dt.date(2025, 2, 17),
    )


@once("reserve_unit")
def _unit(world, side):
    """A reserve unit of the side's commune with one line of posts."""
    import datetime as dt

    from muster.reserve.models import ReserveUnit, UnitPost

    unit = ReserveUnit.objects.create(
        area=world[f"unit_{side}"],
        code=f"C-{side}",
        name="Đại đội bộ binh",
        role="combat",
        force="main",
        established_on=dt.date(2024, 1, 1),
    )
    UnitPost.objects.create(unit=unit, specialty_code="BB", kind="nco_soldier", count=9)
    return unit


_reservist_kwargs = public_id_kwargs(_reservist)
_call_kwargs = public_id_kwargs(_call)
_meeting_kwargs = public_id_kwargs(_meeting)
_reception_kwargs = public_id_kwargs(_reception)
_unit_kwargs = public_id_kwargs(_unit)


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


@once("asset")
def _asset(world, side):
    from tests.reserve.assets.factories import make_asset

    return make_asset(world[f"unit_{side}"], f"89C-000.{1 if side == 'in' else 2}")


@once("asset_round")
def _round(world, side):
    from tests.reserve.assets.factories import make_round

    return make_round(world[f"unit_{side}"])


@once("asset_need")
def _need(world, side):
    from tests.reserve.assets.factories import make_need, make_unit

    return make_need(make_unit(world[f"unit_{side}"], f"c-{side}"))


_asset_kwargs = public_id_kwargs(_asset)
_round_kwargs = public_id_kwargs(_round)
_need_kwargs = public_id_kwargs(_need)


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
