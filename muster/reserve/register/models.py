"""The reservist register (danh sách quân nhân dự bị) of a commune."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muster.core import lawtext
from muster.law.reserve.classes import GroupVerdict, group_on
from muster.law.reserve.enums import Sex
from muster.reserve.choices import CLASS_CHOICES, KIND_CHOICES


class Reservist(models.Model):
    """A reservist (quân nhân dự bị) on his commune's register from ``registered_on`` until
    ``removed_on`` (the first day off the register, with ``removal_reason``); one open row per
    person. ``reserve_class`` (hạng một / hạng hai, NCOs and soldiers only) was computed by the
    Art 24 engine on the day of registration from the person's facts, and its grounds are kept
    with their citations in ``class_reason_vi`` / ``class_reason_en``; the group A/B depends on
    the age and is computed on the day it is read (:meth:`group_on`). ``specialty_code`` and
    ``specialty_name``: the military specialty (chuyên nghiệp quân sự, CNQS) as written on his
    papers."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="reservists")
    holder = models.ForeignKey(
        "geo.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="reservists"
    )
    reception = models.ForeignKey(
        "reserve.DischargeReception",
        verbose_name=_("discharge reception"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reservists",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=KIND_CHOICES)
    reserve_class = models.PositiveSmallIntegerField(
        _("class"), choices=CLASS_CHOICES, null=True, blank=True
    )
    class_reason_vi = models.TextField(_("grounds of the class"), blank=True)
    class_reason_en = models.TextField(_("grounds of the class (English)"), blank=True)
    class_confirmed = models.BooleanField(_("rules confirmed"), default=True)
    specialty_code = models.CharField(_("military specialty code"), max_length=20, blank=True)
    specialty_name = models.CharField(_("military specialty"), max_length=120, blank=True)
    rank = models.CharField(_("rank"), max_length=60, blank=True)
    registered_on = models.DateField(_("registered on"))
    certificate_number = models.CharField(_("certificate number"), max_length=40)
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removal_reason = models.CharField(_("reason"), max_length=255, blank=True)
    removal_code = models.CharField(_("removal reason"), max_length=20, blank=True)
    training_months = models.PositiveSmallIntegerField(
        _("months of concentrated training as a reservist"), default=0
    )
    officer_specialty = models.CharField(_("officer's specialty"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reservist")
        verbose_name_plural = _("reservists")
        ordering = ("holder_id", "registered_on", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("person",),
                condition=Q(removed_on__isnull=True),
                name="reservist_one_open_per_person",
            ),
        ]
        indexes = [models.Index(fields=("holder", "removed_on"), name="reservist_holder_open")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.registered_on:%d/%m/%Y}"

    @property
    def class_reason(self) -> str:
        """The grounds of the class in the interface's language."""
        return lawtext.pick(self.class_reason_vi, self.class_reason_en)

    def group_on(self, day: dt.date) -> GroupVerdict:
        """Group A / B (or none, past the reserve service age) on ``day``."""
        sex = Sex.MALE if self.person.sex == "M" else Sex.FEMALE
        return group_on(sex, self.person.date_of_birth, day)


class HealthCheck(models.Model):
    """A reservist's yearly health check on his health card (phiếu sức khỏe, TT 105/2023 Form 1,
    Art 15): the day, the health grade (1 to 6) and the notes."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reservist = models.ForeignKey(Reservist, on_delete=models.CASCADE, related_name="health_checks")
    checked_on = models.DateField(_("checked on"))
    grade = models.PositiveSmallIntegerField(_("health grade"))
    notes = models.CharField(_("notes"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("health check")
        verbose_name_plural = _("health checks")
        ordering = ("reservist_id", "-checked_on")
        constraints = [
            models.UniqueConstraint(fields=("reservist", "checked_on"), name="health_one_a_day"),
            models.CheckConstraint(
                condition=Q(grade__gte=1) & Q(grade__lte=6), name="health_grade_1_to_6"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reservist_id} {self.checked_on:%d/%m/%Y}"


class OfficerReview(models.Model):
    """The yearly review (phúc tra) of a reserve officer (Decree 78/2020): met in person or
    through the family or employer, checked against the file."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reservist = models.ForeignKey(Reservist, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField(_("year"))
    reviewed_on = models.DateField(_("reviewed on"))
    met = models.CharField(_("met"), max_length=16)
    matches_file = models.BooleanField(_("matches the file"), default=True)
    notes = models.CharField(_("notes"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("officer review")
        verbose_name_plural = _("officer reviews")
        ordering = ("reservist_id", "-year")
        constraints = [
            models.UniqueConstraint(fields=("reservist", "year"), name="officer_review_one_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.reservist_id} {self.year}"


class Transfer(models.Model):
    """A reservist's registration moving to another commune (Law 78/2015 Art 17): asked by the
    commune he leaves on ``requested_on``; once the receiving commune accepts on
    ``accepted_on`` his row is closed (``removal_code`` "transferred") and ``new_reservist``
    opens on the receiving register with the same class and its grounds."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reservist = models.ForeignKey(Reservist, on_delete=models.PROTECT, related_name="transfers")
    from_holder = models.ForeignKey(
        "geo.Unit", on_delete=models.PROTECT, related_name="reserve_transfers_out"
    )
    to_holder = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("receiving commune"),
        on_delete=models.PROTECT,
        related_name="reserve_transfers_in",
    )
    requested_on = models.DateField(_("requested on"))
    note = models.CharField(_("notes"), max_length=255, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    new_reservist = models.OneToOneField(
        Reservist,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transferred_from",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reservist transfer")
        verbose_name_plural = _("reservist transfers")
        ordering = ("-requested_on", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("reservist",),
                condition=Q(accepted_on__isnull=True),
                name="transfer_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reservist_id} → {self.to_holder_id}"
