"""Builders for selection and handover tests: a Kim Động 2025 campaign whose Đức Hợp commune
has a known army quota and callable citizens, frozen lists, handovers; and the objects the
access matrix needs."""

from __future__ import annotations

import datetime as dt

from muster.accounts.services import system_actor
from muster.conscription.campaign import services as cs
from muster.conscription.campaign.models import Campaign, CampaignCommune
from muster.conscription.decisions.models import CallupDecision
from muster.conscription.handover import services as hs
from muster.conscription.handover.models import Handover, ReceivingUnit, Recruit
from muster.conscription.selection.models import ReviewKind, ReviewStep, SelectionList
from muster.conscription.selection.services import lists as list_services
from muster.conscription.selection.services import review as review_services
from muster.health.models import HealthCall, HealthSession
from tests.conscription.campaign_factories import ISSUED, make_campaign, make_fit, set_quota
from tests.core.factories import make_person

HANDOVER = dt.date(2025, 2, 13)


def campaign_with_quota(units, officer, *, dhop_army: int = 3, army: int = 30) -> Campaign:
    """The 2025 campaign of Kim Động, army quota split, Đức Hợp's share set to ``dhop_army``."""
    campaign = make_campaign(officer, units["KD"])
    for i, commune in enumerate(campaign.communes.select_related("unit")):
        cs.pool_set(actor=officer, commune=commune, stored_pool=20 + 5 * (i % 3))
    set_quota(officer, campaign, value=army, source_document="QĐ 1/QĐ-UBND")
    commune = campaign.communes.get(unit=units["DHOP"])
    cs.override_set(
        actor=officer,
        commune=commune,
        service="army",
        value=dhop_army,
        reason="chốt theo nguồn",
        on=dt.date(2025, 1, 2),
    )
    return campaign


def examine(person, *, health_class: int, day: dt.date = dt.date(2024, 11, 20)) -> HealthCall:
    """An examination result of the health council for ``person``."""
    session, _ = HealthSession.objects.get_or_create(
        kind="examination",
        unit=person.registration_unit,
        date=day,
        defaults={"place": "Trạm y tế"},
    )
    return HealthCall.objects.create(
        session=session,
        person=person,
        notified_on=day - dt.timedelta(days=20),
        health_class=health_class,
        concluded_on=day,
        bmi=21,
    )


def council_review(commune: CampaignCommune, **fields) -> ReviewStep:
    """The commune council's review of 08/01/2025 (8 of 9 members present), recorded by the
    system actor; ``fields`` give the votes, the round and the outcomes."""
    return review_services.review_step_record(
        actor=system_actor(),
        commune=commune,
        kind=ReviewKind.COUNCIL_REVIEW,
        held_on=dt.date(2025, 1, 8),
        chaired_by="Chủ tịch UBND xã",
        members=9,
        present=8,
        minutes="Xét duyệt vòng 2",
        **fields,
    )


def fit_people(unit, count: int, *, prefix: str = "Công dân") -> list:
    """``count`` callable men of ``unit`` (class 1, grade 12), different grades for variety."""
    people = []
    for i in range(count):
        person = make_fit(unit, name=f"{prefix} {i}")
        person.school_grade = 12 - (i % 3)
        person.save(update_fields=["school_grade"])
        people.append(person)
    return people


def frozen_list(
    officer, commune: CampaignCommune, *, service: str = "army", standby=None, approve=True
):
    """Open, commit and freeze the commune's list, and (``approve``) record the district
    chairman's approval of it on 15/01/2025 (Art 34(3), before 1 Jul 2025)."""
    opened = list_services.selection_open(actor=officer, commune=commune, service=service)
    if standby is not None:
        list_services.selection_set_standby(actor=officer, selection_list=opened, standby=standby)
    list_services.selection_commit(actor=officer, selection_list=opened)
    frozen = list_services.selection_freeze(actor=officer, selection_list=opened)
    if not approve:
        return frozen
    return list_services.selection_approve(
        actor=officer,
        selection_list=frozen,
        approved_on=dt.date(2025, 1, 15),
        approval_number="15/QĐ-UBND",
    )


def issued_list(officer, commune: CampaignCommune, *, people: int, standby=None) -> SelectionList:
    """``people`` callable citizens of the commune, its frozen list, and the decisions of the
    official list issued on 20/01/2025."""
    fit_people(commune.unit, people)
    frozen = frozen_list(officer, commune, standby=standby)
    list_services.issue_official(actor=officer, selection_list=frozen, issued_on=ISSUED)
    return frozen


def handed_over(officer, commune: CampaignCommune, *, unit_code: str = "D395", number=None):
    """A receiving army unit taking the commune's valid army decisions on the handover day."""
    unit = ReceivingUnit.objects.filter(code=unit_code).first() or hs.receiving_unit_create(
        actor=officer, code=unit_code, name=f"Sư đoàn {unit_code}", service="army"
    )
    decisions = list(CallupDecision.objects.filter(commune=commune, service="army", status="valid"))
    hs.plan_set(
        actor=officer,
        commune=commune,
        receiving_unit=unit,
        number=number if number is not None else len(decisions),
    )
    return hs.handover_record(
        actor=officer,
        commune=commune,
        receiving_unit=unit,
        handed_on=HANDOVER,
        place="Sân vận động huyện",
        locality_signer="Nguyễn Văn Hùng",
        unit_signer="Trần Quốc Toản",
        decisions=decisions,
    )


# ----------------------------------------------------------------------------- access matrix


def matrix_selection(world: dict, side: str) -> SelectionList:
    """A frozen (empty) list of the side's matrix campaign commune."""
    from tests.conscription.campaign_factories import matrix_campaign

    key = f"selection_{side}"
    if key not in world:
        commune = matrix_campaign(world, side).communes.get()
        world[key] = SelectionList.objects.create(
            commune=commune,
            service="army",
            state="frozen",
            commitment="c" * 64,
            seed="0" * 64,
            frozen_at=dt.datetime(2025, 1, 10, tzinfo=dt.UTC),
            method="muster-selection/1",
        )
    return world[key]


def matrix_commune(world: dict, side: str) -> CampaignCommune:
    from tests.conscription.campaign_factories import matrix_campaign

    return matrix_campaign(world, side).communes.get()


def matrix_step(world: dict, side: str) -> ReviewStep:
    key = f"review_step_{side}"
    if key not in world:
        world[key] = ReviewStep.objects.create(
            commune=matrix_commune(world, side),
            kind="council_review",
            held_on=dt.date(2025, 1, 8),
            chaired_by="Chủ tịch UBND xã",
            members=9,
            present=8,
            minutes="Biên bản",
            votes_for=8,
        )
    return world[key]


def matrix_handover(world: dict, side: str) -> Handover:
    from tests.conscription.campaign_factories import matrix_decision

    key = f"handover_{side}"
    if key not in world:
        unit, _ = ReceivingUnit.objects.get_or_create(
            code=f"MX-{side}", defaults={"name": f"Đơn vị {side}", "service": "army"}
        )
        handover = Handover.objects.create(
            commune=matrix_commune(world, side),
            receiving_unit=unit,
            handed_on=HANDOVER,
            locality_signer="A",
            unit_signer="B",
        )
        Recruit.objects.create(handover=handover, decision=matrix_decision(world, side))
        world[key] = handover
    return world[key]


def matrix_recruit(world: dict, side: str) -> Recruit:
    return matrix_handover(world, side).recruits.get()


__all__ = [
    "HANDOVER",
    "campaign_with_quota",
    "council_review",
    "examine",
    "fit_people",
    "frozen_list",
    "handed_over",
    "issued_list",
    "make_person",
]


def add_exam_results(unit_keys, units, *, day: dt.date = dt.date(2024, 11, 20)) -> int:
    """Stand-in for the demo's 2025 examination results (another branch loads the real ones):
    every second man of call-up age of each commune examined, class 1–4 by turns."""
    from muster.people.models import Person

    handover = dt.date(2025, 2, 13)
    calls = []
    for key in unit_keys:
        unit = units[key]
        session = HealthSession.objects.create(
            kind="examination", unit=unit, date=day, place="Trung tâm y tế huyện"
        )
        men = Person.objects.filter(
            registration_unit=unit,
            sex="M",
            date_of_birth__gt=dt.date(handover.year - 26, 2, 13),
            date_of_birth__lte=dt.date(handover.year - 18, 2, 13),
        ).order_by("pk")
        for i, person in enumerate(men[::2]):
            calls.append(
                HealthCall(
                    session=session,
                    person=person,
                    notified_on=day - dt.timedelta(days=20),
                    health_class=(1, 2, 2, 3, 4)[i % 5],
                    concluded_on=day,
                    bmi=21,
                )
            )
    HealthCall.objects.bulk_create(calls)
    return len(calls)
