"""Running the placement of an area's reservists into its reserve units (sắp xếp quân nhân dự
bị vào đơn vị dự bị động viên, Law 53/2019 Arts 15–17) and storing what it decided.

The run reads, on its ``day``: the reservists on the register of the area's communes (kind,
class, military specialty, birth, sex, commune), the units of the area in force with their
posts, and the close specialties of the area and of the areas above it; the pure engine
(:func:`muster.law.reserve.placement.place`) places them. A reservist's recruitment area is the
deepest mobilisation area of the run's units that holds his commune (his commune itself when
no unit is organised there). Fitness: the registry holds no reserve health check yet (TT
105/2023), so every reservist counts as fit.

The run becomes the area's current placement; the current runs of the area and of the areas
inside it are kept for history, no longer current. A run inside an area whose own placement is
current is refused: that placement covers it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muster.accounts.access import require, require_actor_area
from muster.audit.services import record_event
from muster.core.validation import not_future, raise_errors
from muster.geo.models import VILLAGE_LEVEL_KINDS, Unit
from muster.geo.scope import scope_of_unit
from muster.law.reserve import placement as engine
from muster.law.reserve.enums import ReserveClass, ReservistKind, Sex, UnitForce, UnitRole
from muster.law.rulebook import Citation, NoRuleInForce
from muster.reserve.perms import can_manage_reserve
from muster.reserve.placement.models import (
    NotPlaced,
    Outcome,
    Placement,
    PlacementRun,
    UnitStrength,
)
from muster.reserve.register.models import Reservist
from muster.reserve.register.selectors import open_on
from muster.reserve.units.models import CloseSpecialty, ReserveUnit, UnitPost

if TYPE_CHECKING:
    from muster.accounts.models import User


def ident(pk: int) -> str:
    """The engine's identifier of a row: its key, zero-padded so text order is number order
    (equal reservists are taken in this order)."""
    return f"{pk:012d}"


def ancestor_ids(unit: Unit) -> list[int]:
    """The unit and the units above it, from its materialised path."""
    return [int(part) for part in unit.path.split("/") if part]


def units_in_force(area: Unit, day: dt.date) -> list[ReserveUnit]:
    """The reserve units of ``area`` and of the areas inside it in force on ``day``."""
    return list(
        ReserveUnit.objects.filter(scope_of_unit(area).q("area"), established_on__lte=day)
        .exclude(ended_on__lte=day)
        .select_related("area")
        .order_by("pk")
    )


def close_table(area: Unit) -> dict[str, set[str]]:
    """``{post specialty: {close specialties}}`` of the area and of the areas above it."""
    table: dict[str, set[str]] = {}
    rows = CloseSpecialty.objects.filter(area_id__in=ancestor_ids(area)).values_list(
        "post_specialty", "reservist_specialty"
    )
    for post, close in rows:
        table.setdefault(post, set()).add(close)
    return table


def _recruitment_area(holder: Unit, unit_areas: dict[int, Unit]) -> str:
    best: Unit | None = None
    for area in unit_areas.values():
        if holder.path.startswith(area.path) and (best is None or area.depth > best.depth):
            best = area
    return str(best.pk if best is not None else holder.pk)


def engine_inputs(
    area: Unit, day: dt.date
) -> tuple[
    list[Reservist],
    list[engine.Reservist],
    list[ReserveUnit],
    list[engine.Unit],
    list[engine.Posts],
]:
    """The rows and the engine's inputs of a placement of ``area`` on ``day``."""
    units = units_in_force(area, day)
    unit_areas = {u.area_id: u.area for u in units}
    rows = list(
        Reservist.objects.filter(open_on(day), scope_of_unit(area).q("holder"))
        .select_related("person", "holder")
        .order_by("pk")
    )
    people = [
        engine.Reservist(
            ident=ident(r.pk),
            kind=ReservistKind(r.kind),
            sex=Sex.MALE if r.person.sex == "M" else Sex.FEMALE,
            birth=r.person.date_of_birth,
            specialty=r.specialty_code.strip().upper(),
            area=_recruitment_area(r.holder, unit_areas),
            reserve_class=ReserveClass(r.reserve_class) if r.reserve_class else None,
        )
        for r in rows
    ]
    pure_units = [
        engine.Unit(
            ident=ident(u.pk),
            role=UnitRole(u.role),
            force=UnitForce(u.force),
            area=str(u.area_id),
            spare_percent=u.spare_percent,
        )
        for u in units
    ]
    posts = [
        engine.Posts(
            unit=ident(p.unit_id),
            specialty=p.specialty_code.strip().upper(),
            kind=ReservistKind(p.kind),
            count=p.count,
        )
        for p in UnitPost.objects.filter(unit__in=units).order_by("pk")
    ]
    return rows, people, units, pure_units, posts


def _cites(citations: Iterable[Citation]) -> tuple[str, str]:
    found = list(citations)
    vi = "; ".join(dict.fromkeys(c.label_vi for c in found))
    en = "; ".join(dict.fromkeys(c.label for c in found))
    return vi, en


def run_placement(*, actor: User, area: Unit, day: dt.date) -> PlacementRun:
    """Place the reservists of ``area`` on ``day`` and make the result the area's current
    placement (the earlier runs stay, no longer current)."""
    require(can_manage_reserve(actor))
    require_actor_area(actor, area)
    errors: dict[str, list[str]] = {}
    if area.kind in VILLAGE_LEVEL_KINDS:
        errors["__all__"] = [_("A placement is run for a commune or a larger area.")]
    not_future(errors, "day", day)
    above = (
        PlacementRun.objects.filter(current=True, area_id__in=ancestor_ids(area))
        .exclude(area=area)
        .select_related("area")
        .first()
    )
    if above is not None:
        errors.setdefault("__all__", []).append(
            _("The current placement of %(area)s covers this area: run the placement there.")
            % {"area": above.area.name}
        )
    raise_errors(errors)
    rows, people, units, pure_units, posts = engine_inputs(area, day)
    try:
        result = engine.place(day, people, pure_units, posts, close_table(area))
    except NoRuleInForce:
        raise_errors({"day": [_("No placement rule is in force on this day.")]})
        raise
    except ValueError as error:
        raise_errors({"__all__": [_("The placement cannot run: %(error)s") % {"error": error}]})
        raise
    by_id = {ident(r.pk): r for r in rows}
    unit_by_id = {ident(u.pk): u for u in units}
    try:
        with transaction.atomic():
            old = list(
                PlacementRun.objects.select_for_update().filter(
                    scope_of_unit(area).q("area"), current=True
                )
            )
            PlacementRun.objects.filter(pk__in=[r.pk for r in old]).update(
                current=False, replaced_at=timezone.now()
            )
            run = PlacementRun.objects.create(
                area=area,
                day=day,
                actor=actor,
                placed=len(result.placements),
                refused=len(result.refusals),
                unplaced=len(result.unplaced),
            )
            _store(run, result, by_id, unit_by_id)
            record_event(
                actor=actor,
                action="reserve.placement_run",
                obj=run,
                scope_unit=area,
                changes={
                    "day": day.isoformat(),
                    "units": len(units),
                    "reservists": len(rows),
                    "placed": run.placed,
                    "refused": run.refused,
                    "unplaced": run.unplaced,
                    "replaced": [str(r.public_id) for r in old],
                },
            )
    except IntegrityError:
        raise_errors({"__all__": [_("Another placement of this area was just run: reload.")]})
        raise
    return run


def _store(
    run: PlacementRun,
    result: engine.PlacementResult,
    by_id: dict[str, Reservist],
    unit_by_id: dict[str, ReserveUnit],
) -> None:
    UnitStrength.objects.bulk_create(
        [
            UnitStrength(
                run=run,
                unit=unit_by_id[u.unit],
                establishment=u.establishment,
                spare_target=u.spare_target,
                strength=u.strength,
                spare=u.spare,
                shortfall=u.shortfall,
                spare_shortfall=u.spare_shortfall,
                right_specialty=u.right_specialty,
            )
            for u in result.units
        ]
    )
    placements = []
    cache: dict[tuple[Citation, ...], tuple[str, str]] = {}
    for p in result.placements:
        vi, en = cache.setdefault(p.citations, _cites(p.citations))
        placements.append(
            Placement(
                run=run,
                reservist=by_id[p.reservist],
                unit=unit_by_id[p.unit],
                specialty=p.specialty,
                spare=p.spare,
                right_specialty=p.right_specialty,
                own_area=p.own_area,
                stage=p.stage,
                explanation_vi=p.explanation.vi,
                explanation_en=p.explanation.en,
                citations_vi=vi,
                citations_en=en,
            )
        )
    Placement.objects.bulk_create(placements, batch_size=1000)
    missing: list[NotPlaced] = []
    for refusal in result.refusals:
        vi, en = _cites(refusal.citations)
        missing.append(
            NotPlaced(
                run=run,
                reservist=by_id[refusal.reservist],
                outcome=Outcome.REFUSED,
                reason_vi=refusal.reason.vi,
                reason_en=refusal.reason.en,
                citations_vi=vi,
                citations_en=en,
            )
        )
    for reservist in _sorted(result.unplaced):
        missing.append(
            NotPlaced(
                run=run,
                reservist=by_id[reservist],
                outcome=Outcome.UNPLACED,
                reason_vi="Đủ điều kiện nhưng không còn vị trí phù hợp trong các đơn vị.",
                reason_en="Eligible, but no suitable post was left in the units.",
            )
        )
    NotPlaced.objects.bulk_create(missing, batch_size=1000)


def _sorted(idents: Sequence[str]) -> list[str]:
    return sorted(idents)
