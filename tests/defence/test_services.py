"""The services: a step is approved only when done and with evidence, by the officer of the
area; evidence is a PDF, JPEG or PNG of at most 5 MB; the commune records, the officer does
not; plans and drills; the audit trail."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from muster.audit.models import AuditEvent
from muster.defence import services
from muster.defence.models import MilestoneEvidence
from muster.directives.services.evidence import MAX_EVIDENCE_BYTES
from tests.defence.factories import PDF, done_with_evidence, make_work, step

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 8, 26)


def test_a_work_gets_one_milestone_per_legal_step(units, personas):
    work = services.work_create(
        actor=personas["commune_commander"],
        unit=units["DHOP"],
        kind="commune_hq",
        name="Trụ sở Ban CHQS xã",
        area=Decimal(1200),
        area_unit="m2",
    )
    steps = list(work.milestones.order_by("order").values_list("step", flat=True))
    assert steps == ["investment", "land", "design", "funding", "start", "completion"]
    assert AuditEvent.objects.filter(action="defence.work_create").exists()


def test_commune_records_only_its_own_commune_and_officer_does_not_record(units, personas):
    with pytest.raises(ValidationError):
        make_work_as = services.work_create
        make_work_as(actor=personas["commune_commander"], unit=units["DT"], kind="land", name="X")
    with pytest.raises(PermissionDenied):
        services.work_create(
            actor=personas["district_officer"], unit=units["DHOP"], kind="land", name="X"
        )
    with pytest.raises(PermissionDenied):
        services.work_create(actor=personas["leader"], unit=units["DHOP"], kind="land", name="X")


def test_bad_input_is_refused(units, personas):
    actor = personas["commune_clerk"]
    for kwargs in (
        {"kind": "castle", "name": "X"},
        {"kind": "land", "name": "  "},
        {"kind": "land", "name": "X", "area": Decimal(0)},
        {"kind": "land", "name": "X", "area_unit": "acre"},
        {"kind": "land", "name": "X", "budget_planned": Decimal(-1)},
    ):
        with pytest.raises(ValidationError):
            services.work_create(actor=actor, unit=units["DHOP"], **kwargs)


def test_approval_without_evidence_is_refused(units, personas):
    work = make_work(units["DHOP"])
    land = step(work, "land")
    officer = personas["district_officer"]
    with translation.override("en"), pytest.raises(ValidationError, match="done"):
        services.milestone_approve(actor=officer, milestone=land, on=DAY)
    services.milestone_record(
        actor=personas["commune_commander"], milestone=land, planned_on=None, done_on=DAY, today=DAY
    )
    with translation.override("en"), pytest.raises(ValidationError, match="evidence"):
        services.milestone_approve(actor=officer, milestone=land, on=DAY)
    land.refresh_from_db()
    assert land.approved_on is None
    services.evidence_add(
        actor=personas["commune_commander"], milestone=land, filename="qd.pdf", data=PDF
    )
    with pytest.raises(ValidationError):
        services.milestone_approve(actor=officer, milestone=land, on=DAY - dt.timedelta(days=1))
    services.milestone_approve(actor=officer, milestone=land, on=DAY)
    land.refresh_from_db()
    assert land.approved_on == DAY and land.approved_by == officer
    with pytest.raises(ValidationError):
        services.milestone_approve(actor=officer, milestone=land, on=DAY)
    # Approved: no more changes, no more evidence.
    with pytest.raises(ValidationError):
        services.evidence_add(
            actor=personas["commune_commander"], milestone=land, filename="b.pdf", data=PDF
        )
    with pytest.raises(ValidationError):
        services.milestone_record(
            actor=personas["commune_commander"],
            milestone=land,
            planned_on=None,
            done_on=None,
            today=DAY,
        )
    assert AuditEvent.objects.filter(action="defence.milestone_approve").count() == 1


def test_only_the_officer_of_the_area_approves(units, personas):
    work = make_work(units["DHOP"])
    land = step(work, "land")
    done_with_evidence(land, DAY)
    with pytest.raises(PermissionDenied):
        services.milestone_approve(actor=personas["commune_commander"], milestone=land, on=DAY)
    far = make_work(units["DT"])
    far_land = step(far, "land")
    done_with_evidence(far_land, DAY)
    from muster.accounts.models import Role
    from tests.conftest import make_user

    officer_of_duc_hop = make_user("p.officer.dhop", Role.DISTRICT_OFFICER, units["DHOP"])
    with pytest.raises(ValidationError):  # Đồng Thanh is outside the officer's area
        services.milestone_approve(actor=officer_of_duc_hop, milestone=far_land, on=DAY)


def test_evidence_type_and_size(units, personas):
    land = step(make_work(units["DHOP"]), "land")
    actor = personas["commune_clerk"]
    with pytest.raises(ValidationError, match="PDF"):
        services.evidence_add(actor=actor, milestone=land, filename="x.exe", data=b"MZ\x90\x00")
    with pytest.raises(ValidationError, match="5 MB"):
        services.evidence_add(
            actor=actor, milestone=land, filename="big.pdf", data=PDF + b"0" * MAX_EVIDENCE_BYTES
        )
    assert not MilestoneEvidence.objects.exists()
    png = services.evidence_add(
        actor=actor, milestone=land, filename="anh.png", data=b"\x89PNG\r\n\x1a\n" + b"0" * 10
    )
    assert png.content_type == "image/png"


def test_done_date_not_in_the_future(units, personas):
    land = step(make_work(units["DHOP"]), "land")
    with pytest.raises(ValidationError):
        services.milestone_record(
            actor=personas["commune_clerk"],
            milestone=land,
            planned_on=None,
            done_on=DAY + dt.timedelta(days=1),
            today=DAY,
        )


def test_plans_and_their_yearly_adjustments(units, personas):
    actor = personas["commune_commander"]
    plan = services.plan_create(
        actor=actor, unit=units["DHOP"], kind="civil_defence", first_year=2021, title="PTDS"
    )
    assert (plan.first_year, plan.last_year) == (2021, 2025)
    services.plan_update_add(actor=actor, plan=plan, year=2025, approved_on=dt.date(2025, 3, 1))
    with pytest.raises(ValidationError):
        services.plan_update_add(actor=actor, plan=plan, year=2025, approved_on=DAY)
    with pytest.raises(ValidationError):
        services.plan_update_add(actor=actor, plan=plan, year=2026, approved_on=DAY)
    with pytest.raises(ValidationError):
        services.plan_create(
            actor=actor, unit=units["DHOP"], kind="civil_defence", first_year=2021, title=""
        )
    work_plan = services.plan_create(
        actor=actor, unit=units["DHOP"], kind="work_plan", first_year=2026, title=""
    )
    assert work_plan.last_year == 2026 and work_plan.title
    with pytest.raises(ValidationError):
        services.plan_update_add(actor=actor, plan=work_plan, year=2026, approved_on=DAY)


def test_drills(units, personas):
    actor = personas["commune_commander"]
    drill = services.drill_record(
        actor=actor, unit=units["DHOP"], kind="combat", planned_on=dt.date(2026, 11, 20)
    )
    services.drill_record(
        actor=actor,
        unit=units["DHOP"],
        kind="combat",
        planned_on=drill.planned_on,
        held_on=dt.date(2026, 11, 20),
        drill=drill,
    )
    drill.refresh_from_db()
    assert drill.held_on == dt.date(2026, 11, 20)
    with pytest.raises(ValidationError):
        services.drill_record(actor=actor, unit=units["DHOP"], kind="parade", planned_on=DAY)
