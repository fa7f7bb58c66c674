"""Reads of health sessions and results, cut to the acting user's units."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from django.db.models import Count, Prefetch, QuerySet

from muster.core.text import fold
from muster.geo.scope import scope_of
from muster.health.models import HealthCall, HealthSession, SessionKind, StationResult
from muster.law.health import rules
from muster.people.succession import communes_on

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.people.models import Person


class SessionLike(Protocol):
    @property
    def kind(self) -> str: ...


class CallLike(Protocol):
    """What the eligibility engine's health facts read of a call: a ``HealthCall`` with its
    session, or a plain row of the same fields (the call-up pool reads rows, not models)."""

    @property
    def pk(self) -> Any: ...
    @property
    def session(self) -> SessionLike: ...
    @property
    def concluded_on(self) -> dt.date | None: ...
    @property
    def health_class(self) -> int | None: ...
    @property
    def class_temporary(self) -> bool: ...
    @property
    def exempt_icd(self) -> str: ...
    @property
    def bmi(self) -> Decimal | None: ...
    @property
    def myopia(self) -> Decimal: ...
    @property
    def hyperopia(self) -> Decimal: ...
    @property
    def drug_positive(self) -> bool: ...


C = TypeVar("C", bound=CallLike)


def sessions_for_user(user: User) -> QuerySet[HealthSession]:
    return (
        HealthSession.objects.filter(**scope_of(user).lookup("unit"))
        .select_related("unit")
        .annotate(called=Count("calls"))
        .order_by("-date", "-id")
    )


def session_calls(*, user: User, session: HealthSession) -> QuerySet[HealthCall]:
    """The calls of ``session`` whose citizen lies in ``user``'s area, with the citizen and his
    results (unordered: ``calls_in_session`` sorts the whole list, the API pages it)."""
    return (
        HealthCall.objects.filter(
            session=session, **scope_of(user).lookup("person__registration_unit")
        )
        .select_related("person", "person__registration_unit", "person__residence_unit")
        .prefetch_related(Prefetch("results", queryset=StationResult.objects.order_by("id")))
    )


def name_communes(calls: Iterable[HealthCall], on: dt.date) -> None:
    """Set ``commune_name`` on each call: the commune that held the citizen's registration on
    ``on`` (``people.succession``)."""
    calls = list(calls)
    holders = communes_on(
        {(c.person.registration_unit_id, c.person.residence_unit_id) for c in calls}, on
    )
    for call in calls:
        key = (call.person.registration_unit_id, call.person.residence_unit_id)
        call.commune_name = holders[key].name  # type: ignore[attr-defined]


def calls_in_session(*, user: User, session: HealthSession) -> list[HealthCall]:
    """The citizens called to ``session`` that lie in ``user``'s area, with their results.

    Each call carries ``commune_name``: the commune that held the citizen's registration on
    the session day (``people.succession``; a 2026 session names the commune formed in 2025,
    not the one he registered at in 2024)."""
    calls = list(
        session_calls(user=user, session=session).order_by(
            "person__registration_unit__name_search", "person__name_search", "id"
        )
    )
    name_communes(calls, session.date)
    calls.sort(key=lambda c: fold(c.commune_name))  # type: ignore[attr-defined]
    return calls


def latest_examination(*, person: Person, on: dt.date) -> HealthCall | None:
    """The health council's latest result for ``person`` concluded on or before ``on``."""
    return (
        HealthCall.objects.filter(
            person=person,
            session__kind=SessionKind.EXAMINATION,
            health_class__isnull=False,
            concluded_on__lte=on,
        )
        .select_related("session")
        .order_by("-concluded_on", "-id")
        .first()
    )


def latest_valid_examination(*, person: Person, on: dt.date) -> HealthCall | None:
    """The latest council result still valid on ``on`` (6 months, TT 105 Art 13).

    Only the latest can be valid: an earlier conclusion expires no later than a later one.
    """
    call = latest_examination(person=person, on=on)
    if call is None or call.concluded_on is None:
        return None
    return call if rules.is_valid_on(call.concluded_on, on) else None


def latest_exempt_illness(*, person: Person, on: dt.date) -> HealthCall | None:
    """The latest screening or examination that found a registration-exempt illness."""
    return (
        HealthCall.objects.filter(person=person, concluded_on__lte=on)
        .exclude(exempt_icd="")
        .order_by("-concluded_on", "-id")
        .first()
    )


def health_on(*, person: Person, on: dt.date) -> tuple[HealthCall | None, HealthCall | None]:
    """In one query: the council result valid on ``on`` and the latest finding of a
    registration-exempt illness (the two health inputs of the eligibility engine)."""
    calls = list(
        HealthCall.objects.filter(person=person, concluded_on__lte=on)
        .select_related("session")
        .order_by("-concluded_on", "-id")
    )
    return latest_valid_in(calls, on), next((c for c in calls if c.exempt_icd), None)


def health_on_among(calls: Iterable[C], on: dt.date) -> tuple[C | None, C | None]:
    """``health_on`` over calls already loaded (each with its session): the same two answers,
    for callers that judge many citizens at once."""
    ordered = sorted(
        (c for c in calls if c.concluded_on is not None and c.concluded_on <= on),
        key=lambda c: (c.concluded_on, c.pk),
        reverse=True,
    )
    return latest_valid_in(ordered, on), next((c for c in ordered if c.exempt_icd), None)


def latest_valid_in(calls: list[C], on: dt.date) -> C | None:
    """The latest examination result in ``calls`` (any order) that is valid on ``on``."""
    exams = [
        c
        for c in calls
        if c.session.kind == SessionKind.EXAMINATION
        and c.health_class is not None
        and c.concluded_on is not None
        and c.concluded_on <= on
    ]
    if not exams:
        return None
    latest = max(exams, key=lambda c: (c.concluded_on, c.pk))
    assert latest.concluded_on is not None
    return latest if rules.is_valid_on(latest.concluded_on, on) else None


def person_health(*, person: Person) -> list[HealthCall]:
    """Every call of ``person`` (newest first), for the citizen's page."""
    return list(
        HealthCall.objects.filter(person=person)
        .select_related("session", "session__unit")
        .order_by("-session__date", "-id")
    )
