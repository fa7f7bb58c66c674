"""The demo militia: built from the demo registry, before and after the 1 Jul 2025 reform,
deterministic, idempotent, and its figures the same on both sides of the reform."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from muster.demo.militia import REFORM, demo_step
from muster.demo.people.writer import generate_demo_registry
from muster.law.ages import age_on
from muster.militia.models import Appointment, Membership, MilitiaUnit
from muster.militia.reports.selectors import strength_report

SCALE = 0.05
EVE = dt.date(2025, 6, 30)


@pytest.fixture
def demo(units):
    generate_demo_registry(units=units, seed=2025, scale=SCALE)
    lines = demo_step(units=units, seed=2025, scale=SCALE)
    assert lines and lines[0].startswith("Demo militia:")
    return units


def test_each_old_commune_has_a_squad_per_village_and_a_mobile_platoon(demo):
    dhop = demo["DHOP"]
    squads = MilitiaUnit.objects.filter(holder=dhop, component="on_site")
    assert squads.count() == dhop.children.count() > 0
    assert all(s.village.parent_id == dhop.pk for s in squads)
    assert MilitiaUnit.objects.filter(holder=dhop, component="mobile").count() == 1
    assert set(MilitiaUnit.objects.filter(holder=dhop).values_list("ended_on", flat=True)) == {
        REFORM
    }


def test_members_are_of_age_men_mostly_and_serve_their_terms(demo):
    members = list(Membership.objects.select_related("person"))
    assert members
    for m in members:
        high = 45 if m.person.sex == "M" else 40
        assert 18 <= age_on(m.person.date_of_birth, m.joined_on) <= high
        assert dt.date(2021, 1, 1) <= m.joined_on <= dt.date(2025, 12, 31)
        assert m.term_ends_on > m.joined_on
    men = sum(1 for m in members if m.person.sex == "M")
    assert men > len(members) / 2
    assert any(m.status == "completed" for m in members)


def test_the_reform_ends_old_records_and_continues_them_in_the_new_communes(demo):
    old = Membership.objects.filter(holder=demo["DHOP"], ended_on=REFORM, status="left")
    assert old.exists()
    for member in old:
        again = Membership.objects.get(person=member.person, joined_on=REFORM)
        assert again.holder.valid_from == REFORM
        assert again.term_ends_on == member.term_ends_on
        assert again.unit.component == member.unit.component
    new = Appointment.objects.get(holder=demo["DHOP25"], post="commander")
    was = Appointment.objects.get(holder=demo["DHOP"], post="commander")
    assert new.person_id == was.person_id and was.ended_on == REFORM
    assert new.authority == "provincial_chairman"


def test_strength_is_the_same_on_the_eve_and_the_day_of_the_reform(demo, personas):
    admin = personas["admin"]
    before = strength_report(user=admin, day=EVE)
    after = strength_report(user=admin, day=REFORM)
    assert before.total.members == after.total.members > 0
    serving = Membership.objects.filter(joined_on__lte=EVE).exclude(ended_on__lte=EVE).count()
    assert before.total.members == serving
    assert {r.commune.valid_to for r in before.rows} == {EVE}
    assert {r.commune.valid_from for r in after.rows} == {REFORM}
    degrees = {r.commune.code: r.figures.cadres_degree for r in before.rows}
    assert 0 in degrees.values() and 1 in degrees.values()


def test_a_second_run_adds_nothing(demo):
    counts = (MilitiaUnit.objects.count(), Membership.objects.count())
    assert demo_step(units=demo, seed=2025, scale=SCALE) == []
    assert (MilitiaUnit.objects.count(), Membership.objects.count()) == counts


class _Rollback(Exception):
    pass


def _build(units, seed):
    found = None
    try:
        with transaction.atomic():
            generate_demo_registry(units=units, seed=seed, scale=SCALE)
            demo_step(units=units, seed=seed, scale=SCALE)
            found = sorted(
                Membership.objects.values_list(
                    "person__national_id", "holder__code", "component", "joined_on", "ended_on"
                )
            )
            raise _Rollback
    except _Rollback:
        pass
    return found


def test_the_same_seed_builds_the_same_militia(units):
    assert _build(units, 5) == _build(units, 5)


def test_the_demo_directive_reads_the_militia_strength(demo):
    from muster.demo.directives import load_demo_directive
    from muster.directives.models import Target
    from muster.directives.sources import read_source
    from muster.geo.models import Unit

    load_demo_directive(units=demo)
    target = Target.objects.get(title__startswith="Quân số dân quân tự vệ đạt đủ")
    assert target.source == "militia.strength_pct"
    district = frozenset(
        Unit.objects.filter(path__startswith=demo["KD"].path).values_list("pk", flat=True)
    )
    figure = read_source(target.source, district, 2025)
    assert figure is not None and 0 < figure <= 100


# ------------------------------------------------------------------ 2025: training, call-out


def test_each_commune_plans_2025_per_component_before_and_after_the_reform(demo):
    from muster.militia.models import TrainingPlan, TrainingSession

    for key, months in (("DHOP", {4}), ("DHOP25", {9, 11})):
        commune = demo[key]
        components = set(
            Membership.objects.filter(holder=commune).values_list("component", flat=True)
        )
        plans = TrainingPlan.objects.filter(holder=commune, year=2025)
        assert set(plans.values_list("component", flat=True)) == components
        mobile = plans.get(component="mobile")
        assert (mobile.first_year_days, mobile.later_days) == (15, 12)
        sessions = TrainingSession.objects.filter(plan__holder=commune)
        assert sessions.exists()
        assert {s.starts_on.month for s in sessions} <= months


def test_attendance_leaves_some_members_short_of_days(demo, personas):
    from muster.militia.training.selectors import shortfall_by_member

    rows = shortfall_by_member(user=personas["admin"], commune=demo["DHOP25"], year=2025)
    assert rows
    assert any(r.shortfall > 0 for r in rows)
    # members carried over from the old communes keep their years of service: 12 or 7 days
    assert any(r.completed for r in rows)
    # full attendance, part of a session, absences: not everyone attended the same days
    assert len({r.attended for r in rows}) > 1
    assert all(r.attended <= 12 for r in rows)


def test_the_flood_drill_is_closed_and_paid_on_the_september_list_with_training(demo, personas):
    from muster.militia.allowances.selectors import allowance_month
    from muster.militia.models import CallOut, StrengthTarget

    callout = CallOut.objects.get(holder=demo["DHOP25"])
    assert callout.closed_at is not None and callout.purpose == "flood"
    assert callout.ordered_at.date() > REFORM
    assert callout.members.filter(arrived_at__isnull=False).exists()
    listing = allowance_month(
        user=personas["admin"], commune=demo["DHOP25"], month=dt.date(2025, 9, 1)
    )
    daily = [line for line in listing.lines if line.kind == "daily_work"]
    assert any("Huấn luyện ngày 08/09/2025" in line.text.vi for line in daily)
    assert any("Huy động lũ lụt" in line.text.vi for line in daily)
    target = StrengthTarget.objects.filter(year=2025).first()
    assert target is not None and target.citation == "Điều 15 Luật Dân quân tự vệ 48/2019/QH14"
