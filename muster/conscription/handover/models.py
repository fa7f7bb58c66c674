"""Models of the call-up sub-domain `handover` (app label ``conscription``)."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muster.conscription.campaign.models import CampaignCommune, Service
from muster.conscription.decisions.models import CallupDecision


class ReceivingUnit(models.Model):
    """A unit that receives recruits (đơn vị nhận quân), of the army or the police."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    service = models.CharField(_("service"), max_length=8, choices=Service.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("receiving unit")
        verbose_name_plural = _("receiving units")
        ordering = ["service", "name"]

    def __str__(self) -> str:
        return self.name


class HandoverPlan(models.Model):
    """How many recruits a receiving unit takes from a commune (chốt quân số)."""

    commune = models.ForeignKey(
        CampaignCommune, on_delete=models.CASCADE, related_name="handover_plans"
    )
    receiving_unit = models.ForeignKey(ReceivingUnit, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("number"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "receiving_unit"], name="handoverplan_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="handoverplan_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.receiving_unit_id} {self.number}"


class Handover(models.Model):
    """The handover record (biên bản giao nhận quân) of one commune's recruits to one
    receiving unit on one day."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey(CampaignCommune, on_delete=models.PROTECT, related_name="handovers")
    receiving_unit = models.ForeignKey(
        ReceivingUnit, on_delete=models.PROTECT, related_name="handovers"
    )
    handed_on = models.DateField(_("handed over on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    locality_signer = models.CharField(_("signed for the locality by"), max_length=120)
    unit_signer = models.CharField(_("signed for the receiving unit by"), max_length=120)
    minutes = models.TextField(_("minutes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("handover record")
        verbose_name_plural = _("handover records")
        ordering = ["handed_on", "id"]

    def __str__(self) -> str:
        return f"{self.handed_on:%d/%m/%Y}"


class Recruit(models.Model):
    """A citizen handed over under his call-up decision (tân binh), with the receiving unit's
    re-examination (khám phúc tra, within 10 days of handover)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    handover = models.ForeignKey(Handover, on_delete=models.PROTECT, related_name="recruits")
    decision = models.OneToOneField(
        CallupDecision, on_delete=models.PROTECT, related_name="recruit"
    )
    rechecked_on = models.DateField(_("re-examined on"), null=True, blank=True)
    recheck_fit = models.BooleanField(_("fit at re-examination"), null=True, blank=True)
    recheck_class = models.PositiveSmallIntegerField(
        _("health class at re-examination"), null=True, blank=True
    )
    recheck_note = models.CharField(_("re-examination note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("recruit")
        verbose_name_plural = _("recruits")
        constraints = [
            models.CheckConstraint(
                condition=Q(recheck_fit__isnull=True) | Q(rechecked_on__isnull=False),
                name="recruit_recheck_has_date",
            ),
            models.CheckConstraint(
                condition=Q(recheck_class__isnull=True)
                | (Q(recheck_class__gte=1) & Q(recheck_class__lte=6)),
                name="recruit_recheck_class_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.decision_id)


class ReturnReason(models.TextChoices):
    HEALTH = "health", _("Health (unfit at re-examination)")
    POLITICAL = "political", _("Political standard (verification)")
    PROCEDURE = "procedure", _("Legal procedure or file")
    STANDARDS = "standards", _("Standards (re-check within 7 days)")
    OTHER = "other", _("Other")


class RecruitReturn(models.Model):
    """A recruit sent back to the locality (trả về) after handover, with the reason and the two
    health forms the file must hold (TT 105/2023 Art 13(4)(c))."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recruit = models.OneToOneField(Recruit, on_delete=models.PROTECT, related_name="returned")
    returned_on = models.DateField(_("returned on"))
    reason_kind = models.CharField(_("reason"), max_length=10, choices=ReturnReason.choices)
    reason = models.CharField(_("details"), max_length=255)
    council_form_ref = models.CharField(_("council's health form"), max_length=80, blank=True)
    recheck_form_ref = models.CharField(_("unit's re-examination form"), max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("returned recruit")
        verbose_name_plural = _("returned recruits")
        ordering = ["returned_on", "id"]

    def __str__(self) -> str:
        return f"{self.reason_kind} {self.returned_on:%d/%m/%Y}"


class Replacement(models.Model):
    """A replacement after handover (bù đổi): the standby citizen called in place of a returned
    recruit. ``late`` past 15 days of handover, ``over_cap`` beyond 2% of the locality's quota
    with that unit (TT 148/2018 Art 7(3); the locality is the campaign's unit, which hands the
    recruits over: handover_services.replacement_cap_for); both are warnings, kept with the
    record. ``skip_reason``: why the next citizen of the standby list was passed over."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    returned = models.OneToOneField(
        RecruitReturn, on_delete=models.PROTECT, related_name="replacement"
    )
    decision = models.OneToOneField(
        CallupDecision, on_delete=models.PROTECT, related_name="replacing"
    )
    replaced_on = models.DateField(_("replaced on"))
    late = models.BooleanField(_("past the 15-day window"), default=False)
    over_cap = models.BooleanField(_("beyond the 2% cap"), default=False)
    skip_reason = models.CharField(
        _("reason for passing over the next standby citizen"), max_length=255, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("replacement")
        verbose_name_plural = _("replacements")
        ordering = ["replaced_on", "id"]

    def __str__(self) -> str:
        return f"{self.replaced_on:%d/%m/%Y}"


# ----------------------------------------------------------------------------- postings
