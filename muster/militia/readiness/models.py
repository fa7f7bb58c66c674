"""Readiness of the militia (sẵn sàng chiến đấu, huy động lực lượng): a call-out (huy động) of
the commune's units, for an exercise or drill or for a real task (flood, storm, search and
rescue, ...), with its order (who decided, when, what for, which units) and, per member
called, when he acknowledged, when he arrived, or that he could not be reached. The commune
commander deploys the commune's militia with the agreement of the commune chairman and the
provincial commander (Law 48/2019 as amended by Law 98/2025 Art 10(16)). App label
``militia``."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class CallOutKind(models.TextChoices):
    EXERCISE = "exercise", _("Exercise or drill")
    REAL = "real", _("Real task")


class CallOutPurpose(models.TextChoices):
    DRILL = "drill", _("Readiness drill")
    FLOOD = "flood", _("Flood")
    STORM = "storm", _("Storm")
    SEARCH_RESCUE = "search_rescue", _("Search and rescue")
    FIRE = "fire", _("Fire or forest fire")
    SECURITY = "security", _("Security and order")
    EPIDEMIC = "epidemic", _("Epidemic")
    OTHER = "other", _("Other")


class CallOut(models.Model):
    """A call-out of militia units of a commune (``holder``). ``ordered_by`` and ``order_ref``:
    who decided and the order's number; ``ordered_at``: the order's date and time;
    ``closed_at``: when the call-out ended (the members' days of duty end on that day)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    holder = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="militia_callouts",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CallOutKind.choices)
    purpose = models.CharField(_("purpose"), max_length=16, choices=CallOutPurpose.choices)
    description = models.CharField(_("details"), max_length=255, blank=True)
    ordered_by = models.CharField(_("ordered by"), max_length=120)
    order_ref = models.CharField(_("order"), max_length=80, blank=True)
    ordered_at = models.DateTimeField(_("ordered at"))
    units = models.ManyToManyField(
        "militia.MilitiaUnit", verbose_name=_("units called"), related_name="callouts"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("call-out")
        verbose_name_plural = _("call-outs")
        ordering = ("-ordered_at",)
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_at__gte=F("ordered_at")),
                name="callout_closes_after_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.ordered_at:%d/%m/%Y %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class CallOutMember(models.Model):
    """A member called out: ``unit`` the unit he was called with; ``acknowledged_at`` when he
    answered the call, ``arrived_at`` when he reached the assembly point, ``not_reached`` when
    he could not be reached (with ``note``)."""

    callout = models.ForeignKey(CallOut, on_delete=models.CASCADE, related_name="members")
    membership = models.ForeignKey(
        "militia.Membership", on_delete=models.PROTECT, related_name="callouts"
    )
    unit = models.ForeignKey(
        "militia.MilitiaUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="callout_members",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    not_reached = models.BooleanField(_("not reached"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("member called out")
        verbose_name_plural = _("members called out")
        ordering = ("unit_id", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("callout", "membership"), name="calloutmember_once_per_callout"
            ),
            models.CheckConstraint(
                condition=Q(arrived_at__isnull=True) | Q(acknowledged_at__isnull=False),
                name="calloutmember_arrived_acknowledged",
            ),
            models.CheckConstraint(
                condition=Q(not_reached=False) | Q(acknowledged_at__isnull=True),
                name="calloutmember_not_reached_unanswered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.callout}: {self.membership}"
