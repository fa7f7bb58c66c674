"""Evidence (PDF, JPEG or PNG files) attached to a directive report."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.audit.services import record_event
from muster.directives import perms
from muster.directives.models import Evidence, Report
from muster.directives.services.guards import (
    lock_report,
    refuse_if_not_editable,
    require_in_scope,
)

if TYPE_CHECKING:
    from muster.accounts.models import User

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
#: Magic bytes of the evidence files we accept.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def sniff_content_type(data: bytes) -> str | None:
    for magic, content_type in _MAGIC:
        if data.startswith(magic):
            return content_type
    return None


@dataclass(frozen=True)
class EvidenceFile:
    """An uploaded evidence file, checked: its name, type (read from its first bytes), size and
    SHA-256, as the evidence models store them."""

    filename: str
    content_type: str
    size: int
    sha256: str

    def fields(self) -> dict[str, str | int]:
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
        }


def evidence_file(filename: str, data: bytes) -> EvidenceFile:
    """Check an uploaded evidence file: a PDF, JPEG or PNG (by its first bytes) of at most
    ``MAX_EVIDENCE_BYTES``; refused with a message on the form's ``file`` field."""
    content_type = sniff_content_type(data)
    if content_type is None:
        raise ValidationError({"file": [_("Evidence must be a PDF, JPEG or PNG file.")]})
    if len(data) > MAX_EVIDENCE_BYTES:
        raise ValidationError({"file": [_("The file is larger than 5 MB.")]})
    return EvidenceFile(
        filename=(filename or "evidence").strip()[:200],
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def evidence_add(*, actor: User, report: Report, filename: str, data: bytes) -> Evidence:
    """Attach a PDF, JPEG or PNG file; the type is read from the file's first bytes."""
    require(perms.can_draft_report(actor))
    require_in_scope(actor=actor, unit=report.unit)
    checked = evidence_file(filename, data)
    with transaction.atomic():
        locked = lock_report(report)
        refuse_if_not_editable(locked)
        evidence = Evidence.objects.create(
            report=locked, data=data, uploaded_by=actor, **checked.fields()
        )
        record_event(
            actor=actor,
            action="directives.evidence_add",
            obj=evidence,
            scope_unit=locked.unit,
            changes={"report": locked, "sha256": checked.sha256, "size": checked.size},
        )
    return evidence


def copy_evidence(items: Iterable[Evidence], report: Report) -> None:
    Evidence.objects.bulk_create(
        Evidence(
            report=report,
            filename=e.filename,
            content_type=e.content_type,
            size=e.size,
            sha256=e.sha256,
            data=e.data,
            uploaded_by=e.uploaded_by,
        )
        for e in items
    )
