"""Reserve technical asset test records, written straight to the database."""

from __future__ import annotations

import datetime as dt

from muster.geo.models import Unit
from muster.reserve.assets.services import search_text
from muster.reserve.models import (
    Asset,
    AssetAssignment,
    AssetNeed,
    RegistrationRound,
    ReserveUnit,
)


def make_asset(
    commune: Unit,
    number: str = "89C-123.45",
    *,
    kind: str = "road_vehicle",
    model_name: str = "Xe tải Thaco Ollin 500B",
    features: str = "xe tải 5 tấn, thùng bạt",
    owner_name: str = "Công ty TNHH Vận tải Hưng Long",
    registered_on: dt.date = dt.date(2025, 3, 1),
    **kw,
) -> Asset:
    asset = Asset(
        holder=commune,
        kind=kind,
        model_name=model_name,
        registration_number=number,
        features=features,
        owner_kind=kw.pop("owner_kind", "enterprise"),
        owner_name=owner_name,
        registered_on=registered_on,
        **kw,
    )
    asset.search_text = search_text(asset)
    asset.save()
    return asset


def make_unit(area: Unit, code: str = "c1", **kw) -> ReserveUnit:
    return ReserveUnit.objects.create(
        area=area,
        code=code,
        name=kw.pop("name", "Đại đội vận tải 1"),
        role=kw.pop("role", "support"),
        force=kw.pop("force", "local"),
        established_on=kw.pop("established_on", dt.date(2024, 1, 1)),
        **kw,
    )


def make_need(unit: ReserveUnit, *, kind="road_vehicle", features="xe tải 5 tấn", count=2):
    return AssetNeed.objects.create(unit=unit, kind=kind, features=features, count=count)


def make_round(commune: Unit, year: int = 2025, **kw) -> RegistrationRound:
    return RegistrationRound.objects.create(
        holder=commune,
        year=year,
        opened_on=kw.pop("opened_on", dt.date(year, 10, 1)),
        closed_on=kw.pop("closed_on", dt.date(year, 11, 30)),
    )


def assign(asset: Asset, need: AssetNeed, on=dt.date(2025, 6, 1)) -> AssetAssignment:
    return AssetAssignment.objects.create(asset=asset, need=need, assigned_on=on)
