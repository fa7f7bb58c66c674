"""Background jobs (tác vụ nền): work asked for by a user and done off the request.

A ``Job`` is the user-facing record of one piece of work: who asked (``owner``), what
(``kind``, registered by the module that does it, and its JSON ``params``, validated by that
kind), for which unit (``scope_unit``: the owner may see the job only while it is in his area),
how far it got (``state``, ``progress``, ``message``), and what came out (the file, or the
error). It knows nothing of campaigns or reports: a module registers its kinds in
``muster.jobs.registry``.

The queue itself belongs to Django's tasks framework (``muster.jobs.tasks``); the job claims
itself with a conditional UPDATE (``state = queued`` → ``running``; the row count says who won),
so a job is never run twice even when its task is delivered twice.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="jobs")
    #: A kind registered in ``muster.jobs.registry`` (``"reports.results"``…).
    kind = models.CharField(_("kind"), max_length=64)
    #: The kind's parameters (plain JSON: public ids, not row ids), cleaned by the kind.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    #: The unit the job is about (the owner sees the job only while it is in his area).
    scope_unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        _("state"), max_length=8, choices=JobState.choices, default=JobState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    message = models.CharField(max_length=200, blank=True)
    #: How many times a worker claimed the job (1 unless a stale job was put back).
    attempts = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=80, blank=True)
    #: The id of the task (Django's tasks framework) that carries the job to a worker.
    task_id = models.CharField(max_length=64, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    content = models.BinaryField(default=b"")
    size = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "created_at"], name="job_queue"),
            models.Index(fields=["owner", "kind", "-created_at"], name="job_owner_kind"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="job_progress"),
            models.CheckConstraint(
                condition=~Q(state="done") | (~Q(filename="") & Q(finished_at__isnull=False)),
                name="job_done_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.state}"
