"""Models of the call-up sub-domain `campaign` (app label ``conscription``)."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muster.geo.models import UnitKind

#: The kinds of unit a campaign belongs to (its communes are the commune-level units under it).
CAMPAIGN_UNIT_KINDS = frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.DEFENCE_REGION})


class Service(models.TextChoices):
    ARMY = "army", _("Army")
    POLICE = "police", _("Police (CAND)")


class Campaign(models.Model):
    """A yearly call-up campaign (đợt tuyển quân) of one province, district or regional
    defence command: its calendar and, once split, the allocation certificate."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="campaigns"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    call = models.PositiveSmallIntegerField(_("call"), default=1)
    pool_review_by = models.DateField(_("pool review by"), null=True, blank=True)
    screening_start = models.DateField(_("screening from"), null=True, blank=True)
    screening_end = models.DateField(_("screening to"), null=True, blank=True)
    exam_start = models.DateField(_("examination from"))
    exam_end = models.DateField(_("examination to"))
    nomination_by = models.DateField(
        _("village nomination and council review by"), null=True, blank=True
    )
    #: The province's plan for the council's approval rounds (xét duyệt lần 1, lần 2),
    #: entered once; the rounds held after their day are flagged late.
    first_approval_by = models.DateField(_("first approval round by"), null=True, blank=True)
    second_approval_by = models.DateField(_("second approval round by"), null=True, blank=True)
    decisions_by = models.DateField(_("decisions issued by"), null=True, blank=True)
    handover_start = models.DateField(_("handover day"))
    handover_end = models.DateField(_("last handover day"), null=True, blank=True)
    certificate = models.JSONField(_("allocation certificate"), null=True, blank=True)
    certificate_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("call-up campaign")
        verbose_name_plural = _("call-up campaigns")
        ordering = ["-year", "call", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "call"], name="campaign_once"),
            models.CheckConstraint(condition=Q(call__gte=1), name="campaign_call_positive"),
            models.CheckConstraint(
                condition=Q(exam_end__gte=models.F("exam_start")), name="campaign_exam_order"
            ),
            models.CheckConstraint(
                condition=Q(handover_start__gt=models.F("exam_end")),
                name="campaign_handover_after_exam",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}/{self.call}"


class CampaignCommune(models.Model):
    """A commune taking part in a campaign: its pool as counted for the split."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="communes")
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    #: A pool count reported by the commune when its registry is incomplete.
    stored_pool = models.PositiveIntegerField(_("reported callable pool"), null=True, blank=True)
    #: The pool used by the last split, and where it came from ("registry" or "stored").
    pool_used = models.PositiveIntegerField(null=True, blank=True)
    pool_source = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="campaigncommune_once")
        ]

    def __str__(self) -> str:
        return str(self.unit_id)


class Quota(models.Model):
    """The quota received from above for one service, with its source document."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="quotas")
    service = models.CharField(_("service"), max_length=8, choices=Service.choices)
    value = models.PositiveIntegerField(_("quota"))
    source_document = models.CharField(_("source document"), max_length=255)
    received_on = models.DateField(_("received on"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "service"], name="quota_once")]

    def __str__(self) -> str:
        return f"{self.service} {self.value}"


class Allocation(models.Model):
    """A commune's share of one service's quota: computed, and final after any override."""

    commune = models.ForeignKey(
        CampaignCommune, on_delete=models.CASCADE, related_name="allocations"
    )
    service = models.CharField(max_length=8, choices=Service.choices)
    computed = models.PositiveIntegerField()
    final = models.PositiveIntegerField()
    override_reason = models.CharField(max_length=255, blank=True)
    override_authority = models.CharField(max_length=120, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "service"], name="allocation_once"),
            # An override carries its deciding authority. (``final`` may differ from
            # ``computed`` without one: the other communes share what an override leaves.)
            models.CheckConstraint(
                condition=Q(override_reason="") | ~Q(override_authority=""),
                name="allocation_override_has_authority",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.final}"


class QuotaHistory(models.Model):
    """A past year's result for one commune and service (the demo holds 2024)."""

    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    service = models.CharField(max_length=8, choices=Service.choices)
    quota = models.PositiveIntegerField()
    callable_pool = models.PositiveIntegerField(null=True, blank=True)
    handed_over = models.PositiveIntegerField(null=True, blank=True)
    replacements = models.PositiveIntegerField(default=0)
    #: Where the figures come from (a campaign of Muster, the units a merged commune came
    #: from, or "synthetic" for demo figures).
    note = models.CharField(_("source of the figures"), max_length=255, blank=True)

    class Meta:
        ordering = ["year", "unit_id", "service"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "service"], name="quotahistory_once")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.service} {self.quota}"
