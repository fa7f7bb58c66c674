"""Call-out orders (lệnh huy động): an order of a commune (``holder``, the area called) for a
readiness check, a drill, a disaster response or search and rescue, with the people and assets
it calls (its lines). A draft is built from the roster; issuing it freezes the lines and
records when each was notified; each line then records its acknowledgement, its arrival at
the assembly place, or its absence with the reason; closing the order freezes it all."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from muster.militia.readiness.models import CallOutPurpose
from muster.mobilisation.choices import AUTHORITY_CHOICES, FORCE_CHOICES, KIND_CHOICES


class OrderStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    CLOSED = "closed", _("Closed")


class CallOutOrder(models.Model):
    """One order. ``authority``: who signed it (a key of the law's ``AUTHORITY_LABELS``),
    ``signed_by`` his name; ``basis_vi`` / ``basis_en``: the legal basis the law module gave
    on the order's day, kept as issued (``basis_confirmed`` False where the reference has not
    verified it). ``hazard``: what the response is for (the militia's purposes)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    holder = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="callout_orders",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)
    hazard = models.CharField(
        _("purpose"), max_length=16, choices=CallOutPurpose.choices, blank=True
    )
    number = models.CharField(_("number"), max_length=60)
    description = models.CharField(_("details"), max_length=255, blank=True)
    authority = models.CharField(_("ordered by"), max_length=30, choices=AUTHORITY_CHOICES)
    signed_by = models.CharField(_("signed by"), max_length=120)
    ordered_at = models.DateTimeField(_("ordered at"))
    assembly_place = models.CharField(_("assembly place"), max_length=200)
    assembly_at = models.DateTimeField(_("assembly time"))
    basis_vi = models.TextField(_("legal basis"), blank=True)
    basis_en = models.TextField(_("legal basis (English)"), blank=True)
    basis_confirmed = models.BooleanField(_("rules confirmed"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.DRAFT
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("call-out order")
        verbose_name_plural = _("call-out orders")
        ordering = ("-ordered_at", "pk")
        constraints = [
            models.UniqueConstraint(fields=("holder", "number"), name="calloutorder_number"),
            models.CheckConstraint(
                condition=Q(assembly_at__gte=F("ordered_at")),
                name="calloutorder_assembly_after_order",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="draft") & Q(issued_at__isnull=True) & Q(closed_at__isnull=True)
                )
                | (Q(status="issued") & Q(issued_at__isnull=False) & Q(closed_at__isnull=True))
                | (
                    Q(status="closed")
                    & Q(issued_at__isnull=False)
                    & Q(closed_at__gte=F("issued_at"))
                ),
                name="calloutorder_status_times",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.ordered_at:%d/%m/%Y}"

    @property
    def is_draft(self) -> bool:
        return self.status == OrderStatus.DRAFT

    @property
    def is_live(self) -> bool:
        return self.status == OrderStatus.ISSUED


class CallOutLine(models.Model):
    """One person, team or asset called. Exactly one of ``reservist``, ``membership``,
    ``other_force``, ``asset`` is set, as ``force`` says; ``group``: the reservist's kind, the
    member's component or the asset's kind (what the board counts by); ``label`` the name as
    called; ``headcount`` 1, or the people another force brings. ``notified_at`` is set when
    the order is issued; ``acknowledged_at``, ``arrived_at`` (arrival implies an answer), or
    ``absent`` with ``absent_reason``."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    order = models.ForeignKey(CallOutOrder, on_delete=models.CASCADE, related_name="lines")
    force = models.CharField(_("force"), max_length=12, choices=FORCE_CHOICES)
    group = models.CharField(_("group"), max_length=30, blank=True)
    reservist = models.ForeignKey(
        "reserve.Reservist", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    membership = models.ForeignKey(
        "militia.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    other_force = models.ForeignKey(
        "mobilisation.OtherForce",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
    )
    asset = models.ForeignKey(
        "reserve.Asset", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    label = models.CharField(_("name"), max_length=200)
    headcount = models.PositiveIntegerField(_("people"), default=1)
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    absent = models.BooleanField(_("absent"), default=False)
    absent_reason = models.CharField(_("reason for absence"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("line of a call-out")
        verbose_name_plural = _("lines of a call-out")
        ordering = ("order_id", "force", "group", "label", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("order", "reservist"),
                condition=Q(reservist__isnull=False),
                name="calloutline_reservist_once",
            ),
            models.UniqueConstraint(
                fields=("order", "membership"),
                condition=Q(membership__isnull=False),
                name="calloutline_member_once",
            ),
            models.UniqueConstraint(
                fields=("order", "asset"),
                condition=Q(asset__isnull=False),
                name="calloutline_asset_once",
            ),
            models.UniqueConstraint(
                fields=("order", "other_force"),
                condition=Q(other_force__isnull=False),
                name="calloutline_other_once",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        force="reservist",
                        reservist__isnull=False,
                        membership__isnull=True,
                        other_force__isnull=True,
                        asset__isnull=True,
                    )
                    | Q(
                        force="militia",
                        reservist__isnull=True,
                        membership__isnull=False,
                        other_force__isnull=True,
                        asset__isnull=True,
                    )
                    | Q(
                        force="other",
                        reservist__isnull=True,
                        membership__isnull=True,
                        other_force__isnull=False,
                        asset__isnull=True,
                    )
                    | Q(
                        force="asset",
                        reservist__isnull=True,
                        membership__isnull=True,
                        other_force__isnull=True,
                        asset__isnull=False,
                    )
                ),
                name="calloutline_one_target",
            ),
            models.CheckConstraint(
                condition=Q(arrived_at__isnull=True) | Q(acknowledged_at__isnull=False),
                name="calloutline_arrived_acknowledged",
            ),
            models.CheckConstraint(
                condition=Q(absent=False) | (Q(arrived_at__isnull=True) & ~Q(absent_reason="")),
                name="calloutline_absent_reason",
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True) | Q(notified_at__isnull=False),
                name="calloutline_notified_first",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}: {self.label}"

    @property
    def state(self) -> str:
        """arrived, absent, acknowledged, notified or waiting."""
        if self.arrived_at:
            return "arrived"
        if self.absent:
            return "absent"
        if self.acknowledged_at:
            return "acknowledged"
        return "notified" if self.notified_at else "waiting"
