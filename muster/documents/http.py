"""HTTP responses for generated files (Unicode file names, no caching of personal data)."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse

from muster.core.text import fold
from muster.documents.pdf import render_report_pdf
from muster.documents.tables import OfficialReport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def file_response(data: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A download: an ASCII fallback name plus the UTF-8 name (RFC 6266 / 5987)."""
    ascii_name = fold(filename).replace(" ", "_") or "muster"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def report_pdf_response(report: OfficialReport, *, filename: str) -> HttpResponse:
    """An official report (``documents.pdf``) to download as ``filename``."""
    return file_response(render_report_pdf(report), filename=filename, content_type=PDF)
