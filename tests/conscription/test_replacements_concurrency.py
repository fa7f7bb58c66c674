"""Concurrent replacements and issuing on PostgreSQL (row locks between connections): two
replacements at once never take the same standby citizen, nobody ends with two valid
decisions, and the numbering stays gap-free."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from muster.conscription.decisions.models import CallupDecision, DecisionStatus
from muster.conscription.handover import services as hs
from muster.conscription.handover.models import Replacement, ReturnReason
from muster.conscription.selection.services import lists as list_services
from tests.concurrency import needs_postgres, run_threads
from tests.conscription.campaign_factories import dhop_commune
from tests.conscription.selection_factories import (
    campaign_with_quota,
    fit_people,
    frozen_list,
    handed_over,
    issued_list,
)

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(units, personas):
    needs_postgres()
    officer = personas["district_officer"]
    campaign = campaign_with_quota(units, officer, dhop_army=4)
    commune = dhop_commune(campaign, units)
    frozen = issued_list(officer, commune, people=9, standby=5)
    handover = handed_over(officer, commune)
    returns = [
        hs.recruit_return(
            actor=officer,
            recruit=recruit,
            returned_on=dt.date(2025, 2, 20),
            reason_kind=ReturnReason.PROCEDURE,
            reason="Thiếu hồ sơ",
        )
        for recruit in handover.recruits.order_by("decision__number")
    ]
    return {"officer": officer, "commune": commune, "list": frozen, "returns": returns}


def _assert_consistent(commune) -> None:
    valid = CallupDecision.objects.filter(campaign_id=commune.campaign_id, status="valid")
    people = list(valid.values_list("person_id", flat=True))
    assert len(people) == len(set(people)), "a citizen holds two valid decisions"
    numbers = sorted(
        CallupDecision.objects.filter(campaign_id=commune.campaign_id).values_list(
            "number", flat=True
        )
    )
    assert numbers == list(range(1, len(numbers) + 1)), "gaps or duplicates in the numbering"
    taken = list(Replacement.objects.values_list("decision__person_id", flat=True))
    assert len(taken) == len(set(taken)), "one standby citizen replaced two recruits"


def test_concurrent_replacements_take_different_standby_citizens(world):
    officer, returns = world["officer"], world["returns"]

    def replace(index: int) -> None:
        hs.replacement_record(
            actor=officer, returned=returns[index], replaced_on=dt.date(2025, 2, 25)
        )

    assert run_threads(len(returns), replace) == []
    standby = list(
        world["list"].entries.filter(list_kind="standby").order_by("place")[: len(returns)]
    )
    assert sorted(Replacement.objects.values_list("decision__person_id", flat=True)) == sorted(
        e.person_id for e in standby
    )
    assert CallupDecision.objects.filter(
        commune=world["commune"], status=DecisionStatus.REPLACED
    ).count() == len(returns)
    _assert_consistent(world["commune"])


def test_two_replacements_naming_the_same_citizen_leave_one_decision(world):
    officer, returns = world["officer"], world["returns"]
    target = world["list"].entries.filter(list_kind="standby").order_by("place").last().person
    refused: list[BaseException] = []

    def replace(index: int) -> None:
        try:
            hs.replacement_record(
                actor=officer,
                returned=returns[index],
                replaced_on=dt.date(2025, 2, 25),
                person=target,
                skip_reason="Người dự phòng trước đang vắng mặt",
            )
        except ValidationError as exc:
            refused.append(exc)

    assert run_threads(2, replace) == []
    assert len(refused) == 1
    assert CallupDecision.objects.filter(person=target, status="valid").count() == 1
    assert Replacement.objects.count() == 1
    _assert_consistent(world["commune"])


def test_the_same_return_replaced_twice_at_once_is_replaced_once(world):
    officer, returned = world["officer"], world["returns"][0]
    refused: list[BaseException] = []

    def replace(index: int) -> None:
        try:
            hs.replacement_record(
                actor=officer, returned=returned, replaced_on=dt.date(2025, 2, 25)
            )
        except ValidationError as exc:
            refused.append(exc)

    assert run_threads(3, replace) == []
    assert len(refused) == 2 and Replacement.objects.count() == 1
    _assert_consistent(world["commune"])


def test_concurrent_issuing_for_the_official_list_issues_each_citizen_once(units, personas):
    needs_postgres()
    officer = personas["district_officer"]
    campaign = campaign_with_quota(units, officer, dhop_army=6)
    commune = dhop_commune(campaign, units)
    fit_people(units["DHOP"], 8)
    frozen = frozen_list(officer, commune)

    def issue(index: int) -> None:
        list_services.issue_official(
            actor=officer, selection_list=frozen, issued_on=dt.date(2025, 1, 20)
        )

    assert run_threads(3, issue) == []
    official = set(frozen.entries.filter(list_kind="official").values_list("person_id", flat=True))
    valid = list(
        CallupDecision.objects.filter(commune=commune, status="valid").values_list(
            "person_id", flat=True
        )
    )
    assert sorted(valid) == sorted(official)
    _assert_consistent(commune)
