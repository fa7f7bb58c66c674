"""Defence works as projects (``DefenceWork``) with their legal steps (``Milestone``) and the
evidence of each step (``MilestoneEvidence``); the commune's defence and civil-defence plans
(``Plan``, ``PlanUpdate``) and drills (``Drill``).

A milestone counts (for the progress and the directive's figures) only once an officer of the
area has approved it, and an approval needs at least one evidence file."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muster.core.lawtext import choices
from muster.law.defence.cycles import DRILL_TITLES, PLAN_TITLES
from muster.law.defence.works import KIND_TITLES, STEP_TITLES


class AreaUnit(models.TextChoices):
    HECTARE = "ha", "ha"
    SQUARE_METRE = "m2", "m²"


class WorkStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    STOPPED = "stopped", _("Stopped")


class DefenceWork(models.Model):
    """A defence work of a unit (a commune, or the district / area for its own works)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="defence_works"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=choices(KIND_TITLES))
    name = models.CharField(_("name"), max_length=200)
    location = models.CharField(_("location"), max_length=200, blank=True)
    area = models.DecimalField(_("area"), max_digits=12, decimal_places=3, null=True, blank=True)
    area_unit = models.CharField(
        _("area unit"), max_length=2, choices=AreaUnit.choices, default=AreaUnit.HECTARE
    )
    budget_planned = models.DecimalField(
        _("planned budget (VND)"), max_digits=16, decimal_places=0, default=0
    )
    budget_spent = models.DecimalField(
        _("budget spent (VND)"), max_digits=16, decimal_places=0, default=0
    )
    status = models.CharField(
        _("status"), max_length=20, choices=WorkStatus.choices, default=WorkStatus.PLANNED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("defence work")
        verbose_name_plural = _("defence works")
        ordering = ("unit_id", "kind", "name")
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_planned__gte=0) & Q(budget_spent__gte=0),
                name="defencework_budget_positive",
            ),
            models.CheckConstraint(
                condition=Q(area__isnull=True) | Q(area__gt=0), name="defencework_area_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    """One legal step of a work: planned, done, then approved by an officer with evidence."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    work = models.ForeignKey(DefenceWork, on_delete=models.CASCADE, related_name="milestones")
    step = models.CharField(_("step"), max_length=20, choices=choices(STEP_TITLES))
    order = models.PositiveSmallIntegerField(_("order"))
    planned_on = models.DateField(_("planned date"), null=True, blank=True)
    done_on = models.DateField(_("done date"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ("work_id", "order")
        constraints = [
            models.UniqueConstraint(fields=("work", "step"), name="milestone_step_once"),
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True) | Q(done_on__isnull=False),
                name="milestone_approved_only_when_done",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.work} — {self.get_step_display()}"

    @property
    def approved(self) -> bool:
        return self.approved_on is not None


class MilestoneEvidence(models.Model):
    """A PDF, JPEG or PNG file proving a step (a decision, minutes, a photo)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="evidence")
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ("uploaded_at", "pk")

    def __str__(self) -> str:
        return self.filename


class Plan(models.Model):
    """A commune's defence work plan (one year) or civil defence plan (a 5-year cycle)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="defence_plans"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=choices(PLAN_TITLES))
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("defence plan")
        verbose_name_plural = _("defence plans")
        ordering = ("unit_id", "kind", "-first_year")
        constraints = [
            models.UniqueConstraint(
                fields=("unit", "kind", "first_year"), name="defenceplan_once_per_start"
            ),
            models.CheckConstraint(
                condition=Q(last_year__gte=models.F("first_year")), name="defenceplan_years"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PlanUpdate(models.Model):
    """The yearly adjustment of a civil defence plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="updates")
    year = models.PositiveSmallIntegerField(_("year"))
    approved_on = models.DateField(_("approved on"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("plan update")
        verbose_name_plural = _("plan updates")
        ordering = ("plan_id", "year")
        constraints = [
            models.UniqueConstraint(fields=("plan", "year"), name="planupdate_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.plan} — {self.year}"


class Drill(models.Model):
    """A civil defence drill or a commune defensive combat drill, planned then held."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="defence_drills"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=choices(DRILL_TITLES))
    planned_on = models.DateField(_("planned date"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("drill")
        verbose_name_plural = _("drills")
        ordering = ("unit_id", "planned_on")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.planned_on:%d/%m/%Y}"
