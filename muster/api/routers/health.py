"""``/health``: the calls of a health session, and a station's result for one call."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from muster.accounts.access import get_for_user
from muster.accounts.perms import Cap
from muster.api.framework import PageQuery, actor, keyset_page, page_of, responses
from muster.api.routers.citizens import masked
from muster.api.schemas import UnitRef, unit_ref
from muster.health import perms
from muster.health.models import HealthCall, StationResult
from muster.health.selectors import name_communes, session_calls, sessions_for_user
from muster.health.services import ResultInput, record_station_result
from muster.law.health.standards import EXAM_ROUND_1, EXAM_ROUND_1_WOMEN, EXAM_ROUND_2

router = Router(tags=["health"])

#: The station codes (``health.models.Station``) of the examination tables of
#: ``law.health.standards``: round 1, gynaecology, round 2, in the law's order.
STATIONS: tuple[str, ...] = tuple(
    code.strip()
    for table in (EXAM_ROUND_1, EXAM_ROUND_1_WOMEN, EXAM_ROUND_2)
    for code in table.split(",")
    if code.strip()
)
if TYPE_CHECKING:
    StationCode = str
else:  # the schema's enum
    StationCode = Literal[STATIONS]


class ResultOut(Schema):
    public_id: UUID
    station: str
    score: int | None
    positive: bool | None
    temporary: bool
    note: str
    exempt_icd: str


class CallOut(Schema):
    public_id: UUID
    citizen: UUID
    full_name: str
    national_id_masked: str
    commune: str
    registration_unit: UnitRef
    health_class: int | None
    class_temporary: bool
    concluded_on: dt.date | None
    results: list[ResultOut]


def _result(r: StationResult) -> ResultOut:
    return ResultOut(
        public_id=r.public_id,
        station=r.station,
        score=r.score,
        positive=r.positive,
        temporary=r.temporary,
        note=r.note,
        exempt_icd=r.exempt_icd,
    )


CallPage = page_of(CallOut, "CallPage")


def _call(c: HealthCall) -> CallOut:
    return CallOut(
        public_id=c.public_id,
        citizen=c.person.public_id,
        full_name=c.person.full_name,
        national_id_masked=masked(c.person.national_id),
        commune=c.commune_name,  # type: ignore[attr-defined]
        registration_unit=unit_ref(c.person.registration_unit),
        health_class=c.health_class,
        class_temporary=c.class_temporary,
        concluded_on=c.concluded_on,
        results=[_result(r) for r in c.results.all()],
    )


@router.get("/sessions/{public_id}/calls", response=responses(CallPage), url_name="health_calls")
def session_calls_page(
    request: HttpRequest, public_id: UUID, page: Query[PageQuery]
) -> dict[str, object]:
    """The citizens of the token's area called to a screening or examination session, with
    the results entered so far (the ``public_id`` of a call is where results are posted), a
    page at a time: by the name of the unit of registration, then the citizen's name."""
    user = actor(request)
    session = get_for_user(
        user, sessions_for_user(user), unit_field="unit", cap=Cap.VIEW_PEOPLE, public_id=public_id
    )
    found = keyset_page(
        session_calls(user=user, session=session),
        order=("person__registration_unit__name_search", "person__name_search", "id"),
        cursor=page.cursor,
        limit=page.limit,
        item=lambda c: c,
    )
    name_communes(found["items"], session.date)
    found["items"] = [_call(c) for c in found["items"]]
    return found


class ResultIn(Schema):
    """What the examiner entered at one station (as on the result page): a score 1–6 for the
    clinical stations, the measurements for physique and eyes, positive for the two tests."""

    station: StationCode
    score: str = Field("", max_length=2)
    temporary: bool = False
    note: str = Field("", max_length=255)
    exempt_icd: str = Field("", max_length=8)
    height_cm: str = Field("", max_length=8)
    weight_kg: str = Field("", max_length=8)
    chest_cm: str = Field("", max_length=8)
    right_eye: str = Field("", max_length=8)
    left_eye: str = Field("", max_length=8)
    right_corrected: str = Field("", max_length=8)
    left_corrected: str = Field("", max_length=8)
    myopia: str = Field("", max_length=8)
    myopia_operated: bool = False
    hyperopia: str = Field("", max_length=8)
    astigmatism: str = Field("", max_length=8)
    positive: bool | None = None


@router.post(
    "/calls/{public_id}/results", response=responses(ResultOut, 201), url_name="health_result"
)
def record_result(request: HttpRequest, public_id: UUID, body: ResultIn) -> Status[ResultOut]:
    """Record (or correct) one station's result for a call, through the same service as the
    result page (its rules: rounds, scoring, re-opening a concluded examination)."""
    user = actor(request, write=True)
    call = get_for_user(
        user,
        HealthCall.objects.select_related("session", "person"),
        unit_field="person__registration_unit",
        cap=lambda u, _c: perms.can_record_health_result(u),
        public_id=public_id,
    )
    data = ResultInput(**body.dict(exclude={"station"}))
    result = record_station_result(actor=user, call=call, station=body.station, data=data)
    return Status(201, _result(result))
