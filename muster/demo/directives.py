"""The demo directive: Kim Động's 2025 directive on local military and defence tasks.

Loads the full Vietnamese text (``data/chi_thi_2025.txt``, from the seed), the seven tasks in
order (descriptions taken from the numbered paragraphs of the text), their targets (the concrete
ones of the directive, plus measurable targets for each task), the bodies that lead or
coordinate, commune shares, and a few months of reports from Đức Hợp and Đồng Thanh, submitted
and approved with generated PDF evidence, so the board shows a mix of statuses on 30/06/2025.
Every other report of the year comes in as a working district's would: on time and approved,
a few late but in, three never sent, one left as a draft and one sent back (``MISSING``,
``DRAFTS``, ``LATE_IN``), so the dashboard reminds of a handful, not of every month.
Idempotent: a second run finds the directive and does nothing.

It runs after the 2025 call-up campaign (its step comes later): the per-commune recruit targets
are the campaign's final quotas, and the call-up targets read the campaign live (quota met,
replacements after handover, recruits who joined). Loaded without the campaign, the directive
has no per-commune recruit target.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Sum

from muster.accounts.models import User
from muster.accounts.services import system_actor
from muster.conscription.campaign.models import Allocation
from muster.directives.handover_store import reporting_duties
from muster.directives.models import BodyKind, Directive, Report, Target
from muster.directives.periods import periods_of_year
from muster.directives.services import evidence as services_evidence
from muster.directives.services import reports as services_reports
from muster.directives.services import setup as services_setup
from muster.directives.services import targets as services_targets
from muster.directives.sources import read_source
from muster.documents.pdf import render_pdf
from muster.documents.tables import Column, Kind, TableDocument, vietnamese_date_line
from muster.geo.models import Unit, UnitChange

TEXT_PATH = Path(__file__).resolve().parent / "data" / "chi_thi_2025.txt"
TITLE = "Chỉ thị về nhiệm vụ quân sự, quốc phòng địa phương năm 2025"
ISSUER = "Ban Thường vụ Huyện ủy Kim Động"
ISSUED_ON = dt.date(2024, 12, 20)
YEAR = 2025
START = dt.date(2025, 1, 1)

TASK_TITLES = (
    "Xây dựng khu vực phòng thủ và các công trình quốc phòng",
    "Tuyển chọn và gọi công dân nhập ngũ năm 2025",
    "Xây dựng lực lượng dân quân tự vệ, dự bị động viên; giáo dục quốc phòng - an ninh",
    "Công tác chính trị, tư tưởng; phong trào thi đua quyết thắng",
    "Kiểm tra, giám sát và phối hợp giữa các lực lượng",
    "Công tác dân vận và chính sách hậu phương quân đội",
    "Bảo đảm hậu cần, kỹ thuật và trật tự an toàn giao thông",
)

#: The communes of Kim Động in 2025 (fixture keys).
COMMUNES = (
    "LB_T", "PNL", "CN", "DH24", "DT", "VXA", "TT", "ND",
    "SM", "HA", "HC", "NT", "PTO", "MD", "DHOP",
)  # fmt: skip


#: The units that took the district's and communes' work over on 01/07/2025 (July–December).
SUCCESSORS = ("PTKV1", "LB25", "ND25", "HC25", "DHOP25", "SN25")

#: Reports never sent by the demo date (unit key, month).
MISSING = (("HC25", 12), ("SN25", 11), ("SN25", 12))
#: Reports started and left as drafts (unit key, month).
DRAFTS = (("DHOP25", 12),)
#: Reports sent a few days after their due day, then approved: (unit key, month) → days late.
LATE_IN = {("VXA", 3): 4, ("HC25", 7): 2, ("LB25", 10): 6, ("PTKV1", 9): 3}
#: Targets with nothing to count before a month (title fragment → month): groups 1 and 2 of
#: defence education are sent to the courses the levels above call, in the second half-year.
FIRST_FIGURE = {"đối tượng 1 và đối tượng 2": 7}


def task_paragraphs(text: str) -> list[str]:
    """The seven numbered paragraphs ("1. …" to "7. …") of the directive's text."""
    found = re.findall(r"^([1-7])\. (.+)$", text, flags=re.MULTILINE)
    by_number: dict[int, str] = {}
    for number, body in found:
        by_number.setdefault(int(number), body.strip())
    return [by_number.get(i, "") for i in range(1, 8)]


def campaign_quotas(district: Unit, communes: list[Unit]) -> dict[int, Decimal] | None:
    """Each commune's final call-up quota (army and police) in the district's 2025 campaign,
    by unit id; None when the campaign or its split is not there (the directive is loaded
    without the call-up demo)."""
    finals = dict(
        Allocation.objects.filter(
            commune__campaign__unit=district,
            commune__campaign__year=YEAR,
            commune__unit__in=communes,
        )
        .values_list("commune__unit_id")
        .annotate(n=Sum("final"))
    )
    if not finals:
        return None
    return {u.pk: Decimal(finals.get(u.pk, 0)) for u in communes}


def _evidence_pdf(report: Report, rows: list[tuple[str, str]]) -> bytes:
    return render_pdf(
        TableDocument(
            title="BIÊN BẢN XÁC NHẬN KẾT QUẢ",
            subtitle=f"Kỳ {report.period_start:%m/%Y} — {report.unit.name}",
            columns=(Column("Nội dung", Kind.TEXT, 50), Column("Kết quả", Kind.TEXT, 20)),
            rows=rows,
            issuer=(f"UBND {report.unit.name.upper()}", "BAN CHỈ HUY QUÂN SỰ"),
            place_date=vietnamese_date_line(report.unit.name, report.period_end),
            signature=("CHỈ HUY TRƯỞNG", "", "(dữ liệu minh họa)"),
            landscape=False,
        )
    )


def _report(
    *,
    maker: User,
    checker: User,
    directive: Directive,
    unit: Unit,
    month: int,
    figures: dict[Target, Decimal],
    results: str,
    shortcomings: str = "",
    outcome: str = "approve",
    comment: str = "",
) -> Report:
    start = dt.date(YEAR, month, 1)
    report = services_reports.report_create(
        actor=maker, directive=directive, unit=unit, period_start=start
    )
    services_reports.report_update(
        actor=maker,
        report=report,
        results=results,
        shortcomings=shortcomings,
        figures={t.pk: (v, "") for t, v in figures.items()},
    )
    rows = [
        (t.title, f"{v.normalize():f} {t.unit_label}".replace(".", ",")) for t, v in figures.items()
    ]
    services_evidence.evidence_add(
        actor=maker,
        report=report,
        filename=f"bien-ban-{unit.code}-{month:02d}-2025.pdf",
        data=_evidence_pdf(report, rows),
    )
    if outcome == "draft":
        return report
    submitted = report.due_on - dt.timedelta(days=2)
    services_reports.report_submit(actor=maker, report=report, on=submitted)
    if outcome == "approve":
        services_reports.report_review(
            actor=checker, report=report, approve=True, comment=comment, on=submitted
        )
    elif outcome == "return":
        services_reports.report_review(
            actor=checker, report=report, approve=False, comment=comment, on=submitted
        )
    return report


def load_demo_directive(*, units: dict[str, Unit]) -> Directive | None:
    """Load the 2025 directive with its tasks, targets and a few reports. None if present."""
    district = units["KD"]
    if Directive.objects.filter(unit=district, year=YEAR, title=TITLE).exists():
        return None
    text = TEXT_PATH.read_text(encoding="utf-8")
    paragraphs = task_paragraphs(text)
    communes = [units[k] for k in COMMUNES]
    with transaction.atomic():
        bodies = {
            key: services_setup.body_create(
                actor=system_actor(), name=name, kind=kind, unit=district
            )
            for key, kind, name in (
                ("committee", BodyKind.PEOPLES_COMMITTEE, "UBND huyện Kim Động"),
                ("police", BodyKind.POLICE, "Công an huyện Kim Động"),
                ("front", BodyKind.FATHERLAND_FRONT, "Ủy ban MTTQ Việt Nam huyện Kim Động"),
                ("party_office", BodyKind.PARTY, "Văn phòng Huyện ủy"),
                # Task 5: the district military Party committee inspects and supervises, with
                # the district's inspection and organisation boards (the seed text).
                ("military_party", BodyKind.PARTY, "Đảng ủy Quân sự huyện Kim Động"),
                ("inspection_board", BodyKind.PARTY, "Ủy ban Kiểm tra Huyện ủy"),
                ("organisation_board", BodyKind.PARTY, "Ban Tổ chức Huyện ủy"),
                ("land_office", BodyKind.DEPARTMENT, "Phòng Tài nguyên và Môi trường huyện"),
                ("command", BodyKind.MILITARY, "Ban CHQS huyện Kim Động"),
            )
        }
        committee = bodies["committee"]
        police = bodies["police"]
        front = bodies["front"]
        party_office = bodies["party_office"]
        military_party = bodies["military_party"]
        land_office = bodies["land_office"]
        command = bodies["command"]
        directive = services_setup.directive_create(
            actor=system_actor(),
            unit=district,
            issuer=ISSUER,
            number="",  # the seed text does not carry the directive's number
            issued_on=ISSUED_ON,
            year=YEAR,
            title=TITLE,
            full_text=text,
            signer="Bùi Văn Phúc",
            frequency="monthly",
            report_due_working_days=5,
        )
        tasks = [
            services_setup.task_create(
                actor=system_actor(),
                directive=directive,
                order=i,
                title=title,
                description=paragraphs[i - 1],
                lead_unit=district,
                lead_body={4: party_office, 5: military_party}.get(i, command),
                coordinating_bodies=[
                    (committee, land_office),
                    (committee, police, front),
                    (committee, police),
                    (front,),
                    (
                        bodies["inspection_board"],
                        bodies["organisation_board"],
                        party_office,
                        police,
                    ),
                    (front, committee),
                    (committee, police),
                ][i - 1],
            )
            for i, title in enumerate(TASK_TITLES, 1)
        ]

        def target(task_no: int, order: int, title: str, **kwargs: object) -> Target:
            kwargs.setdefault("start_date", START)
            return services_targets.target_create(
                actor=system_actor(),
                task=tasks[task_no - 1],
                order=order,
                title=title,
                **kwargs,  # type: ignore[arg-type]
            )

        land_duc_hop = target(
            1, 1,
            "Hoàn thành thủ tục thu hồi 1,5 ha đất tại thôn Đức Trung, xã Đức Hợp "
            "(căn cứ hậu phương)",
            kind="numeric", value=Decimal("1.5"), unit_label="ha",
            due_date=dt.date(2025, 9, 30), lead_body=land_office, source="defence.land_ha",
            shares=[(units["DHOP"], Decimal("1.5"))], coordinating_bodies=[committee],
        )  # fmt: skip
        land_dong_thanh = target(
            1, 2,
            "Thu hồi 1.143 m² đất (bãi rác cũ xã Đồng Thanh) xây dựng Sở chỉ huy cơ bản",
            kind="numeric", value=Decimal(1143), unit_label="m²",
            due_date=dt.date(2025, 9, 30), lead_body=land_office, source="defence.land_m2",
            shares=[(units["DT"], Decimal(1143))],
        )  # fmt: skip
        # Task 1's figures are read from the defence works (muster.defence): a land work counts
        # once its land step is approved with evidence, a headquarters once its start is.
        target(
            1, 3, "Khởi công xây dựng 1–2 trụ sở Ban CHQS xã (đạt khi khởi công trụ sở đầu tiên)",
            kind="numeric", value=Decimal(1), unit_label="trụ sở", due_date=dt.date(2025, 12, 31),
            lead_unit=district, lead_body=committee, source="defence.hq_started",
        )  # fmt: skip
        target(
            2, 1, "Giao quân đạt 100% chỉ tiêu trên giao",
            kind="numeric", value=Decimal(100), unit_label="%",
            due_date=dt.date(2025, 2, 28), source="callup.quota_met_pct", lead_unit=district,
        )  # fmt: skip
        target(
            2, 2, "Không có trường hợp đổi người sau giao nhận quân",
            kind="numeric", value=Decimal(0), unit_label="trường hợp", direction="at_most",
            due_date=dt.date(2025, 12, 31), source="callup.replacements", lead_unit=district,
        )  # fmt: skip
        # Each commune's share is its final quota in the 2025 campaign (the split of the
        # province's quota); achieved: its recruits who joined the army (live).
        quotas = campaign_quotas(district, communes)
        if quotas is not None:
            target(
                2, 3, "Số công dân nhập ngũ theo chỉ tiêu giao từng xã",
                kind="numeric", value=sum(quotas.values(), Decimal(0)),
                unit_label="người", due_date=dt.date(2025, 2, 28), lead_unit=district,
                source="callup.recruits", shares=[(u, quotas[u.pk]) for u in communes],
                coordinating_bodies=[police],
            )  # fmt: skip
        cohort_shares = []
        for unit in communes:
            subtree = frozenset(
                Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True)
            )
            # Planned: every man of the commune turning 17 this year; achieved: the men the
            # commune registered for the first time this year (their registration events).
            count = read_source("registry.men_turning_17", subtree, YEAR) or Decimal(0)
            cohort_shares.append((unit, count))
        target(
            2, 4, "Đăng ký nghĩa vụ quân sự lần đầu cho nam công dân đủ 17 tuổi",
            kind="numeric", value=sum((v for _u, v in cohort_shares), Decimal(0)),
            unit_label="người", due_date=dt.date(2025, 4, 30),
            source="registry.first_registered", shares=cohort_shares,
        )  # fmt: skip
        training = target(
            3, 1, "Hoàn thành huấn luyện dân quân năm 2025",
            kind="numeric", value=Decimal(40 * len(communes)), unit_label="người",
            due_date=dt.date(2025, 10, 31), lead_unit=district,
            shares=[(u, Decimal(40)) for u in communes],
        )  # fmt: skip
        target(
            3, 2, "Quân số dân quân tự vệ đạt đủ theo kế hoạch tổ chức năm 2025",
            kind="numeric", value=Decimal(100), unit_label="%",
            due_date=dt.date(2025, 12, 31), lead_unit=district, source="militia.strength_pct",
            coordinating_bodies=[committee],
        )  # fmt: skip
        target(
            3, 3,
            "Sắp xếp đủ quân nhân dự bị vào các đơn vị dự bị động viên; quản lý chặt lực lượng, "
            "phương tiện sẵn sàng động viên",
            kind="numeric", value=Decimal(100), unit_label="%",
            due_date=dt.date(2025, 12, 31), lead_unit=district,
            source="reserve.unit_strength_pct", coordinating_bodies=[committee, police],
        )  # fmt: skip
        for order, group, due, helpers, source in (
            (
                4,
                "đối tượng 1 và đối tượng 2 (cử đi bồi dưỡng theo triệu tập của cấp trên)",
                dt.date(2025, 11, 30),
                [party_office],
                "education.group12_sent_pct",
            ),
            (
                5,
                "đối tượng 3 (cán bộ, công chức cấp phòng và tương đương của huyện)",
                dt.date(2025, 11, 30),
                [party_office],
                "education.group3_pct",
            ),
            (
                6,
                "đối tượng 4 (trưởng thôn, chức sắc, chức việc tôn giáo, người có uy tín)",
                dt.date(2025, 11, 30),
                [front],
                "education.group4_pct",
            ),
        ):
            target(
                3, order, f"Bồi dưỡng kiến thức QP-AN cho {group}",
                kind="numeric", value=Decimal(100), unit_label="%",
                due_date=due, lead_unit=district, coordinating_bodies=helpers, source=source,
            )  # fmt: skip
        congress = target(
            4, 1, "Đại hội Đảng bộ Quân sự huyện và phong trào thi đua Quyết thắng 2025",
            kind="milestones", due_date=dt.date(2025, 12, 31), lead_body=party_office,
            milestones=[
                "Tổ chức Đại hội Đảng bộ Quân sự huyện nhiệm kỳ 2025–2030",
                "Sơ kết 6 tháng phong trào thi đua Quyết thắng",
                "Tổng kết phong trào thi đua Quyết thắng năm 2025",
            ],
        )  # fmt: skip
        inspection = target(
            5, 1, "Kiểm tra, giám sát hoạt động của các chi bộ quân sự xã",
            kind="milestones", due_date=dt.date(2025, 11, 30), lead_body=military_party,
            coordinating_bodies=[bodies["inspection_board"], bodies["organisation_board"]],
            milestones=[
                "Ban hành kế hoạch kiểm tra, giám sát năm 2025",
                "Kiểm tra 50% chi bộ quân sự xã",
                "Kiểm tra 100% chi bộ quân sự xã",
            ],
        )  # fmt: skip
        target(
            6, 1,
            "Duy trì quy chế phối hợp với MTTQ và các đoàn thể; tuyên truyền trên mạng xã hội",
            kind="milestones", due_date=dt.date(2025, 12, 31), lead_unit=district,
            coordinating_bodies=[front],
            milestones=[
                "Ký kết chương trình phối hợp năm 2025 với MTTQ huyện",
                "Lập trang tuyên truyền hoạt động dân quân trên mạng xã hội",
            ],
        )  # fmt: skip
        target(
            6, 2, "Thăm hỏi, tặng quà 100% gia đình quân nhân đang tại ngũ dịp Tết",
            kind="numeric", value=Decimal(100), unit_label="%",
            due_date=dt.date(2025, 12, 31), lead_unit=district,
            source="rear.families_visited_pct", coordinating_bodies=[front],
        )  # fmt: skip
        target(
            7, 1, "Không để xảy ra tai nạn giao thông nghiêm trọng trong lực lượng vũ trang",
            kind="numeric", value=Decimal(0), unit_label="vụ", direction="at_most",
            due_date=dt.date(2025, 12, 31), lead_unit=district, coordinating_bodies=[police],
        )  # fmt: skip
        supply = target(
            7, 2, "Kiện toàn Hội đồng cung cấp khu vực phòng thủ và Ban hậu cần nhân dân xã",
            kind="milestones", due_date=dt.date(2025, 6, 30), lead_unit=district,
            milestones=[
                "Kiện toàn Hội đồng cung cấp huyện",
                "Kiện toàn Ban hậu cần nhân dân các xã",
            ],
        )  # fmt: skip
        for milestone, day in (
            (congress.milestones.get(order=1), dt.date(2025, 5, 15)),
            (inspection.milestones.get(order=1), dt.date(2025, 1, 10)),
            (supply.milestones.get(order=1), dt.date(2025, 4, 2)),
            (supply.milestones.get(order=2), dt.date(2025, 6, 20)),
        ):
            services_targets.milestone_set_done(
                actor=system_actor(), milestone=milestone, done_on=day
            )
        _demo_reports(
            directive=directive,
            units=units,
            land_duc_hop=land_duc_hop,
            land_dong_thanh=land_dong_thanh,
            training=training,
        )
    return directive


def _demo_reports(
    *,
    directive: Directive,
    units: dict[str, Unit],
    land_duc_hop: Target,
    land_dong_thanh: Target,
    training: Target,
) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=_DEMO_USERS)}
    if set(users) != set(_DEMO_USERS):
        return  # the demo accounts are not there: tasks and targets only
    officer = users["kimdong.officer"]
    duc_hop, dong_thanh = units["DHOP"], units["DT"]
    dh, dt_ = users["duchop.commander"], users["dongthanh.commander"]
    for month, trained in ((1, 0), (2, 5), (3, 12), (4, 20)):
        _report(
            maker=dh,
            checker=officer,
            directive=directive,
            unit=duc_hop,
            month=month,
            figures={training: Decimal(trained)},
            results=(
                f"Tháng {month}/2025: Hội đồng bồi thường xã phối hợp kiểm đếm, lập phương án "
                "thu hồi đất thôn Đức Trung; tiếp tục huấn luyện dân quân."
            ),
        )
    # March is corrected after approval: a new revision, approved, supersedes the first.
    march = Report.objects.get(directive=directive, unit=duc_hop, period_start=dt.date(2025, 3, 1))
    revision = services_reports.report_revise(
        actor=dh, report=march, reason="Đính chính số người đã huấn luyện (nhập nhầm)"
    )
    services_reports.report_update(
        actor=dh,
        report=revision,
        results=revision.results,
        shortcomings="",
        figures={training.pk: (Decimal(10), "")},
    )
    services_reports.report_submit(actor=dh, report=revision, on=dt.date(2025, 4, 10))
    services_reports.report_review(
        actor=officer, report=revision, approve=True, on=dt.date(2025, 4, 11)
    )
    _report(
        maker=dh,
        checker=officer,
        directive=directive,
        unit=duc_hop,
        month=5,
        figures={training: Decimal(28)},
        results="Đã hoàn thành kiểm đếm 1,0 ha đất thôn Đức Trung; huấn luyện dân quân đang "
        "triển khai.",
        shortcomings="Một số hộ chưa đồng thuận phương án bồi thường.",
    )
    for month, trained, outcome in (
        (1, 0, "approve"),
        (2, 0, "approve"),
        (3, 8, "approve"),
        (4, 14, "approve"),
        (5, 15, "return"),
    ):
        _report(
            maker=dt_,
            checker=officer,
            directive=directive,
            unit=dong_thanh,
            month=month,
            figures={training: Decimal(trained)},
            results=f"Tháng {month}/2025: tiếp tục lập hồ sơ thu hồi bãi rác cũ.",
            shortcomings="Tiến độ giải phóng mặt bằng chậm so với kế hoạch.",
            outcome=outcome,
            comment="Bổ sung biên bản kiểm đếm có chữ ký của hộ dân."
            if outcome == "return"
            else "",
        )

    _routine_reports(
        directive=directive,
        units=units,
        checker=officer,
        successor_checker=users["ptkv1.officer"],
        figures_of={},
    )


def _ramp(total: Decimal, month: int, by_month: int, lag: int = 0) -> Decimal:
    """A cumulative figure reaching ``total`` in month ``by_month``, ``lag`` months behind."""
    done = max(0, month - lag)
    return min(total, (total * done / by_month).quantize(Decimal(1)))


def _routine_reports(
    *,
    directive: Directive,
    units: dict[str, Unit],
    checker: User,
    successor_checker: User,
    figures_of: dict[Target, object],
) -> None:
    """The rest of the year's reports, as a district that works sends them: every reporting
    unit, every month, on time (two days before the due day) and approved, except the few of
    ``MISSING``, ``DRAFTS`` and ``LATE_IN``. The figures climb towards each share (the
    commune's militia training by its due month, a commune in three a month behind). The units
    that ended on 30/06/2025 report to June, ``SUCCESSORS`` (checked by PTKV 1) from July."""
    system = system_actor()
    done = set(Report.objects.filter(directive=directive).values_list("unit_id", "period_start"))
    skipped = set(MISSING)
    drafts = set(DRAFTS)
    duties = reporting_duties(directive)
    for index, key in enumerate(("KD", *COMMUNES, *SUCCESSORS)):
        unit = units[key]
        targets = services_reports.reportable_targets(directive, unit)
        # A district's (PTKV's) report is approved above it (the system: the Standing
        # Committee); a commune's by the officer above it.
        officer = successor_checker if key in SUCCESSORS else checker
        maker, reviewer = (officer, system) if key in ("KD", "PTKV1") else (system, officer)
        came_from = {unit.pk} | set(
            UnitChange.objects.filter(successor=unit).values_list("predecessor_id", flat=True)
        )
        shares = {
            t.pk: sum((s.value for s in t.shares.all() if s.unit_id in came_from), Decimal(0))
            or t.value
            for t in targets
        }
        for month in range(1, 13):
            start = dt.date(YEAR, month, 1)
            if (unit.pk, start) in done or (key, month) in skipped:
                continue
            owed = duties.targets_of(unit.pk, periods_of_year(directive.frequency, YEAR)[month - 1])
            if not owed:
                continue  # the unit did not exist in this month
            figures: dict[int, tuple[Decimal | None, str]] = {}
            for t in (t for t in targets if t.pk in owed):
                if any(f in t.title and month < m for f, m in FIRST_FIGURE.items()):
                    figures[t.pk] = (None, "")  # nothing to count yet
                    continue
                by_month = t.due_date.month if t.due_date and t.due_date.year == YEAR else 12
                if t in figures_of and month >= 6:
                    value = figures_of[t](month)  # type: ignore[operator]
                elif t.direction == "at_most":
                    value = Decimal(0)
                else:
                    value = _ramp(shares[t.pk] or Decimal(0), month, by_month, index % 3 == 2)
                figures[t.pk] = (value, "")
            report = services_reports.report_create(
                actor=maker, directive=directive, unit=unit, period_start=start
            )
            services_reports.report_update(
                actor=maker,
                report=report,
                results=f"Tháng {month}/2025: thực hiện các chỉ tiêu theo kế hoạch.",
                shortcomings="",
                figures=figures,
            )
            if (key, month) in drafts:
                continue
            late = LATE_IN.get((key, month))
            sent = report.due_on + dt.timedelta(days=late) if late else report.due_on - ONE_DAY * 2
            services_reports.report_submit(actor=maker, report=report, on=sent)
            services_reports.report_review(actor=reviewer, report=report, approve=True, on=sent)


ONE_DAY = dt.timedelta(days=1)
_DEMO_USERS = ("kimdong.officer", "ptkv1.officer", "duchop.commander", "dongthanh.commander")


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the directives app)."""
    if load_demo_directive(units=units) is None:
        return []
    return ["Demo directive: Kim Động 2025, seven tasks, targets and reports."]
