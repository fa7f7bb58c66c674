"""The militia's training (huấn luyện, Law 48/2019 Art 28; TT 69/2020): the commune's yearly
plan per component (kế hoạch huấn luyện) with the days each member owes by the rule of the
plan's year, the sessions held (training, competition or drill: hội thao, diễn tập), and each
member's attendance with the days attended and the result. App label ``militia``."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from muster.militia.choices import COMPONENT_CHOICES


class TrainingPlan(models.Model):
    """The commune's training plan of one component for a calendar ``year``. The days owed
    per member come from the rule of the plan's year (``militia.training.days``):
    ``first_year_days`` for a member in his first year of service, ``later_days`` after
    (standing militia: the same 60 both); ``legal_citation`` and ``confirmed`` keep the
    rule's citation and whether the legal reference confirms it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    holder = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="militia_training_plans",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    component = models.CharField(_("component"), max_length=20, choices=COMPONENT_CHOICES)
    first_year_days = models.PositiveSmallIntegerField(_("days in the first year"))
    later_days = models.PositiveSmallIntegerField(_("days from the second year"))
    legal_citation = models.CharField(_("legal basis"), max_length=255, blank=True)
    confirmed = models.BooleanField(_("rule confirmed"), default=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        ordering = ("holder_id", "-year", "component")
        constraints = [
            models.UniqueConstraint(
                fields=("holder", "year", "component"), name="trainingplan_one_per_component"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_component_display()} {self.year}"


class TrainerLevel(models.TextChoices):
    """Who trains (TT 69/2020 Art 7, pre-2025 text; the split after the 2025 reform is not
    verified)."""

    PROVINCE = "province", _("Province military command")
    DISTRICT = "district", _("District or regional military command")
    COMMUNE = "commune", _("Commune military command")


class SessionKind(models.TextChoices):
    TRAINING = "training", _("Training")
    COMPETITION = "competition", _("Competition")
    DRILL = "drill", _("Drill")


class TrainingSession(models.Model):
    """A session of a plan (đợt huấn luyện, hội thao, diễn tập) from ``starts_on`` to
    ``ends_on``, counting ``days`` training days (at most the days of the span); ``unit``
    when it trains one militia unit only (else every member of the plan's component)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        TrainingPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="sessions"
    )
    unit = models.ForeignKey(
        "militia.MilitiaUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_sessions",
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=SessionKind.choices, default=SessionKind.TRAINING
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    days = models.PositiveSmallIntegerField(_("days counted"))
    place = models.CharField(_("place"), max_length=160)
    subject = models.CharField(_("subject"), max_length=255)
    trainer_level = models.CharField(
        _("trained by"),
        max_length=10,
        choices=TrainerLevel.choices,
        default=TrainerLevel.COMMUNE,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ("plan_id", "starts_on", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="trainingsession_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(days__gte=1), name="trainingsession_days_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.starts_on:%d/%m/%Y})"


class Result(models.TextChoices):
    GOOD = "good", _("Good")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")


class Attendance(models.Model):
    """A member at a session: ``present`` with the ``days`` attended (0 when absent) and the
    optional ``result`` (đạt loại giỏi, đạt, không đạt; at a competition, the member's
    result)."""

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    membership = models.ForeignKey(
        "militia.Membership",
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="training_attendances",
    )
    present = models.BooleanField(_("present"), default=True)
    days = models.PositiveSmallIntegerField(_("days attended"), default=0)
    result = models.CharField(_("result"), max_length=6, choices=Result.choices, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ("session_id", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("session", "membership"), name="attendance_one_per_member"
            ),
            models.CheckConstraint(
                condition=Q(present=True) | Q(days=0, result=""),
                name="attendance_absent_has_no_days",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} @ {self.session_id}"
