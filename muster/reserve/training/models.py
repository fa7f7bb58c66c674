"""Training and readiness-check call-ups of reservists (gọi huấn luyện, kiểm tra sẵn sàng động
viên, Law 53/2019 Art 22) with each reservist's answer, and the reserve meetings (sinh hoạt,
TT 84/2020) with their attendance and minutes."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from muster.reserve.choices import CALL_KIND_CHOICES, DEFERRAL_CHOICES, MEETING_CHOICES


class TrainingCall(models.Model):
    """A call of a commune's reservists (of one reserve unit, or a list) for training, extra
    training or a readiness check from ``starts_on`` to ``ends_on`` (both included)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="reserve_training_calls",
    )
    reserve_unit = models.ForeignKey(
        "reserve.ReserveUnit",
        verbose_name=_("reserve unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_calls",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CALL_KIND_CHOICES)
    title = models.CharField(_("subject"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    decision = models.CharField(_("decision"), max_length=120, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training call-up")
        verbose_name_plural = _("training call-ups")
        ordering = ("-starts_on", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="trainingcall_dates_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.starts_on:%d/%m/%Y}"

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class EntryStatus(models.TextChoices):
    CALLED = "called", _("Called")
    DEFERRED = "deferred", _("Deferred")
    PRESENT = "present", _("Attended")
    ABSENT = "absent", _("Absent")


class CallEntry(models.Model):
    """One reservist on a call: called, deferred (with the ground of Art 22(4) and who
    confirmed it), attended (``days`` attended) or absent. ``coefficient``: his salary or rank
    allowance coefficient for the training allowance (Decree 79/2020); ``state_paid``: paid from
    the state budget, so his employer pays him."""

    call = models.ForeignKey(TrainingCall, on_delete=models.CASCADE, related_name="entries")
    reservist = models.ForeignKey(
        "reserve.Reservist", on_delete=models.PROTECT, related_name="training_entries"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EntryStatus.choices, default=EntryStatus.CALLED
    )
    days = models.PositiveSmallIntegerField(_("days attended"), null=True, blank=True)
    deferral_ground = models.CharField(
        _("ground of deferral"), max_length=16, choices=DEFERRAL_CHOICES, blank=True
    )
    deferral_confirmed_by = models.CharField(_("confirmed by"), max_length=200, blank=True)
    deferral_reason_vi = models.TextField(_("ground and citation"), blank=True)
    coefficient = models.DecimalField(
        _("pay coefficient"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    state_paid = models.BooleanField(_("paid from the state budget"), default=False)

    class Meta:
        verbose_name = _("call-up entry")
        verbose_name_plural = _("call-up entries")
        ordering = ("call_id", "pk")
        constraints = [
            models.UniqueConstraint(fields=("call", "reservist"), name="callentry_once_per_call"),
        ]

    def __str__(self) -> str:
        return f"{self.call_id} {self.reservist_id} {self.status}"

    @property
    def public_key(self) -> str:
        """The reservist's public id: the entry's key in forms (no row ids in pages)."""
        return str(self.reservist.public_id)


class Meeting(models.Model):
    """A reserve meeting: the quarterly meeting of a reserve unit's cadres (Khung B) or the
    December meeting of a commune's reservists, with its minutes (biên bản)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=MEETING_CHOICES)
    commune = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="reserve_meetings",
    )
    reserve_unit = models.ForeignKey(
        "reserve.ReserveUnit",
        verbose_name=_("reserve unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(_("hours"), max_digits=3, decimal_places=1)
    place = models.CharField(_("place"), max_length=200, blank=True)
    chair = models.CharField(_("chaired by"), max_length=200, blank=True)
    secretary = models.CharField(_("secretary"), max_length=200, blank=True)
    content = models.TextField(_("content"), blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reserve meeting")
        verbose_name_plural = _("reserve meetings")
        ordering = ("-held_on", "pk")
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="meeting_hours_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.held_on:%d/%m/%Y}"


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    reservist = models.ForeignKey(
        "reserve.Reservist", on_delete=models.PROTECT, related_name="meeting_attendance"
    )
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        verbose_name = _("meeting attendance")
        verbose_name_plural = _("meeting attendance")
        ordering = ("meeting_id", "pk")
        constraints = [
            models.UniqueConstraint(fields=("meeting", "reservist"), name="meetingattendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.reservist_id}"
