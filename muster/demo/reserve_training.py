"""The demo reserve's 2025 training, meetings and allowances (issue 18, item 5), after the
reservists and units of the reserve's demo step (order 40).

Per commune holding reservists on 05/05/2025: a training call-up of 5 days in May (at most 30
reservists, most attending, a student deferred for his exams, one absent), a readiness check
of 2 days in September; per reserve unit of a commune, its four quarterly Khung B meetings;
per commune holding reservists on 15/12/2025, its December meeting with minutes. Through the
services (so every cap and meeting rule is checked, and audited as the system actor).
Deterministic from the seed; idempotent (a commune with a 2025 call-up is skipped); nothing
when no reservist exists.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError

from muster.accounts.services import system_actor
from muster.geo.models import Unit
from muster.reserve.models import Meeting, ReserveUnit, Reservist, TrainingCall
from muster.reserve.register.selectors import open_on
from muster.reserve.training import services

TRAINING = (dt.date(2025, 5, 5), dt.date(2025, 5, 9))
CHECK = (dt.date(2025, 9, 16), dt.date(2025, 9, 17))
QUARTER_DAYS = (dt.date(2025, 3, 27), dt.date(2025, 6, 26), dt.date(2025, 9, 25))
DECEMBER = dt.date(2025, 12, 19)
MOST = 30


def _by_commune(day: dt.date) -> dict[int, list[Reservist]]:
    grouped: dict[int, list[Reservist]] = defaultdict(list)
    rows = Reservist.objects.filter(open_on(day)).select_related("person").order_by("pk")
    for reservist in rows:
        grouped[reservist.holder_id].append(reservist)
    return grouped


def _calls(units: dict[int, Unit], rng: random.Random) -> tuple[int, int]:
    actor = system_actor()
    made = deferred = 0
    for holder_id, people in sorted(_by_commune(TRAINING[0]).items()):
        commune = units[holder_id]
        if TrainingCall.objects.filter(commune=commune, starts_on__year=2025).exists():
            continue
        chosen = people[:MOST]
        try:
            call = services.create_call(
                actor=actor,
                commune=commune,
                kind="training",
                title="Huấn luyện quân nhân dự bị năm 2025",
                place="Thao trường huyện",
                starts_on=TRAINING[0],
                ends_on=TRAINING[1],
                reservists=chosen,
            )
        except ValidationError:
            continue
        entries = list(call.entries.select_related("reservist__person").order_by("pk"))
        if len(entries) > 2:
            services.defer_entry(
                actor=actor,
                entry=entries[0],
                ground="exam",
                confirmed_by="Trường Đại học Sư phạm Kỹ thuật Hưng Yên",
                on=dt.date(2025, 4, 28),
            )
            deferred += 1
        rows = []
        for i, entry in enumerate(entries[1:] if len(entries) > 2 else entries):
            officer = entry.reservist.kind == "officer"
            coefficient = Decimal("4.20") if officer else Decimal("0.40")
            present = i != 1 or len(entries) < 4
            rows.append(
                services.AttendanceRow(entry, present, None, coefficient, rng.random() < 0.1)
            )
        services.record_attendance(actor=actor, call=call, rows=rows)
        made += 1
        check_people = chosen[: max(1, len(chosen) // 2)]
        with contextlib.suppress(ValidationError):
            services.create_call(
                actor=actor,
                commune=commune,
                kind="check",
                title="Kiểm tra sẵn sàng động viên",
                starts_on=CHECK[0],
                ends_on=CHECK[1],
                reservists=check_people,
            )
    return made, deferred


def _meetings(units: dict[int, Unit]) -> int:
    actor = system_actor()
    made = 0
    on_day = {day: _by_commune(day) for day in (*QUARTER_DAYS, DECEMBER)}
    for unit in ReserveUnit.objects.filter(ended_on__isnull=True).order_by("pk"):
        commune = units.get(unit.area_id)
        if commune is None:
            continue
        for day in (*QUARTER_DAYS, DECEMBER):
            people = on_day[day].get(commune.pk, [])[:8]
            try:
                services.create_meeting(
                    actor=actor,
                    kind="khung_b",
                    commune=commune,
                    reserve_unit=unit,
                    held_on=day,
                    hours=Decimal(3),
                    attendees=people,
                    place="Hội trường Ban Chỉ huy quân sự",
                    chair="Chỉ huy trưởng Ban Chỉ huy quân sự",
                    content=f"Đánh giá tình hình đơn vị {unit.name} trong quý; kế hoạch quý tới.",
                )
                made += 1
            except ValidationError:
                continue
    for holder_id, people in sorted(on_day[DECEMBER].items()):
        commune = units[holder_id]
        if Meeting.objects.filter(kind="december", commune=commune, held_on__year=2025).exists():
            continue
        services.create_meeting(
            actor=actor,
            kind="december",
            commune=commune,
            held_on=DECEMBER,
            hours=Decimal(4),
            attendees=people[: max(1, len(people) * 9 // 10)],
            place="Hội trường Ủy ban nhân dân xã",
            chair="Chỉ huy trưởng Ban Chỉ huy quân sự",
            secretary="Trợ lý Ban Chỉ huy quân sự",
            content="Quán triệt nhiệm vụ dự bị động viên năm 2026; phổ biến Luật Lực lượng dự bị "
            "động viên.",
            conclusions="Quân nhân dự bị sẵn sàng nhận lệnh khi được gọi.",
        )
        made += 1
    return made


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the reserve app at order 44)."""
    if not Reservist.objects.exists():
        return []
    rng = random.Random(seed * 44 + 5)
    by_id = {u.pk: u for u in Unit.objects.commune_level()}
    made, deferred = _calls(by_id, rng)
    meetings = _meetings(by_id)
    if not (made or meetings):
        return []
    return [
        f"Demo reserve training: {made} training call-ups 2025 ({deferred} deferrals), readiness "
        f"checks, {meetings} meetings with minutes."
    ]
