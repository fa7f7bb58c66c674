"""Writes the demo screening and examination sessions of a commune, with their calls and
station results."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from muster.accounts.services import system_actor
from muster.audit.services import record_event
from muster.conscription.campaign.models import CampaignCommune
from muster.demo.callup.health.findings import (
    DEMO_REASON,
    EXAM_PER_RECRUIT,
    LATE_NOTICE,
    NO_SHOW_EXAM,
    NO_SHOW_SCREENING,
    SCREENING_PER_RECRUIT,
    Body,
    StationPlan,
    classify,
    draw_body,
    drug_positive,
    exam_plan,
    likely_callable,
    remeasure,
    screening_plan,
)
from muster.demo.callup.health.schedule import HealthCalendar, HealthSummary
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit
from muster.health.models import HealthCall, HealthSession, SessionKind, Station, StationResult
from muster.health.services import next_decision_number
from muster.law.health import rules as health_rules
from muster.people.models import Person

# --------------------------------------------------------------------------- writer


@dataclass
class _CallRow:
    person: Person
    notified_on: dt.date
    plans: tuple[StationPlan, ...]


@dataclass
class _SessionRows:
    session: HealthSession
    calls: list[_CallRow] = field(default_factory=list)


def _decimal(plan: StationPlan, name: str) -> Decimal:
    value = plan.fields[name]
    assert isinstance(value, Decimal)
    return value


def _notified(session_day: dt.date, rng: random.Random, *, late: bool) -> dt.date:
    days = rng.randint(10, 14) if late else rng.randint(16, 22)
    return session_day - dt.timedelta(days=days)


def _make_session(
    *, kind: str, unit: Unit, date: dt.date, place: str, body: str, note: str
) -> HealthSession:
    """The checks of ``health.services.session_create``, then the row and its audit event."""
    if kind == SessionKind.SCREENING and unit.kind not in COMMUNE_LEVEL_KINDS:
        raise ValueError("screening is organised by a commune-level unit")
    if not unit.is_valid_on(date):
        raise ValueError(f"{unit} did not exist on {date}")
    number = next_decision_number(unit, date.year) if kind == SessionKind.SCREENING else None
    session = HealthSession.objects.create(
        kind=kind,
        unit=unit,
        date=date,
        place=place,
        body=body,
        note=note,
        decision_number=number,
        decision_year=date.year if number is not None else None,
    )
    changes = {"kind": kind, "date": date.isoformat(), "place": place}
    if number is not None:
        changes["decision_number"] = session.printed_number
    record_event(
        actor=system_actor(),
        action="health.session_create",
        obj=session,
        scope_unit=unit,
        changes=changes,
        reason=DEMO_REASON,
    )
    return session


def _write_session(rows: _SessionRows, *, held: bool, summary: HealthSummary) -> None:
    """Bulk-write the calls and results of one session, as ``call_citizens``,
    ``record_station_result`` and (for an examination) ``conclude_examination`` would, with one
    audit event for each. Every held examination is complete: it stops at a failed standard of
    round 1, or runs both rounds (``findings.exam_plan``)."""
    session = rows.session
    calls: list[HealthCall] = []
    results: list[list[StationResult]] = []
    classes: Counter[str] = Counter()
    late_count = 0
    for row in rows.calls:
        late = health_rules.notice_is_late(row.notified_on, session.date)
        late_count += late
        call = HealthCall(
            session=session, person=row.person, notified_on=row.notified_on, notice_late=late
        )
        plans = row.plans if held else ()
        if plans:
            health = classify(plans)
            by_station = {p.station: p for p in plans}
            physique = by_station.get(Station.PHYSIQUE)
            eyes = by_station.get(Station.EYES)
            call.health_class = health.value
            call.class_temporary = health.temporary
            call.decisive = ",".join(health.decisive)
            call.concluded_on = session.date
            call.bmi = _decimal(physique, "bmi") if physique else None
            call.myopia = _decimal(eyes, "myopia") if eyes else Decimal(0)
            call.hyperopia = _decimal(eyes, "hyperopia") if eyes else Decimal(0)
            call.exempt_icd = next((p.exempt_icd for p in plans if p.exempt_icd), "")
            call.drug_positive = drug_positive(plans)
            classes[call.class_label] += 1
        calls.append(call)
        results.append(
            [
                StationResult(
                    station=p.station,
                    score=p.score,
                    positive=p.positive,
                    temporary=p.temporary,
                    note=p.note,
                    exempt_icd=p.exempt_icd,
                    **p.fields,
                )
                for p in plans
            ]
        )
    HealthCall.objects.bulk_create(calls, batch_size=500)
    station_rows: list[StationResult] = []
    for call, call_results in zip(calls, results, strict=True):
        for result in call_results:
            result.call = call
            station_rows.append(result)
    StationResult.objects.bulk_create(station_rows, batch_size=500)
    record_event(
        actor=system_actor(),
        action="health.call",
        obj=session,
        scope_unit=session.unit,
        changes={"called": len(calls), "notice_late": late_count},
        reason=DEMO_REASON,
    )
    if station_rows:
        record_event(
            actor=system_actor(),
            action="health.result",
            obj=session,
            scope_unit=session.unit,
            changes={"results": len(station_rows), "classes": dict(sorted(classes.items()))},
            reason=DEMO_REASON,
        )
    concluded = sum(1 for call in calls if call.health_class is not None)
    if session.kind == SessionKind.EXAMINATION and concluded:
        record_event(
            actor=system_actor(),
            action="health.conclude",
            obj=session,
            scope_unit=session.unit,
            changes={"concluded": concluded, "classes": dict(sorted(classes.items()))},
            reason=DEMO_REASON,
        )
    summary.late += late_count
    if session.kind == SessionKind.SCREENING:
        summary.screened += len(calls)
        return
    summary.called_to_exam += len(calls)
    for call in calls:
        if call.health_class is not None:
            summary.examined += 1
            summary.classes[call.health_class] += 1
            summary.temporary += call.class_temporary


@dataclass
class _Commune:
    commune: CampaignCommune
    rng: random.Random
    candidates: list[Person]
    expected: float = 0.0
    flag_late: bool = False
    sessions: list[tuple[_SessionRows, bool]] = field(default_factory=list)


def _commune_sessions(
    c: _Commune, calendar: HealthCalendar, summary: HealthSummary
) -> list[tuple[_SessionRows, bool]]:
    """Create one commune's screening and examination sessions and plan their calls."""
    unit = c.commune.unit
    rng = c.rng
    expected = c.expected
    # The expected quota, one more for the stability band, and a standby list (15 %, at least 1).
    need = math.ceil(expected) + 1 + max(1, math.ceil(0.15 * expected))
    screen_count = min(len(c.candidates), max(math.ceil(SCREENING_PER_RECRUIT * expected), need))
    today = calendar.today
    prefix = "phường" if unit.kind == "ward" else "thị trấn" if unit.kind == "town" else "xã"
    station = f"Trạm Y tế {prefix} {unit.name}"
    screening_sessions = [
        _SessionRows(
            _make_session(
                kind=SessionKind.SCREENING,
                unit=unit,
                date=day,
                place=station,
                body=station,
                note=calendar.session_note,
            )
        )
        for day in calendar.screening[unit.code]
    ]
    exam_sessions = [
        _SessionRows(
            _make_session(
                kind=SessionKind.EXAMINATION,
                unit=calendar.exam_unit,
                date=day,
                place=calendar.council_place,
                body=calendar.council_body,
                note=f"Khám cho công dân {prefix} {unit.name}. {calendar.session_note}".strip(),
            )
        )
        for day in calendar.exams[unit.code]
    ]
    bodies: dict[int, Body] = {}
    passed: list[Person] = []
    for index, person in enumerate(c.candidates[:screen_count]):
        rows = screening_sessions[index % len(screening_sessions)]
        late = rng.random() < LATE_NOTICE or (index == 0 and c.flag_late)
        notified = _notified(rows.session.date, rng, late=late)
        body = draw_body(rng)
        bodies[person.pk] = body
        if rng.random() < NO_SHOW_SCREENING:
            rows.calls.append(_CallRow(person, notified, ()))
            continue
        plan = screening_plan(body, rng)
        rows.calls.append(_CallRow(person, notified, (plan,)))
        if not plan.failed and not plan.exempt_icd:
            passed.append(person)
    exam_count = min(len(passed), max(math.ceil(EXAM_PER_RECRUIT * expected), need))
    attending = passed[:exam_count]
    absent = {p.pk for p in attending if rng.random() < NO_SHOW_EXAM}
    present = [p for p in attending if p.pk not in absent]
    callable_count = 0
    for index, person in enumerate(attending):
        rows = exam_sessions[index % len(exam_sessions)]
        late = rng.random() < LATE_NOTICE or (index == 1 and c.flag_late)
        notified = _notified(rows.session.date, rng, late=late)
        if person.pk in absent:
            rows.calls.append(_CallRow(person, notified, ()))
            continue
        left = len(present) - present.index(person)
        force = need - callable_count >= left
        plans = exam_plan(remeasure(bodies[person.pk], rng), rng, fit=force)
        callable_count += likely_callable(plans)
        rows.calls.append(_CallRow(person, notified, plans))
    summary.callable[unit.code] = callable_count
    return [
        (rows, today is None or rows.session.date <= today)
        for rows in screening_sessions + exam_sessions
    ]
