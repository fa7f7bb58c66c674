"""Reading the registry for the eligibility engine: one citizen's facts and verdict on a day.

The engine (``eligibility.py``) is pure; this module is the one place that turns registry rows
(``Person``, ``FamilyTie``, ``RegistrationBar``) into ``Facts``. What the registry does not hold
yet (sole breadwinner without a decided dossier, deferral history)
stays at the engine's "unknown" / "no such circumstance" default, so the verdict says
honestly what is missing rather than guessing. Volunteering is a fact of one campaign (a
written application, ``Volunteer``), so a caller that judges for a campaign passes it. The
health council's latest result valid on the day (class, T, BMI, refraction;
``health.selectors``) and the granted deferral or exemption decisions standing on the day
(``dossiers_selectors``) feed the engine too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from muster.conscription.dossiers.models import Dossier
from muster.conscription.dossiers.selectors import DossierLike, in_force_among
from muster.conscription.eligibility.models import PoliticalOutcome, PoliticalVerification
from muster.conscription.eligibility.rows import BarLike, PersonLike, TieLike, V, VerificationLike
from muster.health.models import HealthCall
from muster.health.selectors import CallLike, health_on_among
from muster.law.callup.dossiers import facts_overrides
from muster.law.callup.eligibility.engine import evaluate
from muster.law.callup.eligibility.facts import Facts, OutsideCoverage, Political, Verdict
from muster.law.callup.eligibility.facts import RegistrationBar as BarPoint
from muster.law.sources import COVERAGE_START
from muster.people.models import (
    FamilyTie,
    HigherLevel,
    Person,
    Relation,
    Sex,
    StudyMode,
    StudyStatus,
)
from muster.people.registration.models import BarKind, RegistrationBar

_PARENTS = frozenset({Relation.FATHER, Relation.MOTHER})
_SIBLINGS = frozenset({Relation.BROTHER, Relation.SISTER})
_COLLEGE_OR_UNIVERSITY = frozenset({HigherLevel.COLLEGE, HigherLevel.UNIVERSITY})
_GRADUATE_LEVELS = frozenset(
    {HigherLevel.COLLEGE, HigherLevel.UNIVERSITY, HigherLevel.POSTGRADUATE}
)
_POINT = re.compile(r"\(([abc])\)")


def _bar_point(bar: BarLike) -> BarPoint:
    """The Art 13(1) point named in the bar's citation; the engine only needs that one exists.

    The registry keeps the ground as free text, so when no point is cited "a" stands in: the
    verdict (barred while the measure lasts) does not depend on the point.
    """
    match = _POINT.search(bar.legal_citation) or _POINT.search(bar.ground)
    point = match.group(1) if match else "a"
    if point == "b":
        return "b"
    if point == "c":
        return "c"
    return "a"


def facts_for_person(
    *,
    person: PersonLike,
    on: dt.date,
    ties: Iterable[TieLike] | None = None,
    bars: Iterable[BarLike] | None = None,
    volunteer: bool = False,
    health_calls: Iterable[CallLike] | None = None,
    dossiers: Iterable[DossierLike] | None = None,
    verifications: Iterable[VerificationLike] | None = None,
) -> Facts:
    """The engine's ``Facts`` for ``person`` on ``on``, read from the registry.

    ``ties`` and ``bars`` may be passed when the caller already loaded them (the person page
    does); otherwise they are queried. ``bars`` must be those in force on ``on``. Callers that
    judge many citizens at once (the registry pool, ``facts_for_people``) pass ``health_calls``
    (the person's calls, with their sessions) and ``dossiers`` (the person's dossiers, any
    state) and ``verifications`` (his political verifications) prefetched: the same choice is
    then made in Python, without a query per citizen.
    ``volunteer``: the citizen has a standing written application to enlist (tình nguyện,
    Art 41(3)) in the campaign the caller judges for (``selection_selectors.is_volunteer``).
    ``person`` and the rows may be model instances or plain rows of the same fields
    (``eligibility.rows``): the call-up pool passes rows.
    """
    if ties is None:
        ties = FamilyTie.objects.filter(person_id=person.pk)
    ties = list(ties)
    if bars is None:
        bars = RegistrationBar.objects.filter(person_id=person.pk, start_date__lte=on).exclude(
            end_date__lt=on
        )
    bars = list(bars)

    child_of_martyr_or_class1 = False
    brother_of_martyr = False
    child_of_class2 = False
    sibling_serving = False
    parent_loss: int | None = None
    for tie in ties:
        if tie.relation in _PARENTS:
            if tie.is_martyr or tie.war_invalid_class == 1:
                child_of_martyr_or_class1 = True
            if tie.war_invalid_class == 2:
                child_of_class2 = True
            loss = tie.sick_soldier_loss_pct
            if loss is not None and (parent_loss is None or loss > parent_loss):
                parent_loss = loss
        elif tie.relation in _SIBLINGS:
            if tie.relation == Relation.BROTHER and tie.is_martyr:
                brother_of_martyr = True
            if tie.serving_as_soldier:
                sibling_serving = True

    barred = [b for b in bars if b.kind == BarKind.BARRED_ART13]
    registration_bar: BarPoint | None = None
    bar_ends: dt.date | None = None
    if barred:
        registration_bar = _bar_point(barred[0])
        ends = [b.end_date for b in barred]
        bar_ends = None if None in ends else max(e for e in ends if e is not None)

    # An empty list (most men of a pool: never examined, no dossier) costs no call.
    health = _health_facts(person=person, on=on, calls=health_calls) if health_calls != [] else {}
    granted = _dossier_facts(person=person, on=on, dossiers=dossiers) if dossiers != [] else {}
    studying_full_time = (
        person.study_status == StudyStatus.STUDYING
        and person.study_mode == StudyMode.FULL_TIME
        and person.higher_level in _COLLEGE_OR_UNIVERSITY
    )
    exempt_condition = any(b.kind == BarKind.EXEMPT_ART14 for b in bars)
    fields: dict[str, Any] = {
        "sex": "female" if person.sex == Sex.FEMALE else "male",
        "volunteer": volunteer,
        "birth_date": person.date_of_birth,
        "registration_bar": registration_bar,
        "registration_bar_ends": bar_ends,
        "registration_exempt_condition": exempt_condition
        or bool(health.pop("registration_exempt_condition", False)),
        # 0 is the registry's default ("not entered"): unknown, not "no schooling".
        "school_grade": person.school_grade or None,
        "college_graduate": (
            person.study_status == StudyStatus.GRADUATED and person.higher_level in _GRADUATE_LEVELS
        ),
        "parent_work_capacity_loss": parent_loss,
        "sibling_serving": sibling_serving,
        "in_general_education": person.in_school,
        "full_time_higher_education": studying_full_time,
        "child_of_martyr_or_class1_invalid": child_of_martyr_or_class1,
        "brother_of_martyr": brother_of_martyr,
        "child_of_class2_invalid": child_of_class2,
        "political": (
            political_on(person=person, on=on, verifications=verifications)
            if verifications != []
            else "unknown"
        ),
    }
    fields.update(health)
    for name, value in granted.items():
        current = fields.get(name)
        if name == "parent_work_capacity_loss" and isinstance(current, int):
            # A recorded loss above the band (81 %+, exemption 41.2.c) is not lowered.
            value = max(int(value), current)
        fields[name] = value
    return Facts(**fields)


def latest_verification(
    *,
    person: Person,
    on: dt.date,
    verifications: Iterable[PoliticalVerification] | None = None,
) -> PoliticalVerification | None:
    """The latest political verification dated on or before ``on`` (the later of two on one
    day is the one recorded last)."""
    if verifications is None:
        return (
            PoliticalVerification.objects.filter(person=person, verified_on__lte=on)
            .order_by("-verified_on", "-id")
            .first()
        )
    return _latest_among(verifications, on)


def _latest_among(verifications: Iterable[V], on: dt.date) -> V | None:
    dated = [v for v in verifications if v.verified_on <= on]
    return max(dated, key=lambda v: (v.verified_on, v.pk), default=None)


def verifications_of(*, person: Person) -> list[PoliticalVerification]:
    """The citizen's recorded political verifications, latest first (the caller has already
    fetched and authorised the person)."""
    return list(person.political_verifications.order_by("-verified_on", "-id"))


def political_on(
    *,
    person: PersonLike,
    on: dt.date,
    verifications: Iterable[VerificationLike] | None = None,
) -> Political:
    """The engine's political fact: the outcome of the latest verification, else unknown."""
    if verifications is None:
        verifications = PoliticalVerification.objects.filter(
            person_id=person.pk, verified_on__lte=on
        )
    found = _latest_among(verifications, on)
    if found is None:
        return "unknown"
    return "pass" if found.outcome == PoliticalOutcome.PASS else "fail"


def _health_facts(
    *, person: PersonLike, on: dt.date, calls: Iterable[CallLike] | None = None
) -> dict[str, Any]:
    """The health council's latest result valid on ``on`` (class, T, BMI, refraction, a positive
    drug test: drug addiction), and a registration-exempt illness found at screening or
    examination (TT 105 App. I Part III; a positive HIV test records Z21 or B20–B24)."""
    found: dict[str, Any] = {}
    if calls is None:
        calls = HealthCall.objects.filter(person_id=person.pk, concluded_on__lte=on).select_related(
            "session"
        )
    call, illness = health_on_among(calls, on)
    if call is not None:
        found["health_class"] = call.health_class
        found["health_class_temporary"] = call.class_temporary
        found["bmi"] = float(call.bmi) if call.bmi is not None else None
        found["myopia_dioptres"] = float(call.myopia)
        found["hyperopia_dioptres"] = float(call.hyperopia)
        if call.drug_positive:
            found["drug_addiction"] = True
    if illness is not None:
        found["registration_exempt_condition"] = True
    return found


def _dossier_facts(
    *, person: PersonLike, on: dt.date, dossiers: Iterable[DossierLike] | None = None
) -> dict[str, Any]:
    """What the granted deferral and exemption decisions standing on ``on`` establish."""
    found: dict[str, Any] = {}
    if dossiers is None:
        dossiers = Dossier.objects.filter(person_id=person.pk)
    standing = in_force_among(dossiers, on)
    for dossier in standing:
        found.update(facts_overrides(dossier.ground, on))
    return found


def facts_for_people(
    *, people: Sequence[Person], on: dt.date, volunteers: Collection[int] = ()
) -> dict[int, Facts]:
    """``{person id: Facts}`` for many citizens, reading their family ties, bars, health calls,
    dossiers and political verifications in five queries per 500 citizens (the selection pool
    reads a commune at once).
    ``volunteers``: the ids of those with a standing application in the caller's campaign."""
    found: dict[int, Facts] = {}
    for start in range(0, len(people), 500):
        chunk = people[start : start + 500]
        ids = [p.pk for p in chunk]
        ties = _grouped(FamilyTie.objects.filter(person_id__in=ids))
        bars = _grouped(
            RegistrationBar.objects.filter(person_id__in=ids, start_date__lte=on).exclude(
                end_date__lt=on
            )
        )
        calls = _grouped(HealthCall.objects.filter(person_id__in=ids).select_related("session"))
        dossiers = _grouped(Dossier.objects.filter(person_id__in=ids))
        verifications = _grouped(
            PoliticalVerification.objects.filter(person_id__in=ids, verified_on__lte=on)
        )
        for person in chunk:
            found[person.pk] = facts_for_person(
                person=person,
                on=on,
                ties=ties.get(person.pk, []),
                bars=bars.get(person.pk, []),
                volunteer=person.pk in volunteers,
                health_calls=calls.get(person.pk, []),
                dossiers=dossiers.get(person.pk, []),
                verifications=verifications.get(person.pk, []),
            )
    return found


def _grouped(rows: Iterable[Any]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = {}
    for row in rows:
        grouped.setdefault(row.person_id, []).append(row)
    return grouped


def verdict_for_person(
    *,
    person: Person,
    on: dt.date,
    ties: Iterable[FamilyTie] | None = None,
    bars: Iterable[RegistrationBar] | None = None,
    volunteer: bool = False,
    health_calls: Iterable[HealthCall] | None = None,
    dossiers: Iterable[Dossier] | None = None,
    verifications: Iterable[PoliticalVerification] | None = None,
) -> Verdict | None:
    """The engine's verdict on ``on``; None when ``on`` precedes the law the engine encodes
    (``law.COVERAGE_START``; the page then says so with ``outside_coverage_message``)."""
    facts = facts_for_person(
        person=person,
        on=on,
        ties=ties,
        bars=bars,
        volunteer=volunteer,
        health_calls=health_calls,
        dossiers=dossiers,
        verifications=verifications,
    )
    try:
        return evaluate(facts, on)
    except OutsideCoverage:
        return None


def outside_coverage_message(on: dt.date) -> str:
    return _("No verdict for %(day)s: the rules are encoded from %(start)s.") % {
        "day": f"{on:%d/%m/%Y}",
        "start": f"{COVERAGE_START:%d/%m/%Y}",
    }
