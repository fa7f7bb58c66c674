"""Training of the militia (Law 48/2019 Art 28; TT 69/2020 Art 6): the days a plan owes by
component and year of service, sessions, attendance round trips, the shortfall per member,
unit and component, the daily work allowance around 23/03/2025 (Decree 16/2025), the area
and role checks of the services, and ``training_days`` for a monthly list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from muster.audit.models import AuditEvent
from muster.militia.training import selectors as sel
from muster.militia.training import services
from muster.militia.training.models import Attendance, TrainingPlan


def _plans(actor, commune, year=2025):
    return {p.component: p for p in services.plan_year(actor=actor, commune=commune, year=year)}


def _session(actor, plan, start=dt.date(2025, 4, 7), days=5, unit=None, kind="training"):
    return services.session_record(
        actor=actor,
        plan=plan,
        starts_on=start,
        ends_on=start + dt.timedelta(days=days - 1),
        days=days,
        place="Sân UBND xã",
        subject="Điều lệnh, bắn súng",
        unit=unit,
        kind=kind,
    )


def _attend(actor, session, rows):
    return services.attendance_record(
        actor=actor,
        session=session,
        rows=[
            services.AttendanceRow(m, present, days, result) for m, present, days, result in rows
        ],
    )


def test_plan_year_makes_one_plan_per_component_with_the_rules_days(personas, force, units):
    commander = personas["commune_commander"]
    plans = _plans(commander, units["DHOP"])
    assert set(plans) == {"mobile", "on_site", "standing"}
    assert (plans["mobile"].first_year_days, plans["mobile"].later_days) == (15, 12)
    assert (plans["on_site"].first_year_days, plans["on_site"].later_days) == (15, 7)
    assert (plans["standing"].first_year_days, plans["standing"].later_days) == (60, 60)
    assert "Điều 28" in plans["mobile"].legal_citation
    # planning again keeps the plans and adds none
    again = services.plan_year(actor=commander, commune=units["DHOP"], year=2025)
    assert {p.pk for p in again} == {p.pk for p in plans.values()}
    assert AuditEvent.objects.filter(action="militia.training_plan").count() == 3


def test_plan_year_needs_members(personas, units):
    with pytest.raises(ValidationError):
        services.plan_year(actor=personas["commune_commander"], commune=units["DHOP"], year=2025)


def test_required_days_follow_the_year_of_service(personas, force, units):
    _plans(personas["commune_commander"], units["DHOP"])
    rows = {
        r.membership.pk: r
        for r in sel.shortfall_by_member(user=personas["admin"], commune=units["DHOP"], year=2025)
    }
    m = force["members"]
    assert (rows[m["first"].pk].service_year, rows[m["first"].pk].required) == (1, 15)
    # joined 31/12/2024: on 31/12/2025 he is in his second year, 12 days
    assert (rows[m["second"].pk].service_year, rows[m["second"].pk].required) == (2, 12)
    assert rows[m["third"].pk].required == 12
    assert rows[m["on_site"].pk].required == 7
    assert rows[m["standing"].pk].required == 60
    assert force["outsider"].pk not in rows
    # the first year again in 2024 for the member who joined on its last day
    rows_2024 = {
        r.membership.pk: r
        for r in sel.shortfall_by_member(user=personas["admin"], commune=units["DHOP"], year=2024)
    }
    assert rows_2024[m["second"].pk].required == 15  # no plan: from the rule
    assert m["first"].pk not in rows_2024


def test_a_member_carried_over_at_the_reform_keeps_his_year_of_service(personas, units):
    """The old Đức Hợp's member since 2023 continues in the new Đức Hợp on 01/07/2025: in
    2025 he is in his third year (12 days), not a first-year member owing 15; a new member
    who joined on the same day owes 15."""
    from tests.core.factories import make_person
    from tests.militia.factories import make_member

    reform = dt.date(2025, 7, 1)
    person = make_person(units["DHOP"], full_name="Trịnh Văn Nối")
    old = make_member(person, joined_on=dt.date(2023, 3, 15))
    old.status, old.ended_on = "left", reform
    old.save(update_fields=["status", "ended_on"])
    again = make_member(person, holder=units["DHOP25"], joined_on=reform)
    fresh = make_member(make_person(units["DHOP25"], full_name="Lý Văn Mới"), joined_on=reform)
    rows = {
        r.membership.pk: r
        for r in sel.shortfall_by_member(user=personas["admin"], commune=units["DHOP25"], year=2025)
    }
    assert (rows[again.pk].service_year, rows[again.pk].required) == (3, 12)
    assert (rows[fresh.pk].service_year, rows[fresh.pk].required) == (1, 15)


def test_shortfall_per_member_unit_and_component(personas, force, units):
    commander = personas["commune_commander"]
    plans = _plans(commander, units["DHOP"])
    m = force["members"]
    first = _session(commander, plans["mobile"], days=10)
    _attend(
        commander,
        first,
        [
            (m["first"], True, 10, "good"),
            (m["second"], True, 8, "pass"),
            (m["third"], False, 0, ""),
        ],
    )
    second = _session(commander, plans["mobile"], start=dt.date(2025, 9, 8), days=5)
    _attend(commander, second, [(m["first"], True, 5, ""), (m["second"], True, 4, "")])
    on_site = _session(commander, plans["on_site"], days=7, unit=force["squad"])
    _attend(commander, on_site, [(m["on_site"], True, 7, "pass")])
    rows = sel.shortfall_by_member(user=commander, commune=units["DHOP"], year=2025)
    by_member = {r.membership.pk: r for r in rows}
    assert (by_member[m["first"].pk].attended, by_member[m["first"].pk].shortfall) == (15, 0)
    assert (by_member[m["second"].pk].attended, by_member[m["second"].pk].shortfall) == (12, 0)
    assert by_member[m["third"].pk].shortfall == 12
    assert by_member[m["on_site"].pk].completed
    assert by_member[m["standing"].pk].shortfall == 60
    units_ = {g.label: g for g in sel.shortfall_by_unit(rows)}
    platoon = units_["Trung đội cơ động"]
    assert (platoon.members, platoon.completed, platoon.shortfall) == (3, 2, 12)
    assert platoon.rate == pytest.approx(66.7)
    components = {g.key: g for g in sel.shortfall_by_component(rows)}
    assert components["on_site"].rate == 100.0 and components["standing"].completed == 0
    overall = sel.completion(rows)
    assert (overall.members, overall.completed, overall.rate) == (5, 3, 60.0)


def test_attendance_round_trip_corrects_in_place(personas, force, units):
    commander = personas["commune_commander"]
    plan = _plans(commander, units["DHOP"])["mobile"]
    m = force["members"]
    session = _session(commander, plan, days=3)
    expected = {r.membership.pk for r in sel.attendance_sheet(user=commander, session=session)}
    assert expected == {m["first"].pk, m["second"].pk, m["third"].pk}
    assert (
        _attend(commander, session, [(m["first"], True, 3, ""), (m["second"], False, 0, "")]) == 1
    )
    assert (
        _attend(commander, session, [(m["first"], True, 2, "pass"), (m["second"], True, 3, "")])
        == 2
    )
    got = {a.membership_id: (a.present, a.days, a.result) for a in Attendance.objects.all()}
    assert got == {m["first"].pk: (True, 2, "pass"), m["second"].pk: (True, 3, "")}
    services.results_record(actor=commander, session=session, results={m["second"]: "good"})
    assert Attendance.objects.get(membership=m["second"]).result == "good"
    assert AuditEvent.objects.filter(action="militia.training_attendance").count() == 2


@pytest.mark.parametrize(
    ("row", "why"),
    [
        ("outsider_member", "không thuộc diện"),
        ("too_many_days", "từ 1 đến 3"),
        ("absent_with_result", "vắng mặt"),
    ],
)
def test_attendance_refuses_bad_lines(personas, force, units, row, why):
    commander = personas["commune_commander"]
    plan = _plans(commander, units["DHOP"])["mobile"]
    session = _session(commander, plan, days=3)
    m = force["members"]
    line = {
        "outsider_member": (m["on_site"], True, 3, ""),
        "too_many_days": (m["first"], True, 4, ""),
        "absent_with_result": (m["first"], False, 0, "fail"),
    }[row]
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        _attend(commander, session, [line])
    assert why in " ".join(error.value.messages)
    assert not Attendance.objects.exists()


def test_session_must_fit_its_plan(personas, force, units):
    commander = personas["commune_commander"]
    plans = _plans(commander, units["DHOP"])
    with pytest.raises(ValidationError) as error:
        services.session_record(
            actor=commander,
            plan=plans["mobile"],
            starts_on=dt.date(2025, 4, 7),
            ends_on=dt.date(2025, 4, 8),
            days=3,
            place="x",
            subject="y",
            unit=force["squad"],
        )
    assert set(error.value.message_dict) == {"days", "unit"}
    with pytest.raises(ValidationError):
        _session(commander, plans["mobile"], start=dt.date(2026, 1, 5))


def test_services_refuse_readers_and_other_areas(personas, force, units):
    commander = personas["commune_commander"]
    plan = _plans(commander, units["DHOP"])["mobile"]
    with pytest.raises(PermissionDenied):
        services.plan_year(actor=personas["district_officer"], commune=units["DHOP"], year=2025)
    with pytest.raises(PermissionDenied):
        _session(personas["leader"], plan)
    with pytest.raises(ValidationError):
        _session(personas["other_commander"], plan)
    with pytest.raises(ValidationError):
        services.plan_approve(
            actor=personas["other_commander"], plan=plan, approved_on=dt.date(2025, 1, 10)
        )
    services.plan_approve(actor=commander, plan=plan, approved_on=dt.date(2025, 1, 10))
    assert TrainingPlan.objects.get(pk=plan.pk).approved_on == dt.date(2025, 1, 10)


@pytest.mark.parametrize(
    ("start", "rate"), [(dt.date(2025, 3, 22), 119_200), (dt.date(2025, 3, 23), 327_600)]
)
def test_daily_work_allowance_changes_on_23_march_2025(personas, force, units, start, rate):
    commander = personas["commune_commander"]
    plans = _plans(commander, units["DHOP"])
    m = force["members"]
    session = _session(commander, plans["mobile"], start=start, days=3)
    _attend(commander, session, [(m["first"], True, 3, ""), (m["second"], True, 2, "")])
    standing = _session(commander, plans["standing"], start=start, days=3)
    _attend(commander, standing, [(m["standing"], True, 3, "")])
    sheet = sel.payment_sheet(user=commander, session=session)
    assert sheet.rate is not None and sheet.rate.amount == rate
    assert [r.amount for r in sheet.rows] == [3 * rate, 2 * rate]
    assert sheet.total == 5 * rate
    standing_sheet = sel.payment_sheet(user=commander, session=standing)
    assert standing_sheet.rows == [] and standing_sheet.standing == 1


def test_training_days_for_a_monthly_list(personas, force, units):
    commander = personas["commune_commander"]
    plans = _plans(commander, units["DHOP"])
    m = force["members"]
    april = _session(commander, plans["mobile"], days=3)
    _attend(commander, april, [(m["first"], True, 3, ""), (m["second"], False, 0, "")])
    may = _session(commander, plans["mobile"], start=dt.date(2025, 5, 5), days=2)
    _attend(commander, may, [(m["third"], True, 2, "")])
    got = sel.training_days(units["DHOP"], dt.date(2025, 4, 1), dt.date(2025, 4, 30))
    assert [(d.membership.pk, d.day, d.days) for d in got] == [
        (m["first"].pk, dt.date(2025, 4, 7), 3)
    ]
    membership, _day, days = got[0]  # a plain tuple too
    assert membership == m["first"]
    assert days == 3
    assert (
        sel.training_days(
            units["DHOP"],
            dt.date(2025, 4, 1),
            dt.date(2025, 5, 31),
            user=personas["other_commander"],
        )
        == []
    )
