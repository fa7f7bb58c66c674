"""The province's target for the militia's strength (chỉ tiêu tỷ lệ dân quân so với dân số):
the share of the population the force should reach in a year, set by a decision of the
province. App label ``militia``."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StrengthTarget(models.Model):
    """The ratio of the militia to the population (in %) a ``province`` sets for ``year``,
    with the province's decision (``decision_ref``) and its citation text."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    province = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="militia_strength_targets",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    ratio_pct = models.DecimalField(
        _("target share of the population (%)"), max_digits=5, decimal_places=2
    )
    decision_ref = models.CharField(_("province's decision"), max_length=80)
    citation = models.CharField(_("legal basis"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("militia strength target")
        verbose_name_plural = _("militia strength targets")
        ordering = ("province_id", "year")
        constraints = [
            models.UniqueConstraint(fields=("province", "year"), name="strengthtarget_one_a_year"),
            models.CheckConstraint(
                condition=Q(ratio_pct__gt=0) & Q(ratio_pct__lte=100),
                name="strengthtarget_ratio_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province} {self.year}: {self.ratio_pct}%"
