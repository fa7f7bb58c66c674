"""Evidence attached to a citizen: type by magic bytes, 10 MB limit, nothing written on refusal,
download authorised through the citizen's scope."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from muster.audit.models import AuditEvent
from muster.people.models import MAX_EVIDENCE_BYTES, Person, PersonDocument
from tests.core.factories import make_person

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def make_evidence(person: Person, data: bytes = PDF_BYTES) -> PersonDocument:
    """A stored evidence document, written the way the service stores it."""
    document = PersonDocument(
        person=person,
        kind="id_card",
        date=dt.date(2025, 1, 2),
        original_name="cccd.pdf",
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    document.file.save("cccd.pdf", ContentFile(data), save=False)
    document.save()
    return document


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _post(client, person, upload, **extra):
    data = {"kind": "id_card", "date": "02/01/2025", "note": "", "file": upload, **extra}
    return client.post(reverse("people:evidence_upload", args=[person.public_id]), data)


@pytest.fixture
def person(units):
    return make_person(units["DHOP"])


def test_upload_pdf_lists_on_person_page_and_downloads(login, personas, person):
    client = login(personas["commune_clerk"])
    response = _post(client, person, SimpleUploadedFile("Giấy khai sinh.pdf", PDF_BYTES))
    assert response.status_code == 302
    document = PersonDocument.objects.get(person=person)
    assert document.content_type == "application/pdf"
    assert document.file.name == f"evidence/{document.public_id}.pdf"
    assert document.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert document.uploaded_by == personas["commune_clerk"]
    assert AuditEvent.objects.filter(action="documents.evidence_attach").count() == 1
    page = client.get(reverse("people:person_detail", args=[person.public_id]))
    assert "Giấy khai sinh.pdf" in page.content.decode()
    assert 'enctype="multipart/form-data"' in page.content.decode()
    download = client.get(reverse("people:evidence_download", args=[document.public_id]))
    assert download.status_code == 200
    assert download.content == PDF_BYTES
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]


def test_png_is_accepted(login, personas, person):
    client = login(personas["commune_clerk"])
    assert _post(client, person, SimpleUploadedFile("scan.PNG", PNG_BYTES)).status_code == 302
    assert PersonDocument.objects.get(person=person).content_type == "image/png"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.pdf", EXE_BYTES, "Chỉ được đính kèm tệp PDF, JPEG hoặc PNG"),
        ("virus.exe", EXE_BYTES, "Chỉ được đính kèm tệp PDF, JPEG hoặc PNG"),
        ("scan.pdf", PNG_BYTES, "không khớp với nội dung"),
        ("empty.pdf", b"", "rỗng"),  # Django's own message for an empty upload
    ],
)
def test_bad_file_is_refused_in_vietnamese_and_nothing_written(
    login, personas, person, name, data, message
):
    client = login(personas["commune_clerk"])
    audit_before = AuditEvent.objects.count()
    response = _post(client, person, SimpleUploadedFile(name, data))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PersonDocument.objects.count() == 0
    assert _stored_files() == []
    assert AuditEvent.objects.count() == audit_before


def test_file_over_10_mb_is_refused(login, personas, person):
    client = login(personas["commune_clerk"])
    big = PDF_BYTES + b"\x00" * (MAX_EVIDENCE_BYTES + 1 - len(PDF_BYTES))
    response = _post(client, person, SimpleUploadedFile("big.pdf", big))
    assert response.status_code == 400
    assert "giới hạn là 10 MB" in response.content.decode()
    assert PersonDocument.objects.count() == 0
    assert _stored_files() == []


def test_exactly_10_mb_is_accepted(login, personas, person):
    client = login(personas["commune_clerk"])
    exact = PDF_BYTES + b"\x00" * (MAX_EVIDENCE_BYTES - len(PDF_BYTES))
    assert _post(client, person, SimpleUploadedFile("exact.pdf", exact)).status_code == 302
    assert PersonDocument.objects.get().size == MAX_EVIDENCE_BYTES


def test_future_date_and_missing_file_are_refused(login, personas, person):
    client = login(personas["commune_clerk"])
    response = _post(client, person, SimpleUploadedFile("a.pdf", PDF_BYTES), date="01/01/2999")
    assert response.status_code == 400
    assert "không được ở tương lai" in response.content.decode()
    url = reverse("people:evidence_upload", args=[person.public_id])
    response = client.post(url, {"kind": "id_card", "date": "02/01/2025"})
    assert response.status_code == 400
    assert PersonDocument.objects.count() == 0


def test_upload_access(client, login, personas, person, units):
    url = reverse("people:evidence_upload", args=[person.public_id])
    upload = SimpleUploadedFile("a.pdf", PDF_BYTES)
    anonymous = client.post(url, {"kind": "id_card", "date": "02/01/2025", "file": upload})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    for persona, expected in (("other_commander", 404), ("leader", 403), ("service_council", 403)):
        response = _post(login(personas[persona]), person, SimpleUploadedFile("a.pdf", PDF_BYTES))
        assert response.status_code == expected, persona
    assert PersonDocument.objects.count() == 0


def test_download_access(client, login, personas, person):
    document = make_evidence(person)
    url = reverse("people:evidence_download", args=[document.public_id])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert login(personas["other_commander"]).get(url).status_code == 404
    for persona in ("leader", "commune_auditor", "commune_clerk", "ptkv_officer"):
        assert login(personas[persona]).get(url).status_code == 200, persona
