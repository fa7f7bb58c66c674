"""Documents (văn bản, biểu mẫu): rendering lives in ``tables``, ``excel``, ``pdf``, ``word``;
this module holds the evidence (hồ sơ, giấy tờ) attached to a citizen's record."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EvidenceKind(models.TextChoices):
    ID_CARD_COPY = "id_card", _("Copy of the ID card (CCCD)")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    HEALTH_DECLARATION = "health_declaration", _("Self-declared health form")
    SCHOOL_CERTIFICATE = "school_certificate", _("School or study certificate")
    DECISION = "decision", _("Decision")
    OTHER = "other", _("Other document")


#: The file types evidence may have, by sniffed content (never by extension alone).
CONTENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


def evidence_path(instance: PersonDocument, filename: str) -> str:
    """``evidence/<uuid>.<ext>``: the user's file name is kept only in ``original_name``."""
    ext = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(
        instance.content_type, ""
    )
    return f"evidence/{instance.public_id}{ext}"


class PersonDocument(models.Model):
    """A scan or PDF attached to a citizen (CCCD copy, birth certificate, health form, …)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=24, choices=EvidenceKind.choices)
    date = models.DateField(_("document date"))
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=40, choices=[(c, c) for c in CONTENT_TYPES])
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("note"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence document")
        verbose_name_plural = _("evidence documents")
        ordering = ["person_id", "-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(size__gt=0) & Q(size__lte=MAX_EVIDENCE_BYTES),
                name="persondocument_size",
            ),
            models.CheckConstraint(
                condition=Q(content_type__in=CONTENT_TYPES), name="persondocument_type"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"
