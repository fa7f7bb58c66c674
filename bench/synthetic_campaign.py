"""The 2026 call-up campaign of the synthetic province (``bench/synthetic_province.py``), every
stage through the real services, at the demo's proportions.

* ``campaign_create`` for the province (handover 03–05/03/2026, examinations 01/11–31/12/2025:
  all on the 2025 map, so the new communes hold it).
* Health (``muster.demo.callup.health.loader.load_campaign_health``, the demo's loader: the
  engine's verdict on every man of the pool, deferral and exemption dossiers on the registry's
  grounds, screening at the commune stations, calls to and results of the province's regional
  health council, political verification; in proportion to the quota).
* Quotas (``quota_set``: army ≈ one recruit per 1,150 citizens, police one per 11,500, the
  order of a real province) and the split to the communes by the apportionment method.
* Per commune and service: receiving units and plans (``plan_set``), the selection list
  (``selection_open`` → ``selection_commit`` → ``selection_freeze`` → ``selection_approve``),
  the official decisions (``issue_official``) delivered (``decision_deliver``), and the handover
  of the valid decisions (``handover_record``). A commune whose examination results cannot fill
  its quota gets no list (counted in the summary), as in the demo.

Idempotent at the campaign level: a second run finds the campaign and returns its summary line.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from typing import Any

YEAR = 2026
HANDOVER = dt.date(2026, 3, 3)
APPROVED, ISSUED, DELIVERED = dt.date(2026, 1, 14), dt.date(2026, 1, 26), dt.date(2026, 1, 30)
RECEIVING = (
    ("SYN-F1", "Sư đoàn bộ binh tổng hợp (dữ liệu mẫu)", "army", 2),
    ("SYN-L1", "Lữ đoàn tổng hợp (dữ liệu mẫu)", "army", 1),
    ("SYN-CA", "Công an tỉnh tổng hợp (dữ liệu mẫu)", "police", 1),
)


def calendar() -> Any:
    from muster.conscription.campaign import services as cs

    return cs.CalendarInput(
        pool_review_by=dt.date(2025, 8, 15),
        first_approval_by=dt.date(2025, 8, 29),
        second_approval_by=dt.date(2026, 1, 13),
        screening_start=dt.date(2025, 10, 7),
        screening_end=dt.date(2025, 10, 22),
        exam_start=dt.date(2025, 11, 1),
        exam_end=dt.date(2025, 12, 31),
        nomination_by=dt.date(2026, 1, 10),
        decisions_by=dt.date(2026, 2, 12),
        handover_start=HANDOVER,
        handover_end=dt.date(2026, 3, 5),
    )


def health_calendar(province: Any, communes: list[Any]) -> Any:
    from muster.demo.callup.health import schedule
    from muster.law.callup import authorities

    screening_days = [dt.date(2025, 10, d) for d in (7, 8, 9, 10, 13, 14, 15, 16, 17, 20, 21, 22)]
    exam_days = [
        dt.date(2025, 11, 3) + dt.timedelta(days=d) for d in range(58) if (d + 0) % 7 < 5
    ]  # weekdays of 03/11–30/12/2025
    start = calendar().exam_start
    _code, council, _citation = authorities.health_council(start)
    _code, caller, _citation = authorities.health_call_authority(start)
    return schedule.HealthCalendar(
        screening={u.code: (screening_days[i % 12],) for i, u in enumerate(communes)},
        exams={u.code: (exam_days[i % len(exam_days)],) for i, u in enumerate(communes)},
        exam_unit=province,
        council_body=f"{council} tỉnh (tổng hợp)",
        council_place="Trung tâm Y tế khu vực (dữ liệu mẫu)",
        grounds_round=schedule.DossierRound(
            proposed_on=dt.date(2025, 8, 20),
            reviewed_on=dt.date(2025, 8, 28),
            decided_on=dt.date(2025, 9, 25),
            decision_number="2268/QĐ-UBND",
        ),
        unfit_round=schedule.DossierRound(
            proposed_on=dt.date(2026, 1, 5),
            reviewed_on=dt.date(2026, 1, 8),
            decided_on=dt.date(2026, 1, 15),
            decision_number="120/QĐ-UBND",
        ),
        session_note=f"Quyết định gọi của {caller}.",
    )


def quotas_for(people: int) -> dict[str, int]:
    return {"army": max(1, people // 1150), "police": max(1, people // 11500)}


def load_campaign(*, province: Any, seed: int) -> str:
    """Create and run the campaign (see the module doc); returns a summary line."""
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from muster.accounts.services import system_actor
    from muster.conscription.campaign import services as cs
    from muster.conscription.campaign.models import Campaign
    from muster.conscription.decisions import services as decisions
    from muster.conscription.decisions.models import CallupDecision
    from muster.conscription.handover import services as hs
    from muster.conscription.handover.models import Handover, ReceivingUnit
    from muster.conscription.selection.services import lists
    from muster.demo.callup.health import loader
    from muster.people.models import Person

    found = Campaign.objects.filter(unit=province, year=YEAR, call=1).first()
    if found is not None:
        return summary(found)
    actor = system_actor()
    people = Person.objects.filter(registration_unit__path__startswith=province.path).count()
    quotas = quotas_for(people)
    t0 = time.perf_counter()
    with transaction.atomic():
        campaign = cs.campaign_create(
            actor=actor, unit=province, year=YEAR, call=1, calendar=calendar()
        )
        communes = list(campaign.communes.select_related("unit").order_by("unit__code"))
        health = loader.load_campaign_health(
            campaign=campaign,
            calendar=health_calendar(province, [c.unit for c in communes]),
            recruits=sum(quotas.values()),
            seed=seed,
        )
    print(health.line(f"health ({time.perf_counter() - t0:.0f} s)"), flush=True)
    t0 = time.perf_counter()
    for service, value in quotas.items():
        cs.quota_set(
            actor=actor, campaign=campaign, service=service, value=value,
            source_document=f"QĐ giao chỉ tiêu {service} năm {YEAR} (dữ liệu mẫu)",
            received_on=dt.date(2025, 12, 2),
        )  # fmt: skip
    units: dict[str, Any] = {
        u.code: u for u in ReceivingUnit.objects.filter(code__in=[r[0] for r in RECEIVING])
    }
    for code, name, service, _share in RECEIVING:
        if code not in units:
            units[code] = hs.receiving_unit_create(
                actor=actor, code=code, name=name, service=service, note="Dữ liệu mẫu"
            )
    print(f"quotas {quotas} split ({time.perf_counter() - t0:.0f} s)", flush=True)
    t0 = time.perf_counter()
    counts: Counter[str] = Counter()
    for commune in campaign.communes.select_related("unit", "campaign").prefetch_related(
        "allocations"
    ):
        for allocation in commune.allocations.all():
            if allocation.final == 0:
                continue
            ours = [r for r in RECEIVING if r[2] == allocation.service]
            try:
                with transaction.atomic():
                    opened = lists.selection_open(
                        actor=actor, commune=commune, service=allocation.service
                    )
                    lists.selection_commit(actor=actor, selection_list=opened)
                    frozen = lists.selection_freeze(actor=actor, selection_list=opened)
                    frozen = lists.selection_approve(
                        actor=actor, selection_list=frozen, approved_on=APPROVED,
                        approval_number=f"{counts['lists'] + 1}/QĐ-UBND",
                        council_proposal="Tờ trình 15/TTr-HĐNVQS ngày 12/01/2026",
                    )  # fmt: skip
                    issued = lists.issue_official(
                        actor=actor, selection_list=frozen, issued_on=ISSUED
                    ).issued
                    for decision in issued:
                        decisions.decision_deliver(
                            actor=actor, decision=decision, delivered_on=DELIVERED,
                            delivered_to="Bản thân",
                        )  # fmt: skip
                    _hand_over(commune, allocation.service, ours, units, issued)
            except ValidationError as exc:
                counts["no list"] += 1
                if counts["no list"] <= 3:
                    print(f"  {commune.unit.code} {allocation.service}: {exc.messages[:1]}")
                continue
            counts["lists"] += 1
            counts["decisions"] += len(issued)
    print(
        f"lists, decisions, handovers ({time.perf_counter() - t0:.0f} s): {dict(counts)}; "
        f"{CallupDecision.objects.filter(campaign=campaign).count():,} decisions, "
        f"{Handover.objects.filter(commune__campaign=campaign).count():,} handovers",
        flush=True,
    )
    return summary(campaign)


def _hand_over(
    commune: Any, service: str, ours: list[tuple[str, str, str, int]], units: dict[str, Any],
    issued: list[Any],
) -> None:  # fmt: skip
    """Plans (shares of the commune's quota) and the handover of ``issued`` on the day."""
    from muster.accounts.services import system_actor
    from muster.conscription.handover import services as hs

    actor = system_actor()
    total = sum(r[3] for r in ours)
    left = list(issued)
    for index, (code, _name, _service, share) in enumerate(ours):
        number = len(issued) * share // total if index < len(ours) - 1 else len(left)
        if number == 0:
            continue
        unit = units[code]
        hs.plan_set(actor=actor, commune=commune, receiving_unit=unit, number=number)
        taken, left = left[:number], left[number:]
        hs.handover_record(
            actor=actor, commune=commune, receiving_unit=unit, handed_on=HANDOVER,
            place=f"Sân vận động {commune.unit.name}",
            locality_signer="Chủ tịch UBND xã (dữ liệu mẫu)",
            unit_signer=f"Đại diện {unit.name}", decisions=taken,
            minutes="Lễ giao nhận quân tổ chức an toàn (dữ liệu mẫu).",
        )  # fmt: skip


def summary(campaign: Any) -> str:
    from muster.conscription.decisions.models import CallupDecision
    from muster.conscription.handover.models import Recruit
    from muster.conscription.selection.models import SelectionList
    from muster.health.models import HealthCall

    calls = HealthCall.objects.filter(session__date__gte=campaign.screening_start,
                                      session__date__lte=campaign.exam_end)  # fmt: skip
    return (
        f"campaign {campaign.unit.code} {campaign.year}: {campaign.communes.count()} communes, "
        f"{calls.count():,} health calls, "
        f"{SelectionList.objects.filter(commune__campaign=campaign).count()} lists, "
        f"{CallupDecision.objects.filter(campaign=campaign).count():,} decisions, "
        f"{Recruit.objects.filter(decision__campaign=campaign).count():,} recruits"
    )
