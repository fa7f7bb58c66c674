"""The report exports' kinds and formats. The export jobs themselves are background jobs of
``muster.jobs`` (``Job``, kinds ``reports.<kind>`` registered by ``muster.reports.exports``);
the former ``ExportJob`` table was copied there by migration ``0002_move_exports_to_jobs``."""

from __future__ import annotations

from django.db import models
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


#: The job kind (``muster.jobs.registry``) of each report.
JOB_KIND_PREFIX = "reports."


def job_kind(kind: str) -> str:
    return f"{JOB_KIND_PREFIX}{kind}"
