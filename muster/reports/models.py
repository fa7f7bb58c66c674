"""Export jobs: a report or list rendered off the request (Excel, PDF, Word).

The database is the queue: a job is ``queued`` when asked for, a worker claims it with a
conditional UPDATE (``state = queued`` → ``running``; the row count says who won), renders it
while writing its progress, and stores the file. Only the job's owner may see or download it.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ExportKind(models.TextChoices):
    RESULTS = "results", _("Call-up results report")
    EVENNESS = "evenness", _("Evenness across communes")
    CALLUP_LIST = "callup_list", _("Call-up list")
    DEFERRAL_LIST = "deferral_list", _("Deferral list")
    EXEMPTION_LIST = "exemption_list", _("Exemption list")


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", "Excel"
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word"


class ExportState(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ExportJob(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="export_jobs")
    kind = models.CharField(_("report"), max_length=16, choices=ExportKind.choices)
    fmt = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    campaign = models.ForeignKey(
        "conscription.Campaign", on_delete=models.CASCADE, related_name="export_jobs"
    )
    #: The unit the report covers (a commune, or a district / PTKV / province and its communes).
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        _("state"), max_length=8, choices=ExportState.choices, default=ExportState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    message = models.CharField(max_length=200, blank=True)
    #: How many times a worker claimed the job (1 unless a stale job was put back).
    attempts = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=80, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    content = models.BinaryField(default=b"")
    size = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "created_at"], name="exportjob_queue")]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="exportjob_progress"),
            models.CheckConstraint(
                condition=~Q(state="done") | (~Q(filename="") & Q(finished_at__isnull=False)),
                name="exportjob_done_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}.{self.fmt} {self.state}"
