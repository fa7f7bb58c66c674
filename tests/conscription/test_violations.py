"""Violation cases: opening with the band of the day, repeats, every step of the state machine
and its refusals, possible violations from the registry, lists, counts, pages, the PDF, the
demo."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from muster.accounts.services import system_actor
from muster.audit.models import AuditEvent
from muster.conscription.decisions.models import CallupDecision
from muster.conscription.handover.models import Handover, ReceivingUnit, Recruit
from muster.conscription.violations.models import ViolationCase, ViolationState
from muster.conscription.violations.selectors import candidates as case_candidates
from muster.conscription.violations.selectors import lists as case_lists
from muster.conscription.violations.selectors import timeline as case_timeline
from muster.conscription.violations.services import authority as violation_authority
from muster.conscription.violations.services import cases as violation_cases
from muster.conscription.violations.services import penalties as violation_penalties
from muster.geo.scope import scope_of
from muster.health.models import HealthCall, HealthSession, StationResult
from muster.people.registration.models import EventKind, RegistrationBar, RegistrationEvent
from tests.conscription.campaign_factories import make_campaign
from tests.conscription.violation_factories import open_case
from tests.core.factories import make_person

D = dt.date
M = 1_000_000


@pytest.fixture
def man(units):
    return make_person(units["DHOP"], full_name="Lê Văn Hùng", date_of_birth=D(2005, 6, 1))


NOTICE_DAY, DECISION_DAY, ACT_DAY = D(2024, 11, 22), D(2024, 12, 1), D(2024, 11, 20)


def _notice(case, actor, on=NOTICE_DAY):
    return violation_cases.notice_serve(
        actor=actor, case=case, served_on=on, served_to="Bản thân", content="Giấy mời làm việc"
    )


def _decide(case, actor, fine, on=DECISION_DAY, number="1/QĐ-XPHC"):
    return violation_penalties.penalty_decide(
        actor=actor,
        case=case,
        decision_number=number,
        decided_on=on,
        decided_by="Chủ tịch UBND huyện Kim Động",
        fine_amount=fine,
    )


def _penalised(person, actor, *, kind="absent_exam", day=ACT_DAY, fine=11 * M):
    case = open_case(person, kind=kind, occurred_on=day, actor=actor)
    _notice(case, actor, on=day + dt.timedelta(days=2))
    return _decide(case, actor, fine, on=day + dt.timedelta(days=10))


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


# ----------------------------------------------------------------------------- opening


@pytest.mark.parametrize(
    ("day", "decree", "band"),
    [
        (D(2025, 8, 4), "NĐ 120/2013 sửa đổi bởi NĐ 37/2022", (10, 12)),
        (D(2025, 8, 5), "NĐ 218/2025", (15, 20)),
    ],
)
def test_open_freezes_the_band_of_the_day_of_the_act(officer, man, day, decree, band):
    case = open_case(man, kind="absent_exam", occurred_on=day, actor=officer)
    assert case.state == ViolationState.OPEN
    assert case.decree == decree
    assert (case.fine_min // M, case.fine_max // M) == band
    assert case.rule_code == "violation.band.absent_exam"
    assert case.unit == man.registration_unit
    event = AuditEvent.objects.get(action="violation.open")
    assert event.object_id == str(case.public_id) and event.changes["decree"] == decree


def test_first_registration_of_a_man_aged_17_is_a_warning(officer, units):
    boy = make_person(units["DHOP"], full_name="Vũ Minh Khôi", date_of_birth=D(2008, 3, 1))
    case = open_case(boy, kind="no_first_registration", occurred_on=D(2025, 8, 21), actor=officer)
    assert case.warning_only and case.fine_min == case.fine_max == 0
    assert "218/2025" in case.penalty_citation


def test_open_refusals(officer, man, units, personas):
    with pytest.raises(ValidationError) as err:
        open_case(man, occurred_on=D(2030, 1, 1), actor=officer)
    assert "tương lai" in _messages(err.value)
    with pytest.raises(ValidationError) as err:
        open_case(man, occurred_on=D(2022, 7, 21), actor=officer)
    assert "22/07/2022" in _messages(err.value)
    with pytest.raises(ValidationError) as err:
        open_case(man, facts="   ", actor=officer)
    assert "facts" in err.value.message_dict
    with pytest.raises(ValidationError):
        open_case(man, kind="no_such_act", actor=officer)
    # The neighbour commune's commander: outside his area.
    with pytest.raises(ValidationError):
        open_case(man, actor=personas["other_commander"])
    for persona in ("leader", "commune_clerk", "health_council"):
        with pytest.raises(PermissionDenied):
            open_case(man, actor=personas[persona])
    open_case(man, actor=officer)
    with pytest.raises(ValidationError) as err:
        open_case(man, actor=officer)
    assert "đã có vụ việc" in _messages(err.value)
    assert ViolationCase.objects.count() == 1


def test_open_refuses_a_campaign_without_the_commune(officer, man, units):
    campaign = make_campaign(officer, units["KD"])
    # The new Đức Hợp (from 01/07/2025) did not exist when the 2025 campaign was set up.
    stranger = make_person(units["DHOP25"])
    with pytest.raises(ValidationError) as err:
        open_case(stranger, campaign=campaign, actor=system_actor())
    assert "campaign" in err.value.message_dict


def test_one_case_per_source_record(officer, man):
    open_case(man, source_ref="healthcall:x", actor=officer)
    with pytest.raises(ValidationError) as err:
        open_case(man, kind="refused_exam", source_ref="healthcall:x", actor=officer)
    assert "bản ghi này" in _messages(err.value)
    open_case(man, kind="refused_exam", actor=officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        ViolationCase.objects.filter(source_ref="").update(source_ref="healthcall:x")


# ----------------------------------------------------------------------------- repeats


def test_repeat_is_detected_from_an_earlier_sanction_and_shown(officer, man, login):
    first = _penalised(man, officer, kind="no_change_registration", day=D(2025, 1, 10), fine=9 * M)
    violation_penalties.payment_record(
        actor=officer, case=first, paid_on=D(2025, 2, 14), amount=9 * M
    )
    again = open_case(
        man, kind="no_change_registration", occurred_on=D(2025, 10, 20), actor=officer
    )
    assert again.repeat_of == first
    assert again.decree == "NĐ 218/2025"
    page = login(officer).get(reverse("campaigns:violation_detail", args=[again.public_id]))
    assert "Tái phạm hành vi đã bị xử phạt theo quyết định số 1/QĐ-XPHC" in page.content.decode()
    # Another act is no repeat; a year and a day after the payment neither.
    other = open_case(man, kind="absent_exam", occurred_on=D(2025, 11, 20), actor=officer)
    assert other.repeat_of is None
    late = open_case(man, kind="no_change_registration", occurred_on=D(2026, 2, 15), actor=officer)
    assert late.repeat_of is None


def test_a_case_closed_on_a_good_reason_is_no_sanction(officer, man):
    case = open_case(man, occurred_on=D(2024, 11, 20), actor=officer)
    violation_cases.good_reason_accept(
        actor=officer, case=case, reason="illness", details="Giấy ra viện", on=D(2024, 11, 25)
    )
    assert open_case(man, occurred_on=D(2024, 12, 5), actor=officer).repeat_of is None


def test_a_warned_first_registration_repeated_is_fined_under_218(officer, units):
    boy = make_person(units["DHOP"], full_name="Vũ Minh Khôi", date_of_birth=D(2008, 3, 1))
    first = open_case(boy, kind="no_first_registration", occurred_on=D(2025, 8, 21), actor=officer)
    _notice(first, officer, on=D(2025, 8, 25))
    _decide(first, officer, None, on=D(2025, 9, 5))
    again = open_case(boy, kind="no_first_registration", occurred_on=D(2025, 12, 1), actor=officer)
    assert again.repeat_of == first
    assert not again.warning_only and (again.fine_min, again.fine_max) == (8 * M, 10 * M)


# ----------------------------------------------------------------------------- the steps


def test_notices_move_an_open_case_once(officer, man):
    case = open_case(man, actor=officer)
    _notice(case, officer)
    _notice(case, officer, on=D(2024, 11, 25))
    case.refresh_from_db()
    assert case.state == ViolationState.NOTICE_SERVED and case.notices.count() == 2
    with pytest.raises(ValidationError) as err:
        violation_cases.notice_serve(
            actor=officer, case=case, served_on=D(2024, 11, 1), served_to="", content=""
        )
    assert set(err.value.message_dict) == {"served_to", "content", "served_on"}


def test_the_penalty_needs_a_notice_first(officer, man):
    case = open_case(man, actor=officer)
    with pytest.raises(ValidationError) as err:
        _decide(case, officer, 11 * M)
    assert "cần ở trạng thái: “Đã gửi thông báo”" in _messages(err.value)
    case.refresh_from_db()
    assert case.state == ViolationState.OPEN and case.decided_on is None


@pytest.mark.parametrize(
    ("fine", "message"),
    [
        (None, "Nhập số tiền phạt"),
        (9_999_999, "thấp hơn khung 10.000.000–12.000.000"),
        (12_000_001, "cao hơn khung 10.000.000–12.000.000"),
    ],
)
def test_the_fine_must_lie_within_the_band(officer, man, fine, message):
    case = open_case(man, actor=officer)
    _notice(case, officer)
    with pytest.raises(ValidationError) as err:
        _decide(case, officer, fine)
    assert message in _messages(err.value)
    case.refresh_from_db()
    assert case.state == ViolationState.NOTICE_SERVED


def test_a_warning_takes_no_fine(officer, units):
    boy = make_person(units["DHOP"], full_name="Vũ Minh Khôi", date_of_birth=D(2008, 3, 1))
    case = open_case(boy, kind="no_first_registration", occurred_on=D(2025, 8, 21), actor=officer)
    _notice(case, officer, on=D(2025, 8, 25))
    with pytest.raises(ValidationError) as err:
        _decide(case, officer, 8 * M, on=D(2025, 9, 5))
    assert "cảnh cáo" in _messages(err.value)
    case = _decide(case, officer, None, on=D(2025, 9, 5))
    assert case.state == ViolationState.PENALISED and case.fine_amount is None
    with pytest.raises(ValidationError):
        violation_penalties.payment_record(
            actor=officer, case=case, paid_on=D(2025, 9, 6), amount=1
        )
    case = violation_penalties.case_close(
        actor=officer, case=case, closed_on=D(2025, 9, 6), note="Đã cảnh cáo"
    )
    assert case.state == ViolationState.CLOSED


def test_partial_payments_add_up_and_cannot_exceed_the_fine(officer, man):
    case = _penalised(man, officer)
    case = violation_penalties.payment_record(
        actor=officer, case=case, paid_on=D(2024, 12, 5), amount=5 * M
    )
    assert case.state == ViolationState.PENALISED and case.paid_amount == 5 * M
    with pytest.raises(ValidationError) as err:
        violation_penalties.payment_record(
            actor=officer, case=case, paid_on=D(2024, 12, 6), amount=7 * M
        )
    assert "6.000.000" in _messages(err.value)
    with pytest.raises(ValidationError):
        violation_penalties.payment_record(
            actor=officer, case=case, paid_on=D(2024, 12, 4), amount=1 * M
        )
    with pytest.raises(ValidationError) as err:
        violation_penalties.case_close(actor=officer, case=case, closed_on=D(2024, 12, 7), note="x")
    assert "chưa nộp đủ" in _messages(err.value)
    case = violation_penalties.payment_record(
        actor=officer, case=case, paid_on=D(2024, 12, 7), amount=6 * M
    )
    assert case.state == ViolationState.PAID and case.paid_on == D(2024, 12, 7)
    assert AuditEvent.objects.filter(action="violation.pay").count() == 2
    assert [e.detail for e in case_timeline.timeline(case) if e.title == "Nộp phạt"] == [
        "5.000.000 đồng",
        "6.000.000 đồng",
    ]
    case = violation_penalties.case_close(
        actor=officer, case=case, closed_on=D(2024, 12, 8), note="Đã nộp đủ"
    )
    assert case.state == ViolationState.CLOSED


def test_a_payment_before_the_decision_is_refused(officer, man):
    case = _penalised(man, officer)
    with pytest.raises(ValidationError) as err:
        violation_penalties.payment_record(
            actor=officer, case=case, paid_on=D(2024, 11, 29), amount=M
        )
    assert "paid_on" in err.value.message_dict


def test_good_reason_only_where_the_act_allows_one(officer, man):
    case = open_case(man, kind="refused_callup", occurred_on=D(2025, 2, 13), actor=officer)
    with pytest.raises(ValidationError) as err:
        violation_cases.good_reason_accept(
            actor=officer, case=case, reason="illness", details="x", on=D(2025, 2, 14)
        )
    assert "không quy định" in _messages(err.value)
    case = open_case(man, kind="absent_exam", occurred_on=D(2024, 11, 20), actor=officer)
    with pytest.raises(ValidationError):
        violation_cases.good_reason_accept(
            actor=officer, case=case, reason="lottery", details="x", on=D(2024, 11, 21)
        )
    case = violation_cases.good_reason_accept(
        actor=officer, case=case, reason="relative_death", details="Tang lễ", on=D(2024, 11, 21)
    )
    assert case.state == ViolationState.GOOD_REASON and case.closed_on == D(2024, 11, 21)
    # A closed case moves no further.
    with pytest.raises(ValidationError):
        _notice(case, officer)
    with pytest.raises(ValidationError):
        violation_penalties.case_escalate(
            actor=officer, case=case, escalated_on=D(2024, 12, 1), note="x", reason="y"
        )


def test_escalation_needs_art_332_or_a_reason(officer, man):
    first = _penalised(man, officer, kind="no_change_registration", day=D(2025, 1, 10), fine=9 * M)
    violation_penalties.payment_record(
        actor=officer, case=first, paid_on=D(2025, 2, 14), amount=9 * M
    )
    repeat = open_case(
        man, kind="no_change_registration", occurred_on=D(2025, 10, 20), actor=officer
    )
    repeat = violation_penalties.case_escalate(
        actor=officer, case=repeat, escalated_on=D(2025, 11, 10), note="Chuyển Công an xã"
    )
    assert repeat.state == ViolationState.ESCALATED and repeat.escalation_basis == "art332"
    # An exam absence, even repeated, is not an Art 332 act: an explicit reason is needed.
    exam = _penalised(man, officer, kind="absent_exam", day=D(2024, 11, 20))
    exam_again = open_case(man, kind="absent_exam", occurred_on=D(2025, 11, 20), actor=officer)
    assert exam_again.repeat_of == exam
    with pytest.raises(ValidationError) as err:
        violation_penalties.case_escalate(
            actor=officer, case=exam_again, escalated_on=D(2025, 11, 25), note="x"
        )
    assert "Điều 332" in _messages(err.value)
    exam_again = violation_penalties.case_escalate(
        actor=officer,
        case=exam_again,
        escalated_on=D(2025, 11, 25),
        note="Chuyển Công an xã",
        reason="Có dấu hiệu tự gây thương tích để trốn khám",
    )
    assert exam_again.escalation_basis == "reason"
    assert "tự gây thương tích" in exam_again.escalation_note
    # A first offence of an Art 332 act: only with a prior conviction, or a reason.
    single = open_case(man, kind="refused_callup", occurred_on=D(2025, 2, 13), actor=officer)
    with pytest.raises(ValidationError):
        violation_penalties.case_escalate(
            actor=officer, case=single, escalated_on=D(2025, 2, 20), note="x"
        )
    single = violation_penalties.case_escalate(
        actor=officer, case=single, escalated_on=D(2025, 2, 20), note="x", prior_conviction=True
    )
    assert single.escalation_basis == "art332"


def test_close_without_violation_needs_a_note(officer, man):
    case = open_case(man, actor=officer)
    with pytest.raises(ValidationError) as err:
        violation_penalties.case_close(
            actor=officer, case=case, closed_on=D(2024, 11, 21), note=" "
        )
    assert "note" in err.value.message_dict
    case = violation_penalties.case_close(
        actor=officer, case=case, closed_on=D(2024, 11, 21), note="Đã có mặt, ghi nhầm"
    )
    assert case.state == ViolationState.CLOSED


def test_the_lighter_later_decree_can_be_applied(officer, man):
    case = open_case(man, kind="absent_screening", occurred_on=D(2025, 8, 1), actor=officer)
    assert (case.fine_min, case.fine_max) == (10 * M, 12 * M)
    _notice(case, officer, on=D(2025, 8, 2))
    with pytest.raises(ValidationError):
        _decide(case, officer, 4 * M, on=D(2025, 8, 10))
    case = violation_penalties.penalty_decide(
        actor=officer,
        case=case,
        decision_number="2/QĐ-XPHC",
        decided_on=D(2025, 8, 10),
        decided_by="Chủ tịch UBND xã Đức Hợp",
        fine_amount=4 * M,
        apply_lighter=True,
    )
    assert case.decree == "NĐ 218/2025" and (case.fine_min, case.fine_max) == (3 * M, 5 * M)
    assert "156" in case.penalty_citation and not case.band_confirmed
    # Nothing lighter to apply for an examination absence (218 is heavier).
    other = open_case(man, kind="absent_exam", occurred_on=D(2025, 8, 1), actor=officer)
    _notice(other, officer, on=D(2025, 8, 2))
    with pytest.raises(ValidationError) as err:
        violation_penalties.penalty_decide(
            actor=officer,
            case=other,
            decision_number="3",
            decided_on=D(2025, 8, 10),
            decided_by="x",
            fine_amount=11 * M,
            apply_lighter=True,
        )
    assert "apply_lighter" in err.value.message_dict


def test_default_authority_by_decision_date(officer, man):
    case = open_case(man, actor=officer)
    assert (
        violation_authority.default_decided_by(case, D(2025, 6, 30))
        == "Chủ tịch UBND huyện Kim Động"
    )
    assert violation_authority.default_decided_by(case, D(2025, 7, 1)) == "Chủ tịch UBND xã Đức Hợp"


def test_a_commune_commander_works_his_commune_only(personas, man, units):
    commander = personas["commune_commander"]
    case = open_case(man, actor=commander)
    _notice(case, commander)
    with pytest.raises(ValidationError):
        _notice(case, personas["other_commander"])
    with pytest.raises(PermissionDenied):
        _notice(case, personas["leader"])


# ----------------------------------------------------------------------------- lists, counts


def test_overdue_filter_and_counts_per_commune(officer, man, units, django_assert_num_queries):
    campaign = make_campaign(officer, units["KD"])
    overdue = _penalised(man, officer)  # decided 30/11/2024, due 10/12/2024
    overdue.campaign = campaign
    overdue.save(update_fields=["campaign"])
    other = make_person(units["DT"], full_name="Đỗ Văn Nam", date_of_birth=D(2004, 1, 1))
    paid = _penalised(other, officer, kind="absent_screening", day=D(2024, 10, 10), fine=11 * M)
    violation_penalties.payment_record(
        actor=officer, case=paid, paid_on=D(2024, 10, 25), amount=11 * M
    )
    ViolationCase.objects.filter(pk=paid.pk).update(campaign=campaign)
    open_case(
        other, kind="refused_callup", occurred_on=D(2025, 2, 13), actor=officer, campaign=campaign
    )
    day = D(2024, 12, 11)
    assert list(case_lists.cases_for_user(user=officer, overdue=True, today=day)) == [overdue]
    assert list(case_lists.cases_for_user(user=officer, overdue=True, today=D(2024, 12, 10))) == []
    assert case_lists.is_overdue(overdue, day) and not case_lists.is_overdue(
        overdue, D(2024, 12, 10)
    )
    assert list(case_lists.cases_for_user(user=officer, commune=units["DT"], today=day)) != []
    assert {
        c.unit_id for c in case_lists.cases_for_user(user=officer, commune=units["DT"], today=day)
    } == {units["DT"].pk}
    assert [
        c.kind for c in case_lists.cases_for_user(user=officer, kind="refused_callup", today=day)
    ] == ["refused_callup"]
    assert [c.state for c in case_lists.cases_for_user(user=officer, state="paid", today=day)] == [
        "paid"
    ]
    rows = {
        r.unit.code: r
        for r in case_lists.violation_counts(user=officer, campaign=campaign, today=day)
    }
    assert set(rows) == set(campaign.communes.values_list("unit__code", flat=True))
    dhop, dthanh = rows[units["DHOP"].code], rows[units["DT"].code]
    assert dhop.total == 1 and dhop.kind("absent_exam") == 1 and dhop.overdue == 1
    assert dhop.fines_decided == 11 * M and dhop.fines_paid == 0
    assert dthanh.total == 2 and dthanh.state("paid") == 1 and dthanh.state("open") == 1
    assert dthanh.by_kind_state[("absent_screening", "paid")] == 1
    assert dthanh.fines_paid == 11 * M
    assert rows[units["VXA"].code].total == 0
    # The commander of Đức Hợp sees only his commune's row.
    mine = case_lists.violation_counts(user=personas_commander(units), campaign=campaign, today=day)
    assert [r.unit.code for r in mine] == [units["DHOP"].code]
    # Without a campaign: the communes that have a case.
    assert {r.unit.code for r in case_lists.violation_counts(user=officer, today=day)} == {
        units["DHOP"].code,
        units["DT"].code,
    }
    # A constant number of queries, whatever the number of cases.
    visible = scope_of(officer).unit_ids()  # cached on the user
    assert visible
    with django_assert_num_queries(2):
        case_lists.violation_counts(user=officer, campaign=campaign, today=day)
    for i in range(5):
        p = make_person(units["DT"], full_name=f"Công dân {i}", date_of_birth=D(2004, 1, 2))
        open_case(p, actor=officer, campaign=campaign)
    with django_assert_num_queries(2):
        rows2 = case_lists.violation_counts(user=officer, campaign=campaign, today=day)
    assert sum(r.total for r in rows2) == 8


def personas_commander(units):
    from muster.accounts.models import Role
    from tests.conftest import make_user

    return make_user("t.commander", Role.COMMUNE_COMMANDER, units["DHOP"])


# ----------------------------------------------------------------------------- candidates


@pytest.fixture
def campaign(officer, units):
    return make_campaign(officer, units["KD"])


def _session(unit, kind, day):
    return HealthSession.objects.create(kind=kind, unit=unit, date=day, place="Trạm y tế xã")


def test_candidates_from_the_registry(officer, units, campaign):
    dhop = units["DHOP"]
    # Called to the examination, no result: absent.
    exam = _session(dhop, "examination", D(2024, 11, 20))
    absent = make_person(dhop, full_name="Vắng Khám", date_of_birth=D(2004, 1, 1))
    HealthCall.objects.create(session=exam, person=absent, notified_on=D(2024, 11, 1))
    examined = make_person(dhop, full_name="Đã Khám", date_of_birth=D(2004, 1, 2))
    HealthCall.objects.create(
        session=exam, person=examined, health_class=1, concluded_on=D(2024, 11, 20)
    )
    partial = make_person(dhop, full_name="Khám Dở", date_of_birth=D(2004, 1, 3))
    call = HealthCall.objects.create(session=exam, person=partial)
    StationResult.objects.create(call=call, station="teeth", score=1)
    screening = _session(dhop, "screening", D(2024, 10, 10))
    not_told = make_person(dhop, full_name="Vắng Sơ Tuyển", date_of_birth=D(2004, 1, 4))
    HealthCall.objects.create(session=screening, person=not_told)
    # A late return from absence (citizen's lateness) and a late removal report (not his).
    late = make_person(dhop, full_name="Về Muộn", date_of_birth=D(2004, 1, 5))
    RegistrationEvent.objects.create(
        person=late,
        kind=EventKind.ABSENCE_RETURN,
        event_date=D(2024, 3, 20),
        trigger_date=D(2024, 3, 1),
        unit=dhop,
        due_date=D(2024, 3, 15),
        is_late=True,
        legal_citation="Luật NVQS Điều 17",
    )
    RegistrationEvent.objects.create(
        person=late,
        kind=EventKind.REMOVAL,
        event_date=D(2024, 5, 20),
        trigger_date=D(2024, 5, 1),
        unit=dhop,
        due_date=D(2024, 5, 10),
        is_late=True,
    )
    # The January list of 2024: one never registered, one in time, one late, one barred.
    listed = {}
    for name, born in (
        ("Chưa Đăng Ký", 2007),
        ("Đúng Hạn", 2007),
        ("Muộn", 2007),
        ("Bị Cấm", 2007),
    ):
        person = make_person(dhop, full_name=name, date_of_birth=D(born, 2, 1))
        RegistrationEvent.objects.create(
            person=person,
            kind=EventKind.JANUARY_LIST,
            event_date=D(2024, 1, 15),
            trigger_date=D(2024, 1, 1),
            unit=dhop,
            due_date=D(2024, 1, 31),
        )
        listed[name] = person
    for name, day in (("Đúng Hạn", D(2024, 4, 30)), ("Muộn", D(2024, 5, 2))):
        RegistrationEvent.objects.create(
            person=listed[name], kind=EventKind.FIRST_REGISTRATION, event_date=day, unit=dhop
        )
    RegistrationBar.objects.create(
        person=listed["Bị Cấm"],
        kind="barred_art13",
        ground="Đang chấp hành án",
        legal_citation="Điều 13",
        start_date=D(2024, 1, 1),
    )
    found = case_candidates.candidates(user=officer, campaign=campaign, today=D(2025, 3, 1))
    by_name = {(c.person.full_name, c.kind): c for c in found.items}
    assert set(by_name) == {
        ("Vắng Khám", "absent_exam"),
        ("Vắng Sơ Tuyển", "absent_screening"),
        ("Về Muộn", "no_change_registration"),
        ("Chưa Đăng Ký", "no_first_registration"),
        ("Muộn", "no_first_registration"),
    }
    assert by_name[("Về Muộn", "no_change_registration")].occurred_on == D(2024, 3, 16)
    first = by_name[("Chưa Đăng Ký", "no_first_registration")]
    assert first.occurred_on == D(2024, 5, 1) and "chưa đăng ký" in first.facts
    assert "đăng ký muộn ngày 02/05/2024" in by_name[("Muộn", "no_first_registration")].facts
    assert by_name[("Vắng Sơ Tuyển", "absent_screening")].warnings  # no delivery recorded
    assert dhop not in found.without_january_list and units["DT"] in found.without_january_list
    # A man aged 17 in 2024 who never registered: a warning under the old decree.
    assert first.band().warning
    # The commander of Đồng Thanh sees none of them.
    other = case_candidates.candidates(
        user=personas_other(units), campaign=campaign, today=D(2025, 3, 1)
    )
    assert other.items == []


def personas_other(units):
    from muster.accounts.models import Role
    from tests.conftest import make_user

    return make_user("t.other", Role.COMMUNE_COMMANDER, units["DT"])


def _decision(campaign, person, unit, number, delivered):
    return CallupDecision.objects.create(
        campaign=campaign,
        commune=campaign.communes.get(unit=unit),
        person=person,
        service="army",
        authority="district_commander:KD",
        signer="CHỈ HUY TRƯỞNG",
        authority_citation="Law 78/2015 Art 34(6)",
        number=number,
        issued_on=D(2025, 1, 20),
        enlist_on=D(2025, 2, 13),
        token=f"t{number}",
        token_hash=f"{number:064d}",
        delivered_on=delivered,
        delivered_to="Bản thân" if delivered else "",
    )


def test_decisions_delivered_but_not_handed_over(officer, units, campaign, login):
    dhop = units["DHOP"]
    gone = make_person(dhop, full_name="Không Nhập Ngũ", date_of_birth=D(2003, 1, 1))
    came = make_person(dhop, full_name="Đã Nhập Ngũ", date_of_birth=D(2003, 1, 2))
    never = make_person(dhop, full_name="Chưa Nhận", date_of_birth=D(2003, 1, 3))
    missing = _decision(campaign, gone, dhop, 1, D(2025, 1, 24))
    handed = _decision(campaign, came, dhop, 2, D(2025, 1, 24))
    _decision(campaign, never, dhop, 3, None)
    unit = ReceivingUnit.objects.create(code="E1", name="Trung đoàn 1", service="army")
    handover = Handover.objects.create(
        commune=campaign.communes.get(unit=dhop),
        receiving_unit=unit,
        handed_on=D(2025, 2, 13),
        locality_signer="A",
        unit_signer="B",
    )
    Recruit.objects.create(handover=handover, decision=handed)
    # Before the enlistment day nothing is due yet.
    assert (
        case_candidates.candidates(user=officer, campaign=campaign, today=D(2025, 2, 13)).items
        == []
    )
    found = case_candidates.candidates(user=officer, campaign=campaign, today=D(2025, 2, 14)).items
    assert [(c.person.full_name, c.kind, c.occurred_on) for c in found] == [
        ("Không Nhập Ngũ", "absent_callup", D(2025, 2, 13))
    ]
    assert found[0].ref == f"decision:{missing.public_id}"
    # One click opens the case with the facts; the candidate leaves the list.
    client = login(officer)
    url = reverse("campaigns:violation_candidates", args=[campaign.public_id])
    response = client.post(url, {"ref": found[0].ref})
    case = ViolationCase.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        reverse("campaigns:violation_detail", args=[case.public_id])
    )
    assert case.kind == "absent_callup" and case.campaign == campaign
    assert "Lệnh gọi công dân nhập ngũ số 1/2025" in case.facts and case.source_ref == found[0].ref
    assert (
        case_candidates.candidates(user=officer, campaign=campaign, today=D(2026, 1, 1)).items == []
    )
    again = client.post(url, {"ref": found[0].ref})
    assert again.status_code == 400
    assert "không còn trong danh sách" in again.content.decode()
    assert ViolationCase.objects.count() == 1


def test_a_case_opened_by_hand_hides_the_candidate(officer, units, campaign):
    dhop = units["DHOP"]
    gone = make_person(dhop, full_name="Không Nhập Ngũ", date_of_birth=D(2003, 1, 1))
    _decision(campaign, gone, dhop, 1, D(2025, 1, 24))
    open_case(gone, kind="refused_callup", occurred_on=D(2025, 2, 13), actor=officer)
    assert (
        case_candidates.candidates(user=officer, campaign=campaign, today=D(2025, 3, 1)).items == []
    )


# ----------------------------------------------------------------------------- pages


def test_case_page_steps_and_messages(officer, man, login):
    client = login(officer)
    case = open_case(man, actor=officer)
    url = reverse("campaigns:violation_detail", args=[case.public_id])
    page = client.get(url).content.decode()
    assert "NĐ 120/2013 sửa đổi bởi NĐ 37/2022" in page and "10.000.000 – 12.000.000" in page
    assert "Giao thông báo" in page and "Quyết định xử phạt" not in page.split("Diễn biến")[1]
    decide = {
        "action": "decide",
        "d-decision_number": "5",
        "d-decided_on": "01/12/2024",
        "d-decided_by": "Chủ tịch UBND huyện Kim Động",
        "d-fine_amount": "11.000.000",
    }
    # A step the state does not allow: 400 with the reason, nothing written.
    bad = client.post(url, decide)
    assert bad.status_code == 400 and "cần ở trạng thái" in bad.content.decode()
    ok = client.post(
        url,
        {
            "action": "notice",
            "n-served_on": "22/11/2024",
            "n-served_to": "Bản thân",
            "n-content": "Giấy mời",
        },
    )
    assert ok.status_code == 302
    fine_bad = client.post(url, {**decide, "d-fine_amount": "13.000.000"})
    assert fine_bad.status_code == 400 and "cao hơn khung" in fine_bad.content.decode()
    fine_ok = client.post(url, decide)
    assert fine_ok.status_code == 302
    case.refresh_from_db()
    assert case.fine_amount == 11 * M and case.state == ViolationState.PENALISED
    assert client.post(url, {"action": "nothing"}).status_code == 400
    bad_date = client.post(url, {"action": "pay", "p-paid_on": "31/31/2024", "p-amount": "1"})
    assert bad_date.status_code == 400 and "dd/mm/yyyy" in bad_date.content.decode()


def test_read_only_roles_see_but_cannot_act(personas, man, login, officer):
    case = open_case(man, actor=officer)
    client = login(personas["leader"])
    url = reverse("campaigns:violation_detail", args=[case.public_id])
    page = client.get(url)
    assert page.status_code == 200 and "Giao thông báo</h2>" not in page.content.decode()
    response = client.post(
        url, {"action": "notice", "n-served_on": "22/11/2024", "n-served_to": "x", "n-content": "y"}
    )
    assert response.status_code == 403
    assert ViolationCase.objects.get().state == ViolationState.OPEN


def test_create_page_opens_a_case_by_id_number(officer, man, login, personas):
    client = login(officer)
    url = reverse("campaigns:violation_create")
    data = {
        "national_id": man.national_id,
        "kind": "refused_exam",
        "occurred_on": "05/08/2025",
        "facts": "Không nhận quyết định gọi khám sức khỏe.",
    }
    response = client.post(url, data)
    case = ViolationCase.objects.get()
    assert response.status_code == 302 and case.decree == "NĐ 218/2025"
    assert (case.fine_min, case.fine_max) == (20 * M, 30 * M)
    # Outside the area, the ID number is not found.
    outside = login(personas["other_commander"]).post(url, {**data, "occurred_on": "06/08/2025"})
    assert outside.status_code == 400 and "Không có công dân" in outside.content.decode()


def test_lists_pages_filters_and_counts(officer, man, login, units):
    campaign = make_campaign(officer, units["KD"])
    case = open_case(man, actor=officer, campaign=campaign)
    client = login(officer)
    page = client.get(reverse("campaigns:violation_list", args=[campaign.public_id]))
    text = page.content.decode()
    assert page.status_code == 200 and man.full_name in text and "Số vụ việc theo xã" in text
    everything = client.get(reverse("campaigns:violation_all"), {"state": "paid"})
    assert man.full_name not in everything.content.decode()
    filtered = client.get(
        reverse("campaigns:violation_all"),
        {"commune": str(units["DHOP"].public_id), "kind": "absent_exam", "overdue": ""},
    )
    assert reverse("campaigns:violation_detail", args=[case.public_id]) in filtered.content.decode()
    # Junk filters are ignored, never a 500.
    junk = client.get(
        reverse("campaigns:violation_all"), {"commune": "nope", "state": "x", "kind": "y"}
    )
    assert junk.status_code == 200
    cand = client.get(
        reverse("campaigns:violation_candidates", args=[campaign.public_id]), {"year": "abc"}
    )
    assert cand.status_code == 200


def _pdftotext(data: bytes, tmp_path) -> str:
    path = tmp_path / "case.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_case_record_pdf_in_vietnamese(officer, man, login, tmp_path):
    case = _penalised(man, officer)
    violation_penalties.payment_record(
        actor=officer, case=case, paid_on=D(2024, 12, 5), amount=5 * M
    )
    response = login(officer).get(reverse("campaigns:violation_pdf", args=[case.public_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdftotext(response.content, tmp_path)
    for expected in (
        "HỒ SƠ VỤ VI PHẠM LUẬT NGHĨA VỤ QUÂN SỰ",
        "Lê Văn Hùng",
        "Không có mặt khám sức khỏe",
        "Nghị định 120/2013/NĐ-CP",
        "Quyết định xử phạt số 1/QĐ-XPHC",
        "11.000.000 đồng",
        "còn phải nộp: 6.000.000 đồng",
        "Giấy mời làm việc",
        "violation.pay",
        "XÃ ĐỨC HỢP",
    ):
        assert expected in text, expected
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "case.pdf")], capture_output=True, check=True, text=True
    ).stdout
    assert "DejaVu" in fonts and " yes " in fonts  # embedded


# ----------------------------------------------------------------------------- demo


def test_demo_cases_are_loaded_once(units):
    from muster.demo.callup.campaign2025 import load_demo_campaign
    from muster.demo.callup.violations import load_demo_violations
    from muster.demo.people.writer import generate_demo_registry

    generate_demo_registry(units=units, seed=7, scale=0.05)
    assert load_demo_campaign(units=units) is not None
    created = load_demo_violations(units=units)
    assert created is not None
    by_ref = {c.source_ref: c for c in ViolationCase.objects.all()}
    assert by_ref["demo:1"].state == "good_reason" and by_ref["demo:1"].decree.startswith("NĐ 120")
    assert by_ref["demo:2"].state == "paid" and by_ref["demo:2"].paid_amount == 62_500_000
    assert by_ref["demo:3"].warning_only and by_ref["demo:3"].decree == "NĐ 218/2025"
    assert by_ref["demo:5"].repeat_of == by_ref["demo:4"]
    assert by_ref["demo:5"].state == "escalated" and by_ref["demo:5"].escalation_basis == "art332"
    assert by_ref["demo:6"].paid_amount == 5_500_000 and case_lists.is_overdue(
        by_ref["demo:6"], D(2026, 1, 1)
    )
    org = by_ref["demo:7"]
    assert org.is_organisation and org.person is None and org.decree == "NĐ 218/2025"
    assert org.state == "paid" and org.fine_min <= org.fine_amount <= org.fine_max
    assert org.remedial_measures.startswith("Buộc báo cáo")
    assert load_demo_violations(units=units) is None
    assert ViolationCase.objects.count() == 7


def test_generated_rules_section_is_current():
    """Fails when violation_rules.py changed without ``manage.py violation_docs``."""
    from django.core.management import call_command

    call_command("violation_docs", "--check")


def test_a_stale_rules_section_is_detected(tmp_path):
    from django.core.management import CommandError, call_command

    from muster.law.callup.violations.docs import DOCS_BEGIN, DOCS_END

    doc = tmp_path / "violations.md"
    doc.write_text(f"# x\n\n{DOCS_BEGIN}\nold table\n{DOCS_END}\n", encoding="utf-8")
    with pytest.raises(CommandError, match="stale"):
        call_command("violation_docs", "--check", "--path", str(doc))
    call_command("violation_docs", "--path", str(doc))
    call_command("violation_docs", "--check", "--path", str(doc))
    assert "`refused_callup`" in doc.read_text(encoding="utf-8")
