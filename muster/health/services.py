"""State changes of health screening and examination: sessions, calls, station results.

Each service checks role (403) and area (validation error), validates, writes in one
transaction and records the audit event in it. Scores and the class come from the pure
``scoring`` module; dates (15-day notice) from the pure ``rules`` module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit
from muster.geo.scope import scope_of, scope_of_unit
from muster.health import perms
from muster.health.models import HealthCall, HealthSession, SessionKind, Station, StationResult
from muster.law.health import exam, rules, scoring
from muster.people.models import Person, Sex

if TYPE_CHECKING:
    from muster.accounts.models import User


def session_create(
    *,
    actor: User,
    kind: str,
    unit: Unit,
    date: dt.date,
    place: str,
    body: str = "",
    note: str = "",
) -> HealthSession:
    """Open a screening (commune health station) or examination (health council) session."""
    require(perms.can_organise_health_session(actor))
    require_actor_area(actor, unit.pk)
    errors: dict[str, list[str]] = {}
    if kind not in SessionKind.values:
        errors["kind"] = [_("Choose the kind of session.")]
    if kind == SessionKind.SCREENING and unit.kind not in COMMUNE_LEVEL_KINDS:
        errors["unit"] = [_("Preliminary screening is organised by a commune-level unit.")]
    if not unit.is_valid_on(date):
        errors["unit"] = [_("This unit did not exist on the session date.")]
    if not place.strip():
        errors["place"] = [_("Enter the place.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        number = next_decision_number(unit, date.year) if kind == SessionKind.SCREENING else None
        session = HealthSession.objects.create(
            kind=kind,
            unit=unit,
            date=date,
            place=place.strip(),
            body=body.strip(),
            note=note,
            decision_number=number,
            decision_year=date.year if number is not None else None,
        )
        changes = {"kind": kind, "date": date.isoformat(), "place": session.place}
        if number is not None:
            changes["decision_number"] = session.printed_number
        record_event(
            actor=actor,
            action="health.session_create",
            obj=session,
            scope_unit=unit,
            changes=changes,
        )
    return session


def next_decision_number(unit: Unit, year: int) -> int:
    """The next screening call decision number of ``unit`` in ``year``. The unit's row is
    locked first, so two sessions opened at once wait for each other and get distinct numbers
    (the unique constraint ``healthsession_decision_number_once`` is the last guard)."""
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    last = HealthSession.objects.filter(unit=unit, decision_year=year).aggregate(
        n=Max("decision_number")
    )["n"]
    return (last or 0) + 1


@dataclass(frozen=True)
class CallOutcome:
    created: int
    updated: int
    late: int


def call_citizens(
    *,
    actor: User,
    session: HealthSession,
    people: Iterable[Person],
    notified_on: dt.date | None,
) -> CallOutcome:
    """Call ``people`` to ``session`` (or update the day the decision reached them).

    The late flag is computed by the 15-day rule in force on the session day.
    """
    require(perms.can_organise_health_session(actor, session))
    require_actor_area(actor, session.unit_id)
    people = list(people)
    if not people:
        raise ValidationError({"people": [_("Name at least one citizen.")]})
    if notified_on is not None and notified_on > session.date:
        raise ValidationError(
            {"notified_on": [_("The decision cannot reach the citizen after the session.")]}
        )
    # The session's unit answers for its own subtree and its predecessors' (a regional command
    # for the former district's communes).
    covered = scope_of_unit(session.unit)
    inside = set(
        Unit.objects.filter(
            scope_of(actor).q("pk"),
            covered.q("pk"),
            pk__in={p.registration_unit_id for p in people},
        ).values_list("pk", flat=True)
    )
    outside = [p.full_name for p in people if p.registration_unit_id not in inside]
    if outside:
        raise ValidationError(
            {
                "people": [
                    _("Not registered in the session's unit: %(names)s")
                    % {"names": ", ".join(outside)}
                ]
            }
        )
    late = rules.notice_is_late(notified_on, session.date) if notified_on else False
    created = updated = 0
    with transaction.atomic():
        existing = {
            c.person_id: c
            for c in HealthCall.objects.select_for_update().filter(
                session=session, person__in=people
            )
        }
        for person in people:
            call = existing.get(person.pk)
            if call is None:
                call = HealthCall.objects.create(
                    session=session, person=person, notified_on=notified_on, notice_late=late
                )
                created += 1
            else:
                call.notified_on = notified_on
                call.notice_late = late
                call.save(update_fields=["notified_on", "notice_late"])
                updated += 1
            record_event(
                actor=actor,
                action="health.call",
                obj=call,
                scope_unit=person.registration_unit,
                changes={
                    "session": str(session.public_id),
                    "person": str(person.public_id),
                    "notified_on": notified_on.isoformat() if notified_on else None,
                    "notice_late": late,
                },
            )
    return CallOutcome(created=created, updated=updated, late=len(people) if late else 0)


@dataclass(frozen=True)
class ResultInput:
    """What the examiner typed at one station (strings as typed; blanks allowed)."""

    score: str = ""
    temporary: bool = False
    note: str = ""
    exempt_icd: str = ""
    height_cm: str = ""
    weight_kg: str = ""
    chest_cm: str = ""
    right_eye: str = ""
    left_eye: str = ""
    right_corrected: str = ""
    left_corrected: str = ""
    myopia: str = ""
    myopia_operated: bool = False
    hyperopia: str = ""
    astigmatism: str = ""
    #: The drug and HIV tests: True positive, False negative, None not chosen.
    positive: bool | None = None


def _decimal(
    errors: dict[str, list[str]], field: str, raw: str, *, required: bool, places: int = 1
) -> Decimal:
    text = raw.strip().replace(",", ".")
    if not text:
        if required:
            errors[field] = [_("This field is required.")]
        return Decimal(0)
    try:
        value = Decimal(text)
    except InvalidOperation:
        errors[field] = [_("Enter a number.")]
        return Decimal(0)
    if not value.is_finite() or value < 0 or value > 400:
        errors[field] = [_("Enter a number between 0 and 400.")]
        return Decimal(0)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        errors[field] = [_("Enter at most %(n)d decimal places.") % {"n": places}]
        return Decimal(0)
    return value


def _tenths(errors: dict[str, list[str]], field: str, raw: str, *, required: bool) -> int | None:
    text = raw.strip()
    if not text:
        if required:
            errors[field] = [_("This field is required.")]
        return None
    if not text.isdigit() or not 0 <= int(text) <= scoring.MAX_ACUITY_READING:
        errors[field] = [
            _("Enter the acuity in tenths, 0 to 20 (a reading above 10/10 counts as 10/10).")
        ]
        return None
    return int(text)


@dataclass(frozen=True)
class _Scored:
    score: int
    temporary: bool
    fields: dict[str, object]


def _score_physique(person: Person, data: ResultInput) -> _Scored:
    errors: dict[str, list[str]] = {}
    male = person.sex == Sex.MALE
    height = _decimal(errors, "height_cm", data.height_cm, required=True)
    weight = _decimal(errors, "weight_kg", data.weight_kg, required=True)
    chest = _decimal(errors, "chest_cm", data.chest_cm, required=male)
    for field, value in (("height_cm", height), ("weight_kg", weight)):
        if field not in errors and value <= 0:
            errors[field] = [_("Enter a positive number.")]
    if male and "chest_cm" not in errors and chest <= 0:
        errors["chest_cm"] = [_("Enter a positive number.")]
    if errors:
        raise ValidationError(errors)
    sex: scoring.Sex = "male" if male else "female"
    result = scoring.physique(sex, float(height), float(weight), float(chest) if male else None)
    return _Scored(
        score=result.score.value,
        temporary=False,
        fields={
            "height_cm": height,
            "weight_kg": weight,
            "chest_cm": chest if male else None,
            "bmi": result.bmi_value.quantize(Decimal("0.01")),
        },
    )


def _score_eyes(data: ResultInput) -> _Scored:
    errors: dict[str, list[str]] = {}
    right = _tenths(errors, "right_eye", data.right_eye, required=True)
    left = _tenths(errors, "left_eye", data.left_eye, required=True)
    right_c = _tenths(errors, "right_corrected", data.right_corrected, required=False)
    left_c = _tenths(errors, "left_corrected", data.left_corrected, required=False)
    if (right_c is None) != (left_c is None) and not errors:
        errors["right_corrected"] = [_("Enter the corrected acuity of both eyes, or neither.")]
    myopia = _decimal(errors, "myopia", data.myopia, required=False, places=2)
    hyperopia = _decimal(errors, "hyperopia", data.hyperopia, required=False, places=2)
    astigmatism = _decimal(errors, "astigmatism", data.astigmatism, required=False, places=2)
    if myopia > 0 and hyperopia > 0:
        errors["hyperopia"] = [_("An eye exam records myopia or hyperopia, not both.")]
    if errors:
        raise ValidationError(errors)
    assert right is not None and left is not None
    score = scoring.vision_score(
        scoring.VisionExam(
            right=right,
            left=left,
            right_corrected=right_c,
            left_corrected=left_c,
            myopia=float(myopia),
            myopia_operated=data.myopia_operated,
            hyperopia=float(hyperopia),
            astigmatism=float(astigmatism),
            temporary=data.temporary,
        )
    )
    return _Scored(
        score=score.value,
        temporary=score.temporary,
        fields={
            "right_eye": right,
            "left_eye": left,
            "right_corrected": right_c,
            "left_corrected": left_c,
            "myopia": myopia,
            "myopia_operated": data.myopia_operated,
            "hyperopia": hyperopia,
            "astigmatism": astigmatism,
        },
    )


def _score_other(data: ResultInput) -> _Scored:
    text = data.score.strip().upper()
    temporary = data.temporary or text.endswith("T")
    text = text.removesuffix("T")
    if not text.isdigit() or not 1 <= int(text) <= scoring.WORST:
        raise ValidationError({"score": [_("Enter a score from 1 to 6 (optionally with T).")]})
    return _Scored(score=int(text), temporary=temporary, fields={})


def _sex(person: Person) -> scoring.Sex:
    return "female" if person.sex == Sex.FEMALE else "male"


def _score_test(station: str, data: ResultInput, icd: str) -> tuple[bool, str]:
    """A drug or HIV test: negative or positive, no score. A positive HIV test records the
    registration-exempt illness (TT 105 App. I Part III item 9): the code typed (B20–B24) or
    Z21 (asymptomatic HIV infection)."""
    if data.positive is None or data.score.strip():
        raise ValidationError({"positive": [_("Choose negative or positive.")]})
    if station == Station.HIV_TEST:
        if icd and (not data.positive or getattr(rules.exempt_illness(icd), "item", 0) != 9):
            raise ValidationError(
                {"exempt_icd": [_("A positive HIV test records B20–B24 or Z21.")]}
            )
        if data.positive and not icd:
            icd = HIV_ICD
    elif icd:
        raise ValidationError({"exempt_icd": [_("A drug test records no ICD code.")]})
    return data.positive, icd


def _station_names(codes: Iterable[str]) -> str:
    return ", ".join(str(Station(code).label) for code in codes)


def _check_round(call: HealthCall, station: str, results: list[StationResult]) -> None:
    """Round 2 only for those who passed round 1 (TT 105 Art 8(6)); the paraclinical stations
    only at an examination."""
    session = call.session
    person = call.person
    if session.kind != SessionKind.EXAMINATION:
        if station not in _SCREENING_STATIONS:
            raise ValidationError(
                {"station": [_("A preliminary screening takes no paraclinical station.")]}
            )
        return
    sex = _sex(person)
    _round1, round2 = exam.required_stations(sex, session.date)
    if station not in round2:
        return
    scores = {r.station: r.score for r in results if r.station != station}
    if exam.round_two_open(scores, sex, session.date):
        return
    missing, _missing2 = exam.missing_stations(scores, sex, session.date)
    if missing:
        message = _(
            "Round 2 is entered after round 1 is complete (%(basis)s). Round 1 is missing: "
            "%(stations)s."
        ) % {"basis": exam.basis(session.date), "stations": _station_names(missing)}
    else:
        message = _(
            "Round 2 is only for those who passed round 1 (%(basis)s): a standard failed."
        ) % {"basis": exam.basis(session.date)}
    raise ValidationError({"station": [message]})


#: Stations a commune health station's screening enters (the session page offers physique).
_SCREENING_STATIONS = frozenset(
    s for s in Station.values if s not in (Station.IMAGING, Station.LAB, *exam.TESTS)
)
#: The code a positive HIV test records when the examiner types none (TT 105 App. I Part III 9).
HIV_ICD = "Z21"
_CONCLUSION_FIELDS = (
    "health_class",
    "class_temporary",
    "decisive",
    "concluded_on",
    "bmi",
    "myopia",
    "hyperopia",
    "exempt_icd",
    "drug_positive",
)


def _apply_conclusion(call: HealthCall, results: list[StationResult], day: dt.date) -> None:
    """Set the class (worst scored station, with T), the measures the engine reads, the
    exempt illness and the drug test on ``call``, concluded on ``day``."""
    health_class = scoring.classify(
        scoring.Score(r.station, r.score, temporary=r.temporary)
        for r in results
        if r.score is not None
    )
    by_station = {r.station: r for r in results}
    physique = by_station.get(Station.PHYSIQUE)
    eyes = by_station.get(Station.EYES)
    drug = by_station.get(Station.DRUG_TEST)
    call.health_class = health_class.value
    call.class_temporary = health_class.temporary
    call.decisive = ",".join(health_class.decisive)
    call.concluded_on = day
    call.bmi = physique.bmi if physique is not None else None
    call.myopia = eyes.myopia if eyes is not None else Decimal(0)
    call.hyperopia = eyes.hyperopia if eyes is not None else Decimal(0)
    call.exempt_icd = next((r.exempt_icd for r in results if r.exempt_icd), "")
    call.drug_positive = bool(drug is not None and drug.positive)


def _reopen(call: HealthCall) -> None:
    call.health_class = None
    call.class_temporary = False
    call.decisive = ""
    call.concluded_on = None
    call.bmi = None
    call.myopia = Decimal(0)
    call.hyperopia = Decimal(0)
    call.exempt_icd = ""
    call.drug_positive = False


def record_station_result(
    *, actor: User, call: HealthCall, station: str, data: ResultInput
) -> StationResult:
    """Enter (or correct) one station's finding.

    Physique and eyes are scored from their measurements by ``scoring``; the drug and HIV
    tests take negative/positive; other stations take the examiner's score 1–6 with an
    optional T.

    * Examination: this only records. Round 2 (lab, drug and HIV tests) is refused until
      round 1 is complete and passed (TT 105 Art 8(6), ``law.health.exam``). The council
      concludes with ``conclude_examination``. An entry on an examination already concluded
      re-opens it: the class, the conclusion day and what the conclusion set are cleared (the
      audit event says ``reopened``), and the council concludes again.
    * Preliminary screening: the commune health station's own result, as before: the class is
      the worst score entered so far, stored at once (it never reaches the engine as a
      council's class; an exempt illness found there does).
    """
    require(perms.can_record_health_result(actor))
    session = call.session
    person = call.person
    require_actor_area(actor, person.registration_unit_id)
    if station not in Station.values:
        raise ValidationError({"station": [_("Unknown station.")]})
    if call.appeals.filter(concluded_on__isnull=False).exists():
        raise ValidationError(
            _("A medical appeal concluded this examination; its finding is final.")
        )
    if station == Station.GYNAECOLOGY and person.sex != Sex.FEMALE:
        raise ValidationError({"station": [_("Gynaecology is examined for women only.")]})
    icd = rules.normalise_icd(data.exempt_icd) if data.exempt_icd.strip() else ""
    if icd and rules.exempt_illness(icd) is None:
        raise ValidationError(
            {"exempt_icd": [_("This ICD code is not on the TT 105 App. I Part III list.")]}
        )
    positive: bool | None = None
    if station in exam.TESTS:
        positive, icd = _score_test(station, data, icd)
        scored = _Scored(score=0, temporary=False, fields={})
    elif station == Station.PHYSIQUE:
        scored = _score_physique(person, data)
    elif station == Station.EYES:
        scored = _score_eyes(data)
    else:
        scored = _score_other(data)
    with transaction.atomic():
        call = HealthCall.objects.select_for_update().get(pk=call.pk)
        _check_round(call, station, list(call.results.all()))
        result, _created = StationResult.objects.update_or_create(
            call=call,
            station=station,
            defaults={
                "score": None if positive is not None else scored.score,
                "positive": positive,
                "temporary": scored.temporary,
                "note": data.note.strip()[:255],
                "exempt_icd": icd,
                **scored.fields,
            },
        )
        reopened = False
        if session.kind == SessionKind.EXAMINATION:
            reopened = call.concluded_on is not None
            if reopened:
                _reopen(call)
                call.save(update_fields=list(_CONCLUSION_FIELDS))
        else:
            _apply_conclusion(call, list(call.results.all()), session.date)
            call.save()
        changes: dict[str, object] = {
            "call": str(call.public_id),
            "station": station,
            "score": result.score,
            "temporary": scored.temporary,
            "class": call.class_label,
            "exempt_icd": icd,
        }
        if positive is not None:
            changes["positive"] = positive
        if reopened:
            changes["reopened"] = True
        record_event(
            actor=actor,
            action="health.result",
            obj=result,
            scope_unit=person.registration_unit,
            changes=changes,
        )
    return result


def conclude_examination(*, actor: User, call: HealthCall) -> HealthCall:
    """The health council concludes one citizen's examination (kết luận, TT 105 Art 8(6)).

    Refused, naming every missing station in the language of the page with the legal basis,
    unless a scored station failed the standard (4 or worse: the exam stops there) or every
    station of both rounds required on the session day is entered (``law.health.exam``).
    Otherwise stores the class (the worst scored station; a T class keeps its T: the council
    refers the citizen for treatment, TT 105 Art 9(3)), the decisive stations, the conclusion
    day (the session day), BMI and refraction, the registration-exempt illness (an ICD entry or
    a positive HIV test) and the drug test. Concluding again recomputes the same.
    """
    require(perms.can_record_health_result(actor))
    session = call.session
    person = call.person
    require_actor_area(actor, person.registration_unit_id)
    if session.kind != SessionKind.EXAMINATION:
        raise ValidationError(
            _("Only an examination by the health council is concluded; a screening is not.")
        )
    with transaction.atomic():
        call = (
            HealthCall.objects.select_for_update()
            .select_related("session", "person")
            .get(pk=call.pk)
        )
        results = list(call.results.all())
        scores = {r.station: r.score for r in results}
        sex = _sex(person)
        if not exam.can_conclude(scores, sex, session.date):
            round1, round2 = exam.missing_stations(scores, sex, session.date)
            errors = [
                _("The examination is not complete (%(basis)s).")
                % {"basis": exam.basis(session.date)}
            ]
            if round1:
                errors.append(
                    _("Round 1 is missing: %(stations)s.") % {"stations": _station_names(round1)}
                )
            if round2:
                errors.append(
                    _("Round 2 is missing: %(stations)s.") % {"stations": _station_names(round2)}
                )
            raise ValidationError(errors)
        _apply_conclusion(call, results, session.date)
        call.save(update_fields=list(_CONCLUSION_FIELDS))
        record_event(
            actor=actor,
            action="health.conclude",
            obj=call,
            scope_unit=person.registration_unit,
            changes={
                "class": call.class_label,
                "decisive": call.decisive,
                "concluded_on": session.date.isoformat(),
                "exempt_icd": call.exempt_icd,
                "drug_positive": call.drug_positive,
                "complete": exam.missing_stations(scores, sex, session.date) == ((), ()),
            },
        )
    return call
