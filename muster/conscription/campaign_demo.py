"""The demo call-up campaign: Kim Động 2025 (handover 13/02/2025), with 2024 as history.

Pools are reported figures (the synthetic registry holds no political verification, so the
engine cannot count a complete pool): about 4 % of each commune's population, deterministic.
The 2024 results are apportioned by the same method from slightly smaller pools. A few
citizens of Đức Hợp and Đồng Thanh receive call-up orders (district commander, before
1 Jul 2025), one of them delivered 14 days before the handover (flagged).
Idempotent: a second run finds the campaign and does nothing.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from muster.conscription import apportionment
from muster.conscription import campaign_services as cs
from muster.conscription.models import Campaign, QuotaHistory
from muster.geo.models import Unit
from muster.people.models import Person, Sex

YEAR = 2025
CALENDAR = cs.CalendarInput(
    pool_review_by=dt.date(2024, 8, 15),
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


def _pool(unit: Unit, index: int) -> int:
    population = unit.population or 8000
    return max(30, population * 4 // 100 + (index * 7) % 11)


def load_demo_campaign(*, units: dict[str, Unit]) -> Campaign | None:
    district = units["KD"]
    if Campaign.objects.filter(unit=district, year=YEAR, call=1).exists():
        return None
    with transaction.atomic():
        campaign = cs.campaign_create(
            actor=None, unit=district, year=YEAR, call=1, calendar=CALENDAR
        )
        communes = list(campaign.communes.select_related("unit"))
        pools = {c.unit.code: _pool(c.unit, i) for i, c in enumerate(communes)}
        past = apportionment.apportion(
            apportionment.Inputs(
                year=YEAR - 1,
                quotas=HISTORY_2024,
                communes=tuple(
                    apportionment.Commune(
                        code=c.unit.code, name=c.unit.name, pool=pools[c.unit.code] - 3
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
                    callable_pool=pools[c.unit.code] - 3,
                    handed_over=allocation.result[c.unit.code],
                )
        for c in communes:
            cs.pool_set(actor=None, commune=c, stored_pool=pools[c.unit.code])
        for service, (value, source) in QUOTAS.items():
            cs.quota_set(
                actor=None,
                campaign=campaign,
                service=service,
                value=value,
                source_document=source,
                received_on=dt.date(2024, 12, 2),
            )
        for key, wanted in (("DHOP", 3), ("DT", 2)):
            _issue_some(campaign, units[key], wanted)
    return campaign


def _issue_some(campaign: Campaign, unit: Unit, wanted: int) -> None:
    commune = campaign.communes.get(unit=unit)
    handover = campaign.handover_start
    candidates = Person.objects.filter(
        registration_unit=unit,
        sex=Sex.MALE,
        date_of_birth__gt=dt.date(handover.year - 25, handover.month, handover.day),
        date_of_birth__lte=dt.date(handover.year - 19, handover.month, handover.day),
    ).order_by("date_of_birth", "id")[:40]
    issued = 0
    for person in candidates:
        if issued == wanted:
            break
        try:
            decision = cs.decision_issue(
                actor=None,
                commune=commune,
                person=person,
                service="army",
                issued_on=dt.date(2025, 1, 20),
            )
        except ValidationError:
            continue
        issued += 1
        # The last one of each commune is handed over 14 days before the handover: flagged.
        delivered = dt.date(2025, 1, 30) if issued == wanted else dt.date(2025, 1, 24)
        cs.decision_deliver(
            actor=None, decision=decision, delivered_on=delivered, delivered_to="Bản thân"
        )
