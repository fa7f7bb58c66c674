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
