"""Reads of militia registration and membership: the April candidates of a commune (from the
military-service registration results), the militia register (sổ đăng ký DQTV), the absences
that should have been reported, the terms ending soon, and the commitments a member holds
elsewhere (through ``core.registry``: the militia imports no call-up)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _

from muster.core.dated import open_on
from muster.core.registry import registry
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law.militia.engine import conflicts
from muster.law.militia.enums import Component
from muster.law.militia.facts import MilitiaReason
from muster.law.militia.terms import absence_must_be_reported
from muster.law.rulebook import NoRuleInForce
from muster.militia.members.models import (
    Absence,
    Membership,
    MembershipStatus,
    MilitiaRegistration,
)
from muster.people.models import Person
from muster.people.registration.models import BarKind, EventKind, RegistrationBar, RegistrationEvent
from muster.people.succession import holding

if TYPE_CHECKING:
    from muster.accounts.models import User

#: The name of the militia's own commitment in ``core.registry``.
STANDING_COMMITMENT = "militia.standing"


@dataclass(frozen=True)
class Candidate:
    """A citizen of the commune turning 18 in the year. ``registered_on``: his first military
    service registration; ``art14``: the ground of his exemption from it (Law 78/2015 Art 14);
    ``registration``: his open militia registration, if any."""

    person: Person
    registered_on: dt.date | None
    art14: str
    registration: MilitiaRegistration | None

    @property
    def from_registration(self) -> bool:
        """The military-service registration knows him: registered, or exempt from it."""
        return self.registered_on is not None or bool(self.art14)


def art14_bars(person_ids: Sequence[int], on: dt.date) -> dict[int, str]:
    """``{person id: ground}`` for those exempt from military-service registration (Art 14:
    an illness or disability) on ``on``."""
    bars = (
        RegistrationBar.objects.filter(
            person_id__in=list(person_ids), kind=BarKind.EXEMPT_ART14, start_date__lte=on
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .order_by("start_date")
    )
    return {b.person_id: b.ground for b in bars}


def april_candidates(*, commune: Unit, year: int, on: dt.date) -> list[Candidate]:
    """Every citizen the commune holds (through mergers) born ``year`` − 18, with what the
    military-service registration says of him and his open militia registration; three
    queries."""
    people = list(
        Person.objects.filter(holding([commune]).q(), date_of_birth__year=year - 18).order_by(
            "name_search", "id"
        )
    )
    ids = [p.pk for p in people]
    first = dict(
        RegistrationEvent.objects.filter(
            person_id__in=ids, kind=EventKind.FIRST_REGISTRATION, event_date__lte=on
        )
        .order_by("-event_date")
        .values_list("person_id", "event_date")
    )
    bars = art14_bars(ids, on)
    open_regs = {
        r.person_id: r
        for r in MilitiaRegistration.objects.filter(person_id__in=ids, ended_on__isnull=True)
    }
    return [
        Candidate(
            person=p,
            registered_on=first.get(p.pk),
            art14=bars.get(p.pk, ""),
            registration=open_regs.get(p.pk),
        )
        for p in people
    ]


def _open_on(day: dt.date) -> Q:
    return open_on(day, "registered_on")


def register_of_commune(*, user: User, commune: Unit, day: dt.date) -> list[MilitiaRegistration]:
    """The militia register of the commune on ``day``: every registration open then, with the
    person and his village, in name order."""
    return list(
        MilitiaRegistration.objects.filter(
            scope_of(user).q("holder"), _open_on(day), holder=commune
        )
        .select_related("person", "person__residence_unit")
        .order_by("person__name_search", "person_id")
    )


def serving_person_ids(person_ids: Sequence[int]) -> dict[int, Membership]:
    """``{person id: serving membership}`` for the given persons."""
    return {
        m.person_id: m
        for m in Membership.objects.filter(
            person_id__in=list(person_ids), status=MembershipStatus.SERVING
        )
    }


@dataclass(frozen=True)
class AbsenceRow:
    absence: Absence
    must_report: bool

    @property
    def flagged(self) -> bool:
        """Absent 3 months or more and not reported."""
        return self.must_report and self.absence.reported_on is None


def absences_of_commune(*, user: User, commune: Unit, day: dt.date) -> list[AbsenceRow]:
    """The serving members' absences that started by ``day``, each with whether the law asks
    it to be reported by then (3 months or more, counted to the return or to ``day``)."""
    absences = (
        Absence.objects.filter(
            scope_of(user).q("membership__holder"),
            membership__holder=commune,
            membership__status=MembershipStatus.SERVING,
            left_on__lte=day,
        )
        .select_related("membership__person")
        .order_by("left_on", "id")
    )
    return [
        AbsenceRow(a, absence_must_be_reported(a.left_on, _until(a.returns_on, day), day))
        for a in absences
    ]


def absences_of_member(*, member: Membership, day: dt.date) -> list[AbsenceRow]:
    """One member's absences (the member already fetched and authorised by the page)."""
    return [
        AbsenceRow(a, absence_must_be_reported(a.left_on, _until(a.returns_on, day), day))
        for a in member.absences.order_by("left_on", "id")
    ]


def _until(returns_on: dt.date | None, day: dt.date) -> dt.date:
    """Counted to the return, or to ``day`` while the member is still away."""
    return returns_on if returns_on is not None and returns_on <= day else day


def terms_ending(*, user: User, commune: Unit, day: dt.date, days: int = 90) -> list[Membership]:
    """Serving members whose term (or extension) ends within ``days`` of ``day``."""
    horizon = day + dt.timedelta(days=days)
    ending = Q(extended_to__isnull=True, term_ends_on__range=(day, horizon)) | Q(
        extended_to__range=(day, horizon)
    )
    return list(
        Membership.objects.filter(
            scope_of(user).q("holder"),
            ending,
            holder=commune,
            status=MembershipStatus.SERVING,
        )
        .select_related("person", "unit")
        .order_by("term_ends_on", "person__name_search")
    )


def standing_members(person_ids: Sequence[int]) -> Mapping[int, str]:
    """The militia's commitment: ``{person id: "Standing militia member (commune)"}`` for
    the given persons serving in the standing militia; one query."""
    rows = Membership.objects.filter(
        person_id__in=list(person_ids),
        status=MembershipStatus.SERVING,
        component=Component.STANDING,
    ).select_related("holder")
    return {
        m.person_id: _("Standing militia member (%(commune)s)") % {"commune": m.holder.name}
        for m in rows
    }


#: The call-up's commitment (``conscription.commitments``), named, not imported.
CALLUP_LIST_COMMITMENT = "callup.official_list"
#: The reserve's commitment of a reservist placed in a reserve unit (``reserve.placement``).
PLACED_RESERVIST_COMMITMENT = "reserve.placed"


def placed_reservist_ids(person_ids: Sequence[int]) -> set[int]:
    """The persons whom the reserve's current placement put in a reserve unit (Law 48/2019
    Art 11(2)(c): exempt from militia duty), read through the registry's commitment."""
    found: set[int] = set()
    for c in registry.commitments():
        if c.name == PLACED_RESERVIST_COMMITMENT and person_ids:
            found |= set(c.persons(person_ids))
    return found


def _holds(name: str, person_id: int) -> bool:
    return any(
        c.name == name and person_id in c.persons([person_id]) for c in registry.commitments()
    )


def conflicts_of(member: Membership, day: dt.date) -> list[MilitiaReason]:
    """What the law says of the member's other duties (``engine.conflicts``): a standing
    member on the call-up's official list is a contradiction to resolve (standing militia
    are deferred from the call-up, Law 78/2015 Art 41(1)(h)); so is a member whom the
    reserve's current placement put in a reserve unit (Law 48/2019 Art 11(2)(c))."""
    listed = _holds(CALLUP_LIST_COMMITMENT, member.person_id)
    placed = _holds(PLACED_RESERVIST_COMMITMENT, member.person_id)
    try:
        return list(
            conflicts(
                component=Component(member.component),
                placed_reservist=placed,
                on_callup_list=listed,
                on=day,
            )
        )
    except NoRuleInForce:
        return []


def other_commitments(person_ids: Sequence[int]) -> dict[int, list[str]]:
    """What the other modules hold the persons to (the call-up's official list …)."""
    return registry.commitments_of(person_ids, exclude=STANDING_COMMITMENT)
