"""Demo violation cases of the Kim Động 2025 campaign, one per situation the law distinguishes:

1. absent from the health examination on 20/11/2024 (Decree 120/2013 as amended), closed on a
   good reason (a grandparent's funeral);
2. refused the call-up decision on 13/02/2025 (old decree, 50–75M VND), fined and paid;
3. failed the first registration on 21/08/2025 (Decree 218/2025): a warning, then closed;
4. a move not registered, fined and paid in February 2025; another move not registered in
   October 2025 (218): the repeat is referred for criminal proceedings under Penal Code Art 332;
5. absent from the examination, fined, half paid: the payment is overdue;
6. an organisation's reporting offence (Decree 218/2025 Art 8): Đức Hợp's upper secondary
   school did not report its male pupils of registration age by the day; fined 25M VND with
   the remedial measure (make the report), paid.

Written through the services (actor: the system), so every step is audited. Idempotent: the
cases carry ``source_ref`` "demo:N"; a second run finds the first and does nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from muster.accounts.services import system_actor
from muster.conscription.campaign.models import Campaign
from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.violations.models import (
    ViolationCase,
    ViolationKind,
    ViolationSubject,
)
from muster.conscription.violations.services import authority as violation_authority
from muster.conscription.violations.services import cases as violation_cases
from muster.conscription.violations.services import offenders as violation_offenders
from muster.conscription.violations.services import penalties as violation_penalties
from muster.geo.models import Unit
from muster.people.models import Person, Sex

D = dt.date


def _men(unit: Unit, year: int, exclude: set[int]) -> list[Person]:
    return list(
        Person.objects.filter(registration_unit=unit, sex=Sex.MALE, date_of_birth__year=year)
        .exclude(pk__in=exclude)
        .order_by("date_of_birth", "id")[:5]
    )


def _notice(case: ViolationCase, on: dt.date, content: str, respond_by: dt.date) -> None:
    violation_cases.notice_serve(
        actor=system_actor(),
        case=case,
        served_on=on,
        served_to="Bản thân công dân",
        content=content,
        respond_by=respond_by,
    )


def _open(
    campaign: Campaign, number: int, person: Person, kind: str, occurred_on: dt.date, facts: str
) -> ViolationCase:
    """Open demo case ``number`` (its ``source_ref`` is "demo:<number>") in ``campaign``."""
    return violation_cases.case_open(
        actor=system_actor(),
        person=person,
        kind=kind,
        occurred_on=occurred_on,
        facts=facts,
        campaign=campaign,
        source_ref=f"demo:{number}",
    )


def _decide(case: ViolationCase, number: str, on: dt.date, fine: int | None) -> ViolationCase:
    """The penalty decision ``number`` of ``on``, by the authority competent that day."""
    return violation_penalties.penalty_decide(
        actor=system_actor(),
        case=case,
        decision_number=number,
        decided_on=on,
        decided_by=violation_authority.default_decided_by(case, on),
        fine_amount=fine,
    )


def load_demo_violations(*, units: dict[str, Unit]) -> list[ViolationCase] | None:
    """Add the demo cases to the Kim Động 2025 campaign; None if they are there already or
    the campaign (or its citizens) is missing."""
    if ViolationCase.objects.filter(source_ref="demo:1").exists():
        return None
    campaign = Campaign.objects.filter(unit=units["KD"], year=2025, call=1).first()
    if campaign is None:
        return None
    decisions = list(
        CallupDecision.objects.filter(
            campaign=campaign, commune__unit=units["DHOP"], status=DecisionStatus.VALID
        ).order_by("number")
    )
    called = set(
        CallupDecision.objects.filter(campaign=campaign).values_list("person_id", flat=True)
    )
    dhop_2005 = _men(units["DHOP"], 2005, called)
    dhop_2008 = _men(units["DHOP"], 2008, called)
    dt_2004 = _men(units["DT"], 2004, called)
    if not decisions or len(dhop_2005) < 2 or not dhop_2008 or not dt_2004:
        return None
    created: list[ViolationCase] = []
    with transaction.atomic():
        # 1. Absent from the examination, a good reason.
        case = _open(
            campaign,
            1,
            dhop_2005[0],
            ViolationKind.ABSENT_EXAM,
            D(2024, 11, 20),
            "Được gọi khám sức khỏe NVQS ngày 20/11/2024 tại Trung tâm Y tế huyện Kim "
            "Động (nhận quyết định ngày 01/11/2024); không có mặt.",
        )
        _notice(
            case,
            D(2024, 11, 22),
            "Giấy mời lên Ban CHQS xã làm việc về việc không có mặt khám sức khỏe.",
            D(2024, 11, 27),
        )
        violation_cases.good_reason_accept(
            actor=system_actor(),
            case=case,
            reason="relative_death",
            details="Ông nội mất ngày 19/11/2024, tang lễ đến hết 21/11/2024 (trích lục khai tử "
            "số 112/TLKT-BS của UBND xã). Công dân được khám bổ sung ngày 28/11/2024.",
            on=D(2024, 11, 25),
        )
        created.append(case)

        # 2. Refused the call-up decision: fined, paid.
        decision = decisions[0]
        case = _open(
            campaign,
            2,
            decision.person,
            ViolationKind.REFUSED_CALLUP,
            decision.enlist_on,
            f"Nhận {decision.title_vi[0].lower()}{decision.title_vi[1:]} số "
            f"{decision.printed_number} ngày "
            f"{decision.delivered_on or decision.issued_on:%d/%m/%Y}; ngày "
            f"{decision.enlist_on:%d/%m/%Y} không có mặt giao nhận quân và tuyên bố không chấp "
            "hành; đã được gia đình, thôn đội vận động nhưng không thay đổi.",
        )
        _notice(
            case,
            D(2025, 2, 14),
            "Thông báo lập biên bản vi phạm hành chính, mời lên UBND xã làm việc.",
            D(2025, 2, 17),
        )
        case = _decide(case, "15/QĐ-XPHC", D(2025, 2, 20), 62_500_000)
        case = violation_penalties.payment_record(
            actor=system_actor(), case=case, paid_on=D(2025, 2, 28), amount=62_500_000
        )
        created.append(case)

        # 3. First registration missed after 5 Aug 2025: a warning under Decree 218/2025.
        case = _open(
            campaign,
            3,
            dhop_2008[0],
            ViolationKind.NO_FIRST_REGISTRATION,
            D(2025, 8, 21),
            "Quyết định gọi đăng ký NVQS lần đầu (đợt bổ sung) yêu cầu có mặt ngày "
            "20/08/2025 tại Ban CHQS xã; công dân không đến đăng ký.",
        )
        _notice(
            case,
            D(2025, 8, 25),
            "Giấy mời lên Ban CHQS xã đăng ký NVQS và làm việc về việc không đăng ký.",
            D(2025, 8, 28),
        )
        case = _decide(case, "03/QĐ-XPHC", D(2025, 9, 5), None)
        case = violation_penalties.case_close(
            actor=system_actor(),
            case=case,
            closed_on=D(2025, 9, 5),
            note="Đã phạt cảnh cáo; công dân đã đăng ký NVQS lần đầu ngày 28/08/2025.",
        )
        created.append(case)

        # 4. A move not registered, fined and paid; repeated: referred under Art 332.
        person = dt_2004[0]
        first = _open(
            campaign,
            4,
            person,
            ViolationKind.NO_CHANGE_REGISTRATION,
            D(2025, 1, 7),
            "Chuyển đến nơi ở mới ngày 20/12/2024; không đăng ký NVQS trong 10 ngày làm việc "
            "(hạn 06/01/2025).",
        )
        _notice(first, D(2025, 1, 13), "Giấy mời lên Ban CHQS xã làm việc.", D(2025, 1, 16))
        first = _decide(first, "07/QĐ-XPHC", D(2025, 2, 5), 9_000_000)
        first = violation_penalties.payment_record(
            actor=system_actor(), case=first, paid_on=D(2025, 2, 14), amount=9_000_000
        )
        created.append(first)
        again = _open(
            campaign,
            5,
            person,
            ViolationKind.NO_CHANGE_REGISTRATION,
            D(2025, 10, 18),
            "Chuyển đến nơi ở mới ngày 10/10/2025; không đăng ký NVQS trong 5 ngày làm việc "
            "(hạn 17/10/2025), đã bị xử phạt về hành vi này theo quyết định 07/QĐ-XPHC.",
        )
        _notice(again, D(2025, 10, 22), "Giấy mời lên Ban CHQS xã làm việc.", D(2025, 10, 24))
        again = violation_penalties.case_escalate(
            actor=system_actor(),
            case=again,
            escalated_on=D(2025, 11, 10),
            note="Chuyển Công an xã hồ sơ vụ việc, quyết định xử phạt 07/QĐ-XPHC và biên lai "
            "nộp phạt",
        )
        created.append(again)

        # 5. Absent from the examination, fined, half paid: overdue.
        case = _open(
            campaign,
            6,
            dhop_2005[1],
            ViolationKind.ABSENT_EXAM,
            D(2024, 11, 20),
            "Được gọi khám sức khỏe NVQS ngày 20/11/2024 (nhận quyết định ngày "
            "02/11/2024); không có mặt, không báo lý do.",
        )
        _notice(case, D(2024, 11, 22), "Giấy mời lên Ban CHQS xã làm việc.", D(2024, 11, 26))
        case = _decide(case, "21/QĐ-XPHC", D(2024, 12, 10), 11_000_000)
        case = violation_penalties.payment_record(
            actor=system_actor(), case=case, paid_on=D(2024, 12, 20), amount=5_500_000
        )
        created.append(case)

        # 6. An organisation's reporting offence (Decree 218/2025): fined, report made, paid.
        case = violation_offenders.case_open_offender(
            actor=system_actor(),
            subject=ViolationSubject.ORGANISATION,
            offender_name="Trường THPT Đức Hợp",
            offender_address="Thôn Đức Hợp, xã Đức Hợp, huyện Kim Động",
            unit=units["DHOP"],
            kind=ViolationKind.ORG_NO_REPORT,
            occurred_on=D(2025, 9, 10),
            facts="Không báo cáo Ban CHQS xã danh sách học sinh nam trong độ tuổi đăng ký NVQS "
            "theo yêu cầu (hạn 09/09/2025), dù đã được nhắc bằng văn bản ngày 03/09/2025.",
            campaign=campaign,
            source_ref="demo:7",
        )
        violation_cases.notice_serve(
            actor=system_actor(),
            case=case,
            served_on=D(2025, 9, 12),
            served_to="Hiệu trưởng Trường THPT Đức Hợp",
            content="Giấy mời đại diện nhà trường lên UBND xã làm việc về việc không báo cáo.",
        )
        case = _decide(case, "27/QĐ-XPHC", D(2025, 9, 22), 25_000_000)
        case = violation_penalties.payment_record(
            actor=system_actor(), case=case, paid_on=D(2025, 9, 30), amount=25_000_000
        )
        created.append(case)
    return created


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the call-up app)."""
    if load_demo_violations(units=units) is None:
        return []
    return ["Demo violations: seven cases of the 2025 campaign (one against an organisation)."]
