"""Other forces a commune can call (lực lượng khác): a team of an agency, an enterprise, the
youth union, the Red Cross ..., entered by hand with how many people it brings."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class OtherForce(models.Model):
    """A force outside the militia and the reserve that the commune (``holder``) can call
    from ``available_from`` until the day before ``available_to`` (empty while it lasts)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    holder = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="other_forces",
    )
    name = models.CharField(_("name"), max_length=160)
    organisation = models.CharField(_("organisation"), max_length=200)
    headcount = models.PositiveIntegerField(_("people"))
    contact = models.CharField(_("contact"), max_length=120, blank=True)
    available_from = models.DateField(_("available from"))
    available_to = models.DateField(_("available to"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("other force")
        verbose_name_plural = _("other forces")
        ordering = ("holder_id", "organisation", "name")
        constraints = [
            models.CheckConstraint(condition=Q(headcount__gte=1), name="otherforce_headcount"),
            models.CheckConstraint(
                condition=Q(available_to__isnull=True) | Q(available_to__gt=F("available_from")),
                name="otherforce_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"
