"""The month's allowance lines of a commune (Decree 72/2020 as amended by Decree 16/2025 from
23/03/2025), amounts from the legal reference §3 "Allowances": a month before, the month of
the change (paid day by day), a month after; the province's rates above the floor; the
village leader who also leads the on-site squad; the extension top-up; call-out days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from muster.geo.models import Unit
from muster.militia.allowances.lines import month_lines, province_of
from muster.militia.allowances.services import province_rate_set
from muster.militia.models import Appointment, ProvinceRate
from tests.core.factories import make_person
from tests.militia.factories import make_member, make_militia_unit
from tests.militia.readiness.factories import at, make_callout

FEB, MAR, APR = dt.date(2025, 2, 1), dt.date(2025, 3, 1), dt.date(2025, 4, 1)


def appoint(person, post, *, on=dt.date(2024, 1, 1), unit=None, ended_on=None):
    return Appointment.objects.create(
        person=person,
        holder=person.registration_unit,
        unit=unit,
        post=post,
        appointed_on=on,
        ended_on=ended_on,
        end_reason="term" if ended_on else "",
    )


def province_unit(commune):
    return Unit.objects.get(pk=province_of(commune))


def amounts(listing, kind):
    return {x.person.full_name: x.amount for x in listing.lines if x.kind == kind}


@pytest.fixture
def dhop(units):
    return units["DHOP"]


def test_post_allowance_before_after_and_across_the_change(dhop):
    chief = make_person(dhop, full_name="Nguyễn Văn Chỉ Huy")
    appoint(chief, "commander")
    assert amounts(month_lines(dhop, FEB), "post") == {chief.full_name: 357_600}
    assert amounts(month_lines(dhop, APR), "post") == {chief.full_name: 561_600}
    # March 2025: 22 days (1–22) at the old amount, 9 days (23–31) at the new, 1/31 each.
    march = (22 * 357_600 + 9 * 561_600) / 31
    assert amounts(month_lines(dhop, MAR), "post") == {chief.full_name: round(march)}
    assert round(march) == 416_826
    line = month_lines(dhop, MAR).lines[0]
    assert len(line.rules) == 2 and max(r.valid_from for r in line.rules) == dt.date(2025, 3, 23)
    assert "72/2020" in " ".join(c.label for c in line.citations)


def test_a_post_held_for_part_of_the_month_is_paid_for_the_days_held(dhop):
    deputy = make_person(dhop, full_name="Trần Văn Phó")
    appoint(deputy, "deputy_commander", on=dt.date(2025, 4, 16))
    assert amounts(month_lines(dhop, APR), "post") == {deputy.full_name: 514_800 // 2}
    ended = make_person(dhop, full_name="Lê Văn Thôi")
    appoint(ended, "squad_leader", ended_on=dt.date(2025, 4, 11))  # held 1–10 April
    assert amounts(month_lines(dhop, APR), "post")[ended.full_name] == 78_000
    assert ended.full_name not in amounts(month_lines(dhop, dt.date(2025, 5, 1)), "post")


def test_village_leader_also_leading_the_on_site_squad(dhop):
    squad = make_militia_unit(dhop, name="Tiểu đội thôn 1", component="on_site", level="squad")
    leader = make_person(dhop, full_name="Phạm Văn Thôn")
    appoint(leader, "village_leader")
    appoint(leader, "squad_leader", unit=squad)
    feb, apr = month_lines(dhop, FEB), month_lines(dhop, APR)
    # Before 23/03/2025: 178.800 + 20 % of 149.000; since: 280.800 + 100 % of 234.000.
    assert amounts(feb, "post") == {leader.full_name: 178_800 + 29_800}
    assert amounts(apr, "post") == {leader.full_name: 280_800 + 234_000}
    assert len([x for x in apr.lines if x.kind == "post"]) == 1  # the squad post not twice
    # The monthly allowance: the floor, without a rate of the province.
    assert amounts(feb, "village_monthly") == {leader.full_name: 745_000}
    assert amounts(apr, "village_monthly") == {leader.full_name: 1_170_000}
    assert [x.source for x in apr.lines if x.kind == "village_monthly"] == ["floor"]


def test_province_rate_above_the_floor_is_used_and_shown(dhop, units, personas):
    leader = make_person(dhop, full_name="Phạm Văn Thôn")
    appoint(leader, "village_leader")
    province = province_unit(dhop)
    rate = province_rate_set(
        actor=personas["admin"],
        province=province,
        kind="village_leader_monthly",
        valid_from=dt.date(2025, 4, 1),
        amount=1_500_000,
        decision="NQ 12/2025/NQ-HĐND",
    )
    apr = month_lines(dhop, APR)
    line = next(x for x in apr.lines if x.kind == "village_monthly")
    assert (line.amount, line.source, line.decision) == (1_500_000, "province", rate.decision)
    # March: the province had no rate yet: the floor, split at 23/03.
    march = next(x for x in month_lines(dhop, MAR).lines if x.kind == "village_monthly")
    assert march.source == "floor"
    assert march.amount == round((22 * 745_000 + 9 * 1_170_000) / 31)


def test_province_rate_below_the_floor_is_refused_and_an_old_one_gives_way(dhop, personas):
    province = province_unit(dhop)
    with pytest.raises(ValidationError) as refused:
        province_rate_set(
            actor=personas["admin"],
            province=province,
            kind="daily_work",
            valid_from=dt.date(2025, 3, 23),
            amount=327_599,
            decision="QĐ 1",
        )
    assert "amount" in refused.value.message_dict
    # A 2024 rate of 200.000 is above the old floor (119.200) but below the new (327.600).
    province_rate_set(
        actor=personas["admin"],
        province=province,
        kind="daily_work",
        valid_from=dt.date(2024, 1, 1),
        amount=200_000,
        decision="QĐ 5/2024",
    )
    member = make_member(make_person(dhop, full_name="Đỗ Văn Ngày"), unit=make_militia_unit(dhop))
    callout = make_callout(dhop, [member], ordered_at=at(dt.date(2025, 3, 21)))
    callout.members.update(
        acknowledged_at=at(dt.date(2025, 3, 21)), arrived_at=at(dt.date(2025, 3, 22))
    )
    callout.closed_at = at(dt.date(2025, 3, 24), 17)
    callout.save()
    line = next(x for x in month_lines(dhop, MAR).lines if x.kind == "daily_work")
    # 22/03 at the province's 200.000; 23 and 24/03 at the new floor 327.600.
    assert (line.days, line.amount, line.source) == (3, 200_000 + 2 * 327_600, "mixed")


def test_only_the_province_records_its_rates(dhop, personas):
    with pytest.raises(ValidationError):
        province_rate_set(
            actor=personas["commune_commander"],
            province=province_unit(dhop),
            kind="daily_work",
            valid_from=dt.date(2025, 4, 1),
            amount=400_000,
            decision="QĐ 2",
        )
    assert not ProvinceRate.objects.exists()


def test_daily_work_days_at_the_rate_of_each_day_and_the_extension_top_up(dhop):
    platoon = make_militia_unit(dhop)
    plain = make_member(make_person(dhop, full_name="A Văn Thường"), unit=platoon)
    extended = make_member(
        make_person(dhop, full_name="B Văn Kéo Dài"), unit=platoon, joined_on=dt.date(2021, 3, 1)
    )
    extended.extended_to = dt.date(2026, 3, 1)  # term ended 01/03/2025
    extended.save()
    standing_unit = make_militia_unit(dhop, name="Tiểu đội thường trực", component="standing")
    standing = make_member(
        make_person(dhop, full_name="C Văn Thường Trực"),
        unit=standing_unit,
        component="standing",
    )
    late = make_member(make_person(dhop, full_name="D Văn Vắng"), unit=platoon)
    callout = make_callout(
        dhop,
        [plain, extended, standing, late],
        units=[platoon, standing_unit],
        ordered_at=at(dt.date(2025, 3, 22), 6),
    )
    callout.members.exclude(membership=late).update(
        acknowledged_at=at(dt.date(2025, 3, 22), 6, 5), arrived_at=at(dt.date(2025, 3, 22), 7)
    )
    # Still open: nothing to pay yet.
    assert not [x for x in month_lines(dhop, MAR).lines if x.kind == "daily_work"]
    callout.closed_at = at(dt.date(2025, 4, 2), 18)
    callout.save()
    march, april = month_lines(dhop, MAR), month_lines(dhop, APR)
    # 22/03 (day before) at 119.200; 23/03 (day of) onward at 327.600.
    assert amounts(march, "daily_work") == {
        "A Văn Thường": 119_200 + 9 * 327_600,
        "B Văn Kéo Dài": 119_200 + 9 * 327_600,
    }
    assert amounts(april, "daily_work")["A Văn Thường"] == 2 * 327_600
    # The top-up: 59.600 a day before 23/03/2025, then 50 % of the daily rate.
    assert amounts(march, "top_up") == {"B Văn Kéo Dài": 59_600 + 9 * 163_800}
    assert amounts(april, "top_up") == {"B Văn Kéo Dài": 2 * 163_800}
    assert "C Văn Thường Trực" in {s.person.full_name for s in march.skipped}
    assert "D Văn Vắng" not in {x.person.full_name for x in march.lines}


def test_totals_recount_the_lines_and_extra_sources_add_days(dhop):
    from muster.law.text import Text
    from muster.militia.allowances.lines import DUTY_SOURCES, DutyDays

    chief = make_person(dhop, full_name="Nguyễn Văn Chỉ Huy")
    appoint(chief, "commander")
    member = make_member(
        make_person(dhop, full_name="E Văn Huấn Luyện"), unit=make_militia_unit(dhop)
    )

    def training(commune, first, last):
        return [
            DutyDays(
                member, (dt.date(2025, 4, 7), dt.date(2025, 4, 8)), Text("Huấn luyện", "Training")
            )
        ]

    listing = month_lines(dhop, APR, sources=[*DUTY_SOURCES, training])
    assert amounts(listing, "daily_work") == {member.person.full_name: 2 * 327_600}
    assert listing.total == sum(x.amount for x in listing.lines) == 561_600 + 2 * 327_600
    assert listing.total == sum(
        listing.total_of(k) for k in ("post", "village_monthly", "daily_work", "top_up")
    )


def test_an_assistant_has_no_amount_and_is_listed_apart(dhop):
    assistant = make_person(dhop, full_name="Vũ Văn Trợ Lý")
    appoint(assistant, "assistant")
    listing = month_lines(dhop, APR)
    assert listing.lines == []
    assert [s.person for s in listing.skipped] == [assistant]
