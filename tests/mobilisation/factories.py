"""Call-out test records: a commune's roster (reservists, militia members, an asset, another
force) and orders written straight to the models (the services are tested on their own)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from muster.geo.models import Unit
from muster.mobilisation.models import CallOutLine, CallOutOrder, OtherForce
from muster.reserve.models import Asset, Reservist
from tests.core.factories import make_person
from tests.militia.factories import make_member, make_militia_unit

DAY = dt.date(2025, 9, 20)


def at(day: dt.date = DAY, hour: int = 8, minute: int = 0) -> dt.datetime:
    """An aware local date-time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def make_roster(commune: Unit, tag: str = "") -> dict:
    """Two class-1 reservists and one class-2, three mobile militia members and one on-site,
    a watercraft and a truck, a youth-union team of 12: all open on ``DAY``."""
    platoon = make_militia_unit(commune, name=f"Trung đội cơ động {tag}")
    squad = make_militia_unit(
        commune, name=f"Tiểu đội thôn 1 {tag}", component="on_site", level="squad"
    )
    reservists = [
        Reservist.objects.create(
            person=make_person(commune, full_name=f"Trần Văn Dự {tag}{i}"),
            holder=commune,
            kind="nco_soldier",
            reserve_class=1 if i < 2 else 2,
            registered_on=dt.date(2024, 3, 1),
            certificate_number=f"DB-{tag}{i}",
        )
        for i in range(3)
    ]
    members = [
        make_member(make_person(commune, full_name=f"Lê Văn Quân {tag}{i}"), unit=platoon)
        for i in range(3)
    ]
    members.append(
        make_member(
            make_person(commune, full_name=f"Phạm Văn Chỗ {tag}"), unit=squad, component="on_site"
        )
    )
    owner = make_person(commune, full_name=f"Vũ Văn Thuyền {tag}")
    assets = [
        Asset.objects.create(
            holder=commune,
            kind="watercraft",
            model_name="Xuồng máy composite",
            registration_number=f"HY-{tag}-0101",
            owner_kind="citizen",
            owner_person=owner,
            registered_on=dt.date(2024, 1, 10),
        ),
        Asset.objects.create(
            holder=commune,
            kind="road_vehicle",
            model_name="Xe tải Hyundai 2,5 tấn",
            registration_number=f"89C-{tag}123",
            owner_kind="enterprise",
            owner_name="Công ty TNHH Vận tải Kim Động",
            registered_on=dt.date(2024, 1, 10),
        ),
    ]
    other = OtherForce.objects.create(
        holder=commune,
        name=f"Đội thanh niên xung kích {tag}",
        organisation="Đoàn Thanh niên xã",
        headcount=12,
        available_from=dt.date(2025, 1, 1),
    )
    return {
        "commune": commune,
        "platoon": platoon,
        "squad": squad,
        "reservists": reservists,
        "members": members,
        "assets": assets,
        "other": other,
    }


def make_order(
    commune: Unit, *, number: str = "01/LHĐ", status: str = "draft", kind: str = "disaster"
) -> CallOutOrder:
    issued = at(DAY, 7) if status != "draft" else None
    return CallOutOrder.objects.create(
        holder=commune,
        kind=kind,
        hazard="flood",
        number=number,
        authority="commune_chairman",
        signed_by="Nguyễn Văn Chủ",
        ordered_at=at(DAY, 6),
        assembly_place="Trụ sở UBND xã",
        assembly_at=at(DAY, 9),
        status=status,
        issued_at=issued,
        closed_at=at(DAY, 18) if status == "closed" else None,
    )


def add_line(order: CallOutOrder, member) -> CallOutLine:
    return CallOutLine.objects.create(
        order=order,
        force="militia",
        membership=member,
        group=member.component,
        label=member.person.full_name,
        notified_at=order.issued_at,
    )


def matrix_order(world: dict, side: str) -> CallOutOrder:
    """An issued order of the side's commune with one militia line (once per world)."""
    key = f"callout_order_{side}"
    if key not in world:
        unit = world[f"unit_{side}"]
        platoon = make_militia_unit(unit, name=f"Trung đội {side}")
        member = make_member(make_person(unit, full_name=f"Đỗ Văn Hùng {side}"), unit=platoon)
        order = make_order(unit, number=f"M-{side}", status="issued")
        add_line(order, member)
        world[key] = order
    return world[key]


def order_kwargs(world: dict, side: str) -> dict:
    return {"public_id": matrix_order(world, side).public_id}
