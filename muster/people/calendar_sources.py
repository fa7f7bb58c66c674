"""The registry's answers to the year calendar (``core.registry.CalendarSource``): the day
each commune did a step, read from the live records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Min

from muster.law.callup import year as year_rules
from muster.people.registration.models import (
    EventKind,
    PoliceReport,
    RegistrationEvent,
    RegistrationReport,
)


def january_list_done(step: year_rules.Step, commune_ids: Sequence[int]) -> dict[int, dt.date]:
    """The first day of each commune's January list of the step's year (Art 16(1))."""
    rows = (
        RegistrationEvent.objects.filter(
            kind=EventKind.JANUARY_LIST, unit_id__in=commune_ids, event_date__year=step.due.year
        )
        .values("unit_id")
        .annotate(first=Min("event_date"))
        .order_by()
    )
    return {row["unit_id"]: row["first"] for row in rows}


def police_report_done(step: year_rules.Step, commune_ids: Sequence[int]) -> dict[int, dt.date]:
    """The day each commune received the police's report of the step's quarter."""
    rows = PoliceReport.objects.filter(
        unit_id__in=commune_ids,
        year=step.first_day.year,
        quarter=year_rules.quarter_of(step.first_day),
    ).values_list("unit_id", "received_on")
    return dict(rows)


def april_registration_done(
    step: year_rules.Step, commune_ids: Sequence[int]
) -> dict[int, dt.date]:
    """The day each commune held the registration of the step's year that it has reported to
    the level above (the 10-day report, Decree 13/2016 Art 4): the first such registration day.
    A registration not yet reported is not done."""
    rows = (
        RegistrationReport.objects.filter(
            unit_id__in=commune_ids, registration_date__year=step.due.year
        )
        .values("unit_id")
        .annotate(first=Min("registration_date"))
        .order_by()
    )
    return {row["unit_id"]: row["first"] for row in rows}
