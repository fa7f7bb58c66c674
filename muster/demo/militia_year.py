"""The demo militia's 2025 (issue 17, item 10): training and allowances, after the units and
members of ``muster.demo.militia``.

Per commune holding militia members in 2025, a training plan (kế hoạch huấn luyện) per
component with the days of the rule of 2025 (``law.militia.training``). The old communes (to
30/06/2025) held a spring session per component in April; the new communes (from 01/07/2025)
two per component, in September and November, that give a member in his second year or later
his days (12 mobile, 7 on-site), so that those absent or away part of a session, and those in
their first year (15 days), are short of days. Each member expected at a session has his
attendance: most present every day, some part of it, a few absent; a result for most.

The new Đức Hợp held a flood drill (diễn tập phòng chống lụt bão) with its mobile platoons in
September 2025: a closed call-out, most members acknowledging and arriving, a few not
reached; their days of duty are paid on the September list beside the training days. The
province sets its strength target for 2025. Deterministic from the seed; written in bulk;
idempotent (a second run finds the plans and does nothing); one audit event.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q

from muster.accounts.services import system_actor
from muster.audit.services import record_event
from muster.demo.people.vocabulary import DEMO_REASON, LAST_DISTRICT_DAY
from muster.geo.models import Unit
from muster.law.militia.enums import Component
from muster.law.militia.training import required_days
from muster.law.rulebook import Citation
from muster.law.sources import LAW_48
from muster.militia.allowances.lines import province_of
from muster.militia.models import (
    Attendance,
    CallOut,
    CallOutMember,
    Membership,
    MilitiaUnit,
    StrengthTarget,
    TrainingPlan,
    TrainingSession,
)

YEAR = 2025
REFORM = LAST_DISTRICT_DAY + dt.timedelta(days=1)
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")

#: (component, first day, days, subject) of the sessions of an old commune (before the reform).
OLD_SESSIONS = (
    ("mobile", dt.date(2025, 4, 8), 3, "Điều lệnh đội ngũ, kỹ thuật bắn súng tiểu liên AK"),
    ("on_site", dt.date(2025, 4, 15), 2, "Chiến thuật dân quân tại chỗ bảo vệ thôn"),
)
#: The same after the reform, in the new communes.
NEW_SESSIONS = (
    ("mobile", dt.date(2025, 9, 8), 6, "Chiến thuật tiểu đội, trung đội; phòng chống thiên tai"),
    ("mobile", dt.date(2025, 11, 10), 6, "Kỹ thuật bắn súng, ném lựu đạn; hội thao"),
    ("on_site", dt.date(2025, 9, 15), 4, "Chiến thuật dân quân tại chỗ; cứu hộ, cứu nạn"),
    ("on_site", dt.date(2025, 11, 17), 3, "Bảo vệ an ninh trật tự thôn; phòng cháy, chữa cháy"),
)
FLOOD_DRILL = dt.datetime(2025, 9, 23, 7, 0, tzinfo=LOCAL)
FLOOD_DRILL_END = dt.datetime(2025, 9, 24, 17, 0, tzinfo=LOCAL)
TARGET_PCT = Decimal("1.40")
#: The legal basis of the province's strength target: the organisation of the force (Law
#: 48/2019 Art 15, the 2025 text before Law 98/2025), in Vietnamese as the interface shows it.
TARGET_CITATION = Citation(LAW_48, "15", None, None, "Organisation of the militia.").label_vi


@dataclass
class _Year:
    plans: list[TrainingPlan] = field(default_factory=list)
    sessions: list[TrainingSession] = field(default_factory=list)
    attendances: list[Attendance] = field(default_factory=list)
    callouts: list[tuple[CallOut, list[MilitiaUnit]]] = field(default_factory=list)
    called: list[CallOutMember] = field(default_factory=list)
    targets: list[StrengthTarget] = field(default_factory=list)


def _plan(commune: Unit, component: str) -> TrainingPlan:
    """The plan of ``component`` with the days of the rule in force on 1 January 2025."""
    on = dt.date(YEAR, 1, 1)
    first = required_days(Component(component), 1, on)
    later = required_days(Component(component), 2, on)
    return TrainingPlan(
        holder=commune,
        year=YEAR,
        component=component,
        first_year_days=first.days,
        later_days=later.days,
        legal_citation="; ".join(c.label_vi for c in first.rule.citations),
        confirmed=first.rule.confirmed,
        approved_on=dt.date(YEAR - 1, 12, 20) if commune.valid_from < REFORM else REFORM,
        note="Kế hoạch huấn luyện dân quân năm 2025",
    )


def _serving(member: Membership, day: dt.date) -> bool:
    return member.joined_on <= day and (member.ended_on is None or member.ended_on > day)


def _attend(rng: random.Random, session: TrainingSession, member: Membership) -> Attendance:
    draw = rng.random()
    if draw < 0.07:  # absent
        return Attendance(session=session, membership=member, present=False, days=0)
    days = session.days
    if draw < 0.2 and days > 1:  # away part of the session
        days -= rng.randint(1, min(2, days - 1))
    result = rng.choices(["good", "pass", "fail", ""], weights=(3, 6, 1, 1))[0]
    return Attendance(session=session, membership=member, days=days, result=result)


def _flood_drill(rng: random.Random, commune: Unit, members: list[Membership], out: _Year) -> None:
    """The new commune's flood drill with its mobile platoons, closed the next day."""
    platoons = list(MilitiaUnit.objects.filter(holder=commune, component="mobile"))
    if not platoons:
        return
    callout = CallOut(
        holder=commune,
        kind="exercise",
        purpose="flood",
        description="Diễn tập phòng chống lụt bão, tìm kiếm cứu nạn năm 2025",
        ordered_by=f"Chỉ huy trưởng Ban CHQS xã {commune.name}",
        order_ref="45/LĐ-BCH",
        ordered_at=FLOOD_DRILL,
        closed_at=FLOOD_DRILL_END,
    )
    out.callouts.append((callout, platoons))
    ids = {u.pk for u in platoons}
    for member in members:
        if member.unit_id not in ids or not _serving(member, FLOOD_DRILL.date()):
            continue
        row = CallOutMember(callout=callout, membership=member, unit_id=member.unit_id)
        draw = rng.random()
        if draw < 0.08:
            row.not_reached = True
            row.note = "Đi làm ăn xa, không liên lạc được"
        else:
            row.acknowledged_at = FLOOD_DRILL + dt.timedelta(minutes=rng.randint(5, 40))
            if draw > 0.12:  # a few answered but never arrived
                row.arrived_at = row.acknowledged_at + dt.timedelta(minutes=rng.randint(20, 80))
        out.called.append(row)


def _write(out: _Year) -> None:
    TrainingPlan.objects.bulk_create(out.plans, batch_size=500)
    for session in out.sessions:
        session.plan_id = session.plan.pk
    TrainingSession.objects.bulk_create(out.sessions, batch_size=500)
    for attendance in out.attendances:
        attendance.session_id = attendance.session.pk
    Attendance.objects.bulk_create(out.attendances, batch_size=1000)
    CallOut.objects.bulk_create([c for c, _units in out.callouts])
    for callout, platoons in out.callouts:
        callout.units.set(platoons)
    for row in out.called:
        row.callout_id = row.callout.pk
    CallOutMember.objects.bulk_create(out.called, batch_size=500)
    StrengthTarget.objects.bulk_create(out.targets)


@transaction.atomic
def load_demo_militia_year(*, units: dict[str, Unit], seed: int) -> _Year | None:
    """Write the demo militia's 2025; None when it is there already or there is no militia."""
    district = units["KD"]
    first, last = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    members = list(
        Membership.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=first),
            joined_on__lte=last,
        )
        .select_related("holder")
        .order_by("holder__path", "pk")
    )
    holders = {m.holder_id: m.holder for m in members}
    if not members or TrainingPlan.objects.filter(holder__in=holders, year=YEAR).exists():
        return None
    rng = random.Random(seed * 104729 + 2025)
    out = _Year()
    by_holder: dict[int, list[Membership]] = {}
    for m in members:
        by_holder.setdefault(m.holder_id, []).append(m)
    for pk in sorted(holders):
        commune, mine = holders[pk], by_holder[pk]
        plans = {c: _plan(commune, c) for c in sorted({m.component for m in mine})}
        out.plans.extend(plans.values())
        sessions = OLD_SESSIONS if commune.valid_from < REFORM else NEW_SESSIONS
        for component, start, days, subject in sessions:
            plan = plans.get(component)
            if plan is None:
                continue
            session = TrainingSession(
                plan=plan,
                starts_on=start,
                ends_on=start + dt.timedelta(days=days - 1),
                days=days,
                place=f"Sân vận động xã {commune.name}",
                subject=subject,
            )
            out.sessions.append(session)
            for member in mine:
                if member.component == component and _serving(member, start):
                    out.attendances.append(_attend(rng, session, member))
    dhop = units.get("DHOP25")
    if dhop is not None and dhop.pk in by_holder:
        _flood_drill(rng, dhop, by_holder[dhop.pk], out)
    provinces = {province_of(c) for c in holders.values()}
    set_already = StrengthTarget.objects.filter(province_id__in=provinces, year=YEAR)
    for province in sorted(provinces - set(set_already.values_list("province_id", flat=True))):
        out.targets.append(
            StrengthTarget(
                province_id=province,
                year=YEAR,
                ratio_pct=TARGET_PCT,
                decision_ref="Quyết định giao chỉ tiêu dân quân năm 2025 (dữ liệu mẫu)",
                citation=TARGET_CITATION,
            )
        )
    _write(out)
    record_event(
        actor=system_actor(),
        action="militia.demo_load",
        obj=district,
        scope_unit=district,
        changes={
            "training_plans": [None, len(out.plans)],
            "training_sessions": [None, len(out.sessions)],
            "attendances": [None, len(out.attendances)],
            "callouts": [None, len(out.callouts)],
        },
        reason=DEMO_REASON,
    )
    return out


def demo_lines(*, units: dict[str, Unit], seed: int) -> list[str]:
    """Lines for ``load_demo`` (called by ``muster.demo.militia.demo_step``)."""
    loaded = load_demo_militia_year(units=units, seed=seed)
    if loaded is None:
        return []
    return [
        f"Demo militia 2025: {len(loaded.plans)} training plans, {len(loaded.sessions)} "
        f"sessions, {len(loaded.attendances)} attendances, {len(loaded.callouts)} closed "
        f"call-out ({len(loaded.called)} members called), {len(loaded.targets)} strength target."
    ]
