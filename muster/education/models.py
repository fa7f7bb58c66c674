"""Members of the target groups, yearly plans, courses, enrolments and certificates of defence
and security education (Decree 13/2014 as amended; ``muster.law.education``)."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from muster.education.choices import GROUP_CHOICES, Category, Result


class EducationMember(models.Model):
    """A person in a target group: who, their post and unit (a commune, or a district or
    provincial body's unit), the group and category, and the days they belong to it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("citizen"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    full_name = models.CharField(_("full name"), max_length=120)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    post = models.CharField(_("post or office"), max_length=200)
    group = models.PositiveSmallIntegerField(_("group"), choices=GROUP_CHOICES)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("education member")
        verbose_name_plural = _("education members")
        ordering = ("group", "full_name", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(group__gte=1) & Q(group__lte=4), name="edumember_group_1_to_4"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="edumember_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.group})"


class EducationPlan(models.Model):
    """A unit's yearly plan: how many members of each group it means to train."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quota1 = models.PositiveIntegerField(_("group 1 quota"), default=0)
    quota2 = models.PositiveIntegerField(_("group 2 quota"), default=0)
    quota3 = models.PositiveIntegerField(_("group 3 quota"), default=0)
    quota4 = models.PositiveIntegerField(_("group 4 quota"), default=0)

    class Meta:
        verbose_name = _("education plan")
        verbose_name_plural = _("education plans")
        ordering = ("-year", "unit_id")
        constraints = [
            models.UniqueConstraint(fields=("unit", "year"), name="eduplan_once_per_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}"

    def quota(self, group: int) -> int:
        return int(getattr(self, f"quota{group}"))


class Course(models.Model):
    """A course for one group, organised by a unit, convened by a body, held at a place."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    group = models.PositiveSmallIntegerField(_("group"), choices=GROUP_CHOICES)
    title = models.CharField(_("title"), max_length=200)
    convened_by = models.CharField(_("convened by"), max_length=200)
    place = models.CharField(_("training place"), max_length=200)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    hours = models.PositiveSmallIntegerField(_("curriculum hours"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ("-starts_on", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="educourse_dates_in_order"
            ),
            models.CheckConstraint(condition=Q(hours__gt=0), name="educourse_hours_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class Enrolment(models.Model):
    """A member on a course and the result: enrolled, passed, failed or absent."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    member = models.ForeignKey(EducationMember, on_delete=models.PROTECT, related_name="enrolments")
    result = models.CharField(
        _("result"), max_length=10, choices=Result.choices, default=Result.ENROLLED
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ("course_id", "member__full_name", "pk")
        constraints = [
            models.UniqueConstraint(fields=("course", "member"), name="enrolment_once"),
        ]

    def __str__(self) -> str:
        return f"{self.course_id} {self.member_id} {self.result}"


class Certificate(models.Model):
    """The certificate of a passed enrolment. ``issuer`` is the authority of the law on the
    course's last day (``muster.law.education.groups.Issuer``), ``issuer_unit`` the unit whose
    authority issues; ``serial`` runs per issuer, unit and year."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate"
    )
    member = models.ForeignKey(
        EducationMember, on_delete=models.PROTECT, related_name="certificates"
    )
    issuer = models.CharField(_("issuer"), max_length=24)
    issuer_unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="+"
    )
    issuer_name = models.CharField(_("issued by"), max_length=200)
    issuer_verified = models.BooleanField(_("issuer verified"), default=True)
    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial"))
    issued_on = models.DateField(_("issued on"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ("-year", "serial", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("issuer", "issuer_unit", "year", "serial"),
                name="educertificate_number_unique_per_issuer_year",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"{self.serial:03d}/{self.year}/CC-GDQPAN"
