"""Render one export job: read the figures as its owner may see them, build the document,
render the file. Called by the worker (``services.run_job``), never in a request."""

from __future__ import annotations

from collections.abc import Callable

from muster.core.dates import today
from muster.documents.excel import render_workbook
from muster.documents.http import DOCX, PDF, XLSX
from muster.documents.pdf import render_pdf_book
from muster.documents.tables import TableDocument
from muster.documents.word import render_report_docx
from muster.geo.scope import scope_of
from muster.reports import documents, selectors
from muster.reports.models import ExportFormat, ExportJob, ExportKind

_TYPES = {ExportFormat.XLSX: XLSX, ExportFormat.PDF: PDF, ExportFormat.DOCX: DOCX}
_STEMS = {
    ExportKind.RESULTS: "Báo cáo kết quả tuyển quân",
    ExportKind.EVENNESS: "Tính đồng đều giữa các xã",
    ExportKind.CALLUP_LIST: "Danh sách gọi nhập ngũ",
    ExportKind.DEFERRAL_LIST: "Danh sách tạm hoãn",
    ExportKind.EXEMPTION_LIST: "Danh sách miễn",
}


def render(job: ExportJob, progress: Callable[[int, str], None]) -> tuple[bytes, str, str]:
    """``(file bytes, file name, content type)`` of the job."""
    user, campaign, unit = job.owner, job.campaign, job.unit
    if not scope_of(user).contains(unit):
        raise PermissionError("the unit is no longer in the owner's area")
    progress(10, "reading")
    sheets: list[tuple[str, TableDocument]]
    if job.kind in (ExportKind.RESULTS, ExportKind.EVENNESS):
        report = selectors.results_report(user=user, campaign=campaign, unit=unit)
        progress(50, "building")
        if job.kind == ExportKind.RESULTS and job.fmt == ExportFormat.DOCX:
            official = documents.results_official(report, issued_on=today())
            progress(70, "rendering")
            data = render_report_docx(official)
            return data, _name(job), _TYPES[ExportFormat(job.fmt)]
        if job.kind == ExportKind.RESULTS:
            sheets = documents.results_tables(report)
        else:
            sheets = [("Đồng đều", documents.evenness_table(report))]
    elif job.kind == ExportKind.CALLUP_LIST:
        entries = selectors.callup_list(user=user, campaign=campaign, unit=unit)
        progress(50, "building")
        sheets = [
            (
                "Danh sách",
                documents.callup_list_table(
                    unit, campaign.year, entries, day=selectors.reference_day(campaign)
                ),
            )
        ]
    else:
        kind = "deferral" if job.kind == ExportKind.DEFERRAL_LIST else "exemption"
        dossiers = selectors.dossier_list(user=user, campaign=campaign, unit=unit, kind=kind)
        progress(50, "building")
        sheets = [
            (
                "Danh sách",
                documents.dossier_list_table(
                    unit, campaign.year, kind, dossiers, day=selectors.reference_day(campaign)
                ),
            )
        ]
    progress(70, "rendering")
    if job.fmt == ExportFormat.XLSX:
        data = render_workbook(sheets)
    else:
        data = render_pdf_book([doc for _title, doc in sheets])
    return data, _name(job), _TYPES[ExportFormat(job.fmt)]


def _name(job: ExportJob) -> str:
    return f"{_STEMS[ExportKind(job.kind)]} {job.campaign.year} - {job.unit.name}.{job.fmt}"
