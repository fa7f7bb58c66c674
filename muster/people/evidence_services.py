"""State changes of evidence: attaching evidence (giấy tờ, hồ sơ) to a citizen's record.

The file is checked before anything is written: its size (at most 10 MB) and its type, read from
its first bytes (PDF, JPEG or PNG) and required to agree with its extension, so an executable
renamed ``.pdf`` is refused. Then the file and its row are written in one transaction with the
audit event; if the transaction fails, the stored file is removed again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from muster.accounts.access import require_actor_area, require_cap
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.core.dates import today
from muster.people.models import MAX_EVIDENCE_BYTES, EvidenceKind, Person, PersonDocument

if TYPE_CHECKING:
    from muster.accounts.models import User

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
_EXTENSIONS = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}


def sniff(head: bytes) -> str | None:
    """The content type announced by the first bytes of a file, or None if not allowed."""
    for magic, content_type in _MAGIC:
        if head.startswith(magic):
            return content_type
    return None


def check_upload(upload: UploadedFile | None) -> tuple[list[str], str | None]:
    """Problems with ``upload`` (Vietnamese through gettext) and its sniffed content type."""
    if upload is None:
        return [_("Choose a file to attach.")], None
    size = upload.size or 0
    if size == 0:
        return [_("The file is empty.")], None
    if size > MAX_EVIDENCE_BYTES:
        return [
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": f"{size / 1024 / 1024:.1f}".replace(".", ","), "limit": 10}
        ], None
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff(head)
    if content_type is None:
        return [
            _("Only PDF, JPEG or PNG files may be attached; this file is not one of them.")
        ], None
    ext = PurePath(upload.name or "").suffix.lower()
    if _EXTENSIONS.get(ext) != content_type:
        return [_("The file name extension does not match its content.")], None
    return [], content_type


@transaction.atomic
def attach_evidence(
    *,
    actor: User,
    person: Person,
    kind: str,
    date: dt.date | None,
    upload: UploadedFile | None,
    note: str = "",
) -> PersonDocument:
    """Attach a scan or PDF to ``person``'s record (Cap.EDIT_PEOPLE, in the actor's area)."""
    require_cap(actor, Cap.EDIT_PEOPLE)
    require_actor_area(actor, person.registration_unit_id, _("This citizen is outside your area."))
    errors: dict[str, list[str]] = {}
    if kind not in EvidenceKind.values:
        errors["kind"] = [_("Choose the kind of document.")]
    if date is None:
        errors["date"] = [_("Enter the date (dd/mm/yyyy).")]
    elif date > today():
        errors["date"] = [_("This date cannot be in the future.")]
    problems, content_type = check_upload(upload)
    if problems:
        errors["file"] = problems
    if errors:
        raise ValidationError(errors)
    assert upload is not None and content_type is not None and date is not None
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    document = PersonDocument(
        person=person,
        kind=kind,
        date=date,
        original_name=PurePath(upload.name or "").name[:255],
        content_type=content_type,
        size=upload.size or 0,
        sha256=digest.hexdigest(),
        note=note.strip(),
        uploaded_by=actor,
    )
    document.file.save(document.original_name, upload, save=False)
    stored = document.file.name
    try:
        document.save()
        record_event(
            actor=actor,
            action="documents.evidence_attach",
            obj=person,
            scope_unit=person.registration_unit,
            changes={
                "evidence": [None, str(document.public_id)],
                "kind": [None, kind],
                "date": [None, date],
                "file": [None, document.original_name],
                "sha256": [None, document.sha256],
            },
            reason=note.strip(),
        )
    except Exception:
        document.file.storage.delete(stored)
        raise
    return document
