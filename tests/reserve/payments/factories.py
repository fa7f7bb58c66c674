"""Placement runs written directly (the engine is tested elsewhere): a run of an area on a day
that places some reservists in units and names others as not placed."""

from __future__ import annotations

import datetime as dt

from muster.accounts.services import system_actor
from muster.geo.models import Unit
from muster.reserve.models import NotPlaced, Placement, PlacementRun, ReserveUnit, Reservist


def make_run(
    area: Unit,
    day: dt.date,
    placed: dict[Reservist, ReserveUnit] | None = None,
    refused: list[Reservist] | None = None,
) -> PlacementRun:
    PlacementRun.objects.filter(area=area, current=True).update(current=False)
    run = PlacementRun.objects.create(area=area, day=day, actor=system_actor())
    for reservist, unit in (placed or {}).items():
        Placement.objects.create(
            run=run,
            reservist=reservist,
            unit=unit,
            specialty="BB",
            spare=False,
            right_specialty=True,
            own_area=True,
            stage=1,
            explanation_vi="Xếp đúng CNQS.",
            explanation_en="Right specialty.",
        )
    for reservist in refused or []:
        NotPlaced.objects.create(
            run=run, reservist=reservist, outcome="refused", reason_vi="Không đủ", reason_en="No"
        )
    return run
