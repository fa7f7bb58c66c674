"""The demo 2027 call-up campaign of Ban CH PTKV 1, under the 2025 reform, in progress on
01/12/2026 (the demo's "today").

* **Unit and communes.** Since 01/07/2025 the district military command is dissolved; Ban CH
  PTKV 1 (a military unit of the provincial command, not an administrative level) covers the
  former Kim Động communes (legal-reference.md §1.1; the fixture assumes PTKV 1). The campaign
  takes the four communes formed from Kim Động by NQ 1666/NQ-UBTVQH15: Lương Bằng, Nghĩa Dân,
  Hiệp Cường and Đức Hợp. **Sơn Nam ward is left out**: it is mostly the former Hưng Yên city
  (Lam Sơn ward, Phú Cường, Hùng Cường, Bảo Khê), which the demo registry does not hold, so its
  pool, history and quota would be made up from the Ngọc Thanh villages alone; the demo
  campaign is the Kim Động part of the region (``campaign_create(communes=…)``).
* **Calendar** (as in 2026, legal-reference.md §2.1, §2.6): pool review by 15/08/2026,
  screening 07–22/10/2026 at the commune health stations (done), examinations by the regional
  health council 01/11–31/12/2026 (Nghĩa Dân, Hiệp Cường and part of Lương Bằng examined in
  November; the rest of Lương Bằng and Đức Hợp scheduled in December with their calls
  delivered), handover 03–05/03/2027.
* **Authorities of 2026 law** (each from the rule in force on the day): the commune chairman
  calls to screening and to the examination (Art 40(3) as rewritten by Law 98/2025) and signs
  the call-up decisions (Art 34(6)); the regional health council set up by the provincial
  chairman examines (Art 40(2)); the provincial chairman splits the quota to communes
  (Art 34(3); the demo has him give Đức Hợp one more recruit on 25/11/2026, an override the
  quotas page shows with his title) and decides deferrals and exemptions (Art 42(1)): the
  dossiers decided on 25/09/2026 name him, the 41.1.a dossiers of the men found unfit in
  November are proposed, not yet reviewed.
* **Quotas** from the provincial People's Committee (army and police), scaled with ``--scale``.
* **History**, so the stability band applies: 2025 mapped from the predecessor communes' final
  quotas of the demo's 2025 campaign (Ngọc Thanh by the share of its citizens whose villages
  went to Hiệp Cường; handed over and replacements from the 2025 handover records when there
  are any), and 2026 synthetic (no 2026 campaign in the demo: apportioned by the same method
  from the mapped pools), both labelled in ``QuotaHistory.note``.
* **Registry.** The citizens stay registered where they registered (``people.succession``): a
  2025 commune's citizens are held by its successor, a Ngọc Thanh citizen by the commune that
  received his village, so the pool of men born 2001–2009 is the registry's. Before the round
  of 2026 dossiers, the 2025 deferrals whose ground ended by 30/06/2026 are closed (ended),
  so those men are called again (Art 41(3)); the later ones wait on the re-review list.

Idempotent: a second run finds the campaign and does nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import transaction

from muster.accounts.services import system_actor
from muster.audit.services import record_event
from muster.conscription.campaign import services as cs
from muster.conscription.campaign.models import Allocation, Campaign, CampaignCommune, QuotaHistory
from muster.conscription.dossiers.models import Dossier, DossierState
from muster.conscription.handover.models import Recruit, Replacement
from muster.demo.callup.campaign2025 import YEAR as YEAR_2025
from muster.demo.callup.campaign2025 import examinations_line
from muster.demo.callup.health import findings as health_findings
from muster.demo.callup.health import loader as health_loader
from muster.demo.callup.health import schedule as health_schedule
from muster.geo.models import Unit
from muster.law.callup import authorities
from muster.law.callup.apportionment import inputs as apportion_inputs
from muster.law.callup.apportionment import method as apportion_method
from muster.people.models import Person
from muster.people.succession import holding

YEAR = 2027
#: The demo's "today": the examinations are under way.
DEMO_TODAY = dt.date(2026, 12, 1)
CALENDAR = cs.CalendarInput(
    pool_review_by=dt.date(2026, 8, 15),
    first_approval_by=dt.date(2026, 8, 29),
    second_approval_by=dt.date(2027, 1, 13),
    screening_start=dt.date(2026, 10, 7),
    screening_end=dt.date(2026, 10, 22),
    exam_start=dt.date(2026, 11, 1),
    exam_end=dt.date(2026, 12, 31),
    nomination_by=dt.date(2027, 1, 10),
    decisions_by=dt.date(2027, 2, 12),
    handover_start=dt.date(2027, 3, 3),
    handover_end=dt.date(2027, 3, 5),
)
COMMUNE_KEYS = ("LB25", "ND25", "HC25", "DHOP25")
QUOTAS = {
    "army": (
        124,
        "QĐ 2316/QĐ-UBND ngày 20/11/2026 của UBND tỉnh Hưng Yên giao chỉ tiêu gọi công dân "
        "nhập ngũ năm 2027 (các xã Lương Bằng, Nghĩa Dân, Hiệp Cường, Đức Hợp)",
    ),
    "police": (
        16,
        "QĐ 2317/QĐ-UBND ngày 20/11/2026 của UBND tỉnh Hưng Yên giao chỉ tiêu gọi công dân "
        "thực hiện nghĩa vụ tham gia Công an nhân dân năm 2027",
    ),
}
QUOTAS_RECEIVED = dt.date(2026, 11, 20)
OVERRIDE_ON = dt.date(2026, 11, 25)
OVERRIDE_REASON = (
    "Theo đề nghị của Hội đồng NVQS tỉnh: xã Đức Hợp nhận thêm 01 chỉ tiêu (nguồn có trình độ "
    "cao đẳng, đại học đăng ký tình nguyện)"
)
HISTORY_2026 = {"army": 126, "police": 15}
NOTE_2026 = "Số liệu mẫu (tổng hợp): đợt 2026 không có trong bản demo, chia theo cùng phương pháp"
#: 2025 deferrals whose ground ended by this day are closed before the 2026 round.
CLOSE_ENDED_BY = dt.date(2026, 6, 30)

_SCREENING = {
    "LB25": ((10, 7), (10, 8), (10, 9)),
    "ND25": ((10, 12), (10, 13)),
    "HC25": ((10, 15), (10, 16)),
    "DHOP25": ((10, 20), (10, 21), (10, 22)),
}
_EXAMS = {
    "ND25": ((11, 10), (11, 11)),
    "LB25": ((11, 17), (11, 18), (12, 3)),
    "HC25": ((11, 24), (11, 25)),
    "DHOP25": ((12, 8), (12, 9)),
}


def demo_quotas(scale: float) -> dict[str, int]:
    """The 2027 quotas at ``scale`` (124 army, 16 police at 1.0; at least one per commune)."""
    return {
        "army": max(len(COMMUNE_KEYS), round(QUOTAS["army"][0] * scale)),
        "police": max(1, round(QUOTAS["police"][0] * scale)),
    }


def health_calendar(units: dict[str, Unit]) -> health_schedule.HealthCalendar:
    def days(spec: tuple[tuple[int, int], ...]) -> tuple[dt.date, ...]:
        return tuple(dt.date(2026, m, d) for m, d in spec)

    _code, council, _citation = authorities.health_council(CALENDAR.exam_start)
    _code, caller, _citation = authorities.health_call_authority(CALENDAR.exam_start)
    return health_schedule.HealthCalendar(
        screening={units[k].code: days(v) for k, v in _SCREENING.items()},
        exams={units[k].code: days(v) for k, v in _EXAMS.items()},
        exam_unit=units["PTKV1"],
        council_body=f"{council} số 1 (Trung tâm Y tế Kim Động)",
        council_place="Trung tâm Y tế Kim Động, xã Lương Bằng",
        grounds_round=health_schedule.DossierRound(
            proposed_on=dt.date(2026, 8, 20),
            reviewed_on=dt.date(2026, 8, 28),
            decided_on=dt.date(2026, 9, 25),
            decision_number="2268/QĐ-UBND",
        ),
        unfit_round=health_schedule.DossierRound(
            proposed_on=dt.date(2026, 11, 30),
            reviewed_on=None,
            decided_on=None,
            decision_number="",
        ),
        today=DEMO_TODAY,
        session_note=f"Quyết định gọi của {caller}.",
    )


def _close_ended_deferrals(units: dict[str, Unit]) -> int:
    """Close the granted deferrals whose ground ended by ``CLOSE_ENDED_BY`` (re-review done),
    as ``dossier_end`` would, one audit event per commune."""
    held = holding([units[k] for k in COMMUNE_KEYS])
    ended = list(
        Dossier.objects.filter(
            held.q("person__"), state=DossierState.GRANTED, end_date__lte=CLOSE_ENDED_BY
        ).select_related("person__registration_unit")
    )
    by_unit: Counter[int] = Counter()
    units_by_pk: dict[int, Unit] = {}
    for dossier in ended:
        assert dossier.end_date is not None and dossier.decision_date is not None
        dossier.state = DossierState.ENDED
        dossier.ended_on = max(dossier.end_date, dossier.decision_date)
        dossier.end_note = "Hết lý do tạm hoãn; đưa vào nguồn gọi nhập ngũ năm 2027"
        unit = dossier.person.registration_unit
        by_unit[unit.pk] += 1
        units_by_pk[unit.pk] = unit
    Dossier.objects.bulk_update(ended, ["state", "ended_on", "end_note"], batch_size=500)
    for pk, count in sorted(by_unit.items()):
        record_event(
            actor=system_actor(),
            action="dossier.end",
            obj=units_by_pk[pk],
            scope_unit=units_by_pk[pk],
            changes={"dossiers": count, "ended_by": CLOSE_ENDED_BY.isoformat()},
            reason=health_findings.DEMO_REASON,
        )
    return len(ended)


def _history_2025(units: dict[str, Unit]) -> dict[str, dict[str, tuple[int, int, int, int]]]:
    """Per new commune code and service: (quota, pool, handed over, replacements) of 2025,
    summed over the predecessor communes of the demo's 2025 campaign."""
    old = Campaign.objects.filter(unit=units["KD"], year=YEAR_2025, call=1).first()
    result: dict[str, dict[str, tuple[int, int, int, int]]] = {}
    if old is None:
        return result
    new = [units[k] for k in COMMUNE_KEYS]
    held = holding(new)
    # Share of each old commune held by each new one (1 for a whole predecessor; by citizens'
    # villages for Ngọc Thanh).
    share: dict[tuple[int, int], float] = {}
    for commune in old.communes.all():
        if commune.unit_id in held.split_units:
            people = list(
                Person.objects.filter(registration_unit_id=commune.unit_id).values_list(
                    "registration_unit_id", "residence_unit_id"
                )
            )
            counts = Counter(held.commune_of(reg, res) for reg, res in people)
            for unit in new:
                if people and counts[unit.pk]:
                    share[(commune.unit_id, unit.pk)] = counts[unit.pk] / len(people)
        else:
            holder = held.commune_of(commune.unit_id, None)
            if holder is not None:
                share[(commune.unit_id, holder)] = 1.0
    handed = Counter(
        (r.decision.commune.unit_id, r.decision.service)
        for r in Recruit.objects.filter(decision__campaign=old).select_related("decision__commune")
    )
    replaced = Counter(
        (r.decision.commune.unit_id, r.decision.service)
        for r in Replacement.objects.filter(decision__campaign=old).select_related(
            "decision__commune"
        )
    )
    any_handover = bool(handed)
    sums: dict[tuple[int, str], list[float]] = {}
    for alloc in Allocation.objects.filter(commune__campaign=old).select_related("commune"):
        for unit in new:
            part = share.get((alloc.commune.unit_id, unit.pk))
            if not part:
                continue
            key = (unit.pk, alloc.service)
            row = sums.setdefault(key, [0.0, 0.0, 0.0, 0.0])
            row[0] += alloc.final * part
            row[1] += (alloc.commune.pool_used or 0) * part
            handed_over = (
                handed[(alloc.commune.unit_id, alloc.service)] if any_handover else alloc.final
            )
            row[2] += handed_over * part
            row[3] += replaced[(alloc.commune.unit_id, alloc.service)] * part
    code_of = {u.pk: u.code for u in new}
    for (pk, service), values in sums.items():
        quota, pool, total, repl = (round(v) for v in values)
        result.setdefault(code_of[pk], {})[service] = (quota, pool, total, repl)
    return result


def _note_2025(unit: Unit, units: dict[str, Unit]) -> str:
    """Which 2025 communes a new commune's 2025 figures are summed from."""
    held = holding([unit])
    day = dt.date(YEAR_2025, 2, 13)
    whole = sorted(
        (u for u in units.values() if u.pk in held.whole and u.pk != unit.pk),
        key=lambda u: u.path,
    )
    names = [u.name for u in whole if u.tier == 3 and u.is_valid_on(day)]
    split = [u.name for u in units.values() if u.pk in held.split_units]
    text = ", ".join(names)
    if split:
        text += f" và một phần {', '.join(split)} (theo thôn)"
    return f"Tổng hợp kết quả 2025 của {text} (trước ngày 01/07/2025)"


def load_demo_campaign_2027(
    *, units: dict[str, Unit], scale: float = 1.0, seed: int = 2025
) -> Campaign | None:
    region = units["PTKV1"]
    if Campaign.objects.filter(unit=region, year=YEAR, call=1).exists():
        return None
    quotas = demo_quotas(scale)
    with transaction.atomic():
        _close_ended_deferrals(units)
        campaign = cs.campaign_create(
            actor=system_actor(),
            unit=region,
            year=YEAR,
            call=1,
            calendar=CALENDAR,
            communes=[units[k] for k in COMMUNE_KEYS],
        )
        health = health_loader.load_campaign_health(
            campaign=campaign,
            calendar=health_calendar(units),
            recruits=sum(quotas.values()),
            seed=seed,
        )
        communes = list(campaign.communes.select_related("unit"))
        mapped = _history_2025(units)
        for c in communes:
            for service, (quota, pool, got, repl) in mapped.get(c.unit.code, {}).items():
                QuotaHistory.objects.create(
                    unit=c.unit,
                    year=YEAR - 2,
                    service=service,
                    quota=quota,
                    callable_pool=pool,
                    handed_over=got,
                    replacements=repl,
                    note=_note_2025(c.unit, units),
                )
        _history_2026(communes, health.pools, scale)
        for service, (_value, source) in QUOTAS.items():
            cs.quota_set(
                actor=system_actor(),
                campaign=campaign,
                service=service,
                value=quotas[service],
                source_document=source,
                received_on=QUOTAS_RECEIVED,
            )
        # One commune's figure changed by the provincial chairman (Art 34(3) after the reform).
        duc_hop = campaign.communes.get(unit=units["DHOP25"])
        army = Allocation.objects.get(commune=duc_hop, service="army")
        cs.override_set(
            actor=system_actor(),
            commune=duc_hop,
            service="army",
            value=army.computed + 1,
            reason=OVERRIDE_REASON,
            on=OVERRIDE_ON,
        )
    return campaign


def _history_2026(communes: list[CampaignCommune], pools: dict[str, int], scale: float) -> None:
    """Synthetic 2026 results: the 2026 quotas apportioned by the same method over pools a
    little smaller than 2027's, with 2025 as the band's history."""
    history: dict[str, dict[str, dict[int, int]]] = {}
    for row in QuotaHistory.objects.filter(unit__in=[c.unit for c in communes], year=YEAR - 2):
        history.setdefault(row.unit.code, {}).setdefault(row.service, {})[row.year] = row.quota
    totals = {
        "army": max(len(communes), round(HISTORY_2026["army"] * scale)),
        "police": max(1, round(HISTORY_2026["police"] * scale)),
    }
    inputs = apportion_inputs.Inputs(
        year=YEAR - 1,
        quotas=totals,
        communes=tuple(
            apportion_inputs.Commune(
                code=c.unit.code,
                name=c.unit.name,
                pool=max(1, pools[c.unit.code] * 97 // 100),
                history=history.get(c.unit.code, {}),
            )
            for c in communes
        ),
        parameters=apportion_inputs.Parameters(
            floor=True,
            stability_fraction=cs.STABILITY_FRACTION,
            stability_absolute=cs.STABILITY_ABSOLUTE,
        ),
    )
    certificate = apportion_method.apportion(inputs)
    for service in certificate.services:
        for c in communes:
            value = service.result[c.unit.code]
            QuotaHistory.objects.create(
                unit=c.unit,
                year=YEAR - 1,
                service=service.service,
                quota=value,
                callable_pool=max(1, pools[c.unit.code] * 97 // 100),
                handed_over=value,
                note=NOTE_2026,
            )


def campaign_line(campaign: Campaign) -> str:
    """One line for ``load_demo``."""
    quotas = {q.service: q.value for q in campaign.quotas.all()}
    names = ", ".join(c.unit.name for c in campaign.communes.select_related("unit"))
    return (
        f"Demo campaign: {campaign.unit.name} {campaign.year} ({names}; quotas "
        f"{quotas.get('army', 0)} army / {quotas.get('police', 0)} police; 2025 and 2026 "
        f"history), examinations under way on {DEMO_TODAY:%d/%m/%Y}."
    )


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the call-up app): the 2027 campaign."""
    campaign = load_demo_campaign_2027(units=units, scale=scale, seed=seed)
    if campaign is None:
        return []
    return [campaign_line(campaign), examinations_line(campaign)]
