"""Reads of the placement: the current run of an area with its units' figures, a unit's
placed reservists, the refused and unplaced, a reservist's current placement, and the
registry commitment of placed reservists. Scoped by the reader's area."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.reserve.placement.models import NotPlaced, Placement, PlacementRun, UnitStrength
from muster.reserve.units.models import ReserveUnit

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.reserve.register.models import Reservist

#: The registry commitment of a reservist placed in a reserve unit by the current placement
#: (militia: Law 48/2019 Art 11(2)(c) exempts him from selection).
PLACED_COMMITMENT = "reserve.placed"


def placed_reservists(person_ids: Sequence[int]) -> Mapping[int, str]:
    """``{person id: "Placed in reserve unit C1 … (commune)"}`` for the persons on a register
    whom a current placement put in a unit; one query."""
    rows = Placement.objects.filter(
        run__current=True,
        reservist__person_id__in=list(person_ids),
        reservist__removed_on__isnull=True,
    ).values_list("reservist__person_id", "unit__code", "unit__name", "reservist__holder__name")
    return {
        person: _("Reservist placed in unit %(unit)s (%(commune)s)")
        % {"unit": f"{code} {name}", "commune": commune}
        for person, code, name, commune in rows
    }


def current_run(*, user: User, area: Unit) -> PlacementRun | None:
    """The current placement of ``area`` itself."""
    return (
        PlacementRun.objects.filter(scope_of(user).q("area"), area=area, current=True)
        .select_related("actor", "area")
        .first()
    )


def covering_run(area: Unit) -> PlacementRun | None:
    """The current placement of an area above ``area`` that covers it, if any."""
    ids = [int(part) for part in area.path.split("/") if part and int(part) != area.pk]
    return PlacementRun.objects.filter(current=True, area_id__in=ids).select_related("area").first()


def history(*, user: User, area: Unit, limit: int = 10) -> list[PlacementRun]:
    return list(
        PlacementRun.objects.filter(scope_of(user).q("area"), area=area)
        .select_related("actor")
        .order_by("-created_at", "-pk")[:limit]
    )


def strengths(run: PlacementRun) -> list[UnitStrength]:
    """The run's units with their figures (one query)."""
    return list(
        UnitStrength.objects.filter(run=run)
        .select_related("unit", "unit__area")
        .order_by("unit__area__name", "unit__code")
    )


def current_placements_of_unit(unit: ReserveUnit) -> list[Placement]:
    """The reservists the current placement put in ``unit`` (one query)."""
    return list(
        Placement.objects.filter(run__current=True, unit=unit)
        .select_related("reservist__person", "reservist__holder")
        .order_by("spare", "stage", "specialty", "reservist__person__full_name", "pk")
    )


def placements_of_run(run: PlacementRun) -> list[Placement]:
    """Every placement of the run, by unit (one query), for the export."""
    return list(
        Placement.objects.filter(run=run)
        .select_related("unit", "reservist__person", "reservist__holder")
        .order_by("unit__code", "spare", "stage", "specialty", "reservist__person__full_name")
    )


def not_placed(run: PlacementRun, outcome: str = "") -> QuerySet[NotPlaced]:
    """The run's refused and unplaced reservists (or those of one ``outcome``), refused first,
    by commune and name; a query set for the page to cut into pages."""
    rows = NotPlaced.objects.filter(run=run)
    if outcome:
        rows = rows.filter(outcome=outcome)
    return rows.select_related("reservist__person", "reservist__holder").order_by(
        "outcome", "reservist__holder__name", "reservist__person__full_name", "pk"
    )


def current_placement(reservist: Reservist) -> Placement | None:
    """The reservist's placement in the current placement of his area, if any."""
    return (
        Placement.objects.filter(run__current=True, reservist=reservist)
        .select_related("unit__area", "run")
        .first()
    )


def current_not_placed(reservist: Reservist) -> NotPlaced | None:
    return (
        NotPlaced.objects.filter(run__current=True, reservist=reservist)
        .select_related("run")
        .first()
    )
