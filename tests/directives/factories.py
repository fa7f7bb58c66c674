"""Small directives built through the services (no mocks): one commune's target and report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from muster.accounts.services import system_actor
from muster.directives.models import Directive, Evidence, Report, Target, Task
from muster.directives.services.evidence import evidence_add
from muster.directives.services.reports import report_create, report_update, reportable_targets
from muster.directives.services.setup import directive_create, task_create
from muster.directives.services.targets import target_create
from muster.geo.models import Unit

#: The smallest valid PDF header our magic-byte check accepts.
PDF_BYTES = b"%PDF-1.4\n%demo\n"


def create_demo_accounts(units: dict[str, Unit]) -> None:
    """The demo's accounts, which the demo directive names as makers and approvers, in their
    posts as the demo has them (moved by the 1 July 2025 reform)."""
    from muster.demo.accounts import demo_step

    demo_step(units=units, seed=0, scale=1.0)


def add_target(
    task: Task,
    order: int,
    title: str,
    *,
    kind: str = "numeric",
    start_date: dt.date = dt.date(2025, 1, 1),
    due_date: dt.date = dt.date(2025, 12, 31),
    **fields: Any,
) -> Target:
    """A target of ``task`` set by the system actor (numeric, over 2025, unless told)."""
    return target_create(
        actor=system_actor(),
        task=task,
        order=order,
        title=title,
        kind=kind,
        start_date=start_date,
        due_date=due_date,
        **fields,
    )


def make_directive(
    unit: Unit,
    *,
    shares: list[tuple[Unit, Decimal]] | None = None,
    year: int = 2025,
    title: str = "Chỉ thị thử nghiệm",
) -> tuple[Directive, Target]:
    """A directive issued at ``unit`` with one task and one numeric target split in shares."""
    directive = directive_create(
        actor=system_actor(),
        unit=unit,
        issuer="Ban Thường vụ",
        number="01-CT/TU",
        issued_on=dt.date(year - 1, 12, 20),
        year=year,
        title=title,
        full_text="Toàn văn chỉ thị.",
    )
    task = task_create(
        actor=system_actor(), directive=directive, order=1, title="Xây dựng khu vực phòng thủ"
    )
    shares = shares if shares is not None else [(unit, Decimal(10))]
    target = add_target(
        task,
        1,
        "Thu hồi đất căn cứ hậu phương",
        value=sum((v for _u, v in shares), Decimal(0)),
        unit_label="ha",
        start_date=dt.date(year, 1, 1),
        due_date=dt.date(year, 12, 31),
        shares=shares,
    )
    return directive, target


def make_report(
    directive: Directive, unit: Unit, maker: Any, *, month: int = 1, value: str = "4"
) -> Report:
    report = report_create(
        actor=maker,
        directive=directive,
        unit=unit,
        period_start=dt.date(directive.year, month, 1),
    )
    target = reportable_targets(directive, unit)[0]
    report_update(
        actor=maker,
        report=report,
        results="Đã kiểm đếm.",
        shortcomings="",
        figures={target.pk: (Decimal(value), "")},
    )
    return report


def directive_world(world: dict[str, Any]) -> dict[str, Any]:
    """For the access matrix: a directive, target, report and evidence in Đức Hợp ("in") and
    in Đồng Thanh ("out"), built once per test."""
    if "directives" in world:
        return world["directives"]
    from muster.accounts.models import Role
    from muster.accounts.services import user_create

    built: dict[str, Any] = {}
    for side, unit in (("in", world["unit_in"]), ("out", world["unit_out"])):
        maker = user_create(
            actor=system_actor(),
            username=f"maker.{side}",
            password="maker-pass-123",
            role=Role.COMMUNE_COMMANDER,
            scope_unit=unit,
        )
        directive, target = make_directive(unit)
        report = make_report(directive, unit, maker)
        evidence = evidence_add(actor=maker, report=report, filename="bien-ban.pdf", data=PDF_BYTES)
        built[side] = {
            "directive": directive,
            "task": target.task,
            "target": target,
            "report": report,
            "evidence": Evidence.objects.get(pk=evidence.pk),
        }
    world["directives"] = built
    return built


def matrix_kwargs(kind: str):
    def kwargs(world: dict[str, Any], side: str) -> dict[str, Any]:
        return {"public_id": directive_world(world)[side][kind].public_id}

    return kwargs
