"""Reads of the reservist register, scoped by the reader's area."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from muster.core import dated, lawtext
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.law.reserve.classes import GroupVerdict, conversion_of
from muster.law.reserve.enums import CLASS_LABELS, ReserveClass, ReservistKind, Sex
from muster.reserve.register.models import HealthCheck, OfficerReview, Reservist, Transfer

if TYPE_CHECKING:
    from muster.accounts.models import User

#: The registry commitment of a reservist on a register whom no current placement has put
#: in a unit (the placed hold ``reserve.placed``, :mod:`muster.reserve.placement.selectors`).
REGISTERED_COMMITMENT = "reserve.registered"


def registered_reservists(person_ids: Sequence[int]) -> Mapping[int, str]:
    """``{person id: "Reservist, class 1 (commune)"}`` for those on a register now and not
    placed in a unit by a current placement."""
    rows = (
        Reservist.objects.filter(person_id__in=person_ids, removed_on__isnull=True)
        .exclude(placements__run__current=True)
        .values_list("person_id", "reserve_class", "holder__name")
    )
    found: dict[int, str] = {}
    for person_id, klass, commune in rows:
        label = lawtext.text(CLASS_LABELS[ReserveClass(klass)]) if klass else ""
        found[person_id] = (
            f"{lawtext.pick('Quân nhân dự bị', 'Reservist')}"
            + (f", {label.lower()}" if label else "")
            + f" ({commune})"
        )
    return found


def open_on(day: dt.date) -> Q:
    """On the register on ``day``."""
    return dated.open_on(day, "registered_on", end="removed_on")


@dataclass(frozen=True)
class Row:
    reservist: Reservist
    group: GroupVerdict


def register_of_commune(
    *,
    user: User,
    commune: Unit,
    day: dt.date,
    reserve_class: int | None = None,
    group: str = "",
    specialty: str = "",
) -> list[Row]:
    """The commune's reservists on ``day`` (two queries), filtered by class, group A/B
    (computed on ``day``) and military specialty (code or name, contains)."""
    rows = Reservist.objects.filter(
        open_on(day), scope_of(user).q("holder"), holder=commune
    ).select_related("person")
    if reserve_class:
        rows = rows.filter(reserve_class=reserve_class)
    if specialty.strip():
        text = specialty.strip()
        rows = rows.filter(Q(specialty_code__icontains=text) | Q(specialty_name__icontains=text))
    found = [Row(r, r.group_on(day)) for r in rows.order_by("person__full_name", "pk")]
    if group:
        found = [r for r in found if r.group.group is not None and r.group.group.value == group]
    return found


def reservists(user: User) -> QuerySet[Reservist]:
    return Reservist.objects.filter(scope_of(user).q("holder"))


def counts_by_commune(user: User, day: dt.date) -> dict[int, dict[str, int]]:
    """``{commune id: {"one": n, "two": n, "all": n}}`` of the reservists on ``day``."""
    rows = (
        Reservist.objects.filter(open_on(day), scope_of(user).q("holder"))
        .values("holder_id")
        .annotate(
            all=Count("pk"),
            one=Count("pk", filter=Q(reserve_class=1)),
            two=Count("pk", filter=Q(reserve_class=2)),
        )
    )
    return {r["holder_id"]: {"all": r["all"], "one": r["one"], "two": r["two"]} for r in rows}


@dataclass(frozen=True)
class Records:
    """What a reservist's page lists under his class: his health card's checks (newest
    first), his officer reviews, his transfers and, for class 2, whether he may convert."""

    health: list[HealthCheck]
    reviews: list[OfficerReview]
    transfers: list[Transfer]
    conversion: str


def records_of(item: Reservist, day: dt.date) -> Records:
    """The reservist's records (three queries)."""
    text = ""
    if item.kind == ReservistKind.NCO_SOLDIER and item.reserve_class == 2:
        sex = Sex.MALE if item.person.sex == "M" else Sex.FEMALE
        verdict = conversion_of(
            sex, item.person.date_of_birth, ReserveClass.TWO, item.training_months, day
        )
        text = lawtext.text(verdict.reason)
    return Records(
        health=list(item.health_checks.order_by("-checked_on")),
        reviews=list(item.reviews.order_by("-year")),
        transfers=list(
            Transfer.objects.filter(Q(reservist=item) | Q(new_reservist=item))
            .select_related("from_holder", "to_holder")
            .order_by("-requested_on", "pk")
        ),
        conversion=text,
    )


def incoming_transfers(*, user: User, commune: Unit) -> list[Transfer]:
    """Transfers into ``commune`` waiting for its acceptance, and the last accepted ones."""
    return list(
        Transfer.objects.filter(scope_of(user).q("to_holder"), to_holder=commune)
        .select_related("reservist__person", "from_holder")
        .order_by("accepted_on", "-requested_on", "pk")[:200]
    )
