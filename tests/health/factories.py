"""Builders shared by the health tests: the Kim Động council session of 16/11/2024 and a
citizen called to it."""

from __future__ import annotations

import datetime as dt

from muster.health.models import HealthCall, HealthSession, SessionKind
from muster.health.services import call_citizens, conclude_examination, session_create

EXAM_DAY = dt.date(2024, 11, 16)


def council_session(personas, units) -> HealthSession:
    return session_create(
        actor=personas["district_officer"],
        kind=SessionKind.EXAMINATION,
        unit=units["KD"],
        date=EXAM_DAY,
        place="Trung tâm Y tế Kim Động",
        body="Hội đồng khám sức khỏe",
    )


def called(personas, session, person, notified=dt.date(2024, 10, 30)) -> HealthCall:
    call_citizens(
        actor=personas["district_officer"], session=session, people=[person], notified_on=notified
    )
    return HealthCall.objects.get(session=session, person=person)


def conclude(personas, call) -> HealthCall:
    return conclude_examination(actor=personas["health_council"], call=call)
