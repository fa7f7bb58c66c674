"""Builders for campaign tests: a Kim Động campaign with quotas, and callable citizens."""

from __future__ import annotations

import datetime as dt

from muster.accounts.services import system_actor
from muster.conscription.campaign import services as cs
from muster.conscription.campaign.models import Campaign, CampaignCommune
from muster.conscription.decisions import services as decisions_services
from muster.conscription.eligibility.models import PoliticalVerification
from muster.health.models import HealthCall, HealthSession
from tests.core.factories import make_person

CAL_2025 = cs.CalendarInput(
    exam_start=dt.date(2024, 11, 1),
    exam_end=dt.date(2024, 12, 31),
    handover_start=dt.date(2025, 2, 13),
    screening_start=dt.date(2024, 10, 7),
    screening_end=dt.date(2024, 10, 22),
    decisions_by=dt.date(2025, 1, 29),
)


def make_campaign(actor, unit, *, year: int = 2025, cal: cs.CalendarInput = CAL_2025) -> Campaign:
    return cs.campaign_create(actor=actor, unit=unit, year=year, call=1, calendar=cal)


#: The day the call-up decisions of the 2025 campaign are issued in these tests.
ISSUED = dt.date(2025, 1, 20)


def dhop_commune(campaign: Campaign, units) -> CampaignCommune:
    """Đức Hợp's commune of ``campaign``."""
    return campaign.communes.select_related("unit", "campaign").get(unit=units["DHOP"])


def set_quota(
    officer,
    campaign: Campaign,
    *,
    value: int = 30,
    service: str = "army",
    source_document: str = "QĐ 1",
    received_on: dt.date = dt.date(2024, 12, 1),
):
    """The province's quota for ``service``, received on 01/12/2024 unless told."""
    return cs.quota_set(
        actor=officer,
        campaign=campaign,
        service=service,
        value=value,
        source_document=source_document,
        received_on=received_on,
    )


def issue_decision(officer, commune: CampaignCommune, person, *, issued_on: dt.date = ISSUED):
    """An army call-up decision for ``person`` of ``commune``."""
    return decisions_services.decision_issue(
        actor=officer, commune=commune, person=person, service="army", issued_on=issued_on
    )


def make_fit(unit, *, name: str = "Nguyễn Văn An", born: dt.date = dt.date(2004, 5, 1)):
    """A man of call-up age examined class 1 on 20/11/2024 and verified politically on
    25/11/2024 (callable for the 2025 campaign)."""
    person = make_person(unit, full_name=name, date_of_birth=born)
    person.school_grade = 12
    person.save(update_fields=["school_grade"])
    session, _ = HealthSession.objects.get_or_create(
        kind="examination", unit=unit, date=dt.date(2024, 11, 20), defaults={"place": "Trạm y tế"}
    )
    HealthCall.objects.create(
        session=session,
        person=person,
        notified_on=dt.date(2024, 11, 1),
        health_class=1,
        concluded_on=dt.date(2024, 11, 20),
        bmi=21,
    )
    verify_political(person)
    return person


def verify_political(person, *, on: dt.date = dt.date(2024, 11, 25), outcome: str = "pass"):
    """The commune police's verification of the political standard, as recorded."""
    return PoliticalVerification.objects.create(
        person=person,
        verified_on=on,
        verified_by="Công an xã",
        outcome=outcome,
        document=f"Phiếu thẩm tra {on:%d/%m/%Y}",
        recorded_by=system_actor(),
    )


def matrix_campaign(world: dict, side: str) -> Campaign:
    """A campaign of Kim Động whose only commune is the side's commune (for the access matrix:
    the "in" campaign is visible to Đức Hợp, the "out" one is not)."""
    from muster.conscription.campaign.models import CampaignCommune

    key = f"campaign_{side}"
    if key not in world:
        unit = world[f"unit_{side}"]
        campaign = Campaign.objects.create(
            unit=unit.parent,
            year=2025 if side == "in" else 2024,
            exam_start=dt.date(2024, 11, 1),
            exam_end=dt.date(2024, 12, 31),
            handover_start=dt.date(2025, 2, 13),
        )
        CampaignCommune.objects.create(campaign=campaign, unit=unit)
        world[key] = campaign
    return world[key]


def matrix_decision(world: dict, side: str):
    from muster.conscription.decisions.models import CallupDecision

    key = f"decision_{side}"
    if key not in world:
        campaign = matrix_campaign(world, side)
        world[key] = CallupDecision.objects.create(
            campaign=campaign,
            commune=campaign.communes.get(),
            person=world[f"person_{side}"],
            service="army",
            authority="district_commander:KD",
            signer="CHỈ HUY TRƯỞNG",
            authority_citation="Law 78/2015 Art 34(6)",
            number=1,
            issued_on=dt.date(2025, 1, 20),
            enlist_on=dt.date(2025, 2, 13),
            token=f"tok-{side}",
            token_hash=f"{side:0>64}",
        )
    return world[key]
