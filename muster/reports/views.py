"""Pages of the reports: the list of campaigns, the results report, evenness, the dashboard,
the official lists and forms, and the export jobs (ask, watch the progress, download)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muster.accounts.access import require_cap
from muster.accounts.perms import Cap, has_cap
from muster.conscription.campaign.models import Campaign
from muster.core.dates import today
from muster.core.dbrouter import replica_view
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.http import file_response
from muster.geo.models import Unit
from muster.jobs.models import Job, JobState
from muster.reports import labels, selectors, services
from muster.reports import lists as reports_lists
from muster.reports import rows as reports_rows
from muster.reports.figures import facts, metrics
from muster.reports.figures.dashboard import STAGES
from muster.reports.models import ExportKind

#: The lists of item 5 and their export kinds.
LISTS = {
    "callup": ExportKind.CALLUP_LIST,
    "deferral": ExportKind.DEFERRAL_LIST,
    "exemption": ExportKind.EXEMPTION_LIST,
}


def _context(
    request: AuthenticatedHttpRequest, campaign: Campaign, unit: Unit, tab: str
) -> dict[str, Any]:
    return {
        "campaign": campaign,
        "unit": unit,
        "tab": tab,
        "units": selectors.unit_choices(request.user, campaign),
        "can_manage": has_cap(request.user, Cap.MANAGE_CAMPAIGN),
    }


def _campaign_and_unit(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID
) -> tuple[Campaign, Unit]:
    campaign = selectors.campaign_for_user(request.user, public_id)
    return campaign, selectors.report_unit(request.user, campaign, request.GET.get("unit"))


def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_REPORTS)
    return render(
        request,
        "reports/index.html",
        {"campaigns": selectors.report_campaigns(request.user)},
    )


def _section_tables(report: selectors.ResultsReport) -> list[dict[str, Any]]:
    return [
        {
            "key": section,
            "title": labels.SECTIONS[section],
            "columns": [
                (k, labels.short(k), labels.label(k, report.day), metrics.METRICS_BY_KEY[k].kind)
                for k in metrics.COMMUNE_COLUMNS[section]
            ],
        }
        for section in metrics.SECTIONS
    ]


def _summary(report: selectors.ResultsReport) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    section = ""
    for metric in metrics.METRICS:
        if metric.section != section:
            section = metric.section
            rows.append({"heading": labels.SECTIONS[section], "key": section})
        prev = report.total_previous
        rows.append(
            {
                "key": metric.key,
                "label": labels.label(metric.key, report.day),
                "kind": metric.kind,
                "value": report.total[metric.key],
                "previous": prev[metric.key] if prev else None,
                "change": report.total_changes[metric.key],
            }
        )
    return rows


@replica_view
def results(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The call-up results report (item 1): the unit's figures beside last year's, and each
    section per commune."""
    campaign, unit = _campaign_and_unit(request, public_id)
    report = selectors.results_report(user=request.user, campaign=campaign, unit=unit)
    return render(
        request,
        "reports/results.html",
        {
            **_context(request, campaign, unit, "results"),
            "report": report,
            "summary": _summary(report),
            "sections": _section_tables(report),
            "formats": services.FORMATS[ExportKind.RESULTS],
            "export_kind": ExportKind.RESULTS,
        },
    )


@replica_view
def evenness(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Evenness and stability across communes (item 2)."""
    campaign, unit = _campaign_and_unit(request, public_id)
    report = selectors.results_report(user=request.user, campaign=campaign, unit=unit)
    even = selectors.evenness_of(report)
    names = {line.row.key: line.name for line in report.lines}
    rows = [
        {
            "line": line,
            "row": er,
            "named": [labels.standout(s) for s in even.named(er.row)],
        }
        for line, er in zip(report.lines, even.rows, strict=True)
    ]
    spreads = [
        {
            "metric": m,
            "label": labels.label(m),
            "this": even.this_year[m],
            "last": even.last_year[m],
            "std_change": even.spread_change(m, "std"),
            "cv_change": even.spread_change(m, "cv"),
            "spread_change": even.spread_change(m, "spread"),
        }
        for m in ("planned_rate", "realised_rate", "percent_met")
    ]
    standouts = [
        {"name": names.get(s.row, ""), "rule": labels.standout(s), "standout": s}
        for s in even.standouts
    ]
    return render(
        request,
        "reports/evenness.html",
        {
            **_context(request, campaign, unit, "evenness"),
            "report": report,
            "rows": rows,
            "spreads": spreads,
            "standouts": standouts,
            "chart": {
                "labels": [line.name for line in report.lines],
                "this": [_float(er.this_year["planned_rate"]) for er in even.rows],
                "last": [_float((er.last_year or {}).get("planned_rate")) for er in even.rows],
            },
            "formats": services.FORMATS[ExportKind.EVENNESS],
            "export_kind": ExportKind.EVENNESS,
        },
    )


def _float(value: facts.Number | None) -> float | None:
    return None if value is None else float(value)


@replica_view
def dashboard(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The campaign's dashboard for a commune commander, a district or PTKV officer, or a
    leader (read-only): stage and deadlines, headline indicators against their targets, charts
    each with its table."""
    campaign, unit = _campaign_and_unit(request, public_id)
    board = selectors.dashboard(user=request.user, campaign=campaign, unit=unit, today=today())
    report = board.report
    even = board.evenness
    prev = report.total_previous
    yoy_keys = (
        "callable",
        "quota_total",
        "examined",
        "fit",
        "handed_over",
        "replacements",
        "planned_rate",
        "fit_share",
        "percent_met",
        "graduates_share",
    )
    #: The chart compares the percentages (one scale); the table also lists the counts.
    yoy_chart = [k for k in yoy_keys if metrics.METRICS_BY_KEY[k].kind == "percent"]

    def rate_named(row: int) -> bool:
        return any(s.metric == "planned_rate" for s in even.named(row))

    rates = [
        {
            "name": line.name,
            "value": er.this_year["planned_rate"],
            "last": (er.last_year or {}).get("planned_rate"),
            "named": rate_named(er.row),
        }
        for line, er in zip(report.lines, even.rows, strict=True)
    ]
    chart_data = {
        "year": str(campaign.year),
        "last_year": str(campaign.year - 1),
        "classes": {
            "title": _("Citizens"),
            "labels": [_("Class %(k)s") % {"k": k} for k in range(1, 7)],
            "values": board.class_counts,
        },
        "grounds": {
            "title": _("Citizens"),
            "labels": [g for g, _n in board.deferral_counts],
            "values": [n for _g, n in board.deferral_counts],
        },
        "rates": {
            "labels": [line.name for line in report.lines],
            "values": [_float(er.this_year["planned_rate"]) for er in even.rows],
            "last": [_float((er.last_year or {}).get("planned_rate")) for er in even.rows],
            "named": [rate_named(er.row) for er in even.rows],
        },
        "yoy": {
            "labels": [labels.label(k) for k in yoy_chart],
            "values": [_float(report.total[k]) for k in yoy_chart],
            "previous": [_float(prev[k]) if prev else None for k in yoy_chart],
        },
    }
    return render(
        request,
        "reports/dashboard.html",
        {
            **_context(request, campaign, unit, "dashboard"),
            "board": board,
            "report": report,
            "stage_label": labels.STAGES[board.stage],
            "stages": [(s, labels.STAGES[s]) for s in STAGES],
            "indicators": [
                {"indicator": i, "label": labels.label(i.key)} for i in board.indicators
            ],
            "classes": [
                {"label": _("Class %(k)s") % {"k": k}, "value": n}
                for k, n in enumerate(board.class_counts, 1)
            ],
            "grounds": [
                {"code": g, "title": labels.ground_title(g, report.day), "value": n}
                for g, n in board.deferral_counts
            ],
            "rates": rates,
            "chart_data": chart_data,
            "yoy": [
                {
                    "key": k,
                    "label": labels.label(k),
                    "kind": metrics.METRICS_BY_KEY[k].kind,
                    "value": report.total[k],
                    "previous": prev[k] if prev else None,
                    "change": report.total_changes[k],
                }
                for k in yoy_keys
            ],
            "multi": len(report.lines) > 1,
        },
    )


@replica_view
def list_view(request: AuthenticatedHttpRequest, public_id: uuid.UUID, which: str) -> HttpResponse:
    """The call-up list, or the deferral or exemption list (item 5)."""
    if which not in LISTS:
        raise Http404
    campaign, unit = _campaign_and_unit(request, public_id)
    context: dict[str, Any] = {
        **_context(request, campaign, unit, f"list_{which}"),
        "which": which,
        "day": reports_rows.reference_day(campaign),
        "formats": services.FORMATS[LISTS[which]],
        "export_kind": LISTS[which],
    }
    if which == "callup":
        context["entries"] = reports_lists.callup_list(
            user=request.user, campaign=campaign, unit=unit
        )
    else:
        entries = reports_lists.dossier_list(
            user=request.user, campaign=campaign, unit=unit, kind=which
        )
        context["dossiers"] = [
            {
                "entry": e,
                "title": labels.ground_title(e.dossier.ground, e.dossier.decision_date),
                "authority": labels.AUTHORITIES.get(e.dossier.authority, e.dossier.authority),
            }
            for e in entries
        ]
    return render(request, "reports/list.html", context)


def forms(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The health books and the council's report of the campaign (forms 2k, 2l, 2b)."""
    campaign, unit = _campaign_and_unit(request, public_id)
    return render(
        request,
        "reports/forms.html",
        {
            **_context(request, campaign, unit, "forms"),
            "sessions": reports_lists.health_sessions(
                user=request.user, campaign=campaign, unit=unit
            ),
        },
    )


# ----------------------------------------------------------------------------- exports


@require_POST
def export_create(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    campaign = selectors.campaign_for_user(request.user, public_id)
    unit = selectors.report_unit(request.user, campaign, request.POST.get("unit"))
    try:
        job = services.export_request(
            actor=request.user,
            campaign=campaign,
            unit=unit,
            kind=request.POST.get("kind", ""),
            fmt=request.POST.get("fmt", ""),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(
            f"{reverse('reports:results', kwargs={'public_id': campaign.public_id})}"
            f"?unit={unit.public_id}"
        )
    return redirect("reports:export_detail", public_id=job.public_id)


def export_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_REPORTS)
    exports = selectors.exports_for_user(request.user)
    return render(request, "reports/export_list.html", {"exports": exports})


def _export_context(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> dict[str, Any]:
    require_cap(request.user, Cap.VIEW_REPORTS)
    export = selectors.export_for_user(request.user, public_id)
    return {
        "export": export,
        "job": export.job,
        "states": JobState,
        "status_view": "reports:export_status",
        "download_view": "reports:export_download",
    }


def export_detail(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return render(request, "reports/export_detail.html", _export_context(request, public_id))


def export_status(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The progress bar (polled by htmx every second until the file is ready)."""
    return render(request, "jobs/_export_status.html", _export_context(request, public_id))


def export_download(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_REPORTS)
    job = selectors.export_for_user(request.user, public_id).job
    if job.state != JobState.DONE:
        raise Http404(_("The file is not ready."))
    content = Job.objects.values_list("content", flat=True).get(pk=job.pk)
    return file_response(bytes(content), filename=job.filename, content_type=job.content_type)
