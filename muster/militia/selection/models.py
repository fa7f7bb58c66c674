"""Selection decisions (Law 48/2019 Arts 10–11 as amended by Law 98/2025, app label
``militia``): a registered citizen selected into the force (tuyển chọn, công nhận), deferred
(tạm hoãn, Art 11(1)(a)–(h)) or exempted (miễn, Art 11(2)(a)–(đ)) by the authority of the day,
with the decision's reference; a selection creates the membership it names."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SelectionKind(models.TextChoices):
    """The pure ``DecisionKind`` (select, defer, exempt) plus a volunteer refused (Art 11(3))."""

    SELECT = "select", _("Selected into the force")
    DEFER = "defer", _("Deferred")
    EXEMPT = "exempt", _("Exempted")
    REFUSE = "refuse", _("Volunteer not admitted")


class SelectionDecision(models.Model):
    """One decision on one citizen of the commune (``holder``). ``ground``: the code of Art 11
    (``11.1.a`` … ``11.2.đ``) for a deferral or exemption, empty for a selection; ``volunteer``:
    the citizen applied (Art 11(3)); ``authority``: who decided, by the rules of
    ``decided_on`` (``commune_chairman``, ``agency_head`` …); ``citation``: the legal basis in
    Vietnamese; ``membership``: the membership a selection created."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="militia_decisions"
    )
    holder = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="militia_decisions",
    )
    kind = models.CharField(_("decision"), max_length=8, choices=SelectionKind.choices)
    ground = models.CharField(_("ground"), max_length=8, blank=True)
    volunteer = models.BooleanField(_("volunteer"), default=False)
    decided_on = models.DateField(_("decided on"))
    authority = models.CharField(_("decided by"), max_length=40)
    citation = models.CharField(_("legal basis"), max_length=400)
    decision_ref = models.CharField(_("decision number"), max_length=80)
    note = models.CharField(_("note"), max_length=255, blank=True)
    membership = models.OneToOneField(
        "militia.Membership",
        verbose_name=_("membership"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="selection_decision",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("selection decision")
        verbose_name_plural = _("selection decisions")
        ordering = ("holder_id", "decided_on", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["select", "refuse"]) | ~Q(ground=""),
                name="militiadecision_ground_for_deferral",
            ),
            models.CheckConstraint(
                condition=~Q(kind="select") | Q(membership__isnull=False),
                name="militiadecision_select_has_membership",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person} ({self.decided_on:%d/%m/%Y})"
