"""Reserve units (đơn vị dự bị động viên) and their establishment (biên chế): the posts of
each unit by military specialty (CNQS) and kind of reservist, which placement fills."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from muster.reserve.choices import FORCE_CHOICES, KIND_CHOICES, ROLE_CHOICES


class ReserveUnit(models.Model):
    """A reserve unit (Khung B) that a commune or regional command builds (xây dựng) from the
    reservists of its ``area`` (the mobilisation area, Law 53/2019 Art 16: the recruitment area
    is tied to it). ``role``: combat (chiến đấu) or combat-support (bảo đảm chiến đấu), which sets
    the age limits of Art 17; ``force``: main-force (chủ lực) or local (địa phương), placed first
    by Art 16. ``spare_percent``: the spare above full strength (Art 15(2): 10–15 %; empty = the
    rule's minimum). ``parent``: the larger unit it belongs to (a platoon in a company). In force
    from ``established_on`` to the day before ``ended_on`` (by ``decision``)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    area = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("mobilisation area"),
        on_delete=models.PROTECT,
        related_name="reserve_units",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=16, choices=ROLE_CHOICES)
    force = models.CharField(_("force"), max_length=16, choices=FORCE_CHOICES)
    spare_percent = models.PositiveSmallIntegerField(_("spare (%)"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=120, blank=True)
    established_on = models.DateField(_("established on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reserve unit")
        verbose_name_plural = _("reserve units")
        ordering = ("area_id", "code")
        constraints = [
            models.UniqueConstraint(fields=("area", "code"), name="reserveunit_code_per_area"),
            models.CheckConstraint(
                condition=Q(spare_percent__isnull=True)
                | Q(spare_percent__gte=0, spare_percent__lte=100),
                name="reserveunit_spare_percent",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gt=F("established_on")),
                name="reserveunit_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class UnitPost(models.Model):
    """``count`` posts of one reserve unit for one kind of reservist (officer, professional
    soldier, NCO or soldier) with one military specialty (``specialty_code``, CNQS) and, when
    the establishment names it, a ``rank``."""

    unit = models.ForeignKey(ReserveUnit, on_delete=models.CASCADE, related_name="posts")
    specialty_code = models.CharField(_("military specialty code"), max_length=20)
    specialty_name = models.CharField(_("military specialty"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=KIND_CHOICES)
    rank = models.CharField(_("rank"), max_length=60, blank=True)
    count = models.PositiveIntegerField(_("posts"))

    class Meta:
        verbose_name = _("establishment post")
        verbose_name_plural = _("establishment posts")
        ordering = ("unit_id", "kind", "specialty_code")
        constraints = [
            models.UniqueConstraint(
                fields=("unit", "specialty_code", "kind", "rank"), name="unitpost_one_row"
            ),
            models.CheckConstraint(condition=Q(count__gt=0), name="unitpost_count_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.specialty_code} ×{self.count}"


class CloseSpecialty(models.Model):
    """A close military specialty (chuyên nghiệp quân sự gần): a reservist of
    ``reservist_specialty`` may fill a post of ``post_specialty`` when reservists of the right
    specialty are short (Law 53/2019 Art 16 names the principle, not the list: the officer of
    the ``area`` keeps this table, and a placement of an area reads the rows of the area and
    of the areas above it)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    area = models.ForeignKey(
        "geo.Unit", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    post_specialty = models.CharField(_("post's military specialty"), max_length=20)
    reservist_specialty = models.CharField(_("close military specialty"), max_length=20)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("close military specialty")
        verbose_name_plural = _("close military specialties")
        ordering = ("area_id", "post_specialty", "reservist_specialty")
        constraints = [
            models.UniqueConstraint(
                fields=("area", "post_specialty", "reservist_specialty"),
                name="closespecialty_one_row",
            ),
            models.CheckConstraint(
                condition=~Q(post_specialty=F("reservist_specialty")),
                name="closespecialty_not_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reservist_specialty} → {self.post_specialty}"
