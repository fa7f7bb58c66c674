"""The demo reserve technical assets (phương tiện kỹ thuật dự bị) of Kim Động's communes of
1 Jul 2025 (Lương Bằng, Nghĩa Dân, Hiệp Cường, Đức Hợp, Sơn Nam), from the demo registry (the
people step comes first): about 60 assets per commune (trucks, cars, boats, excavators, radios)
owned by citizens of the commune and by a few enterprises and agencies, put on the new
commune's register in July–September 2025; the yearly registration of 2025 (01/10–30/11/2025)
confirming most, updating some, registering a few new and removing a few; and, when the reserve
units exist (the reserve step at order 40), their needs and the assets assigned to them by the
proposal engine (same kind, then similar features) on 15/12/2025. Synthetic data; deterministic
from the seed; idempotent (a second run finds the assets and does nothing); one audit event."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from muster.accounts.services import system_actor
from muster.audit.services import record_event
from muster.demo.people.vocabulary import DEMO_REASON
from muster.geo.models import Unit
from muster.geo.scope import scope_of_unit
from muster.law.reserve.asset_match import AssetIn, NeedIn, propose
from muster.law.reserve.enums import AssetKind
from muster.people.models import Person
from muster.reserve.assets.models import (
    Asset,
    AssetAssignment,
    AssetNeed,
    EntryAction,
    OwnerKind,
    RegistrationRound,
    RoundEntry,
)
from muster.reserve.assets.services import search_text
from muster.reserve.units.models import ReserveUnit

COMMUNES = ("LB25", "ND25", "HC25", "DHOP25", "SN25")
PER_COMMUNE = 60
ROUND = (dt.date(2025, 10, 1), dt.date(2025, 11, 30))
ASSIGNED_ON = dt.date(2025, 12, 15)

#: (kind, weight, [(model, features, plate prefix)]).
TEMPLATES: tuple[tuple[AssetKind, int, tuple[tuple[str, str, str], ...]], ...] = (
    (
        AssetKind.ROAD_VEHICLE,
        60,
        (
            ("Xe tải Hyundai HD120SL", "xe tải 8 tấn, thùng bạt", "89C"),
            ("Xe tải Thaco Ollin 500B", "xe tải 5 tấn, thùng bạt", "89C"),
            ("Xe tải Isuzu QKR 270", "xe tải 2,5 tấn, thùng kín", "89H"),
            ("Xe ô tô Toyota Innova", "ô tô con 7 chỗ", "89A"),
            ("Xe khách Hyundai County", "xe khách 29 chỗ", "89B"),
            ("Xe ô tô Ford Ranger", "xe bán tải 5 chỗ, 2 cầu", "89C"),
        ),
    ),
    (
        AssetKind.WATERCRAFT,
        12,
        (
            ("Tàu vỏ thép chở hàng", "tàu chở hàng trọng tải 300 tấn", "HY"),
            ("Thuyền máy composite", "thuyền máy 12 chỗ, máy 40 CV", "HY"),
        ),
    ),
    (
        AssetKind.CONSTRUCTION,
        13,
        (
            ("Máy xúc Komatsu PC200", "máy xúc bánh xích, gầu 0,8 m³", "MXD"),
            ("Máy xúc Hitachi ZX130", "máy xúc bánh xích, gầu 0,5 m³", "MXD"),
        ),
    ),
    (
        AssetKind.COMMUNICATIONS,
        15,
        (
            ("Máy Motorola GM3688", "máy vô tuyến điện sóng cực ngắn 45 W", "SN"),
            ("Máy bộ đàm Kenwood TK-3000", "máy vô tuyến điện cầm tay 5 W", "SN"),
        ),
    ),
)
ENTERPRISES = (
    (OwnerKind.ENTERPRISE, "Công ty TNHH Vận tải Hưng Long"),
    (OwnerKind.ENTERPRISE, "Công ty CP Xây dựng Phố Hiến"),
    (OwnerKind.ENTERPRISE, "Hợp tác xã Vận tải thủy Kim Động"),
    (OwnerKind.AGENCY, "Bưu điện văn hóa xã"),
)
#: (kind, required features, count) of each reserve unit's needs.
NEEDS = (
    (AssetKind.ROAD_VEHICLE, "xe tải 5 tấn thùng bạt", 3),
    (AssetKind.ROAD_VEHICLE, "ô tô con 7 chỗ", 1),
    (AssetKind.COMMUNICATIONS, "máy vô tuyến điện sóng cực ngắn", 2),
    (AssetKind.CONSTRUCTION, "máy xúc gầu 0,8 m³", 1),
)


def _number(rng: random.Random, prefix: str, serial: int) -> str:
    """A registration number unique by construction (the serial is in every form: two random
    plates of one kind may not collide, ``asset_one_open_per_registration``)."""
    if prefix in ("89A", "89B", "89C", "89H"):
        return f"{prefix}-{serial:03d}.{rng.randint(10, 99)}"
    if prefix == "HY":
        return f"HY-{2000 + serial:05d}"
    if prefix == "MXD":
        return f"89XD-{serial:04d}"
    return f"SN{rng.randint(10, 99)}{serial:05d}"


def _owners(commune: Unit, rng: random.Random) -> list[Person]:
    people = list(
        Person.objects.filter(scope_of_unit(commune).q("registration_unit"), sex="M")
        .order_by("pk")
        .values_list("pk", flat=True)[:2000]
    )
    rng.shuffle(people)
    return list(Person.objects.filter(pk__in=people[:PER_COMMUNE]).order_by("pk"))


def _assets(units: dict[str, Unit], rng: random.Random) -> list[Asset]:
    kinds = list(TEMPLATES)
    weights = [t[1] for t in TEMPLATES]
    out: list[Asset] = []
    serial = 0
    for key in COMMUNES:
        commune = units.get(key)
        if commune is None:
            continue
        owners = _owners(commune, rng)
        for i in range(PER_COMMUNE):
            kind, _w, models = rng.choices(kinds, weights)[0]
            model, features, prefix = rng.choice(models)
            serial += 1
            by_enterprise = not owners or rng.random() < 0.2
            owner_kind, owner_name = rng.choice(ENTERPRISES) if by_enterprise else ("citizen", "")
            asset = Asset(
                holder=commune,
                kind=kind,
                model_name=model,
                registration_number=_number(rng, prefix, serial),
                features=features,
                year_made=rng.randint(2008, 2024),
                owner_kind=owner_kind,
                owner_person=None if by_enterprise else owners[i % len(owners)],
                owner_name=owner_name,
                owner_address=commune.name,
                registered_on=dt.date(2025, 7, 1) + dt.timedelta(days=rng.randint(0, 91)),
            )
            out.append(asset)
    for asset in out:
        asset.search_text = search_text(asset)
    return out


def _round(units: dict[str, Unit], assets: list[Asset], rng: random.Random) -> int:
    """The 2025 round of each commune: a few assets new in the round (registered in it), most
    of the others confirmed, some updated, a few removed."""
    count = 0
    for key in COMMUNES:
        commune = units.get(key)
        if commune is None:
            continue
        item = RegistrationRound.objects.create(
            holder=commune,
            year=2025,
            opened_on=ROUND[0],
            closed_on=ROUND[1],
            note="Đăng ký PTKTDB năm 2025 (dữ liệu minh họa)",
        )
        entries: list[RoundEntry] = []
        for asset in (a for a in assets if a.holder_id == commune.pk):
            day = ROUND[0] + dt.timedelta(days=rng.randint(0, 55))
            roll = rng.random()
            if roll < 0.06:
                asset.registered_on = day
                asset.save(update_fields=["registered_on"])
                entries.append(RoundEntry(round=item, asset=asset, action=EntryAction.NEW, on=day))
            elif roll < 0.10:
                asset.removed_on, asset.removal_reason = day, "Chủ phương tiện đã bán, chuyển đi"
                asset.save(update_fields=["removed_on", "removal_reason"])
                entries.append(
                    RoundEntry(
                        round=item,
                        asset=asset,
                        action=EntryAction.REMOVED,
                        on=day,
                        note=asset.removal_reason,
                    )
                )
            elif roll < 0.20:
                entries.append(
                    RoundEntry(
                        round=item,
                        asset=asset,
                        action=EntryAction.UPDATED,
                        on=day,
                        note="Cập nhật địa chỉ chủ phương tiện",
                    )
                )
            elif roll < 0.92:
                entries.append(
                    RoundEntry(round=item, asset=asset, action=EntryAction.CONFIRMED, on=day)
                )
        RoundEntry.objects.bulk_create(entries)
        count += 1
    return count


def _needs(assets: list[Asset], rng: random.Random) -> tuple[int, int]:
    units = list(ReserveUnit.objects.filter(ended_on__isnull=True).select_related("area")[:8])
    needs: list[AssetNeed] = []
    assignments: list[AssetAssignment] = []
    free = [a for a in assets if a.removed_on is None]
    taken: set[int] = set()
    for unit in units:
        area_ids = scope_of_unit(unit.area).unit_ids()
        for kind, features, count in NEEDS:
            need = AssetNeed.objects.create(unit=unit, kind=kind, features=features, count=count)
            needs.append(need)
            fill = rng.randint(0, count)
            found = propose(
                [NeedIn(need.pk, kind, features, fill, area_key="unit")],
                [
                    AssetIn(
                        a.pk,
                        AssetKind(a.kind),
                        a.features,
                        sort_key=a.registration_number,
                        area_key="unit" if a.holder_id in area_ids else None,
                    )
                    for a in free
                    if a.pk not in taken
                ],
            )
            for proposal in found:
                taken.add(proposal.asset)  # type: ignore[arg-type]
                assignments.append(
                    AssetAssignment(
                        asset_id=int(proposal.asset),  # type: ignore[call-overload]
                        need=need,
                        assigned_on=ASSIGNED_ON,
                        reason=proposal.reason.vi[:400],
                    )
                )
    AssetAssignment.objects.bulk_create(assignments)
    return len(needs), len(assignments)


def load_demo_assets(*, units: dict[str, Unit], seed: int) -> tuple[int, int, int, int] | None:
    """Write the demo assets; None when they are there already."""
    communes = [units[k] for k in COMMUNES if k in units]
    if not communes or Asset.objects.filter(holder__in=communes).exists():
        return None
    rng = random.Random(f"{seed}-reserve-assets")
    with transaction.atomic():
        assets = _assets(units, rng)
        Asset.objects.bulk_create(assets)
        assets = list(Asset.objects.filter(holder__in=communes).order_by("pk"))
        rounds = _round(units, assets, rng)
        needs, assigned = _needs(assets, rng) if ReserveUnit.objects.exists() else (0, 0)
        anchor = communes[0]
        record_event(
            actor=system_actor(),
            action="reserve.asset.demo_load",
            obj=anchor,
            scope_unit=anchor.parent,
            changes={
                "assets": [None, len(assets)],
                "rounds": [None, rounds],
                "needs": [None, needs],
                "assignments": [None, assigned],
            },
            reason=DEMO_REASON,
        )
    return len(assets), rounds, needs, assigned


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the reserve app, order 42)."""
    loaded = load_demo_assets(units=units, seed=seed)
    if loaded is None:
        return []
    assets, rounds, needs, assigned = loaded
    line = f"Demo reserve technical assets: {assets} assets, {rounds} yearly registrations of 2025"
    if needs:
        line += f", {needs} unit needs with {assigned} assets assigned"
    else:
        line += " (no reserve unit yet: needs skipped)"
    return [line + "."]
