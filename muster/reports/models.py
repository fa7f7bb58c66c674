"""The report exports' kinds and formats. The export jobs themselves are background jobs of
``muster.jobs`` (``Job``, kinds ``reports.<kind>`` registered by ``muster.reports.exports``);
the former ``ExportJob`` table was copied there by migration ``0002_move_exports_to_jobs``."""

from __future__ import annotations

import uuid

from django.conf import settings
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


class ReviewKind(models.TextChoices):
    """The two reviews of a call-up year a command reports to the level above."""

    PRELIMINARY = "preliminary", _("Preliminary review (sơ kết)")
    FINAL = "final", _("Final review (tổng kết)")


class AgencyReport(models.Model):
    """A review report of a campaign (sơ kết / tổng kết) a unit's military command sends to the
    level above: drafted with live figures, frozen into ``figures`` when sent, then received and
    acknowledged by the level above, each step dated (docs/reports.md, "Reviews")."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(
        "conscription.Campaign", on_delete=models.PROTECT, related_name="agency_reports"
    )
    unit = models.ForeignKey(
        "geo.Unit", on_delete=models.PROTECT, related_name="agency_reports", verbose_name=_("unit")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReviewKind.choices)
    number = models.CharField(_("number"), max_length=40, blank=True)
    results = models.TextField(_("results"), blank=True)
    shortcomings = models.TextField(_("shortcomings"), blank=True)
    lessons = models.TextField(_("lessons learnt"), blank=True)
    direction = models.TextField(_("direction for the time ahead"), blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=80, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=120, blank=True)
    #: The figures of the results report frozen on sending (empty while a draft).
    figures = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_to = models.ForeignKey(
        "geo.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agency_reports_received",
        verbose_name=_("sent to"),
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledgement = models.TextField(_("remarks of the level above"), blank=True)

    class Meta:
        ordering = ["campaign", "unit__path", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit", "kind"], name="reports_agency_report_once"
            ),
            models.CheckConstraint(
                condition=models.Q(sent_on__isnull=False) | models.Q(received_on__isnull=True),
                name="reports_agency_received_after_sent",
            ),
            models.CheckConstraint(
                condition=models.Q(received_on__isnull=False)
                | models.Q(acknowledged_on__isnull=True),
                name="reports_agency_acknowledged_after_received",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit}"

    @property
    def state(self) -> str:
        if self.acknowledged_on:
            return "acknowledged"
        if self.received_on:
            return "received"
        if self.sent_on:
            return "sent"
        return "draft"

    @property
    def state_label(self) -> str:
        return str(
            {
                "draft": _("Draft"),
                "sent": _("Sent"),
                "received": _("Received"),
                "acknowledged": _("Acknowledged"),
            }[self.state]
        )
