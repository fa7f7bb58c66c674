"""The province's own allowance amounts (Decree 72/2020 Arts 8 and 11 as amended by Decree
16/2025): the law sets floors for the village militia leader's monthly allowance and the daily
work allowance, and the provincial People's Council decides the amount paid, at least the
floor. App label ``militia``."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RateKind(models.TextChoices):
    VILLAGE_LEADER_MONTHLY = (
        "village_leader_monthly",
        _("Village militia leader: monthly allowance"),
    )
    DAILY_WORK = "daily_work", _("Daily work allowance")


class ProvinceRate(models.Model):
    """An amount the province decided (``decision``), in force from ``valid_from`` until the
    next rate of the same kind. Never below the law's floor on ``valid_from`` (checked by
    the service); a later rise of the floor makes the list pay the floor instead."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    province = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="militia_rates",
    )
    kind = models.CharField(_("allowance"), max_length=24, choices=RateKind.choices)
    valid_from = models.DateField(_("in force from"))
    amount = models.PositiveIntegerField(_("amount (VND)"))
    decision = models.CharField(_("decision"), max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("province allowance rate")
        verbose_name_plural = _("province allowance rates")
        ordering = ("province_id", "kind", "-valid_from")
        constraints = [
            models.UniqueConstraint(
                fields=("province", "kind", "valid_from"), name="provincerate_one_per_day"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="provincerate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.amount} ({self.valid_from:%d/%m/%Y})"
