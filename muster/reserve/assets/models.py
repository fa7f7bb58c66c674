"""Reserve technical assets (phương tiện kỹ thuật dự bị, PTKTDB): the vehicles, boats,
machines and equipment of citizens, agencies and enterprises registered by the commune
(Law 53/2019 Arts 7, 20–21)."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from muster.reserve.choices import ASSET_CHOICES


class OwnerKind(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    AGENCY = "agency", _("Agency or organisation")
    ENTERPRISE = "enterprise", _("Enterprise")


class Asset(models.Model):
    """One technical asset on its commune's register (``holder``) from ``registered_on`` until
    ``removed_on`` (the first day off the register, with ``removal_reason``). The owner is a
    registry person (``owner_person``) or, for an agency or enterprise, ``owner_name``.
    ``registration_number``: the plate or registration of the asset's own register (unique among
    open assets of one kind); ``features``: what placement into a unit's need compares (load,
    seats, power, type), as written on the registration."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    holder = models.ForeignKey(
        "geo.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="assets"
    )
    kind = models.CharField(_("kind of asset"), max_length=20, choices=ASSET_CHOICES)
    model_name = models.CharField(_("type and model"), max_length=160)
    registration_number = models.CharField(_("registration number"), max_length=40)
    features = models.CharField(_("features"), max_length=255, blank=True)
    year_made = models.PositiveSmallIntegerField(_("year made"), null=True, blank=True)
    owner_kind = models.CharField(_("owner"), max_length=16, choices=OwnerKind.choices)
    owner_person = models.ForeignKey(
        "people.Person",
        verbose_name=_("owner (citizen)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assets",
    )
    owner_name = models.CharField(_("owner (agency or enterprise)"), max_length=200, blank=True)
    owner_address = models.CharField(_("owner's address"), max_length=255, blank=True)
    registered_on = models.DateField(_("registered on"))
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removal_reason = models.CharField(_("reason"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reserve technical asset")
        verbose_name_plural = _("reserve technical assets")
        ordering = ("holder_id", "kind", "registration_number")
        constraints = [
            models.UniqueConstraint(
                fields=("kind", "registration_number"),
                condition=Q(removed_on__isnull=True),
                name="asset_one_open_per_registration",
            ),
            models.CheckConstraint(
                condition=(Q(owner_kind="citizen") & Q(owner_person__isnull=False))
                | (~Q(owner_kind="citizen") & ~Q(owner_name="")),
                name="asset_owner_named",
            ),
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True) | Q(removed_on__gt=F("registered_on")),
                name="asset_dates_in_order",
            ),
        ]
        indexes = [models.Index(fields=("holder", "removed_on"), name="asset_holder_open")]

    def __str__(self) -> str:
        return f"{self.registration_number} {self.model_name}"
