"""Concurrent steps on one violation case on PostgreSQL: the row lock serialises them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from muster.conscription.violations.models import ViolationCase, ViolationState
from muster.conscription.violations.services import cases as violation_cases
from muster.conscription.violations.services import penalties as violation_penalties
from tests.concurrency import needs_postgres, run_threads
from tests.conscription.violation_factories import open_case
from tests.core.factories import make_person

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

M = 1_000_000


def _penalised(units, officer):
    person = make_person(units["DHOP"], full_name="Lê Văn Hùng", date_of_birth=dt.date(2005, 6, 1))
    case = open_case(person, occurred_on=dt.date(2024, 11, 20), actor=officer)
    violation_cases.notice_serve(
        actor=officer, case=case, served_on=dt.date(2024, 11, 22), served_to="x", content="y"
    )
    return violation_penalties.penalty_decide(
        actor=officer,
        case=case,
        decision_number="1",
        decided_on=dt.date(2024, 12, 1),
        decided_by="Chủ tịch UBND huyện Kim Động",
        fine_amount=12 * M,
    )


def test_concurrent_payments_never_exceed_the_fine(units, personas):
    needs_postgres()
    officer = personas["district_officer"]
    case = _penalised(units, officer)
    n = 8

    def pay(index: int) -> None:
        violation_penalties.payment_record(
            actor=officer, case=case, paid_on=dt.date(2024, 12, 5), amount=3 * M
        )

    errors = run_threads(n, pay)
    assert len(errors) == n - 4 and all(isinstance(e, ValidationError) for e in errors)
    case.refresh_from_db()
    assert case.paid_amount == 12 * M and case.state == ViolationState.PAID


def test_concurrent_steps_leave_one_outcome(units, personas):
    needs_postgres()
    officer = personas["district_officer"]
    person = make_person(units["DHOP"], full_name="Lê Văn Hùng", date_of_birth=dt.date(2005, 6, 1))
    case = open_case(person, occurred_on=dt.date(2024, 11, 20), actor=officer)
    violation_cases.notice_serve(
        actor=officer, case=case, served_on=dt.date(2024, 11, 22), served_to="x", content="y"
    )

    def step(index: int) -> None:
        if index % 2:
            violation_cases.good_reason_accept(
                actor=officer, case=case, reason="illness", details="x", on=dt.date(2024, 11, 25)
            )
        else:
            violation_penalties.penalty_decide(
                actor=officer,
                case=case,
                decision_number=str(index),
                decided_on=dt.date(2024, 12, 1),
                decided_by="x",
                fine_amount=11 * M,
            )

    errors = run_threads(6, step)
    assert len(errors) == 5 and all(isinstance(e, ValidationError) for e in errors)
    case = ViolationCase.objects.get(pk=case.pk)
    assert case.state in (ViolationState.GOOD_REASON, ViolationState.PENALISED)
    assert (case.state == ViolationState.PENALISED) == (case.decided_on is not None)
