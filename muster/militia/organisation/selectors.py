"""Reads of a commune's organisation, scoped to the reader's area: its units on a day with the
members each counts, the commune military command's members and the units' commanders (with
the grassroots degree flag), the standard structure's missing units, and one unit or
appointment by its public id."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from muster.core.dated import open_on
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law.militia.enums import COMMAND_POSTS, Post
from muster.law.militia.organisation_extra import StandardUnit, degree_rule
from muster.law.rulebook import Rule
from muster.militia.members.models import Membership, MembershipStatus
from muster.militia.organisation.models import Appointment, MilitiaUnit
from muster.militia.organisation.services import missing_standard_units
from muster.militia.selectors import UnitRow, units_of_commune

if TYPE_CHECKING:
    from muster.accounts.models import User


def commune_for_user(user: User, public_id: uuid.UUID) -> Unit:
    """A commune-level unit in ``user``'s area, else 404."""
    unit = Unit.objects.commune_level().filter(scope_of(user).q("pk"), public_id=public_id).first()
    if unit is None:
        raise Http404(_("Not found, or outside your area."))
    return unit


def unit_for_user(user: User, public_id: uuid.UUID) -> MilitiaUnit:
    unit = (
        MilitiaUnit.objects.filter(scope_of(user).q("holder"), public_id=public_id)
        .select_related("holder", "village", "parent")
        .first()
    )
    if unit is None:
        raise Http404(_("Not found, or outside your area."))
    return unit


def appointment_for_user(user: User, public_id: uuid.UUID) -> Appointment:
    item = (
        Appointment.objects.filter(scope_of(user).q("holder"), public_id=public_id)
        .select_related("holder", "unit", "person")
        .first()
    )
    if item is None:
        raise Http404(_("Not found, or outside your area."))
    return item


@dataclass(frozen=True)
class CadreRow:
    """An appointment open on the day, with the degree requirement in force for its post."""

    appointment: Appointment
    degree_rule: Rule | None

    @property
    def degree_missing(self) -> bool:
        return self.degree_rule is not None and not self.appointment.grassroots_degree


def _cadre_rows(items: QuerySet[Appointment], day: dt.date) -> list[CadreRow]:
    return [
        CadreRow(a, degree_rule(Post(a.post), day) if a.unit_id is None else None) for a in items
    ]


_POST_ORDER = {p.value: i for i, p in enumerate(Post)}


@dataclass(frozen=True)
class Organisation:
    commune: Unit
    day: dt.date
    units: list[UnitRow]
    command: list[CadreRow]
    cadres: list[CadreRow]
    missing: list[StandardUnit] = field(default_factory=list)

    @property
    def degree_missing(self) -> int:
        return sum(1 for c in self.command if c.degree_missing)


def organisation_of_commune(*, user: User, commune: Unit, day: dt.date) -> Organisation:
    """The commune's organisation on ``day`` in a fixed number of queries: units with their
    members, the command's members, the units' commanders, the missing standard units."""
    units = units_of_commune(user=user, commune=commune, day=day)
    appointments = (
        Appointment.objects.filter(
            scope_of(user).q("holder"), open_on(day, "appointed_on"), holder=commune
        )
        .select_related("person", "unit")
        .order_by("appointed_on")
    )
    rows = sorted(_cadre_rows(appointments, day), key=lambda r: _POST_ORDER[r.appointment.post])
    return Organisation(
        commune=commune,
        day=day,
        units=units,
        command=[r for r in rows if r.appointment.post in COMMAND_POSTS],
        cadres=[r for r in rows if r.appointment.post not in COMMAND_POSTS],
        missing=missing_standard_units(holder=commune, on=day),
    )


def members_of_unit(unit: MilitiaUnit) -> list[Membership]:
    return list(
        Membership.objects.filter(unit=unit, status=MembershipStatus.SERVING)
        .select_related("person")
        .order_by("person__name_search")
    )


def assignable_members(unit: MilitiaUnit) -> list[Membership]:
    """The commune's serving members not in ``unit``, same force, its component first."""
    items = list(
        Membership.objects.filter(
            holder_id=unit.holder_id, status=MembershipStatus.SERVING, force=unit.force
        )
        .filter(Q(unit__isnull=True) | ~Q(unit=unit))
        .select_related("person", "unit")
        .order_by("person__name_search")
    )
    return sorted(items, key=lambda m: m.component != unit.component)


def appointments_of_unit(unit: MilitiaUnit) -> list[Appointment]:
    return list(
        Appointment.objects.filter(unit=unit).select_related("person").order_by("-appointed_on")
    )


def open_units(commune: Unit, day: dt.date) -> QuerySet[MilitiaUnit]:
    return MilitiaUnit.objects.filter(open_on(day, "established_on"), holder=commune).order_by(
        "component", "name"
    )


def former_appointments(commune: Unit) -> list[Appointment]:
    """The ended appointments of the commune, latest first (the history of its cadres)."""
    return list(
        Appointment.objects.filter(holder=commune, ended_on__isnull=False)
        .select_related("person", "unit")
        .order_by("-ended_on")[:50]
    )
