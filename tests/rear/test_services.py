"""The rear policy's services: the amounts from the rule, the yearly caps (refused with the
rule's Vietnamese citation), the boundaries of an illness, the deadlines, the roles and areas,
and who counts as a serving soldier's family."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from muster.audit.models import AuditEvent
from muster.conscription.handover.models import RecruitReturn
from muster.people.models import FamilyTie
from muster.rear import services
from muster.rear.models import CaseStatus, SupportCase
from muster.rear.selectors import families
from muster.reserve.discharge.models import DischargeReception
from tests.core.factories import make_person
from tests.rear.factories import make_case, second_soldier, soldier, tie

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruit(units):
    return soldier(make_person(units["DHOP"]))


def test_a_house_case_takes_the_rules_amount_flagged_unverified(recruit, personas):
    case = services.record_case(
        actor=personas["commune_commander"],
        recruit=recruit,
        kind="house",
        event_on=dt.date(2026, 3, 2),
        commune_confirmed_on=dt.date(2026, 3, 3),
        sent_on=dt.date(2026, 3, 6),  # a Friday
        papers_missing=True,
    )
    assert case.amount == 3_000_000 and not case.amount_confirmed
    assert case.status == CaseStatus.SENT and case.legal_citation.startswith("Điều 6 Nghị định 27")
    assert case.decision_due_on == dt.date(2026, 3, 10)  # 2 working days: Mon, Tue
    assert case.papers_due_on == dt.date(2026, 4, 6)  # 30 days: Sun 5 Apr rolls to Mon
    assert AuditEvent.objects.filter(action="rear.case_record").count() == 1


def test_the_third_house_case_of_a_year_is_refused_in_vietnamese(recruit, personas):
    make_case(recruit, event_on=dt.date(2026, 1, 5))
    make_case(recruit, event_on=dt.date(2026, 2, 5))
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        make_case(recruit, event_on=dt.date(2026, 3, 5))
    message = " ".join(refused.value.messages)
    assert "không quá 02 lần một năm" in message and "Điều 6 Nghị định 27/2016/NĐ-CP" in message
    assert SupportCase.objects.count() == 2


def test_a_refused_case_does_not_count_against_the_cap(recruit, personas):
    commander = personas["commune_commander"]
    first = make_case(recruit, event_on=dt.date(2026, 1, 5), sent_on=dt.date(2026, 1, 6))
    services.decide_case(
        actor=commander, case=first, granted=False, decided_on=dt.date(2026, 1, 7), reason="x"
    )
    make_case(recruit, event_on=dt.date(2026, 2, 5))
    make_case(recruit, event_on=dt.date(2026, 3, 5))  # the refused one is not counted


def test_the_cap_starts_again_on_the_first_of_january(units, personas):
    recruit = soldier(make_person(units["DHOP"]), handed_on=dt.date(2024, 2, 13))
    make_case(recruit, event_on=dt.date(2025, 12, 30))
    make_case(recruit, event_on=dt.date(2025, 12, 31))
    with pytest.raises(ValidationError):
        make_case(recruit, event_on=dt.date(2025, 12, 31))
    make_case(recruit, event_on=dt.date(2026, 1, 1))


@pytest.mark.parametrize(("days", "ok"), [(6, False), (7, True)])
def test_six_days_in_hospital_refused_seven_granted(recruit, days, ok):
    mother = tie(recruit, "mother")
    if ok:
        case = make_case(recruit, kind="illness", relative=mother, hospital_days=days)
        assert case.amount == 500_000
    else:
        with pytest.raises(ValidationError):
            make_case(recruit, kind="illness", relative=mother, hospital_days=days)


@pytest.mark.parametrize(("days", "ok"), [(29, False), (30, True)])
def test_twenty_nine_days_ill_refused_thirty_granted(recruit, days, ok):
    father = tie(recruit, "father")
    if ok:
        make_case(recruit, kind="illness", relative=father, ill_days=days)
    else:
        with pytest.raises(ValidationError):
            make_case(recruit, kind="illness", relative=father, ill_days=days)


def test_the_illness_cap_is_per_relative(recruit):
    mother, father = tie(recruit, "mother"), tie(recruit, "father")
    for day in (dt.date(2026, 1, 5), dt.date(2026, 2, 5)):
        make_case(recruit, kind="illness", relative=mother, hospital_days=8, event_on=day)
    with pytest.raises(ValidationError):
        make_case(recruit, kind="illness", relative=mother, hospital_days=8)
    make_case(recruit, kind="illness", relative=father, hospital_days=8)


def test_a_brother_is_not_covered_and_a_death_is_paid_once(recruit):
    with pytest.raises(ValidationError, match="không thuộc thân nhân"):
        make_case(recruit, kind="death", relative=tie(recruit, "brother"))
    case = make_case(recruit, kind="death", relative=tie(recruit, "father"))
    assert case.amount == 2_000_000
    with pytest.raises(ValidationError):
        make_case(recruit, kind="death", relative=tie(recruit, "father"))


@pytest.mark.parametrize("relation", ["father_in_law", "mother_in_law", "guardian"])
def test_parents_in_law_and_a_guardian_are_covered(units, personas, recruit, relation):
    relative = FamilyTie.objects.create(
        person=recruit.decision.person, relation=relation, relative_name="Vũ Thị Lan"
    )
    case = make_case(recruit, kind="illness", relative=relative, hospital_days=7)
    assert case.amount == 500_000
    commander = personas["commune_commander"]
    rows = families(user=commander, commune=units["DHOP"], day=dt.date(2026, 6, 1), year=2026)
    assert relative in [r.tie for r in rows[0].relatives]


def test_the_clerk_drafts_the_commander_sends_the_officer_reads(recruit, personas):
    clerk = personas["commune_clerk"]
    draft = services.record_case(
        actor=clerk, recruit=recruit, kind="house", event_on=dt.date(2026, 3, 2)
    )
    assert draft.status == CaseStatus.DRAFT and draft.decision_due_on is None
    with pytest.raises(PermissionDenied):
        services.record_case(
            actor=clerk,
            recruit=recruit,
            kind="house",
            event_on=dt.date(2026, 3, 2),
            sent_on=dt.date(2026, 3, 3),
        )
    with pytest.raises(PermissionDenied):
        services.send_case(actor=clerk, case=draft, sent_on=dt.date(2026, 3, 3))
    for reader in ("district_officer", "leader", "auditor"):
        with pytest.raises(PermissionDenied):
            services.record_visit(
                actor=personas[reader],
                recruit=recruit,
                occasion="tet",
                visited_on=dt.date(2026, 2, 10),
            )
    sent = services.send_case(
        actor=personas["commune_commander"], case=draft, sent_on=dt.date(2026, 3, 3)
    )
    assert sent.status == CaseStatus.SENT and sent.decision_due_on == dt.date(2026, 3, 5)


def test_a_soldier_of_another_commune_is_refused(units, personas):
    outside = soldier(make_person(units["DT"]))
    with pytest.raises(ValidationError, match="ngoài địa bàn"):
        services.record_case(
            actor=personas["commune_commander"],
            recruit=outside,
            kind="house",
            event_on=dt.date(2026, 3, 2),
        )


def test_no_case_before_the_handover(recruit):
    with pytest.raises(ValidationError, match="không đang tại ngũ"):
        make_case(recruit, event_on=dt.date(2025, 2, 12))


def test_tuition_only_for_a_child_at_a_general_school(recruit, personas):
    with pytest.raises(ValidationError) as refused:
        services.record_entitlement(
            actor=personas["commune_clerk"],
            recruit=recruit,
            relative=tie(recruit, "mother"),
            kind="tuition",
            reference="Trường THCS",
            granted_on=dt.date(2026, 9, 5),
        )
    assert set(refused.value.message_dict) == {"relative", "school_kind"}
    card = services.record_entitlement(
        actor=personas["commune_clerk"],
        recruit=recruit,
        relative=tie(recruit, "mother"),
        kind="health_insurance",
        reference="QN4010123456789",
        granted_on=dt.date(2025, 3, 1),
    )
    assert card.school_kind == ""


def test_families_leave_out_the_returned_and_the_discharged(units, personas, recruit):
    commander = personas["commune_commander"]
    day = dt.date(2026, 6, 1)
    rows = families(user=commander, commune=units["DHOP"], day=day, year=2026)
    assert [f.recruit for f in rows] == [recruit]
    assert {r.tie.relation for r in rows[0].relatives} == {"mother", "father"}
    assert rows[0].house_left == 2
    DischargeReception.objects.create(
        person=recruit.decision.person,
        holder=units["DHOP"],
        recruit=recruit,
        service_started_on=recruit.handover.handed_on,
        discharged_on=dt.date(2026, 5, 1),
        arrived_home_on=dt.date(2026, 5, 2),
        registration_due_on=dt.date(2026, 5, 20),
        legal_citation="x",
        received_on=dt.date(2026, 5, 2),
    )
    assert families(user=commander, commune=units["DHOP"], day=day, year=2026) == []
    assert (
        len(families(user=commander, commune=units["DHOP"], day=dt.date(2026, 4, 30), year=2026))
        == 1
    )
    other = second_soldier(make_person(units["DHOP"], full_name="Lê Văn An"))
    RecruitReturn.objects.create(
        recruit=other, returned_on=dt.date(2025, 2, 20), reason_kind="health", reason="x"
    )
    assert families(user=commander, commune=units["DHOP"], day=day, year=2026) == []
