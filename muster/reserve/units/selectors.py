"""Reads of the reserve units, their posts and the close specialties, scoped by the reader's
area (out of scope: 404)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.db.models import Q, Sum

from muster.accounts.access import get_for_user
from muster.core.dated import open_on
from muster.geo.models import VILLAGE_LEVEL_KINDS, Unit
from muster.geo.scope import scope_of, scope_of_unit
from muster.reserve.perms import can_view_reserve
from muster.reserve.units.models import CloseSpecialty, ReserveUnit

if TYPE_CHECKING:
    from muster.accounts.models import User


def area_for_user(user: User, public_id: uuid.UUID) -> Unit:
    """A mobilisation area (a commune or a larger unit) in the reader's area, else 404."""
    return get_for_user(
        user,
        Unit.objects.exclude(kind__in=VILLAGE_LEVEL_KINDS),
        unit_field="pk",
        cap=can_view_reserve,
        public_id=public_id,
    )


def unit_for_user(user: User, public_id: uuid.UUID) -> ReserveUnit:
    return get_for_user(
        user,
        ReserveUnit.objects.select_related("area", "parent"),
        unit_field="area",
        cap=can_view_reserve,
        public_id=public_id,
    )


def in_force_on(day: dt.date) -> Q:
    return open_on(day, "established_on")


def units_of_area(
    *, user: User, area: Unit, day: dt.date, ended: bool = False
) -> list[ReserveUnit]:
    """The units of ``area`` and of the areas inside it in force on ``day`` (with ``ended``,
    those ended by then too), each with ``establishment`` (its posts summed); one query."""
    rows = ReserveUnit.objects.filter(scope_of(user).q("area"), scope_of_unit(area).q("area"))
    rows = rows.filter(established_on__lte=day)
    if not ended:
        rows = rows.filter(in_force_on(day))
    return list(
        rows.select_related("area")
        .annotate(establishment=Sum("posts__count"))
        .order_by("area__name", "code")
    )


def open_units(area: Unit) -> list[ReserveUnit]:
    """The open units of exactly ``area`` (a parent's choices)."""
    return list(ReserveUnit.objects.filter(area=area, ended_on__isnull=True).order_by("code"))


def close_specialties(*, user: User, area: Unit) -> list[CloseSpecialty]:
    """The close specialties a placement of ``area`` reads: the area's own and those of the
    areas above it (each row names its area)."""
    ids = [int(part) for part in area.path.split("/") if part]
    return list(
        CloseSpecialty.objects.filter(area_id__in=ids)
        .select_related("area")
        .order_by("post_specialty", "reservist_specialty", "area__depth")
    )
