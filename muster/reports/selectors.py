"""Reads of the call-up reports, cut to the acting user's area (``geo.scope``; the rows do
their set arithmetic in memory on the area's unit ids).

The results report is a few grouped queries whatever the number of communes: citizens counted
by registration commune (``GROUP BY registration_unit``), and the quota-sized records of the
campaign (decisions, selection entries, recruits, returns, replacements) read once and added up
by ``figures``. Definitions: docs/reports.md.

Rows. A report has one row per commune-level unit: the campaign's communes, except that a
campaign commune merged away before the handover day is folded into its successor of that day
(the 2025 Kim Động campaign was opened with Nhân La and Vũ Xá on 1/11/2024; from 1/12/2024 they
are Diên Hồng, whose citizens are registered there), so the row's quota is theirs and its
citizens are the successor's and theirs.

A citizen counts in the commune where he was registered on the campaign's reference day (the
handover day): his registration unit, unless he transferred out after that day, in which case
the commune he left by his first transfer after it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Q,
    QuerySet,
)
from django.http import Http404
from django.utils.translation import gettext as _

from muster.accounts.access import get_for_user
from muster.accounts.perms import Cap
from muster.conscription.campaign import selectors as campaign_selectors
from muster.conscription.campaign.board import deadline_rows
from muster.conscription.campaign.models import Campaign
from muster.conscription.campaign.selectors import campaigns_for_user
from muster.geo import scope as geo_scope
from muster.geo.models import COMMUNE_LEVEL_KINDS, Unit
from muster.jobs.models import Job
from muster.law.callup import campaign as campaign_rules
from muster.reports.collect import collect
from muster.reports.figures import dashboard as figures_dashboard
from muster.reports.figures import facts as figures_facts
from muster.reports.figures import metrics as figures_metrics
from muster.reports.figures import spreads as figures_spreads
from muster.reports.figures.facts import Tally
from muster.reports.models import JOB_KIND_PREFIX, AgencyReport, ExportFormat, ExportKind
from muster.reports.previous import Previous, previous_year
from muster.reports.rows import Lineage, ReportRow, build_rows, reference_day, scope_of

if TYPE_CHECKING:
    from muster.accounts.models import User


# ----------------------------------------------------------------------------- lineage


# ----------------------------------------------------------------------------- rows


# ----------------------------------------------------------------------------- collecting


# ----------------------------------------------------------------------------- previous year


# ----------------------------------------------------------------------------- the report


@dataclass
class Line:
    row: ReportRow
    values: dict[str, figures_facts.Number | None]
    previous: Previous | None
    previous_values: dict[str, figures_facts.Number | None] | None
    changes: dict[str, figures_facts.Number | None]

    @property
    def name(self) -> str:
        return self.row.unit.name


@dataclass
class ResultsReport:
    campaign: Campaign
    unit: Unit
    day: dt.date
    lines: list[Line]
    total: dict[str, figures_facts.Number | None]
    total_previous: dict[str, figures_facts.Number | None] | None
    total_changes: dict[str, figures_facts.Number | None]
    previous_campaigns: list[Campaign]
    tallies: dict[int, Tally]

    @property
    def single(self) -> bool:
        """A commune's own report: one row, no total needed."""
        return len(self.lines) == 1 and self.unit.kind in COMMUNE_LEVEL_KINDS

    @property
    def has_previous(self) -> bool:
        return any(line.previous is not None for line in self.lines)

    def has(self, section: str) -> bool:
        """Whether the campaign holds data for a stage yet (else the page says so)."""
        t = self.total
        checks = {
            "health": (t["called_screening"] or 0) + (t["called_exam"] or 0) > 0,
            "deferral": (t["deferred"] or 0) + (t["exempt"] or 0) > 0,
            "quota": (t["quota_total"] or 0) > 0,
            "decisions": (t["decisions"] or 0) > 0,
            "selection": (t["selected"] or 0) > 0,
            "handover": bool(t["handed_over"]) or bool(t["replacements"]),
            "violations": (t["violations"] or 0) > 0,
            "volunteers": (t["volunteers_applied"] or 0) > 0,
        }
        return checks[section]


def _changes(
    current: dict[str, figures_facts.Number | None],
    previous: dict[str, figures_facts.Number | None] | None,
) -> dict[str, figures_facts.Number | None]:
    if previous is None:
        return dict.fromkeys(current)
    return {k: figures_metrics.change(v, previous.get(k)) for k, v in current.items()}


def results_report(*, user: User, campaign: Campaign, unit: Unit) -> ResultsReport:
    """The call-up results report of ``campaign`` for ``unit`` (a commune, or a district /
    PTKV / province and its communes), as ``user`` may see it, with last year beside it."""
    visible = geo_scope.scope_of(user).unit_ids()
    lineage = Lineage()
    rows = build_rows(campaign, visible=visible, scope=scope_of(unit, lineage), lineage=lineage)
    tallies = collect(campaign, rows, visible=visible, lineage=lineage)
    if not any(sum(t.handed_over.values()) or t.replacements for t in tallies.values()):
        # Nothing handed over yet: the handover's figures are "no data yet", not 0 % of the quota.
        for t in tallies.values():
            t.unknown = t.unknown | {"handed_over"}
    previous, prev_total, past = previous_year(campaign, rows, visible=visible, lineage=lineage)
    lines = []
    for r in rows:
        vals = figures_metrics.values(tallies[r.key])
        prev = previous.get(r.key)
        prev_vals = figures_metrics.values(prev.tally) if prev else None
        lines.append(Line(r, vals, prev, prev_vals, _changes(vals, prev_vals)))
    total = figures_metrics.values(figures_facts.total(tallies.values()))
    total_prev = figures_metrics.values(prev_total) if prev_total is not None else None
    return ResultsReport(
        campaign=campaign,
        unit=unit,
        day=reference_day(campaign),
        lines=lines,
        total=total,
        total_previous=total_prev,
        total_changes=_changes(total, total_prev),
        previous_campaigns=past,
        tallies=tallies,
    )


def evenness_of(report: ResultsReport) -> figures_spreads.Evenness:
    return figures_spreads.evenness(
        [(line.row.key, line.values) for line in report.lines],
        {line.row.key: line.previous_values for line in report.lines},
        handover_recorded=report.has("handover"),
    )


# ----------------------------------------------------------------------------- fetching


def campaign_for_user(user: User, public_id: Any) -> Campaign:
    """A campaign with at least one commune in the user's area (404 otherwise), for reports."""
    return campaign_selectors.campaign_for_user(user, public_id, Cap.VIEW_REPORTS)


def report_unit(user: User, campaign: Campaign, raw: str | None) -> Unit:
    """The unit a report covers: ``?unit=<uuid>`` if the user may see it, else the campaign's
    unit when it lies in the user's area, else the user's own scope unit."""
    area = geo_scope.scope_of(user)
    if raw:
        unit = Unit.objects.filter(area.q("pk"), public_id=raw).first() if _is_uuid(raw) else None
        if unit is None:
            raise Http404(_("Not found, or outside your area."))
        return unit
    if area.contains(campaign.unit_id) or user.scope_unit is None:
        return campaign.unit
    return user.scope_unit


def _is_uuid(raw: str) -> bool:
    import uuid

    try:
        uuid.UUID(raw)
    except ValueError:
        return False
    return True


def unit_choices(user: User, campaign: Campaign) -> list[Unit]:
    """The units a report can be asked for: the campaign's unit (if in the area), the units
    between it and the communes, and the commune rows."""
    area = geo_scope.scope_of(user)
    visible = area.unit_ids()
    lineage = Lineage()
    rows = build_rows(campaign, visible=visible, scope=None, lineage=lineage)
    choices: list[Unit] = []
    if campaign.unit_id in visible:
        choices.append(campaign.unit)
        middle = Unit.objects.filter(
            path__startswith=campaign.unit.path,
            depth__gt=campaign.unit.depth,
            pk__in=visible,
            valid_from__lte=campaign.handover_start,
        ).exclude(kind__in=COMMUNE_LEVEL_KINDS)
        middle = middle.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=campaign.exam_start))
        choices.extend(u for u in middle.exclude(kind__in=("village", "residential_group")))
    elif user.scope_unit is not None and len(rows) > 1:
        choices.append(user.scope_unit)
    choices.extend(r.unit for r in rows)
    return choices


def report_campaigns(user: User) -> QuerySet[Campaign]:
    return campaigns_for_user(user)


# ----------------------------------------------------------------------------- lists


# ----------------------------------------------------------------------------- dashboard


@dataclass
class Dashboard:
    report: ResultsReport
    stage: str
    deadlines: list[Any]
    indicators: list[figures_dashboard.Indicator]
    evenness: figures_spreads.Evenness
    today: dt.date
    class_counts: list[int]
    deferral_counts: list[tuple[str, int]]


def dashboard(*, user: User, campaign: Campaign, unit: Unit, today: dt.date) -> Dashboard:
    report = results_report(user=user, campaign=campaign, unit=unit)
    after = campaign_rules.rule("campaign.replacement", campaign.handover_start).int_param("days")
    stage = figures_dashboard.stage_on(
        today,
        screening_start=campaign.screening_start,
        exam_start=campaign.exam_start,
        exam_end=campaign.exam_end,
        nomination_by=campaign.nomination_by,
        handover_start=campaign.handover_start,
        handover_end=campaign.handover_end,
        after_days=after,
    )
    t = report.total
    grounds = [(g, int(t[f"deferred_{g}"] or 0)) for g in figures_facts.DEFERRAL_GROUNDS] + [
        (g, int(t[f"exempt_{g}"] or 0)) for g in figures_facts.EXEMPTION_GROUNDS
    ]
    return Dashboard(
        report=report,
        stage=stage,
        deadlines=deadline_rows(campaign, today),
        indicators=figures_dashboard.indicators(report.total, report.total_previous),
        evenness=evenness_of(report),
        today=today,
        class_counts=[int(t[f"class_{k}"] or 0) for k in range(1, 7)],
        deferral_counts=grounds,
    )


# ----------------------------------------------------------------------------- export jobs


@dataclass(frozen=True)
class Export:
    """A report export (a background job of kind ``reports.<kind>``) with its campaign."""

    job: Job
    campaign: Campaign | None

    @property
    def kind_label(self) -> str:
        return str(ExportKind(self.job.kind.removeprefix(JOB_KIND_PREFIX)).label)

    @property
    def fmt_label(self) -> str:
        return str(ExportFormat(self.job.params.get("fmt")).label)


def _exports(jobs: Iterable[Job]) -> list[Export]:
    jobs = list(jobs)
    ids = {str(j.params.get("campaign")) for j in jobs}
    campaigns = {
        str(c.public_id): c
        for c in Campaign.objects.select_related("unit").filter(public_id__in=ids)
    }
    return [Export(job=j, campaign=campaigns.get(str(j.params.get("campaign")))) for j in jobs]


def _own_exports(user: User) -> QuerySet[Job]:
    return (
        Job.objects.filter(owner=user, kind__startswith=JOB_KIND_PREFIX)
        .select_related("scope_unit")
        .defer("content")
    )


def exports_for_user(user: User, *, limit: int = 50) -> list[Export]:
    """The user's own latest exports (anyone else's are never listed)."""
    return _exports(_own_exports(user)[:limit])


def export_for_user(user: User, public_id: uuid.UUID) -> Export:
    """The user's own export (anyone else's, even an administrator's view of it, is a 404),
    whose unit is still in the user's area."""
    job = _own_exports(user).filter(public_id=public_id).first()
    if job is None or not geo_scope.scope_of(user).contains(job.scope_unit_id):
        raise Http404(_("Not found, or outside your area."))
    return _exports([job])[0]


# ----------------------------------------------------------------------------- reviews


def reviews_of_campaign(user: User, campaign: Campaign) -> QuerySet[AgencyReport]:
    """The reviews (sơ kết / tổng kết) of ``campaign`` by units in the user's area, and those
    sent to a unit in it."""
    area = geo_scope.scope_of(user)
    qs = AgencyReport.objects.filter(campaign=campaign).select_related("unit", "sent_to")
    if area.everything:
        return qs
    return qs.filter(area.q("unit") | area.q("sent_to"))


def review_for_user(user: User, public_id: uuid.UUID) -> AgencyReport:
    """A review whose unit lies in the user's area (404 otherwise); every role reads it."""
    return get_for_user(
        user,
        AgencyReport.objects.select_related("campaign__unit", "unit", "sent_to"),
        unit_field="unit",
        cap=Cap.VIEW_REPORTS,
        public_id=public_id,
    )


@dataclass
class ReviewRow:
    """A unit of the campaign and its reviews by kind (None: not started)."""

    unit: Unit
    reviews: list[tuple[str, AgencyReport | None]]


def review_board(user: User, campaign: Campaign) -> list[ReviewRow]:
    """Each unit the user may report for or receive from (the results report's units) with
    its preliminary and final reviews: the level above sees at a glance who has not sent."""
    from muster.reports.models import ReviewKind

    found = {(r.unit_id, r.kind): r for r in reviews_of_campaign(user, campaign)}
    units = unit_choices(user, campaign)
    extra = {r.unit_id: r.unit for r in found.values()}
    for u in units:
        extra.pop(u.pk, None)
    return [
        ReviewRow(u, [(kind, found.get((u.pk, kind))) for kind in ReviewKind.values])
        for u in [*units, *extra.values()]
    ]
