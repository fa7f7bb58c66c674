"""The demo's defence works, plans and drills (the 2025 directive's task 1): the 1,5 ha of land
at Đức Trung (Đức Hợp) for the rear base, the 1.143 m² of the old Đồng Thanh landfill for the
basic command post, and Đức Hợp's commune military command headquarters (investment approved
on 20/03/2025), each step with a generated PDF as evidence and approved by the system standing
for the district officer; civil defence plans, work plans and drills of the two communes.

Idempotent: a second run finds the Đức Trung land work and does nothing. Independent of the
directive demo (step 45): the directive reads these works live."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from muster.accounts.services import system_actor
from muster.defence import services
from muster.defence.models import DefenceWork, Milestone
from muster.documents.pdf import render_pdf
from muster.documents.tables import Column, Kind, TableDocument, vietnamese_date_line
from muster.geo.models import Unit
from muster.law.defence.cycles import DrillKind, PlanKind
from muster.law.defence.works import STEP_TITLES, StepCode, WorkKind

LAND_DUC_TRUNG = "Đất xây dựng căn cứ hậu phương thôn Đức Trung"

#: (unit key, kind, name, location, area, unit, budget, {step: (planned, done, approved)}).
WORKS = (
    (
        "DHOP", WorkKind.LAND, LAND_DUC_TRUNG, "Thôn Đức Trung, xã Đức Hợp",
        Decimal("1.5"), "ha", Decimal(2_400_000_000),
        {
            StepCode.INVESTMENT: (dt.date(2025, 1, 20), dt.date(2025, 1, 18), dt.date(2025, 1, 22)),
            StepCode.FUNDING: (dt.date(2025, 3, 31), dt.date(2025, 3, 28), dt.date(2025, 4, 2)),
            StepCode.LAND: (dt.date(2025, 9, 30), dt.date(2025, 8, 26), dt.date(2025, 9, 3)),
        },
    ),
    (
        "DT", WorkKind.LAND, "Đất xây dựng Sở chỉ huy cơ bản (bãi rác cũ xã Đồng Thanh)",
        "Bãi rác cũ, xã Đồng Thanh", Decimal(1143), "m2", Decimal(450_000_000),
        {
            StepCode.INVESTMENT: (dt.date(2025, 2, 15), dt.date(2025, 2, 20), dt.date(2025, 2, 25)),
            StepCode.FUNDING: (dt.date(2025, 5, 31), dt.date(2025, 6, 12), dt.date(2025, 6, 16)),
            StepCode.LAND: (dt.date(2025, 9, 30), dt.date(2025, 9, 24), dt.date(2025, 9, 29)),
        },
    ),
    (
        "DHOP", WorkKind.COMMUNE_HQ, "Trụ sở Ban Chỉ huy quân sự xã Đức Hợp",
        "Trung tâm xã Đức Hợp", Decimal(1200), "m2", Decimal(5_800_000_000),
        {
            StepCode.INVESTMENT: (dt.date(2025, 3, 20), dt.date(2025, 3, 20), dt.date(2025, 3, 24)),
            StepCode.LAND: (dt.date(2025, 6, 30), dt.date(2025, 6, 18), dt.date(2025, 6, 23)),
            StepCode.DESIGN: (dt.date(2025, 8, 31), dt.date(2025, 8, 22), dt.date(2025, 8, 27)),
            StepCode.FUNDING: (dt.date(2025, 9, 30), dt.date(2025, 9, 25), dt.date(2025, 9, 30)),
            StepCode.START: (dt.date(2025, 10, 31), dt.date(2025, 10, 15), dt.date(2025, 10, 20)),
            StepCode.COMPLETION: (dt.date(2026, 12, 31), None, None),
        },
    ),
)  # fmt: skip


def evidence_pdf(work: DefenceWork, milestone: Milestone, day: dt.date) -> bytes:
    """A one-page record of a step (demo data)."""
    title = STEP_TITLES[StepCode(milestone.step)].vi
    return render_pdf(
        TableDocument(
            title="BIÊN BẢN XÁC NHẬN HOÀN THÀNH BƯỚC CÔNG VIỆC",
            subtitle=f"{work.name} — {title}",
            columns=(Column("Nội dung", Kind.TEXT, 40), Column("Ngày", Kind.DATE, 14)),
            rows=[(title, day)],
            issuer=(f"UBND {work.unit.name.upper()}", "BAN CHỈ HUY QUÂN SỰ"),
            place_date=vietnamese_date_line(work.unit.name, day),
            signature=("CHỈ HUY TRƯỞNG", "", "(dữ liệu minh họa)"),
            landscape=False,
        )
    )


def load_demo_defence(*, units: dict[str, Unit]) -> bool:
    """Load the works, plans and drills; False when already there."""
    if DefenceWork.objects.filter(name=LAND_DUC_TRUNG).exists():
        return False
    actor = system_actor()
    with transaction.atomic():
        for key, kind, name, location, area, area_unit, budget, steps in WORKS:
            work = services.work_create(
                actor=actor,
                unit=units[key],
                kind=kind,
                name=name,
                location=location,
                area=area,
                area_unit=area_unit,
                budget_planned=budget,
                planned={s: v[0] for s, v in steps.items()},
            )
            for milestone in work.milestones.order_by("order"):
                planned, done, approved = steps[StepCode(milestone.step)]
                if done is None:
                    continue
                services.milestone_record(
                    actor=actor, milestone=milestone, planned_on=planned, done_on=done, today=done
                )
                services.evidence_add(
                    actor=actor,
                    milestone=milestone,
                    filename=f"{milestone.step}-{units[key].code}.pdf",
                    data=evidence_pdf(work, milestone, done),
                )
                if approved is not None:
                    services.milestone_approve(actor=actor, milestone=milestone, on=approved)
            finished = all(v[2] is not None for v in steps.values())
            services.work_update(
                actor=actor,
                work=work,
                budget_spent=budget if finished else (budget * 2 / 5).quantize(Decimal(1)),
                status="done" if finished else "in_progress",
            )
        for key, civil_approved, updates in (
            ("DHOP", dt.date(2021, 3, 15), (2022, 2023, 2024, 2025)),
            ("DT", dt.date(2021, 4, 2), (2022, 2023, 2024)),
        ):
            unit = units[key]
            civil = services.plan_create(
                actor=actor,
                unit=unit,
                kind=PlanKind.CIVIL_DEFENCE,
                first_year=2021,
                title=f"Kế hoạch phòng thủ dân sự xã {unit.name} giai đoạn 2021–2025",
                approved_on=civil_approved,
            )
            for year in updates:
                services.plan_update_add(
                    actor=actor, plan=civil, year=year, approved_on=dt.date(year, 3, 10)
                )
            for year in (2025, 2026):
                services.plan_create(
                    actor=actor,
                    unit=unit,
                    kind=PlanKind.WORK_PLAN,
                    first_year=year,
                    title=f"Kế hoạch công tác quốc phòng năm {year} xã {unit.name}",
                    approved_on=dt.date(year, 1, 20 if key == "DHOP" else 28),
                )
        services.plan_create(
            actor=actor,
            unit=units["DHOP"],
            kind=PlanKind.CIVIL_DEFENCE,
            first_year=2026,
            title="Kế hoạch phòng thủ dân sự xã Đức Hợp giai đoạn 2026–2030",
            approved_on=dt.date(2026, 2, 10),
        )
        drills: tuple[tuple[str, DrillKind, dt.date, dt.date | None], ...] = (
            ("DHOP", DrillKind.CIVIL_DEFENCE, dt.date(2023, 10, 12), dt.date(2023, 10, 12)),
            ("DHOP", DrillKind.COMBAT, dt.date(2026, 11, 20), None),
            ("DT", DrillKind.COMBAT, dt.date(2024, 9, 18), dt.date(2024, 9, 18)),
            ("DT", DrillKind.CIVIL_DEFENCE, dt.date(2026, 10, 15), None),
        )
        for key, drill_kind, planned, held in drills:
            services.drill_record(
                actor=actor, unit=units[key], kind=drill_kind, planned_on=planned, held_on=held
            )
    return True


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the defence app)."""
    if not load_demo_defence(units=units):
        return []
    return ["Defence works: two land works and a commune HQ, plans and drills."]
