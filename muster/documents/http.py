"""HTTP responses for generated files (Unicode file names, no caching of personal data)."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse

from muster.core.text import fold

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
