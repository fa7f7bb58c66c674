"""Reads of deferral and exemption dossiers, cut to the acting user's units."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from django.db.models import QuerySet

from muster.conscription.dossiers.models import Dossier, DossierState
from muster.geo.scope import scope_of

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.people.models import Person


class DossierLike(Protocol):
    """What ``in_force_among`` reads of a dossier: a ``Dossier`` or a plain row of the same
    fields (the call-up pool reads rows, not models)."""

    @property
    def pk(self) -> Any: ...
    @property
    def state(self) -> str: ...
    @property
    def ground(self) -> str: ...
    @property
    def decision_date(self) -> dt.date | None: ...
    @property
    def end_date(self) -> dt.date | None: ...
    @property
    def ended_on(self) -> dt.date | None: ...


D = TypeVar("D", bound=DossierLike)


def dossiers_for_user(user: User) -> QuerySet[Dossier]:
    return Dossier.objects.filter(
        **scope_of(user).lookup("person__registration_unit")
    ).select_related("person", "person__registration_unit")


def rereview_list(*, user: User, on: dt.date) -> QuerySet[Dossier]:
    """Granted deferrals whose ground has ended on or before ``on`` (Art 41(3): a deferred
    citizen is called up once the ground ends), oldest end first."""
    return (
        dossiers_for_user(user)
        .filter(state=DossierState.GRANTED, end_date__lte=on)
        .order_by("end_date", "person__name_search", "id")
    )


def in_force_among(dossiers: Iterable[D], on: dt.date) -> list[D]:
    """The granted (or since ended) deferral and exemption decisions among ``dossiers`` (any
    state) that stand on ``on``, oldest decision first."""
    return sorted(
        (
            d
            for d in dossiers
            if d.state in (DossierState.GRANTED, DossierState.ENDED)
            and d.decision_date is not None
            and d.decision_date <= on
            and not (d.end_date is not None and d.end_date <= on)
            and not (d.ended_on is not None and d.ended_on <= on)
        ),
        key=lambda d: (d.decision_date, d.pk),
    )


def person_dossiers(*, person: Person) -> list[Dossier]:
    return list(Dossier.objects.filter(person=person).order_by("-proposed_on", "-id"))
