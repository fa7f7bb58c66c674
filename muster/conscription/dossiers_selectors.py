"""Reads of deferral and exemption dossiers, cut to the acting user's units."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from muster.conscription.models import Dossier, DossierState
from muster.geo.selectors import visible_unit_ids

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.people.models import Person


def dossiers_for_user(user: User) -> QuerySet[Dossier]:
    return Dossier.objects.filter(
        person__registration_unit_id__in=visible_unit_ids(user)
    ).select_related("person", "person__registration_unit")


def rereview_list(*, user: User, on: dt.date) -> QuerySet[Dossier]:
    """Granted deferrals whose ground has ended on or before ``on`` (Art 41(3): a deferred
    citizen is called up once the ground ends), oldest end first."""
    return (
        dossiers_for_user(user)
        .filter(state=DossierState.GRANTED, end_date__lte=on)
        .order_by("end_date", "person__name_search", "id")
    )


def _in_force(found: QuerySet[Dossier], on: dt.date) -> QuerySet[Dossier]:
    return (
        found.filter(state__in=[DossierState.GRANTED, DossierState.ENDED], decision_date__lte=on)
        .exclude(end_date__lte=on)
        .exclude(Q(ended_on__isnull=False) & Q(ended_on__lte=on))
        .order_by("decision_date", "id")
    )


def decided_in_force(*, person: Person, on: dt.date) -> list[Dossier]:
    """Granted dossiers of ``person`` whose decision stands on ``on``."""
    return list(_in_force(Dossier.objects.filter(person=person), on))


def decided_in_force_for(*, person_ids: list[int], on: dt.date) -> QuerySet[Dossier]:
    """The same for many citizens in one query (``selectors.facts_for_people``)."""
    return _in_force(Dossier.objects.filter(person_id__in=person_ids), on)


def person_dossiers(*, person: Person) -> list[Dossier]:
    return list(Dossier.objects.filter(person=person).order_by("-proposed_on", "-id"))
