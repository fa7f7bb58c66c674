"""muster.conscription.campaign.pool"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, NamedTuple, TypeVar

from django.db.models import Prefetch, QuerySet

from muster.conscription.campaign.models import CampaignCommune
from muster.conscription.dossiers.models import Dossier
from muster.conscription.eligibility.models import PoliticalVerification
from muster.geo.models import Unit
from muster.health.models import HealthCall
from muster.law.ages import years_before
from muster.law.callup.eligibility.engine import evaluate_many
from muster.law.callup.eligibility.facts import Facts, OutsideCoverage, Verdict
from muster.people.models import BEARING, FamilyTie, Person, Sex
from muster.people.registration.models import RegistrationBar
from muster.people.succession import holding

T = TypeVar("T")


def definite_bars(verdict: Verdict | None) -> list[str]:
    """The reasons that bar the citizen, leaving out facts the registry does not hold yet
    (codes ending in ``_unknown``: political verification, schooling not entered, ...)."""
    if verdict is None:
        return ["outside_coverage"]
    return [r.message for r in verdict.reasons if not r.code.endswith("_unknown")]


def _men(unit: Unit, on: dt.date) -> QuerySet[Person]:
    """The men the commune holds (``people.succession``: registered at it or at a unit that
    became it) of an age the engine may call on ``on`` (18 to 27)."""
    oldest = years_before(on, 28)
    youngest = years_before(on, 18)
    return Person.objects.filter(holding([unit]).q()).filter(
        sex=Sex.MALE, date_of_birth__gt=oldest, date_of_birth__lte=youngest
    )


def pool_people(unit: Unit, on: dt.date) -> QuerySet[Person]:
    """``_men`` as model instances, in id order, with everything the engine reads prefetched
    into lists: ``pool_ties``, ``pool_bars`` (in force on ``on``), ``pool_calls`` (concluded
    by ``on``, with their sessions), ``pool_dossiers`` and ``pool_verifications`` (the
    engine's facts then cost no query per citizen). For callers that need the citizens; a
    count or a verdict per id reads rows instead (``pool_judged``)."""
    return (
        _men(unit, on)
        .prefetch_related(
            Prefetch("family_ties", to_attr="pool_ties"),
            Prefetch(
                "registration_bars",
                queryset=RegistrationBar.objects.filter(start_date__lte=on).exclude(
                    end_date__lt=on
                ),
                to_attr="pool_bars",
            ),
            Prefetch(
                "health_calls",
                queryset=HealthCall.objects.filter(concluded_on__lte=on).select_related("session"),
                to_attr="pool_calls",
            ),
            Prefetch("dossiers", to_attr="pool_dossiers"),
            Prefetch(
                "political_verifications",
                queryset=PoliticalVerification.objects.filter(verified_on__lte=on),
                to_attr="pool_verifications",
            ),
        )
        .order_by("id")
    )


class _Tie(NamedTuple):
    relation: str
    is_martyr: bool
    war_invalid_class: int | None
    sick_soldier_loss_pct: int | None
    serving_as_soldier: bool


class _Bar(NamedTuple):
    kind: str
    end_date: dt.date | None
    legal_citation: str
    ground: str


class _Session(NamedTuple):
    kind: str


class _Call(NamedTuple):
    pk: int
    session: _Session
    concluded_on: dt.date | None
    health_class: int | None
    class_temporary: bool
    exempt_icd: str
    bmi: Decimal | None
    myopia: Decimal
    hyperopia: Decimal
    drug_positive: bool


class _Dossier(NamedTuple):
    pk: int
    state: str
    ground: str
    decision_date: dt.date | None
    end_date: dt.date | None
    ended_on: dt.date | None


class _Verification(NamedTuple):
    pk: int
    verified_on: dt.date
    outcome: str


class _Man(NamedTuple):
    pk: int
    sex: str
    date_of_birth: dt.date
    study_status: str
    study_mode: str
    higher_level: str
    school_grade: int | None
    in_school: bool


_MAN_FIELDS = ("id", *_Man._fields[1:])


def _grouped(rows: Iterable[tuple[Any, ...]], make: Callable[..., T]) -> dict[int, list[T]]:
    """Rows ``(person_id, *fields)`` grouped by person, each made into ``make(*fields)``."""
    grouped: dict[int, list[T]] = defaultdict(list)
    for person_id, *fields in rows:
        grouped[person_id].append(make(*fields))
    return grouped


def pool_facts(unit: Unit, on: dt.date) -> dict[int, Facts]:
    """``{person id: Facts}`` for the men of the commune's call-up pool on ``on``, read as
    plain rows in six queries (the men, then their ties that can bear on the call-up
    (``people.models.BEARING``, a partial index), bars in force, concluded health calls,
    dossiers and political verifications, each joined to the same men in SQL): no model
    instance is built, which is what judging a province's pool in seconds needs."""
    from muster.conscription.eligibility.selectors import facts_for_person

    men = _men(unit, on)
    ids = men.values("id")
    ties = _grouped(
        FamilyTie.objects.filter(BEARING, person__in=ids)
        .order_by()
        .values_list("person_id", *_Tie._fields),
        _Tie,
    )
    bars = _grouped(
        RegistrationBar.objects.filter(person__in=ids, start_date__lte=on)
        .exclude(end_date__lt=on)
        .order_by()
        .values_list("person_id", *_Bar._fields),
        _Bar,
    )
    calls = _grouped(
        HealthCall.objects.filter(person__in=ids, concluded_on__lte=on)
        .order_by()
        .values_list("person_id", "id", "session__kind", *_Call._fields[2:]),
        lambda pk, kind, *rest: _Call(pk, _Session(kind), *rest),
    )
    dossiers = _grouped(
        Dossier.objects.filter(person__in=ids)
        .order_by()
        .values_list("person_id", "id", *_Dossier._fields[1:]),
        _Dossier,
    )
    verifications = _grouped(
        PoliticalVerification.objects.filter(person__in=ids, verified_on__lte=on)
        .order_by()
        .values_list("person_id", "id", *_Verification._fields[1:]),
        _Verification,
    )
    none: list[Any] = []
    found: dict[int, Facts] = {}
    for row in men.order_by("id").values_list(*_MAN_FIELDS):
        man = _Man(*row)
        found[man.pk] = facts_for_person(
            person=man,
            on=on,
            ties=ties.get(man.pk, none),
            bars=bars.get(man.pk, none),
            health_calls=calls.get(man.pk, none),
            dossiers=dossiers.get(man.pk, none),
            verifications=verifications.get(man.pk, none),
        )
    return found


def pool_judged(unit: Unit, on: dt.date) -> dict[int, Verdict | None]:
    """``{person id: verdict}`` for the commune's call-up pool on ``on`` (the engine's batch
    path); every verdict None when ``on`` precedes the law the engine encodes."""
    facts = pool_facts(unit, on)
    try:
        verdicts = evaluate_many(facts.values(), on)
    except OutsideCoverage:
        return dict.fromkeys(facts)
    return dict(zip(facts, verdicts, strict=True))


def pool_verdicts(unit: Unit, on: dt.date) -> list[tuple[Person, Verdict | None]]:
    """Each man of ``pool_people`` with the engine's verdict on ``on`` (the same verdicts as
    ``pool_judged``, for callers that need the citizens themselves)."""
    from muster.conscription.eligibility.selectors import facts_for_person

    people = list(pool_people(unit, on))
    facts = [
        facts_for_person(
            person=person,
            on=on,
            ties=person.pool_ties,  # type: ignore[attr-defined]
            bars=person.pool_bars,  # type: ignore[attr-defined]
            health_calls=person.pool_calls,  # type: ignore[attr-defined]
            dossiers=person.pool_dossiers,  # type: ignore[attr-defined]
            verifications=person.pool_verifications,  # type: ignore[attr-defined]
        )
        for person in people
    ]
    try:
        verdicts: list[Verdict | None] = list(evaluate_many(facts, on))
    except OutsideCoverage:
        verdicts = [None] * len(people)
    return list(zip(people, verdicts, strict=True))


def registry_pool(commune: CampaignCommune, on: dt.date) -> int:
    """Citizens the commune holds in whom the eligibility engine finds no bar on ``on``.

    Facts the registry does not hold yet (political verification above all) do not remove a
    citizen from the pool; the campaign page says the pool was counted this way."""
    return sum(
        1 for verdict in pool_judged(commune.unit, on).values() if not definite_bars(verdict)
    )
