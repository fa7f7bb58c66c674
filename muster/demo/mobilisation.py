"""The demo call-outs of Kim Động (after the militia's step 35 and the reserve's 40/42, which
create the members, the reservists and the assets; with no reservist or asset, militia members
only):

* a **readiness drill** in spring 2025 (15/04/2025, before the reform: the commune commander
  deploys the mobile militia with the district commander's agreement; reservists and assets
  of the commune, if any, under the district chairman's order), completed: almost everyone
  arrived, closed the same afternoon;
* a **flood response** in September 2025 (20/09/2025, after the reform: the commune chairman's
  order) in the new commune with the most members, along the Red River dyke: the mobile and
  on-site militia, the reservists and assets on the register, a youth-union shock team; most
  arrived, some absent with their reasons, closed two days later.

Built through the services as the system actor (every step audited), deterministic from the
seed, idempotent (an order number already there is skipped)."""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import Count
from django.utils import timezone

from muster.accounts.services import system_actor
from muster.geo.models import Unit
from muster.militia.dated import serving_on
from muster.militia.members.models import Membership, MembershipStatus
from muster.mobilisation.models import CallOutOrder, OtherForce
from muster.mobilisation.orders import services
from muster.mobilisation.rosters.selectors import assets_on, reservists_on

DRILL_DAY = dt.date(2025, 4, 15)
FLOOD_DAY = dt.date(2025, 9, 20)
DRILL_NUMBER = "03/LHĐ-DT"
FLOOD_NUMBER = "17/LHĐ-PCTT"
ABSENCES = (
    "Đi làm ăn xa, đã báo vắng",
    "Ốm, có giấy của trạm y tế",
    "Nhà bị ngập, đang di dời gia đình",
    "Không liên lạc được",
)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _busiest(day: dt.date) -> Unit | None:
    """The commune with the most militia members serving on ``day``."""
    row = (
        Membership.objects.filter(serving_on(day), status=MembershipStatus.SERVING)
        .filter(holder__in=Unit.objects.valid_on(day).commune_level())
        .values("holder")
        .annotate(n=Count("pk"))
        .order_by("-n", "holder")
        .first()
    )
    return None if row is None else Unit.objects.get(pk=row["holder"])


def _mark(order: CallOutOrder, rng: random.Random, start: dt.datetime, absent: float) -> None:
    actor = system_actor()
    for i, line in enumerate(order.lines.select_related("order").order_by("pk")):
        when = start + dt.timedelta(minutes=5 + (i * 7) % 50)
        roll = rng.random()
        if roll < absent:
            services.line_mark(
                actor=actor, line=line, mark="absent", at=when, reason=rng.choice(ABSENCES)
            )
        elif roll < absent + 0.04:
            services.line_mark(actor=actor, line=line, mark="acknowledged", at=when)
        else:
            services.line_mark(
                actor=actor, line=line, mark="acknowledged", at=when - dt.timedelta(minutes=4)
            )
            services.line_mark(
                actor=actor, line=line, mark="arrived", at=when + dt.timedelta(minutes=25)
            )


def _drill(rng: random.Random) -> str | None:
    commune = _busiest(DRILL_DAY)
    if commune is None or CallOutOrder.objects.filter(holder=commune, number=DRILL_NUMBER).exists():
        return None
    actor = system_actor()
    with_reserve = (
        reservists_on(commune, DRILL_DAY).exists() or assets_on(commune, DRILL_DAY).exists()
    )
    order = services.order_create(
        actor=actor,
        commune=commune,
        kind="drill",
        hazard="drill",
        number=DRILL_NUMBER,
        description="Diễn tập kiểm tra sẵn sàng huy động lực lượng mùa mưa bão 2025",
        authority="district_chairman" if with_reserve else "commune_commander",
        signed_by="Chủ tịch UBND huyện Kim Động"
        if with_reserve
        else f"Chỉ huy trưởng BCHQS {commune.name}",
        ordered_at=_at(DRILL_DAY, 6, 30),
        assembly_place=f"Sân trụ sở UBND {commune.name}",
        assembly_at=_at(DRILL_DAY, 7, 30),
    )
    services.order_add_group(actor=actor, order=order, force="militia", group="component:mobile")
    if with_reserve:
        services.order_add_group(actor=actor, order=order, force="reservist", group="class:1")
        services.order_add_group(actor=actor, order=order, force="asset", group="all")
    if not order.lines.exists():
        services.order_add_group(actor=actor, order=order, force="militia", group="all")
    services.order_issue(actor=actor, order=order, at=_at(DRILL_DAY, 6, 40))
    _mark(order, rng, _at(DRILL_DAY, 6, 45), absent=0.05)
    services.order_close(actor=actor, order=order, at=_at(DRILL_DAY, 16, 30))
    return f"{commune.name}: {order.lines.count()} lines (drill, closed)"


def _flood(rng: random.Random) -> str | None:
    commune = _busiest(FLOOD_DAY)
    if commune is None or CallOutOrder.objects.filter(holder=commune, number=FLOOD_NUMBER).exists():
        return None
    actor = system_actor()
    team, _new = OtherForce.objects.get_or_create(
        holder=commune,
        name="Đội thanh niên xung kích",
        defaults={
            "organisation": f"Đoàn Thanh niên {commune.name}",
            "headcount": 15,
            "available_from": dt.date(2025, 1, 1),
            "contact": "Bí thư Đoàn xã",
        },
    )
    order = services.order_create(
        actor=actor,
        commune=commune,
        kind="disaster",
        hazard="flood",
        number=FLOOD_NUMBER,
        description="Ứng phó lũ sông Hồng, hộ đê tả sông Hồng và sơ tán dân vùng bãi",
        authority="commune_chairman",
        signed_by=f"Chủ tịch UBND {commune.name}",
        ordered_at=_at(FLOOD_DAY, 5, 0),
        assembly_place="Điếm canh đê, đê tả sông Hồng",
        assembly_at=_at(FLOOD_DAY, 6, 0),
    )
    for group in ("component:mobile", "component:on_site"):
        services.order_add_group(actor=actor, order=order, force="militia", group=group)
    services.order_add_group(actor=actor, order=order, force="reservist", group="all")
    services.order_add_group(actor=actor, order=order, force="asset", group="all")
    services.order_add_lines(actor=actor, order=order, others=[team])
    services.order_issue(actor=actor, order=order, at=_at(FLOOD_DAY, 5, 10))
    _mark(order, rng, _at(FLOOD_DAY, 5, 15), absent=0.1)
    services.order_close(actor=actor, order=order, at=_at(FLOOD_DAY + dt.timedelta(days=2), 18))
    return f"{commune.name}: {order.lines.count()} lines (flood, closed)"


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the mobilisation app, order 48)."""
    rng = random.Random(seed * 48)
    done = [line for line in (_drill(rng), _flood(rng)) if line]
    return [f"Demo call-outs: {'; '.join(done)}."] if done else []
