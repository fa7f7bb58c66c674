"""The decision gate (issue 14): no call-up decision, by any path, for a citizen who is not
examined in both rounds, whose class carries T, whose political standard is unverified or
failed, or who has any other unknown or failed standard; the refusal names every missing item
in Vietnamese with its legal basis."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from muster.accounts.services import system_actor
from muster.conscription.decisions import services as decisions_services
from muster.conscription.decisions.gate import gate_problems
from muster.conscription.decisions.models import CallupDecision
from muster.conscription.eligibility import services as eligibility_services
from muster.conscription.eligibility.models import PoliticalVerification
from muster.conscription.selection import selectors as sel
from muster.law.callup.eligibility.engine import evaluate
from muster.law.callup.eligibility.facts import Facts
from tests.conscription.campaign_factories import issue_decision, make_fit, verify_political
from tests.conscription.selection_factories import examine
from tests.core.factories import make_person

ISSUED_ON = dt.date(2025, 1, 20)


def _man(units, name="Trần Văn Bình"):
    person = make_person(units["DHOP"], full_name=name, date_of_birth=dt.date(2004, 3, 1))
    person.school_grade = 12
    person.save(update_fields=["school_grade"])
    return person


def _refusal(officer, commune, person) -> str:
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        issue_decision(officer, commune, person)
    assert not CallupDecision.objects.filter(person=person).exists()
    return " ".join(caught.value.messages)


# ----------------------------------------------------------------------------- reproductions


def test_a_man_never_examined_gets_no_decision(officer, commune, units):
    person = _man(units)
    verify_political(person)
    message = _refusal(officer, commune, person)
    assert "Chưa có kết luận khám sức khỏe đủ hai vòng" in message
    assert "Thông tư" in message  # the legal basis, in Vietnamese


def test_a_class_3t_man_gets_no_decision(officer, commune, units):
    person = _man(units)
    call = examine(person, health_class=3)
    call.class_temporary = True
    call.save(update_fields=["class_temporary"])
    verify_political(person)
    message = _refusal(officer, commune, person)
    assert "chữ T" in message
    assert "Điều 4 Thông tư" in message


def test_an_unverified_political_standard_refuses_and_a_recorded_one_passes(
    officer, commune, units
):
    person = _man(units)
    examine(person, health_class=2)
    message = _refusal(officer, commune, person)
    assert "Chưa thẩm tra tiêu chuẩn chính trị" in message
    assert "Thông tư liên tịch 50/2016/TTLT-BQP-BCA" in message
    eligibility_services.political_verification_record(
        actor=officer,
        person=person,
        verified_on=dt.date(2024, 12, 1),
        verified_by="Công an xã Đức Hợp",
        outcome="pass",
        document="Phiếu thẩm tra số 07 ngày 01/12/2024",
    )
    assert issue_decision(officer, commune, person).number == 1


def test_a_failed_political_standard_refuses(officer, commune, units):
    person = _man(units)
    examine(person, health_class=1)
    verify_political(person, outcome="fail")
    assert "không đạt tiêu chuẩn chính trị" in _refusal(officer, commune, person)


def test_a_later_verification_supersedes_an_earlier_one(officer, commune, units):
    person = _man(units)
    examine(person, health_class=1)
    verify_political(person, on=dt.date(2024, 11, 25), outcome="pass")
    verify_political(person, on=dt.date(2024, 12, 10), outcome="fail")
    assert "không đạt tiêu chuẩn chính trị" in _refusal(officer, commune, person)


def test_the_refusal_names_every_missing_item(officer, commune, units):
    person = make_person(units["DHOP"], full_name="Lê Văn Cường", date_of_birth=dt.date(2004, 3, 1))
    message = _refusal(officer, commune, person)
    for expected in (
        "Chưa có kết luận khám sức khỏe",
        "Chưa thẩm tra tiêu chuẩn chính trị",
        "Chưa ghi trình độ văn hóa",
        "(1)",
        "(3)",
    ):
        assert expected in message


def test_no_back_door_issue_numbered_runs_the_gate(officer, commune, units):
    person = _man(units)
    with pytest.raises(ValidationError):
        decisions_services.issue_numbered(
            actor=system_actor(),
            commune=commune,
            person=person,
            service="army",
            issued_on=ISSUED_ON,
            enlist_on=commune.campaign.handover_start,
        )
    assert not CallupDecision.objects.exists()


def test_an_unverified_man_stays_out_of_the_selection_pool(commune, units):
    verified = make_fit(units["DHOP"], name="Đã thẩm tra")
    unverified = _man(units, name="Chưa thẩm tra")
    examine(unverified, health_class=1)
    pool = sel.build_pool(commune=commune, service="army")
    assert [m.person for m in pool.members] == [verified]
    reasons = dict(pool.excluded["not_callable"])
    assert unverified in reasons


# ----------------------------------------------------------------------------- verification


def test_recording_a_verification_checks_role_area_and_fields(personas, units, officer):
    person = _man(units)
    with pytest.raises(PermissionDenied):
        eligibility_services.political_verification_record(
            actor=personas["health_council"],
            person=person,
            verified_on=dt.date(2024, 12, 1),
            verified_by="Công an xã",
            outcome="pass",
            document="Phiếu 1",
        )
    with pytest.raises(ValidationError) as caught:
        eligibility_services.political_verification_record(
            actor=officer,
            person=person,
            verified_on=dt.date(2999, 1, 1),
            verified_by=" \x00 ",
            outcome="maybe",
            document="",
        )
    assert set(caught.value.message_dict) == {"verified_on", "verified_by", "outcome", "document"}
    assert not PoliticalVerification.objects.exists()


# ----------------------------------------------------------------------------- engine


def test_the_engine_refuses_a_temporary_class():
    base = {
        "sex": "male",
        "birth_date": dt.date(2004, 5, 1),
        "health_class": 2,
        "bmi": 21.0,
        "school_grade": 12,
        "political": "pass",
    }
    on = dt.date(2026, 1, 15)
    assert evaluate(Facts(**base), on).callable
    verdict = evaluate(Facts(**base, health_class_temporary=True), on)
    assert [r.code for r in verdict.reasons] == ["health_class_temporary"]


# ----------------------------------------------------------------------------- property


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    health=st.sampled_from([None, 1, 3, 4, 6]),
    temporary=st.booleans(),
    political=st.sampled_from([None, "pass", "fail"]),
    grade=st.sampled_from([0, 6, 12]),
    path=st.sampled_from(["decision", "numbered"]),
)
def test_no_sequence_of_calls_issues_a_decision_the_gate_refuses(
    officer, commune, units, health, temporary, political, grade, path
):
    CallupDecision.objects.all().delete()
    person = make_person(units["DHOP"], full_name="Ngẫu Nhiên", date_of_birth=dt.date(2004, 3, 1))
    person.school_grade = grade
    person.save(update_fields=["school_grade"])
    if health is not None:
        call = examine(person, health_class=health)
        call.class_temporary = temporary
        call.save(update_fields=["class_temporary"])
    if political is not None:
        verify_political(person, outcome=political)
    on = commune.campaign.handover_start
    refused = bool(gate_problems(person=person, on=on, volunteer=False))
    try:
        if path == "decision":
            issue_decision(officer, commune, person)
        else:
            decisions_services.issue_numbered(
                actor=officer,
                commune=commune,
                person=person,
                service="army",
                issued_on=ISSUED_ON,
                enlist_on=on,
            )
    except ValidationError:
        pass
    issued = CallupDecision.objects.filter(person=person).exists()
    assert issued is not refused
    expected_ok = health in (1, 3) and not temporary and political == "pass" and grade == 12
    assert issued is expected_ok
