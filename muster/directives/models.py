"""Directives (chỉ thị), their tasks (nhiệm vụ), targets (chỉ tiêu), responsibility and reports.

Reading order: a ``Directive`` has ordered ``Task``s; a task has ``Target``s, each numeric (a
value with a unit and a due date), a ceiling ("at most") or a milestone checklist; a target may
be split into commune ``TargetShare``s and may be bound to a live data source (``sources.py``).
Lead and coordinating units are units of the hierarchy or ``Body``s (People's Committee, police,
Fatherland Front...). Responsible units send periodic ``Report``s with figures (``ReportLine``)
and ``Evidence``; an approved report is locked and a correction is a new revision.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muster.directives.periods import Frequency
from muster.directives.rollup import Direction


class FrequencyChoice(models.TextChoices):
    MONTHLY = Frequency.MONTHLY.value, _("Monthly")
    QUARTERLY = Frequency.QUARTERLY.value, _("Quarterly")
    HALF_YEARLY = Frequency.HALF_YEARLY.value, _("Half-yearly")
    YEARLY = Frequency.YEARLY.value, _("Yearly")


class BodyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    POLICE = "police", _("Police")
    FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front")
    PARTY = "party", _("Party committee or office")
    DEPARTMENT = "department", _("Department or board")
    MILITARY = "military", _("Military command")
    OTHER = "other", _("Other body")


class Body(models.Model):
    """A body that is not a unit of the military hierarchy: UBND, Công an, MTTQ, a phòng/ban.

    It sits at a unit of the hierarchy (the district's police sit at the district), which
    decides who sees it.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices)
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="directive_body_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Directive(models.Model):
    """A directive (chỉ thị) of a Party committee or authority, with its full text."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issuer = models.CharField(_("issuer"), max_length=200)
    number = models.CharField(_("number"), max_length=60, blank=True)
    issued_on = models.DateField(_("date issued"))
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    full_text = models.TextField(_("full text"), blank=True)
    unit = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("issuing unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer = models.CharField(_("signed by"), max_length=120, blank=True)
    frequency = models.CharField(
        _("reporting frequency"),
        max_length=20,
        choices=FrequencyChoice.choices,
        default=FrequencyChoice.MONTHLY,
    )
    report_due_working_days = models.PositiveSmallIntegerField(
        _("reports due (working days after the period)"), default=5
    )
    #: The issuing unit and every unit that answers for a task, target or share. Kept by the
    #: services; scope checks go through it (a commune sees the directive it reports on).
    concerned_units = models.ManyToManyField("geo.Unit", related_name="+", blank=True)

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-year", "-issued_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1945, year__lte=2100), name="directive_year_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Responsibility(models.Model):
    """Who carries out a task or a target: a lead unit or body, and the units and bodies that
    coordinate."""

    lead_unit = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("lead unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead_body = models.ForeignKey(
        Body,
        verbose_name=_("lead body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    coordinating_units = models.ManyToManyField("geo.Unit", related_name="+", blank=True)
    coordinating_bodies = models.ManyToManyField(Body, related_name="+", blank=True)

    class Meta:
        abstract = True


class Task(Responsibility):
    """One numbered task (nhiệm vụ) of a directive."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["directive", "order"]
        constraints = [
            models.UniqueConstraint(fields=["directive", "order"], name="task_unique_order")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class TargetKind(models.TextChoices):
    NUMERIC = "numeric", _("Numeric")
    MILESTONES = "milestones", _("Milestone checklist")


class DirectionChoice(models.TextChoices):
    AT_LEAST = Direction.AT_LEAST.value, _("Reach at least")
    AT_MOST = Direction.AT_MOST.value, _("Stay within (at most)")


class Target(Responsibility):
    """A measurable target (chỉ tiêu) of a task."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="targets")
    order = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=TargetKind.choices)
    direction = models.CharField(
        _("direction"),
        max_length=10,
        choices=DirectionChoice.choices,
        default=DirectionChoice.AT_LEAST,
    )
    value = models.DecimalField(
        _("planned value"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    unit_label = models.CharField(_("unit of measure"), max_length=30, blank=True)
    start_date = models.DateField(_("start date"))
    due_date = models.DateField(_("due date"))
    #: A data source registered by an app (``muster.core.registry``); blank when reported by hand.
    source = models.CharField(_("live data source"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["task__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["task", "order"], name="target_unique_order"),
            models.CheckConstraint(
                condition=Q(kind="milestones") | Q(value__isnull=False, value__gte=0),
                name="target_numeric_has_value",
            ),
            models.CheckConstraint(
                condition=Q(due_date__gte=models.F("start_date")), name="target_due_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class TargetShare(models.Model):
    """A commune's part (phần giao) of a split target."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="shares")
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("planned value"), max_digits=14, decimal_places=3)

    class Meta:
        verbose_name = _("target share")
        verbose_name_plural = _("target shares")
        constraints = [
            models.UniqueConstraint(fields=["target", "unit"], name="share_unique_unit"),
            models.CheckConstraint(condition=Q(value__gte=0), name="share_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.target} · {self.unit}"


class Milestone(models.Model):
    """One item of a milestone checklist (mốc)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="milestones")
    order = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["target", "order"]
        constraints = [
            models.UniqueConstraint(fields=["target", "order"], name="milestone_unique_order")
        ]

    def __str__(self) -> str:
        return self.title


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, awaiting approval")
    RETURNED = "returned", _("Sent back for correction")
    APPROVED = "approved", _("Approved (locked)")
    SUPERSEDED = "superseded", _("Superseded by a later revision (locked)")


#: Statuses in which a report can no longer be edited.
LOCKED_STATUSES = frozenset({ReportStatus.APPROVED, ReportStatus.SUPERSEDED})


class Report(models.Model):
    """A unit's progress report (báo cáo kết quả) on a directive for one period.

    Maker-checker: the unit drafts and submits; an officer above approves (locking the period)
    or sends it back with a comment. A correction after approval is a new revision that points
    to the one it corrects; when approved, the older revision becomes "superseded".
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    directive = models.ForeignKey(Directive, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("reporting unit"), on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due_on = models.DateField(_("due on"))
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    results = models.TextField(_("results"), blank=True)
    shortcomings = models.TextField(_("shortcomings and difficulties"), blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-period_start", "unit__name", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "unit", "period_start", "revision"],
                name="report_unique_revision",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_order",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "superseded"])
                | Q(reviewed_by__isnull=False, reviewed_on__isnull=False),
                name="report_approved_has_reviewer",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(submitted_by__isnull=False, submitted_on__isnull=False),
                name="report_submitted_has_maker",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period_start:%m/%Y} r{self.revision}"

    @property
    def is_locked(self) -> bool:
        return self.status in LOCKED_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


class ReportLine(models.Model):
    """One figure of a report: the value achieved **to date** for one target."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="lines")
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("achieved to date"), max_digits=14, decimal_places=3)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "target"], name="report_line_unique"),
            models.CheckConstraint(condition=Q(value__gte=0), name="report_line_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.value}"


class Evidence(models.Model):
    """An evidence file (minh chứng) of a report: PDF, JPEG or PNG, checked by its magic bytes.

    Stored in the database with its SHA-256, so a report and its proof are written in one
    transaction and travel together in a backup.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()
    uploaded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", null=True
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.filename
