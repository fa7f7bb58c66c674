"""The report exports as background jobs: each report is a job kind of ``muster.jobs``
(``reports.results``…), registered here (imported by ``ReportsConfig.ready``). ``clean``
checks the parameters (the campaign's public id, the format); ``render`` reads the figures as
the job's owner may see them, builds the document and renders the file — in a worker
(``muster.jobs.runner.run``), never in a request."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from muster.conscription.campaign.models import Campaign
from muster.core.dates import today
from muster.documents.excel import render_workbook
from muster.documents.http import DOCX, PDF, XLSX
from muster.documents.pdf import render_pdf_book
from muster.documents.tables import TableDocument
from muster.documents.word import render_report_docx
from muster.geo.scope import scope_of
from muster.jobs.models import Job
from muster.jobs.registry import JobFile, JobKind, Progress, register
from muster.reports import documents, selectors
from muster.reports import lists as reports_lists
from muster.reports import rows as reports_rows
from muster.reports.models import ExportFormat, ExportKind, job_kind

#: Which formats each report has (the official Word layout only for the results report).
FORMATS: dict[str, tuple[str, ...]] = {
    ExportKind.RESULTS: (ExportFormat.XLSX, ExportFormat.PDF, ExportFormat.DOCX),
    ExportKind.EVENNESS: (ExportFormat.XLSX, ExportFormat.PDF),
    ExportKind.CALLUP_LIST: (ExportFormat.XLSX, ExportFormat.PDF),
    ExportKind.DEFERRAL_LIST: (ExportFormat.XLSX, ExportFormat.PDF),
    ExportKind.EXEMPTION_LIST: (ExportFormat.XLSX, ExportFormat.PDF),
}

_TYPES = {ExportFormat.XLSX: XLSX, ExportFormat.PDF: PDF, ExportFormat.DOCX: DOCX}
_STEMS = {
    ExportKind.RESULTS: "Báo cáo kết quả tuyển quân",
    ExportKind.EVENNESS: "Tính đồng đều giữa các xã",
    ExportKind.CALLUP_LIST: "Danh sách gọi nhập ngũ",
    ExportKind.DEFERRAL_LIST: "Danh sách tạm hoãn",
    ExportKind.EXEMPTION_LIST: "Danh sách miễn",
}


def clean(kind: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of an export of ``kind``: ``campaign`` (public id), ``fmt``."""
    errors: dict[str, list[str]] = {}
    fmt = params.get("fmt")
    if fmt not in FORMATS[kind]:
        errors["fmt"] = [_("This report is not available in this format.")]
    try:
        campaign = uuid.UUID(str(params.get("campaign")))
    except ValueError:
        campaign = None
    if campaign is None or not Campaign.objects.filter(public_id=campaign).exists():
        errors["campaign"] = [_("This campaign is outside your area.")]
    if errors:
        raise ValidationError(errors)
    return {"campaign": str(campaign), "fmt": fmt}


def report_kind(job: Job) -> ExportKind:
    return ExportKind(job.kind.removeprefix("reports."))


def render(job: Job, progress: Progress) -> JobFile:
    """The file of the job (its parameters cleaned by ``clean``)."""
    user, unit = job.owner, job.scope_unit
    kind, fmt = report_kind(job), ExportFormat(job.params["fmt"])
    campaign = Campaign.objects.select_related("unit").get(public_id=job.params["campaign"])
    if not scope_of(user).contains(unit):
        raise PermissionError("the unit is no longer in the owner's area")
    progress(10, "reading")
    sheets: list[tuple[str, TableDocument]]
    if kind in (ExportKind.RESULTS, ExportKind.EVENNESS):
        report = selectors.results_report(user=user, campaign=campaign, unit=unit)
        progress(50, "building")
        if kind == ExportKind.RESULTS and fmt == ExportFormat.DOCX:
            official = documents.results_official(report, issued_on=today())
            progress(70, "rendering")
            data = render_report_docx(official)
            return JobFile(data, _name(kind, fmt, campaign, unit.name), _TYPES[fmt])
        if kind == ExportKind.RESULTS:
            sheets = documents.results_tables(report)
        else:
            sheets = [("Đồng đều", documents.evenness_table(report))]
    elif kind == ExportKind.CALLUP_LIST:
        entries = reports_lists.callup_list(user=user, campaign=campaign, unit=unit)
        progress(50, "building")
        sheets = [
            (
                "Danh sách",
                documents.callup_list_table(
                    unit, campaign.year, entries, day=reports_rows.reference_day(campaign)
                ),
            )
        ]
    else:
        which = "deferral" if kind == ExportKind.DEFERRAL_LIST else "exemption"
        dossiers = reports_lists.dossier_list(user=user, campaign=campaign, unit=unit, kind=which)
        progress(50, "building")
        sheets = [
            (
                "Danh sách",
                documents.dossier_list_table(
                    unit, campaign.year, which, dossiers, day=reports_rows.reference_day(campaign)
                ),
            )
        ]
    progress(70, "rendering")
    if fmt == ExportFormat.XLSX:
        data = render_workbook(sheets)
    else:
        data = render_pdf_book([doc for _title, doc in sheets])
    return JobFile(data, _name(kind, fmt, campaign, unit.name), _TYPES[fmt])


def _name(kind: ExportKind, fmt: ExportFormat, campaign: Campaign, unit_name: str) -> str:
    return f"{_STEMS[kind]} {campaign.year} - {unit_name}.{fmt}"


for _kind in ExportKind:
    register(
        JobKind(
            name=job_kind(_kind),
            label=_kind.label,
            clean=partial(clean, _kind.value),
            run=render,
        )
    )
