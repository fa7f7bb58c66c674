"""After the handover: the unit's 7-day standards re-check (TT 148/2018 Art 7(3)) feeding the
return path, the commune's record of the families notified, and the food and travel allowance
for the days attended (Decree 13/2016 Art 12 as amended by Decree 220/2025)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from muster.audit.models import AuditEvent
from muster.conscription.aftercare import selectors as asel
from muster.conscription.aftercare import services as aft
from muster.conscription.aftercare.models import AllowanceLine, Payer, StandardsRecheck
from muster.conscription.handover import services as hs
from muster.conscription.handover.models import ReturnReason
from muster.law.callup import aftercare as rules
from muster.people.models import FamilyTie
from tests.conscription.selection_factories import HANDOVER, handed_over, issued_list

# ----------------------------------------------------------------------------- pure rules


@pytest.mark.parametrize(
    ("checked", "late"),
    [
        (dt.date(2025, 2, 19), False),  # the day before the last day
        (dt.date(2025, 2, 20), False),  # the last day: handover 13/02 + 7
        (dt.date(2025, 2, 21), True),  # the day after
    ],
)
def test_standards_recheck_within_7_days_inclusive(checked, late):
    assert rules.standards_recheck_due(HANDOVER) == dt.date(2025, 2, 20)
    assert rules.standards_recheck_late(HANDOVER, checked) is late


def test_the_7_day_rule_is_cited_and_flagged_unverified():
    item = rules.rule("handover.standards_recheck", HANDOVER)
    assert not item.confirmed
    assert "148/2018" in rules.citation_text(item) and "7(3)" in rules.citation_text(item)


@pytest.mark.parametrize(
    ("hours", "fraction"),
    [("0", "0"), ("3.5", "0.5"), ("3.9", "0.5"), ("4", "1"), ("4.1", "1"), ("8", "1")],
)
def test_four_hours_or_more_is_a_full_day(hours, fraction):
    assert rules.day_fraction(Decimal(hours), dt.date(2025, 11, 20)) == Decimal(fraction)


@pytest.mark.parametrize(
    ("day", "amended"),
    [(dt.date(2025, 8, 6), False), (dt.date(2025, 8, 7), True), (dt.date(2025, 8, 8), True)],
)
def test_the_allowance_rule_follows_decree_220_from_7_august_2025(day, amended):
    item = rules.rule("entitlement.allowance", day)
    assert ("220/2025" in rules.citation_text(item)) is amended
    assert "13/2016" in rules.citation_text(item) and not item.confirmed
    assert rules.food_amount(Decimal(2), day) == rules.daily_food(day) // 2


# ----------------------------------------------------------------------------- the world


@pytest.fixture
def handover(commune, units, officer):
    issued_list(officer, commune, people=6, standby=3)
    return handed_over(officer, commune)


def _check(officer, recruit, on, *, meets=True, finding="", document_ref=""):
    return aft.standards_recheck_record(
        actor=officer,
        recruit=recruit,
        checked_on=on,
        meets=meets,
        finding=finding,
        document_ref=document_ref,
    )


# ----------------------------------------------------------------------------- re-check


def test_a_late_recheck_is_recorded_with_a_warning(handover, officer):
    first, second = handover.recruits.order_by("decision__number")[:2]
    assert _check(officer, first, dt.date(2025, 2, 20)) == []
    warnings = _check(officer, second, dt.date(2025, 2, 21))
    assert len(warnings) == 1 and "20/02/2025" in warnings[0]
    check = StandardsRecheck.objects.get(recruit=second)
    assert (
        check.late and check.due_on == dt.date(2025, 2, 20) and "148/2018" in (check.legal_citation)
    )
    assert not StandardsRecheck.objects.get(recruit=first).late
    assert AuditEvent.objects.filter(action="handover.standards_recheck").count() == 2


def test_recheck_refuses_bad_input(handover, officer, personas):
    recruit = handover.recruits.first()
    with pytest.raises(ValidationError) as err:
        _check(officer, recruit, dt.date(2025, 2, 12), meets=False)
    assert {"checked_on", "finding", "document_ref"} <= set(err.value.message_dict)
    assert not StandardsRecheck.objects.exists()
    with pytest.raises(PermissionDenied):
        _check(personas["health_council"], recruit, dt.date(2025, 2, 15))
    with pytest.raises(ValidationError):  # another commune's commander
        _check(personas["other_commander"], recruit, dt.date(2025, 2, 15))


def test_an_unmet_standard_feeds_the_return_path(handover, officer):
    recruit = handover.recruits.first()
    args = {
        "actor": officer,
        "recruit": recruit,
        "returned_on": dt.date(2025, 2, 18),
        "reason_kind": ReturnReason.STANDARDS,
        "reason": "Không đạt tiêu chuẩn chính trị",
    }
    with pytest.raises(ValidationError) as err:  # no re-check yet
        hs.recruit_return(**args)
    assert "reason_kind" in err.value.message_dict
    _check(officer, recruit, dt.date(2025, 2, 16))
    with pytest.raises(ValidationError):  # the re-check found him fit for the standards
        hs.recruit_return(**args)
    _check(
        officer,
        recruit,
        dt.date(2025, 2, 17),
        meets=False,
        finding="Có tiền án chưa xóa án tích",
        document_ref="BB 5/KT-D395",
    )
    returned = hs.recruit_return(**args)
    assert returned.recheck_form_ref == "BB 5/KT-D395"
    with pytest.raises(ValidationError):  # a returned recruit is not re-checked again
        _check(officer, recruit, dt.date(2025, 2, 18))


# ----------------------------------------------------------------------------- families


def test_families_notified_and_who_is_missing(handover, officer, campaign):
    first, second, third = handover.recruits.order_by("decision__number")[:3]
    father = FamilyTie.objects.create(
        person=first.decision.person, relation="father", relative_name="Nguyễn Văn Bố"
    )
    stranger = FamilyTie.objects.create(
        person=second.decision.person, relation="mother", relative_name="Trần Thị Mẹ"
    )
    notice = aft.family_notice_record(
        actor=officer,
        recruit=first,
        tie=father,
        notified_on=dt.date(2025, 2, 14),
        method="visit",
        notified_by="Đại úy Lê Văn Chỉ huy",
    )
    assert notice.relative_name == "Nguyễn Văn Bố"
    with pytest.raises(ValidationError) as err:
        aft.family_notice_record(
            actor=officer,
            recruit=first,
            tie=stranger,
            notified_on=dt.date(2025, 2, 14),
            method="fax",
            notified_by=" ",
        )
    assert {"tie", "method", "notified_by"} <= set(err.value.message_dict)
    rows = asel.family_rows(officer, campaign)
    missing = [row.recruit for row in rows if not row.notices]
    assert first not in missing and {second, third} <= set(missing)
    assert next(row for row in rows if row.recruit == second).ties == [stranger]


def test_family_rows_are_scoped(handover, personas, campaign):
    assert asel.family_rows(personas["other_commander"], campaign) == []


# ----------------------------------------------------------------------------- allowance


def test_allowance_lines_from_attendance(handover, officer, units):
    dhop = units["DHOP"]
    people = list(AllowanceLine.objects.none())
    added = aft.allowance_collect(
        actor=officer, unit=dhop, start=dt.date(2024, 11, 1), end=dt.date(2024, 12, 31)
    )
    lines = list(AllowanceLine.objects.filter(unit=dhop))
    assert added == len(lines) == 6 and people == []
    assert {line.activity for line in lines} == {"examination"}
    assert all(line.food == rules.daily_food(line.day) for line in lines)
    # idempotent: a second run adds nothing and keeps corrections
    line = lines[0]
    aft.allowance_line_set(
        actor=officer, line=line, hours=Decimal("3.5"), travel=30000, payer=Payer.COMMUNE
    )
    assert (
        aft.allowance_collect(
            actor=officer, unit=dhop, start=dt.date(2024, 11, 1), end=dt.date(2024, 12, 31)
        )
        == 0
    )
    line.refresh_from_db()
    assert line.food == rules.daily_food(line.day) // 2 and line.total == line.food + 30000
    # outside the period: nothing
    assert (
        aft.allowance_collect(
            actor=officer, unit=dhop, start=dt.date(2024, 11, 21), end=dt.date(2024, 11, 30)
        )
        == 0
    )


def test_the_employer_pays_for_its_staff(handover, officer, units):
    person = handover.recruits.first().decision.person
    person.workplace = "Công ty May Hưng Yên"
    person.save(update_fields=["workplace"])
    aft.allowance_collect(
        actor=officer, unit=units["DHOP"], start=dt.date(2024, 11, 1), end=dt.date(2024, 12, 31)
    )
    line = AllowanceLine.objects.get(person=person)
    assert line.payer == Payer.EMPLOYER and line.employer == "Công ty May Hưng Yên"
    sheet = asel.payment_sheet(officer, units["DHOP"], dt.date(2024, 11, 1), dt.date(2024, 12, 31))
    assert person not in [row.person for row in sheet.commune_rows]
    assert sheet.commune_total == 5 * rules.daily_food(dt.date(2024, 11, 20))


def test_allowance_refuses_bad_input_and_other_areas(handover, officer, personas, units):
    with pytest.raises(ValidationError):
        aft.allowance_collect(
            actor=officer, unit=units["DHOP"], start=dt.date(2024, 12, 1), end=dt.date(2024, 11, 1)
        )
    with pytest.raises(ValidationError):
        aft.allowance_collect(
            actor=personas["other_commander"],
            unit=units["DHOP"],
            start=dt.date(2024, 11, 1),
            end=dt.date(2024, 12, 31),
        )
    with pytest.raises(PermissionDenied):
        aft.allowance_collect(
            actor=personas["health_council"],
            unit=units["DHOP"],
            start=dt.date(2024, 11, 1),
            end=dt.date(2024, 12, 31),
        )
    aft.allowance_collect(
        actor=officer, unit=units["DHOP"], start=dt.date(2024, 11, 1), end=dt.date(2024, 12, 31)
    )
    line = AllowanceLine.objects.first()
    with pytest.raises(ValidationError) as err:
        aft.allowance_line_set(actor=officer, line=line, hours=Decimal(25), travel=-1, payer="x")
    assert {"hours", "travel", "payer"} <= set(err.value.message_dict)


@pytest.mark.parametrize(
    ("today", "overdue"),
    [(dt.date(2025, 2, 19), False), (dt.date(2025, 2, 20), False), (dt.date(2025, 2, 21), True)],
)
def test_a_missing_recheck_turns_overdue_the_day_after_the_7_days(
    handover, officer, today, overdue
):
    from muster.conscription.handover.selectors import recruit_rows

    first = handover.recruits.order_by("decision__number").first()
    _check(officer, first, dt.date(2025, 2, 15))
    rows = recruit_rows(handover, today)
    assert rows[0].recruit == first and rows[0].standards is not None
    assert not rows[0].standards_overdue  # recorded: never overdue
    assert all(row.standards_overdue is overdue for row in rows[1:])
    assert {row.standards_due for row in rows} == {dt.date(2025, 2, 20)}
