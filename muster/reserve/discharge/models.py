"""A discharged soldier received by his commune (tiếp nhận quân nhân xuất ngũ)."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class DischargeReception(models.Model):
    """A soldier back home after his service: served from ``service_started_on`` (the call-up
    handover, when ``recruit`` links it) through ``discharged_on`` (the last day served),
    home on ``arrived_home_on``; he must register in the reserve by ``registration_due_on``
    (15 working days after reaching home, Law 78/2015 Art 45; ``legal_citation``).
    ``return_note``: the school or employer he goes back to (Art 50(3)), and the job-training
    support asked for."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="discharge_receptions"
    )
    holder = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="discharge_receptions",
    )
    recruit = models.ForeignKey(
        "conscription.Recruit",
        verbose_name=_("call-up handover"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="discharge_receptions",
    )
    service_started_on = models.DateField(_("service started on"))
    discharged_on = models.DateField(_("discharged on"))
    arrived_home_on = models.DateField(_("arrived home on"))
    registration_due_on = models.DateField(_("reserve registration due on"))
    legal_citation = models.CharField(_("legal basis"), max_length=255)
    return_note = models.CharField(_("return to school or employer"), max_length=255, blank=True)
    received_on = models.DateField(_("received on"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("discharged soldier received")
        verbose_name_plural = _("discharged soldiers received")
        ordering = ("holder_id", "-arrived_home_on")
        constraints = [
            models.UniqueConstraint(
                fields=("person", "discharged_on"), name="reception_one_per_discharge"
            ),
            models.CheckConstraint(
                condition=Q(discharged_on__gte=F("service_started_on"))
                & Q(arrived_home_on__gte=F("discharged_on")),
                name="reception_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.discharged_on:%d/%m/%Y}"
