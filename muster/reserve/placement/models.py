"""A placement run (lần sắp xếp) of an area and what it decided: each reservist placed into a
unit's post, each reservist refused or left unplaced, each unit's strength. The run of an area
that is ``current`` is the area's placement; older runs stay for history."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muster.core import lawtext


class PlacementRun(models.Model):
    """The placement of the reservists of ``area`` (its communes) into the units of the area
    in force on ``day``, run by ``actor``; ``current`` until a later run of the area (or of an
    area containing it) replaces it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    area = models.ForeignKey(
        "geo.Unit", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("placement day"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    current = models.BooleanField(_("current"), default=True)
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    placed = models.PositiveIntegerField(_("placed"), default=0)
    refused = models.PositiveIntegerField(_("refused"), default=0)
    unplaced = models.PositiveIntegerField(_("unplaced"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("placement run")
        verbose_name_plural = _("placement runs")
        ordering = ("-created_at", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=("area",), condition=Q(current=True), name="placementrun_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_id} {self.day:%d/%m/%Y}"


class UnitStrength(models.Model):
    """One unit's figures in a run (the pure engine's ``UnitReport``)."""

    run = models.ForeignKey(PlacementRun, on_delete=models.CASCADE, related_name="strengths")
    unit = models.ForeignKey("reserve.ReserveUnit", on_delete=models.PROTECT, related_name="+")
    establishment = models.PositiveIntegerField(_("establishment"))
    spare_target = models.PositiveIntegerField(_("spare target"))
    strength = models.PositiveIntegerField(_("strength"))
    spare = models.PositiveIntegerField(_("spare"))
    shortfall = models.PositiveIntegerField(_("shortfall"))
    spare_shortfall = models.PositiveIntegerField(_("spare shortfall"))
    right_specialty = models.PositiveIntegerField(_("right specialty"))

    class Meta:
        ordering = ("run_id", "unit__code")
        constraints = [
            models.UniqueConstraint(fields=("run", "unit"), name="unitstrength_one_per_run"),
        ]

    def __str__(self) -> str:
        return f"{self.run_id} {self.unit_id}"

    @property
    def placed(self) -> int:
        return self.strength + self.spare

    @property
    def right_rate(self) -> float | None:
        """The đúng-CNQS rate in per cent (None when nobody was placed)."""
        return 100 * self.right_specialty / self.placed if self.placed else None


class Placement(models.Model):
    """``reservist`` placed by ``run`` into a post of ``specialty`` of ``unit``: full strength
    or ``spare``, right specialty or close, from the unit's area or not, at ``stage`` (1 main
    full, 2 local full, 3 main spare, 4 local spare), with the reason and its citations."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    run = models.ForeignKey(PlacementRun, on_delete=models.CASCADE, related_name="placements")
    reservist = models.ForeignKey(
        "reserve.Reservist", on_delete=models.PROTECT, related_name="placements"
    )
    unit = models.ForeignKey(
        "reserve.ReserveUnit", on_delete=models.PROTECT, related_name="placements"
    )
    specialty = models.CharField(_("post's military specialty"), max_length=20)
    spare = models.BooleanField(_("spare"))
    right_specialty = models.BooleanField(_("right specialty"))
    own_area = models.BooleanField(_("own area"))
    stage = models.PositiveSmallIntegerField(_("priority"))
    explanation_vi = models.TextField()
    explanation_en = models.TextField()
    citations_vi = models.TextField(blank=True)
    citations_en = models.TextField(blank=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ("run_id", "unit_id", "stage", "specialty", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("run", "reservist"), name="placement_one_per_reservist"
            ),
        ]
        indexes = [models.Index(fields=("reservist", "run"), name="placement_reservist_run")]

    def __str__(self) -> str:
        return f"{self.run_id} {self.reservist_id} → {self.unit_id}"

    @property
    def explanation(self) -> str:
        return lawtext.pick(self.explanation_vi, self.explanation_en)

    @property
    def citations(self) -> str:
        return lawtext.pick(self.citations_vi, self.citations_en)


class Outcome(models.TextChoices):
    REFUSED = "refused", _("Not placed (refused)")
    UNPLACED = "unplaced", _("Eligible, no post left")


class NotPlaced(models.Model):
    """A reservist of the run's area that the run did not place: refused (unfit, no class, past
    every age limit) or eligible with no post left, with the reason and its citations."""

    run = models.ForeignKey(PlacementRun, on_delete=models.CASCADE, related_name="not_placed")
    reservist = models.ForeignKey(
        "reserve.Reservist", on_delete=models.PROTECT, related_name="not_placed"
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    reason_vi = models.TextField()
    reason_en = models.TextField()
    citations_vi = models.TextField(blank=True)
    citations_en = models.TextField(blank=True)

    class Meta:
        ordering = ("run_id", "outcome", "pk")
        constraints = [
            models.UniqueConstraint(fields=("run", "reservist"), name="notplaced_one_per_run"),
        ]

    def __str__(self) -> str:
        return f"{self.run_id} {self.reservist_id} {self.outcome}"

    @property
    def reason(self) -> str:
        return lawtext.pick(self.reason_vi, self.reason_en)

    @property
    def citations(self) -> str:
        return lawtext.pick(self.citations_vi, self.citations_en)
