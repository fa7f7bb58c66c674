"""The demo call-up campaign: Kim Động 2025 (handover 13/02/2025), with 2024 as history.

Its communes are the 15 units of the handover day (Diên Hồng and Phú Thọ were formed on
01/12/2024, inside the examination window). ``health_demo`` writes the deferral and exemption
dossiers, the screening (07–22/10/2024; Diên Hồng and Phú Thọ at their new health stations on
02–03/12/2024) and the examinations by the district health council (01/11–31/12/2024).

Pools are the **registry's** (``campaign_services.registry_pool``): the men of call-up age
each commune holds in whom the eligibility engine finds no bar on the handover day, now that the
registry holds the examinations (the unfit are out) and the dossiers (the deferred and exempt
are out). Facts the registry does not hold (political verification) do not remove anyone; men
not examined stay in the pool, as the law counts them. The 2024 results are apportioned by the
same method from slightly smaller pools (synthetic, labelled). A few examined, callable men of
Đức Hợp and Đồng Thanh receive call-up orders (district commander, before 1 Jul 2025), one of
each commune delivered 14 days before the handover (flagged).

Quotas are the province's 128 army and 15 police at full scale, scaled with ``--scale`` so a
small demo can still fill every commune's quota from its pool.
Idempotent: a second run finds the campaign and does nothing.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from muster.accounts.services import system_actor
from muster.conscription.campaign import services as cs
from muster.conscription.campaign.models import Campaign, QuotaHistory
from muster.conscription.decisions import services as decisions_services
from muster.conscription.decisions.models import CallupDecision
from muster.demo.callup.health import loader as health_loader
from muster.demo.callup.health import schedule as health_schedule
from muster.geo.models import Unit
from muster.health.models import HealthCall, SessionKind
from muster.law.callup import authorities
from muster.law.callup.apportionment import inputs as apportion_inputs
from muster.law.callup.apportionment import method as apportion_method

YEAR = 2025
CALENDAR = cs.CalendarInput(
    pool_review_by=dt.date(2024, 8, 15),
    first_approval_by=dt.date(2024, 8, 29),
    second_approval_by=dt.date(2025, 1, 13),
    screening_start=dt.date(2024, 10, 7),
    screening_end=dt.date(2024, 10, 22),
    exam_start=dt.date(2024, 11, 1),
    exam_end=dt.date(2024, 12, 31),
    nomination_by=dt.date(2025, 1, 10),
    decisions_by=dt.date(2025, 1, 27),
    handover_start=dt.date(2025, 2, 13),
)
QUOTAS = {"army": (128, "QĐ 2150/QĐ-UBND ngày 02/12/2024 của UBND tỉnh Hưng Yên")}
QUOTAS["police"] = (15, "QĐ 2151/QĐ-UBND ngày 02/12/2024 của UBND tỉnh Hưng Yên")
HISTORY_2024 = {"army": 121, "police": 14}
HISTORY_NOTE = "Số liệu mẫu (tổng hợp): kết quả 2024 chia theo cùng phương pháp"

#: Working days of the screening window, and the examination days of the district council.
_SCREENING_DAYS = tuple(dt.date(2024, 10, d) for d in (7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 21, 22))
_EXAM_DAYS = tuple(
    dt.date(2024, m, d)
    for m, d in (
        (11, 5), (11, 6), (11, 7), (11, 12), (11, 13), (11, 14), (11, 19), (11, 20), (11, 21),
        (11, 26), (11, 27), (11, 28), (12, 3), (12, 4), (12, 5),
    )
)  # fmt: skip
#: The communes formed on 01/12/2024: screened at their new stations, then examined.
_MERGED_2024 = {"DH24": (dt.date(2024, 12, 2), dt.date(2024, 12, 26))}
_MERGED_2024["PTO"] = (dt.date(2024, 12, 3), dt.date(2024, 12, 27))


#: At least one army recruit per commune, however small the demo (the floor of the split).
MIN_ARMY = 15


def demo_quotas(scale: float) -> dict[str, int]:
    """The 2025 quotas of the demo district at ``scale`` (128 army, 15 police at 1.0)."""
    return {
        "army": max(MIN_ARMY, round(QUOTAS["army"][0] * scale)),
        "police": max(1, round(QUOTAS["police"][0] * scale)),
    }


def health_calendar(units: dict[str, Unit]) -> health_schedule.HealthCalendar:
    """Where and when Kim Động screened and examined for 2025 (synthetic schedule)."""
    district = units["KD"]
    keys = {unit.pk: key for key, unit in units.items()}
    communes = sorted(
        (u for u in units.values() if u.parent_id == district.pk and u.is_valid_on(YEAR_DAY)),
        key=lambda u: u.path,
    )
    screening: dict[str, tuple[dt.date, ...]] = {}
    exams: dict[str, tuple[dt.date, ...]] = {}
    regular = [u for u in communes if keys[u.pk] not in _MERGED_2024]
    for index, unit in enumerate(regular):
        screening[unit.code] = (_SCREENING_DAYS[index % len(_SCREENING_DAYS)],)
        exams[unit.code] = (_EXAM_DAYS[index % len(_EXAM_DAYS)],)
    for key, (screened, examined) in _MERGED_2024.items():
        screening[units[key].code] = (screened,)
        exams[units[key].code] = (examined,)
    _code, council, _citation = authorities.health_council(CALENDAR.exam_start)
    _code, caller, _citation = authorities.health_call_authority(CALENDAR.exam_start)
    return health_schedule.HealthCalendar(
        screening=screening,
        exams=exams,
        exam_unit=district,
        council_body=f"{council} Kim Động",
        council_place="Trung tâm Y tế huyện Kim Động",
        grounds_round=health_schedule.DossierRound(
            proposed_on=dt.date(2024, 8, 20),
            reviewed_on=dt.date(2024, 8, 30),
            decided_on=dt.date(2024, 9, 25),
            decision_number="2415/QĐ-UBND",
        ),
        grounds_rounds={
            units[key].code: health_schedule.DossierRound(
                proposed_on=dt.date(2024, 12, 5),
                reviewed_on=dt.date(2024, 12, 9),
                decided_on=dt.date(2024, 12, 16),
                decision_number="2688/QĐ-UBND",
            )
            for key in _MERGED_2024
        },
        unfit_round=health_schedule.DossierRound(
            proposed_on=dt.date(2025, 1, 6),
            reviewed_on=dt.date(2025, 1, 9),
            decided_on=dt.date(2025, 1, 16),
            decision_number="118/QĐ-UBND",
        ),
        session_note=f"Lệnh gọi của {caller}.",
    )


#: The day the 2025 communes are taken on (the handover day).
YEAR_DAY = CALENDAR.handover_start


def load_demo_campaign(
    *, units: dict[str, Unit], scale: float = 1.0, seed: int = 2025
) -> Campaign | None:
    district = units["KD"]
    if Campaign.objects.filter(unit=district, year=YEAR, call=1).exists():
        return None
    quotas = demo_quotas(scale)
    history = {
        "army": max(MIN_ARMY, round(HISTORY_2024["army"] * scale)),
        "police": max(1, round(HISTORY_2024["police"] * scale)),
    }
    with transaction.atomic():
        campaign = cs.campaign_create(
            actor=system_actor(), unit=district, year=YEAR, call=1, calendar=CALENDAR
        )
        health = health_loader.load_campaign_health(
            campaign=campaign, calendar=health_calendar(units), recruits=sum(quotas.values()),
            seed=seed,
        )  # fmt: skip
        communes = list(campaign.communes.select_related("unit"))
        pools = health.pools  # callable before the examinations, for the 2024 history
        past = apportion_method.apportion(
            apportion_inputs.Inputs(
                year=YEAR - 1,
                quotas=history,
                communes=tuple(
                    apportion_inputs.Commune(
                        code=c.unit.code, name=c.unit.name, pool=max(0, pools[c.unit.code] - 3)
                    )
                    for c in communes
                ),
            )
        )
        for allocation in past.services:
            for c in communes:
                QuotaHistory.objects.create(
                    unit=c.unit,
                    year=YEAR - 1,
                    service=allocation.service,
                    quota=allocation.result[c.unit.code],
                    callable_pool=max(0, pools[c.unit.code] - 3),
                    handed_over=allocation.result[c.unit.code],
                    note=HISTORY_NOTE,
                )
        for service, (_value, source) in QUOTAS.items():
            cs.quota_set(
                actor=system_actor(),
                campaign=campaign,
                service=service,
                value=quotas[service],
                source_document=source,
                received_on=dt.date(2024, 12, 2),
            )
        for key, wanted in (("DHOP", 3), ("DT", 2)):
            _issue_some(campaign, units[key], wanted)
    return campaign


def _issue_some(campaign: Campaign, unit: Unit, wanted: int) -> None:
    """Orders for the commune's best-examined men (the engine still checks each one)."""
    commune = campaign.communes.get(unit=unit)
    examined = (
        HealthCall.objects.filter(
            person__registration_unit=unit,
            session__kind=SessionKind.EXAMINATION,
            session__date__gte=campaign.exam_start,
            session__date__lte=campaign.exam_end,
            health_class__lte=3,
            class_temporary=False,
        )
        .select_related("person")
        .order_by("health_class", "person__date_of_birth", "id")[:40]
    )
    decisions: list[CallupDecision] = []
    for person in (call.person for call in examined):
        if len(decisions) == wanted:
            break
        try:
            decisions.append(
                decisions_services.decision_issue(
                    actor=system_actor(),
                    commune=commune,
                    person=person,
                    service="army",
                    issued_on=dt.date(2025, 1, 20),
                )
            )
        except ValidationError:
            continue  # the commune's quota is filled, or the engine finds a bar
    for index, decision in enumerate(decisions, 1):
        # The last one of each commune is handed over 14 days before the handover: flagged.
        delivered = dt.date(2025, 1, 30) if index == len(decisions) else dt.date(2025, 1, 24)
        decisions_services.decision_deliver(
            actor=system_actor(), decision=decision, delivered_on=delivered, delivered_to="Bản thân"
        )


def examinations_line(campaign: Campaign) -> str:
    """One line for ``load_demo``: what the demo examinations of ``campaign`` hold."""
    return health_loader.summary_of(campaign).line(f"Demo examinations {campaign.year}")


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the call-up app): the 2025 campaign."""
    campaign = load_demo_campaign(units=units, scale=scale, seed=seed)
    if campaign is None:
        return []
    return [
        "Demo campaign: Kim Động 2025 (quotas, decisions, 2024 history).",
        examinations_line(campaign),
    ]
