"""``/citizens``: the registry of the token's area (list, search by ID number, one citizen, his
registration events, his call-up verdict) and registering a citizen."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from muster.accounts.access import get_for_user, require, require_cap
from muster.accounts.perms import Cap
from muster.api.framework import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    PageQuery,
    Problem,
    actor,
    decode_cursor,
    encode_cursor,
    keyset_page,
    page_of,
    responses,
)
from muster.api.schemas import CitationOut, UnitRef, unit_ref
from muster.conscription.eligibility.selectors import (
    outside_coverage_message,
    verdict_for_person,
)
from muster.core.dates import today
from muster.geo.models import Unit
from muster.geo.scope import Scope, scope_of
from muster.law.callup.eligibility.facts import Reason
from muster.people.models import Person
from muster.people.perms import can_register_person
from muster.people.registration.models import RegistrationEvent
from muster.people.selectors import PersonFilter, search_people
from muster.people.services import person_create

router = Router(tags=["citizens"])


def masked(national_id: str) -> str:
    """An ID number with all but its last 3 digits hidden."""
    return "*" * max(0, len(national_id) - 3) + national_id[-3:]


class CitizenOut(Schema):
    public_id: UUID
    full_name: str
    sex: str
    date_of_birth: dt.date
    national_id_masked: str = Field(description="All but the last 3 digits hidden.")
    registration_unit: UnitRef
    residence_unit: UnitRef | None


CitizenPage = page_of(CitizenOut, "CitizenPage")


def _out(person: Person) -> CitizenOut:
    return CitizenOut(
        public_id=person.public_id,
        full_name=person.full_name,
        sex=person.sex,
        date_of_birth=person.date_of_birth,
        national_id_masked=masked(person.national_id),
        registration_unit=unit_ref(person.registration_unit),
        residence_unit=unit_ref(person.residence_unit) if person.residence_unit else None,
    )


def _person(request: HttpRequest, public_id: UUID) -> Person:
    return get_for_user(
        actor(request),
        Person.objects.select_related("registration_unit", "residence_unit"),
        unit_field="registration_unit",
        cap=Cap.VIEW_PEOPLE,
        public_id=public_id,
    )


class CitizenFilter(Schema):
    unit: UUID | None = Field(None, description="A unit of the area: its subtree only.")
    name: str = Field("", max_length=120, description="Words of the name (no diacritics needed).")
    birth_year: int | None = Field(None, ge=1900, le=2100)
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def _search(request: HttpRequest, *, query: str, f: CitizenFilter) -> dict[str, object]:
    user = actor(request)
    require_cap(user, Cap.VIEW_PEOPLE)
    unit_ids = None
    if f.unit is not None:
        unit = get_for_user(
            user, Unit.objects.all(), unit_field="pk", cap=Cap.VIEW_UNITS, public_id=f.unit
        )
        unit_ids = Scope.of_units([unit]).unit_ids() & scope_of(user).unit_ids()
    filters = None
    if f.birth_year is not None:  # born in the year: aged 0 on its last day
        filters = PersonFilter(on=dt.date(f.birth_year, 12, 31), min_age=0, max_age=0)
    after = ""
    if f.cursor:
        name, pk = decode_cursor(f.cursor, 2)
        after = f"{name}|{pk}"
    page = search_people(
        user=user,
        query=query,
        unit_ids=unit_ids,
        after=after,
        page_size=f.limit,
        filters=filters,
    )
    cursor = None
    if page.next_cursor is not None:
        name, _sep, pk = page.next_cursor.rpartition("|")
        cursor = encode_cursor([name, int(pk)])
    people = {
        p.pk: p
        for p in Person.objects.filter(pk__in=[p.pk for p in page.people]).select_related(
            "registration_unit", "residence_unit"
        )
    }
    return {"items": [_out(people[p.pk]) for p in page.people], "next_cursor": cursor}


@router.get("", response=responses(CitizenPage), url_name="citizens")
def list_citizens(request: HttpRequest, filters: Query[CitizenFilter]) -> dict[str, object]:
    """The citizens of the token's area in name order; ``name`` matches words of the name
    without diacritics, as the registry list does."""
    if filters.name.strip().isdigit():
        raise Problem(
            400,
            _("No ID numbers in URLs: search by ID number with POST /citizens/search."),
            errors={"query.name": [_("Digits are not a name.")]},
        )
    return _search(request, query=filters.name, f=filters)


class NewCitizen(Schema):
    full_name: str = Field(max_length=120)
    sex: str = Field(max_length=1, description="M or F.")
    date_of_birth: dt.date
    national_id: str = Field(max_length=12, description="The 12-digit ID number (CCCD).")
    registration_unit: UUID = Field(description="The commune of registration.")
    residence_unit: UUID | None = Field(None, description="The village of residence.")
    on: dt.date | None = Field(
        None, description="The day of the registration recorded (a commune merged since)."
    )


def _body_unit(public_id: UUID | None, field: str) -> Unit | None:
    if public_id is None:
        return None
    unit = Unit.objects.filter(public_id=public_id).first()
    if unit is None:
        raise ValidationError({field: [_("Unknown unit.")]})
    return unit


@router.post("", response=responses(CitizenOut, 201), url_name="citizens_create")
def create_citizen(request: HttpRequest, body: NewCitizen) -> Status[CitizenOut]:
    """Register a citizen (as the page “Register a citizen” does, through the same service)."""
    user = actor(request, write=True)
    require(can_register_person(user))
    person = person_create(
        actor=user,
        full_name=body.full_name,
        sex=body.sex,
        date_of_birth=body.date_of_birth,
        national_id=body.national_id,
        registration_unit=_body_unit(body.registration_unit, "registration_unit"),
        residence_unit=_body_unit(body.residence_unit, "residence_unit"),
        on=body.on,
    )
    return Status(201, _out(person))


class IdSearch(Schema):
    national_id: str = Field(
        min_length=3, max_length=12, pattern=r"^[0-9]+$", description="The ID number or its start."
    )
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


@router.post("/search", response=responses(CitizenPage), url_name="citizen_search")
def search_citizens(request: HttpRequest, body: IdSearch) -> dict[str, object]:
    """Citizens whose ID number starts with ``national_id`` (in the body: never in a URL)."""
    f = CitizenFilter(unit=None, name="", birth_year=None, cursor=body.cursor, limit=body.limit)
    return _search(request, query=body.national_id, f=f)


@router.get("/{public_id}", response=responses(CitizenOut), url_name="citizen")
def get_citizen(request: HttpRequest, public_id: UUID) -> CitizenOut:
    return _out(_person(request, public_id))


class EventOut(Schema):
    public_id: UUID
    kind: str
    kind_label: str
    event_date: dt.date
    unit: UnitRef | None
    certificate_number: str
    legal_citation: str
    note: str


EventPage = page_of(EventOut, "EventPage")


def _event(e: RegistrationEvent) -> EventOut:
    return EventOut(
        public_id=e.public_id,
        kind=e.kind,
        kind_label=str(e.get_kind_display()),
        event_date=e.event_date,
        unit=unit_ref(e.unit) if e.unit else None,
        certificate_number=e.certificate_number,
        legal_citation=e.legal_citation,
        note=e.note,
    )


@router.get(
    "/{public_id}/registration-events",
    response=responses(EventPage),
    url_name="citizen_events",
)
def citizen_events(
    request: HttpRequest, public_id: UUID, page: Query[PageQuery]
) -> dict[str, object]:
    """The citizen's military-service registration events, oldest first (by day, then as
    recorded), a page at a time."""
    person = _person(request, public_id)
    return keyset_page(
        RegistrationEvent.objects.filter(person=person).select_related("unit"),
        order=("event_date", "id"),
        cursor=page.cursor,
        limit=page.limit,
        item=_event,
    )


class ReasonOut(Schema):
    code: str
    message: str
    citations: list[CitationOut]


class StandardOut(Schema):
    standard: str
    status: str
    reason: ReasonOut | None


class VerdictOut(Schema):
    on: dt.date
    covered: bool = Field(description="False before the law the engine encodes: no verdict.")
    message: str = ""
    callable: bool | None = None
    registration: str | None = None
    standards: list[StandardOut] = []
    deferrals: list[ReasonOut] = []
    exemptions: list[ReasonOut] = []
    waived: list[ReasonOut] = []
    authority: ReasonOut | None = None
    reasons: list[ReasonOut] = []


def _reason(reason: Reason, vietnamese: bool) -> ReasonOut:
    return ReasonOut(
        code=reason.code,
        message=reason.message_vi if vietnamese and reason.message_vi else reason.message,
        citations=[
            CitationOut(
                document=c.document,
                article=c.article,
                clause=c.clause,
                point=c.point,
                label=c.label,
            )
            for c in reason.citations
        ],
    )


@router.get("/{public_id}/verdict", response=responses(VerdictOut), url_name="citizen_verdict")
def citizen_verdict(request: HttpRequest, public_id: UUID, on: dt.date | None = None) -> VerdictOut:
    """The call-up eligibility verdict on ``on`` (today when absent), as the citizen's page
    shows it: each standard, the deferral and exemption grounds, with their citations."""
    person = _person(request, public_id)
    day = on or today()
    bars = [
        b
        for b in person.registration_bars.all()
        if b.start_date <= day and (b.end_date is None or day <= b.end_date)
    ]
    verdict = verdict_for_person(
        person=person,
        on=day,
        ties=list(person.family_ties.all()),
        bars=bars,
        verifications=list(person.political_verifications.all()),
    )
    if verdict is None:
        return VerdictOut(on=day, covered=False, message=outside_coverage_message(day))
    vi = (get_language() or "").startswith("vi")
    return VerdictOut(
        on=day,
        covered=True,
        callable=verdict.callable,
        registration=verdict.registration,
        standards=[
            StandardOut(
                standard=s.standard,
                status=s.status,
                reason=_reason(s.reason, vi) if s.reason else None,
            )
            for s in verdict.standards
        ],
        deferrals=[_reason(r, vi) for r in verdict.deferrals],
        exemptions=[_reason(r, vi) for r in verdict.exemptions],
        waived=[_reason(r, vi) for r in verdict.waived],
        authority=_reason(verdict.authority, vi) if verdict.authority else None,
        reasons=[_reason(r, vi) for r in verdict.reasons],
    )
