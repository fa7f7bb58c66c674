"""The rear policy's records: support cases, entitlements and visits of the families of
serving soldiers (the soldier is a call-up recruit handed over and not yet home)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SupportKind(models.TextChoices):
    HOUSE = "house", _("House collapsed, washed away, burnt, relocated or heavy loss")
    ILLNESS = "illness", _("Relative ill for a month or more, or 7 days or more in hospital")
    DEATH = "death", _("Relative died or went missing")


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent to the unit")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class RelativeKind(models.TextChoices):
    FATHER = "father", _("Father")
    MOTHER = "mother", _("Mother")
    FATHER_IN_LAW = "father_in_law", _("Father-in-law")
    MOTHER_IN_LAW = "mother_in_law", _("Mother-in-law")
    GUARDIAN = "guardian", _("Legal guardian")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    ADOPTED_CHILD = "adopted_child", _("Adopted child")


class SupportCase(models.Model):
    """One emergency support case (trợ cấp khó khăn đột xuất) of a serving soldier's family:
    the amount is the rule's on the event day (``rule_code``, ``amount_confirmed``); the
    regiment decides by ``decision_due_on``; missing papers by ``papers_due_on``."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey(
        "geo.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    recruit = models.ForeignKey(
        "conscription.Recruit",
        verbose_name=_("call-up handover"),
        on_delete=models.PROTECT,
        related_name="rear_cases",
    )
    soldier = models.ForeignKey(
        "people.Person", verbose_name=_("soldier"), on_delete=models.PROTECT, related_name="+"
    )
    relative = models.ForeignKey(
        "people.FamilyTie",
        verbose_name=_("relative"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rear_cases",
    )
    kind = models.CharField(_("kind of support"), max_length=10, choices=SupportKind.choices)
    event_on = models.DateField(_("event date"))
    ill_days = models.PositiveSmallIntegerField(_("days ill"), null=True, blank=True)
    hospital_days = models.PositiveSmallIntegerField(
        _("days in hospital (one stay)"), null=True, blank=True
    )
    amount = models.PositiveIntegerField(_("amount (VND)"))
    amount_confirmed = models.BooleanField(_("amount verified"), default=False)
    rule_code = models.CharField(_("rule"), max_length=60)
    legal_citation = models.CharField(_("legal basis"), max_length=255)
    commune_confirmed_on = models.DateField(_("confirmed by the commune on"), null=True, blank=True)
    sent_on = models.DateField(_("sent to the unit on"), null=True, blank=True)
    decision_due_on = models.DateField(_("decision due on"), null=True, blank=True)
    papers_missing = models.BooleanField(_("papers missing"), default=False)
    papers_due_on = models.DateField(_("missing papers due on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_ref = models.CharField(_("decision number"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.DRAFT
    )
    refusal_reason = models.CharField(_("reason for refusal"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support case")
        verbose_name_plural = _("support cases")
        ordering = ["-event_on", "-id"]
        indexes = [models.Index(fields=["soldier", "kind", "event_on"], name="rearcase_cap")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="house") | Q(relative__isnull=False),
                name="rearcase_relative_needed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.event_on:%d/%m/%Y}"


class EntitlementKind(models.TextChoices):
    HEALTH_INSURANCE = "health_insurance", _("Health insurance card issued")
    TUITION = "tuition", _("Tuition exemption or reduction")


class SchoolKind(models.TextChoices):
    NONE = "", _("—")
    PUBLIC = "public", _("Public general school")
    PRIVATE = "private", _("Private general school")


class Entitlement(models.Model):
    """An entitlement granted to one relative: a health insurance card, or a child's tuition
    exemption or reduction at a public or private general school."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey(
        "geo.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    recruit = models.ForeignKey(
        "conscription.Recruit", on_delete=models.PROTECT, related_name="rear_entitlements"
    )
    relative = models.ForeignKey(
        "people.FamilyTie",
        verbose_name=_("relative"),
        on_delete=models.PROTECT,
        related_name="rear_entitlements",
    )
    kind = models.CharField(_("entitlement"), max_length=20, choices=EntitlementKind.choices)
    reference = models.CharField(_("card number or school"), max_length=120)
    school_kind = models.CharField(
        _("school"), max_length=10, choices=SchoolKind.choices, blank=True
    )
    granted_on = models.DateField(_("granted on"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("entitlement")
        verbose_name_plural = _("entitlements")
        ordering = ["relative_id", "kind", "-granted_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.granted_on:%d/%m/%Y}"


class Occasion(models.TextChoices):
    TET = "tet", _("Lunar New Year (Tết)")
    ARMY_DAY = "army_day", _("22 December (Army Day)")
    OTHER = "other", _("Other")


class Visit(models.Model):
    """A visit to a serving soldier's family (thăm hỏi, tặng quà) with the gift and its value."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey(
        "geo.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    recruit = models.ForeignKey(
        "conscription.Recruit",
        verbose_name=_("soldier"),
        on_delete=models.PROTECT,
        related_name="rear_visits",
    )
    occasion = models.CharField(_("occasion"), max_length=10, choices=Occasion.choices)
    visited_on = models.DateField(_("visited on"))
    gift = models.CharField(_("gift"), max_length=200, blank=True)
    amount = models.PositiveIntegerField(_("amount (VND)"), default=0)
    visitors = models.CharField(_("visited by"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("family visit")
        verbose_name_plural = _("family visits")
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_occasion_display()} {self.visited_on:%d/%m/%Y}"
