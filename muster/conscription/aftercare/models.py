"""Models after the handover and of the entitlements during registration and exams (app label
``conscription``): the receiving unit's 7-day standards re-check (TT 148/2018 Art 7(3)), the
commune's record of the families notified, and the food and travel allowance lines (Decree
13/2016 Art 12 as amended by Decree 220/2025)."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muster.conscription.handover.models import Recruit


class StandardsRecheck(models.Model):
    """The receiving unit's re-check of a recruit's standards within 7 days of receipt
    (kiểm tra, xác minh lại tiêu chuẩn, TT 148/2018 Art 7(3)), beside the 10-day health
    re-examination. ``late`` past the 7 days: a warning kept with the record."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recruit = models.OneToOneField(
        Recruit, on_delete=models.PROTECT, related_name="standards_recheck"
    )
    checked_on = models.DateField(_("re-checked on"))
    meets = models.BooleanField(_("meets the standards"))
    finding = models.CharField(_("finding"), max_length=255, blank=True)
    document_ref = models.CharField(_("document"), max_length=80, blank=True)
    due_on = models.DateField(_("due by"))
    late = models.BooleanField(_("past the 7-day window"), default=False)
    legal_citation = models.CharField(_("legal basis"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("standards re-check")
        verbose_name_plural = _("standards re-checks")
        constraints = [
            models.CheckConstraint(
                condition=Q(meets=True) | ~Q(finding=""), name="stdrecheck_unmet_has_finding"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.checked_on:%d/%m/%Y}"


class NoticeMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VISIT = "visit", _("Home visit")
    LETTER = "letter", _("Letter")
    PHONE = "phone", _("Phone")
    MEETING = "meeting", _("Family meeting")


class FamilyNotice(models.Model):
    """The commune's record that a recruit's family was notified (thông báo cho gia đình
    tân binh): who was told (a relative from the registry's family ties), when, how and by
    whom."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recruit = models.ForeignKey(Recruit, on_delete=models.PROTECT, related_name="family_notices")
    tie = models.ForeignKey(
        "people.FamilyTie",
        verbose_name=_("family member"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    relative_name = models.CharField(_("family member"), max_length=120)
    relation = models.CharField(_("relation"), max_length=10)
    notified_on = models.DateField(_("notified on"))
    method = models.CharField(_("how"), max_length=10, choices=NoticeMethod.choices)
    notified_by = models.CharField(_("notified by"), max_length=120)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("family notice")
        verbose_name_plural = _("family notices")
        ordering = ["notified_on", "id"]

    def __str__(self) -> str:
        return f"{self.relative_name} {self.notified_on:%d/%m/%Y}"


class Activity(models.TextChoices):
    REGISTRATION = "registration", _("Registration")
    SCREENING = "screening", _("Preliminary screening")
    EXAMINATION = "examination", _("Health examination")


class Payer(models.TextChoices):
    COMMUNE = "commune", _("Commune military command")
    EMPLOYER = "employer", _("Employer or school")


class AllowanceLine(models.Model):
    """One citizen's day attended at registration, screening or examination and the food and
    travel allowance it earns (Decree 13/2016 Art 12 as amended): 4 hours or more is a full
    day, less half a day. The commune command pays those without an employer; the employer or
    school pays the others (``payer``). ``food`` is computed from the dated rule and kept."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("day"))
    activity = models.CharField(_("activity"), max_length=12, choices=Activity.choices)
    hours = models.DecimalField(_("hours attended"), max_digits=4, decimal_places=1)
    food = models.PositiveIntegerField(_("food allowance"))
    travel = models.PositiveIntegerField(_("travel costs"), default=0)
    payer = models.CharField(_("paid by"), max_length=8, choices=Payer.choices)
    employer = models.CharField(_("employer or school"), max_length=200, blank=True)
    legal_citation = models.CharField(_("legal basis"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("allowance line")
        verbose_name_plural = _("allowance lines")
        ordering = ["day", "person__full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "day", "activity"], name="allowanceline_once"
            ),
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(hours__lte=24), name="allowanceline_hours"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.activity}"

    @property
    def total(self) -> int:
        return self.food + self.travel
