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
    #: Folded registration number, model, features and owner's name, for search without
    #: diacritics (kept by the services).
    search_text = models.CharField(max_length=600, editable=False, default="")
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

    @property
    def owner_label(self) -> str:
        if self.owner_person is not None:
            return self.owner_person.full_name
        return self.owner_name


class RegistrationRound(models.Model):
    """The yearly registration of a commune's technical assets (đăng ký PTKTDB hằng năm,
    Law 53/2019 Art 13 as amended by Law 98/2025 Art 7(4)) for ``year``, held from
    ``opened_on`` to ``closed_on`` (the period the commune sets; the rule
    ``reserve.assets.registration_period`` proposes one)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    holder = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="asset_rounds",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    opened_on = models.DateField(_("from"))
    closed_on = models.DateField(_("to"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("yearly asset registration")
        verbose_name_plural = _("yearly asset registrations")
        ordering = ("holder_id", "-year")
        constraints = [
            models.UniqueConstraint(fields=("holder", "year"), name="assetround_one_per_year"),
            models.CheckConstraint(
                condition=Q(closed_on__gte=F("opened_on")), name="assetround_dates_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder_id} {self.year}"


class EntryAction(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed unchanged")
    UPDATED = "updated", _("Updated")
    NEW = "new", _("Newly registered")
    REMOVED = "removed", _("Removed")


class RoundEntry(models.Model):
    """What the yearly registration ``round`` did to one ``asset`` on ``on``. One entry per
    asset and round: the latest action wins (an asset registered then updated in the same
    round stays "new"; removed is final)."""

    round = models.ForeignKey(RegistrationRound, on_delete=models.CASCADE, related_name="entries")
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="round_entries")
    action = models.CharField(_("action"), max_length=16, choices=EntryAction.choices)
    on = models.DateField(_("on"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("asset registration entry")
        verbose_name_plural = _("asset registration entries")
        ordering = ("round_id", "asset_id")
        constraints = [
            models.UniqueConstraint(fields=("round", "asset"), name="roundentry_one_per_asset"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id} {self.asset_id} {self.action}"


class AssetNeed(models.Model):
    """A reserve unit's need of ``count`` technical assets of one ``kind`` with the
    ``features`` it requires (Law 53/2019 Art 18: the right features or similar ones)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        "reserve.ReserveUnit",
        verbose_name=_("reserve unit"),
        on_delete=models.PROTECT,
        related_name="asset_needs",
    )
    kind = models.CharField(_("kind of asset"), max_length=20, choices=ASSET_CHOICES)
    features = models.CharField(_("required features"), max_length=255, blank=True)
    count = models.PositiveIntegerField(_("number needed"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("asset need")
        verbose_name_plural = _("asset needs")
        ordering = ("unit_id", "kind", "pk")
        constraints = [
            models.CheckConstraint(condition=Q(count__gt=0), name="assetneed_count_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.kind} ×{self.count}"


class AssetAssignment(models.Model):
    """``asset`` placed in a unit for ``need`` from ``assigned_on`` until ``ended_on`` (the first
    day off; empty while open). An asset serves one open need at a time (DB constraint).
    ``reason``: the proposal's explanation the officer confirmed."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="assignments")
    need = models.ForeignKey(AssetNeed, on_delete=models.PROTECT, related_name="assignments")
    assigned_on = models.DateField(_("assigned on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    reason = models.CharField(_("grounds"), max_length=400, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("asset assignment")
        verbose_name_plural = _("asset assignments")
        ordering = ("need_id", "assigned_on", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("asset",),
                condition=Q(ended_on__isnull=True),
                name="assetassignment_one_open_per_asset",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gt=F("assigned_on")),
                name="assetassignment_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.asset_id} → {self.need_id}"
