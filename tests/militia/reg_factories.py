"""Builders for the militia registration and selection tests: the military-service
registration results a commune's 18-year-olds come from, and a call-up official list entry
(written straight to the models; their own services are tested in their apps)."""

from __future__ import annotations

import datetime as dt

from muster.conscription.campaign.models import Campaign, CampaignCommune
from muster.conscription.selection.models import SelectionEntry, SelectionList
from muster.geo.models import Unit
from muster.people.models import Person
from muster.people.registration.models import (
    BarKind,
    EventKind,
    RegistrationBar,
    RegistrationEvent,
)
from tests.core.factories import make_person


def registered_at_17(
    unit: Unit,
    *,
    full_name: str,
    born: dt.date = dt.date(2008, 5, 2),
    sex: str = "M",
    on: dt.date | None = None,
) -> Person:
    """A citizen of ``unit`` with his first military-service registration (the April after
    his 17th birthday year began)."""
    person = make_person(unit, full_name=full_name, date_of_birth=born, sex=sex)
    RegistrationEvent.objects.create(
        person=person,
        kind=EventKind.FIRST_REGISTRATION,
        event_date=on or dt.date(born.year + 17, 4, 10),
        unit=unit,
    )
    return person


def exempt_art14(person: Person, *, ground: str = "Bại não (G80)", start: dt.date) -> None:
    RegistrationBar.objects.create(
        person=person,
        kind=BarKind.EXEMPT_ART14,
        ground=ground,
        legal_citation="Điều 14 Luật Nghĩa vụ quân sự 78/2015/QH13",
        start_date=start,
    )


def on_official_list(person: Person, unit: Unit, *, year: int) -> SelectionEntry:
    """``person`` on the army official list of a frozen selection list of ``unit`` in the
    campaign of ``year``."""
    campaign = Campaign.objects.create(
        unit=unit.parent or unit,
        year=year,
        exam_start=dt.date(year - 1, 11, 1),
        exam_end=dt.date(year - 1, 12, 31),
        handover_start=dt.date(year, 2, 13),
    )
    commune = CampaignCommune.objects.create(campaign=campaign, unit=unit)
    selection = SelectionList.objects.create(
        commune=commune,
        service="army",
        state="frozen",
        commitment="a" * 64,
        seed="b" * 64,
        frozen_at=dt.datetime(year - 1, 12, 20, 9, 0, tzinfo=dt.UTC),
        quota=1,
    )
    return SelectionEntry.objects.create(
        selection=selection,
        person=person,
        place=1,
        list_kind="official",
        education=12,
        health_class=1,
        draw="0" * 64,
    )
