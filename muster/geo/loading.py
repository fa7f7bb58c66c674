"""Loading reference units from a JSON fixture through the services (so the audit chain sees it).

Idempotent: a unit that already exists (same code and start date) is reused, not duplicated.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from muster.accounts.services import system_actor
from muster.geo.models import ChangeKind, Unit, UnitChange
from muster.geo.services import unit_change_record, unit_create

FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures"
KIM_DONG_FIXTURE = FIXTURE_DIR / "hung_yen_kim_dong.json"


def _date(raw: str | None) -> dt.date | None:
    return dt.date.fromisoformat(raw) if raw else None


@transaction.atomic
def load_units_fixture(path: Path = KIM_DONG_FIXTURE) -> dict[str, Unit]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    units: dict[str, Unit] = {}
    for row in data["units"]:
        valid_from = _date(row["valid_from"])
        assert valid_from is not None
        existing = Unit.objects.filter(code=row["code"], valid_from=valid_from).first()
        if existing is not None:
            units[row["key"]] = existing
            continue
        units[row["key"]] = unit_create(
            actor=system_actor(),
            code=row["code"],
            kind=row["kind"],
            name=row["name"],
            parent=units[row["parent"]] if row["parent"] else None,
            valid_from=valid_from,
            valid_to=_date(row.get("valid_to")),
            legal_basis=row.get("legal_basis", ""),
            population=row.get("population"),
            population_synthetic=row.get("population") is not None,
            code_verified=row.get("code_verified", True),
            reason="reference data: " + path.name,
        )
        if row.get("area_km2"):
            Unit.objects.filter(pk=units[row["key"]].pk).update(area_km2=row["area_km2"])
    for change in data["changes"]:
        successor = units[change["successor"]]
        predecessors = [units[k] for k in change["predecessors"]]
        if UnitChange.objects.filter(successor=successor, predecessor__in=predecessors).exists():
            continue
        unit_change_record(
            actor=system_actor(),
            predecessors=predecessors,
            successor=successor,
            kind=ChangeKind(change["kind"]),
            effective_date=dt.date.fromisoformat(change["effective_date"]),
            legal_basis=change["legal_basis"],
            partial=frozenset(units[k].pk for k in change.get("partial", [])),
        )
    return units
