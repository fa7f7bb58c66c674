"""Demo of the rear policy (idempotent): the families of the 2025 recruits still serving (from
the demo handover, after the men sent back), with health insurance cards for their parents, a
tuition exemption where a child is in the registry, emergency support cases in Đức Hợp and
Đồng Thanh (two house cases granted and a third refused for the yearly cap, an illness case
sent and awaiting the regiment's decision past its day, one refused by the unit), and the visits
of 22 December 2025 and Tết 2025/26 (one family per commune not visited at Tết)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.exceptions import ValidationError

from muster.accounts.services import system_actor
from muster.conscription.handover.models import Recruit
from muster.core.dates import today
from muster.geo.models import Unit
from muster.geo.scope import scope_of_unit
from muster.rear import services
from muster.rear.models import SupportCase
from muster.rear.selectors import is_serving, relative_kind

ARMY_DAY = dt.date(2025, 12, 22)
TET = dt.date(2026, 2, 10)  # before Tết Bính Ngọ (17/02/2026)


def _recruits() -> dict[int, list[Recruit]]:
    """The 2025 recruits serving on the visits' day, by registration commune."""
    by_unit: dict[int, list[Recruit]] = defaultdict(list)
    rows = (
        Recruit.objects.filter(handover__handed_on__year=2025, returned__isnull=True)
        .select_related("decision__person", "handover")
        .order_by("decision__person__registration_unit_id", "decision__person__name_search")
    )
    for recruit in rows:
        if is_serving(recruit, ARMY_DAY):
            by_unit[recruit.decision.person.registration_unit_id].append(recruit)
    return by_unit


def _case(actor: object, recruit: Recruit, **kwargs: object) -> str:
    day = kwargs["event_on"]
    assert isinstance(day, dt.date)
    if day > today():
        return "skipped"
    try:
        case = services.record_case(actor=actor, recruit=recruit, **kwargs)  # type: ignore[arg-type]
    except ValidationError:
        return "refused"
    return str(case.status)


def load_demo_rear(*, units: dict[str, Unit]) -> dict[str, int]:
    by_unit = _recruits()
    # The support cases, and a family not yet visited at Tết, in the two communes the demo
    # accounts work in; every other commune's families are simply visited.
    # (the new Đức Hợp answers for Phú Thọ, Mai Động and the old Đức Hợp); else the first.
    scopes = [scope_of_unit(units[key]) for key in ("DHOP25", "DHOP", "DT") if key in units]
    special = {u for u in by_unit if any(scope.contains(u) for scope in scopes)}
    if not special and by_unit:
        special = {next(iter(by_unit))}
    every = [r for rs in by_unit.values() for r in rs]
    summary = {"families": len(every), "cases": 0, "refused": 0, "entitlements": 0, "visits": 0}
    if not every or SupportCase.objects.filter(recruit__in=every).exists():
        return {}
    actor = system_actor()
    for unit_id, recruits in by_unit.items():
        for index, recruit in enumerate(recruits):
            ties = [t for t in recruit.decision.person.family_ties.all() if relative_kind(t)]
            for tie in ties[:2]:
                kind = "tuition" if tie.relation == "child" else "health_insurance"
                services.record_entitlement(
                    actor=actor,
                    recruit=recruit,
                    relative=tie,
                    kind=kind,
                    reference=f"QN{recruit.pk:04d}{tie.pk:05d}"
                    if kind == "health_insurance"
                    else "Trường THCS xã",
                    school_kind="public" if kind == "tuition" else "",
                    granted_on=dt.date(2025, 3, 1),
                )
                summary["entitlements"] += 1
            services.record_visit(
                actor=actor,
                recruit=recruit,
                occasion="army_day",
                visited_on=ARMY_DAY,
                gift="Quà nhân dịp kỷ niệm Ngày thành lập QĐND Việt Nam",
                amount=300_000,
                visitors="Ban CHQS xã, Hội Phụ nữ",
            )
            summary["visits"] += 1
            last = index == len(recruits) - 1 and len(recruits) > 1
            if not (unit_id in special and last):  # the last family not yet visited at Tết
                services.record_visit(
                    actor=actor,
                    recruit=recruit,
                    occasion="tet",
                    visited_on=TET,
                    gift="Quà Tết Bính Ngọ",
                    amount=500_000,
                    visitors="UBND xã, Ban CHQS xã",
                )
                summary["visits"] += 1
        if unit_id not in special:
            continue
        first = recruits[0]
        outcomes = [
            _case(
                actor,
                first,
                kind="house",
                event_on=dt.date(2026, 3, 15),
                commune_confirmed_on=dt.date(2026, 3, 17),
                sent_on=dt.date(2026, 3, 18),
                note="Bão làm tốc mái nhà",
            ),
            _case(
                actor,
                first,
                kind="house",
                event_on=dt.date(2026, 8, 20),
                commune_confirmed_on=dt.date(2026, 8, 21),
                sent_on=dt.date(2026, 8, 24),
                note="Lũ cuốn trôi tài sản",
            ),
            # The third house case of the year: refused by the cap (2 a year per soldier).
            _case(actor, first, kind="house", event_on=dt.date(2026, 10, 2)),
        ]
        parent = next(
            (t for t in first.decision.person.family_ties.all() if relative_kind(t)), None
        )
        if parent is not None:
            outcomes.append(
                _case(
                    actor,
                    first,
                    kind="illness",
                    relative=parent,
                    event_on=dt.date(2026, 10, 5),
                    hospital_days=9,
                    commune_confirmed_on=dt.date(2026, 10, 14),
                    sent_on=dt.date(2026, 10, 15),
                    papers_missing=True,
                )
            )
        summary["cases"] += sum(1 for o in outcomes if o in ("draft", "sent"))
        summary["refused"] += outcomes.count("refused")
        for case in SupportCase.objects.filter(recruit=first, kind="house").order_by("event_on"):
            services.decide_case(
                actor=actor,
                case=case,
                granted=True,
                decided_on=case.sent_on + dt.timedelta(days=1) if case.sent_on else case.event_on,
                decision_ref=f"{case.pk}/QĐ-TC",
            )
    return summary


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the rear app, order 67)."""
    summary = load_demo_rear(units=units)
    if not summary:
        return []
    parts = ", ".join(f"{value} {name}" for name, value in summary.items())
    return [f"Demo rear policy: {parts}."]
