"""Reads of the reserve registration (đăng ký quân nhân dự bị): the men a commune calls to it
and the reservists its register holds. The callers have already found the commune in the
actor's scope (``accounts.access.get_for_user``); the book of the reserve register is read
through the actor's scope in ``books.reserve``.

The men to call (``call_candidates``): registered in the commune, past the call-up age and
within the reserve age on the registration day (``law.callup.reserve.call_band``), on no
reserve register yet, not removed from the register, not barred from registering (Art 13 or
Art 14, open on the day) and not already called to the reserve that year. Bounded: the caller
pages them (``PAGE_SIZE``), and every page costs the same queries.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet

from muster.geo.models import Unit
from muster.law.callup import reserve
from muster.people.models import HigherLevel, Person, Sex, StudyStatus
from muster.people.registration.models import (
    CallKind,
    EventKind,
    RegistrationBar,
    RegistrationCall,
    RegistrationEvent,
)

PAGE_SIZE = 50

_GRADUATE = Q(
    higher_level__in=(HigherLevel.COLLEGE, HigherLevel.UNIVERSITY, HigherLevel.POSTGRADUATE),
    study_status=StudyStatus.GRADUATED,
)


def _event(*kinds: str) -> Exists:
    return Exists(RegistrationEvent.objects.filter(person=OuterRef("pk"), kind__in=kinds))


def call_candidates(commune: Unit, day: dt.date) -> QuerySet[Person]:
    """The men of ``commune`` to call to the reserve registration held on ``day``, by name.
    Empty where no rule is in force on ``day``."""
    try:
        band = reserve.call_band(day)
    except reserve.NoRuleInForce:
        return Person.objects.none()
    in_band = Q(date_of_birth__gte=band.earliest) & (
        Q(date_of_birth__lte=band.graduate_latest)
        | (Q(date_of_birth__lte=band.latest) & ~_GRADUATE)
    )
    barred = Exists(
        RegistrationBar.objects.filter(person=OuterRef("pk"), start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )
    )
    called = Exists(
        RegistrationCall.objects.filter(person=OuterRef("pk"), kind=CallKind.RESERVE, year=day.year)
    )
    return (
        Person.objects.filter(in_band, registration_unit=commune, sex=Sex.MALE)
        .filter(~_event(EventKind.RESERVE_REGISTRATION, EventKind.REMOVAL), ~barred, ~called)
        .only("id", "public_id", "full_name", "name_search", "date_of_birth", "national_id")
        .order_by("name_search", "id")
    )


def people_by_national_id(commune: Unit, raw: str) -> tuple[list[Person], list[str]]:
    """The citizens of ``commune`` named by their ID numbers (CCCD) in ``raw`` (separated by
    spaces, commas or lines; at most ``PAGE_SIZE``), and the numbers not found there."""
    numbers = list(dict.fromkeys(raw.replace(",", " ").split()))[:PAGE_SIZE]
    found = {
        p.national_id: p
        for p in Person.objects.filter(registration_unit=commune, national_id__in=numbers)
    }
    return [found[n] for n in numbers if n in found], [n for n in numbers if n not in found]
