"""The militia's organisation (tổ chức, Law 48/2019 Arts 15, 19–23 as amended by Law
98/2025): its units (the commune's on-site units per village, the mobile platoon, standing,
maritime, specialist teams; self-defence units in agencies and enterprises), each with the
strength it is established for, and the appointments to command posts (bổ nhiệm, miễn
nhiệm) of the commune military command and of the units, with the deciding authority and
decision. App label ``militia``."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from muster.core import lawtext
from muster.law.militia.organisation_extra import authority_label
from muster.militia.choices import COMPONENT_CHOICES, FORCE_CHOICES, LEVEL_CHOICES, POST_CHOICES


def _authority_display(code: str) -> str:
    """A stored authority code in the active language ("" when none is stored)."""
    label = authority_label(code) if code else None
    return lawtext.text(label) if label else code


class MilitiaUnit(models.Model):
    """A militia or self-defence unit (đơn vị dân quân tự vệ). ``holder`` is the commune whose
    military command holds it (for self-defence, the commune where the agency or enterprise
    named by ``agency`` sits); ``village`` the village of an on-site unit; ``establishment``
    the strength it is established for (biên chế), against which the members are counted."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    holder = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="militia_units",
    )
    village = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="village_militia_units",
    )
    force = models.CharField(_("force"), max_length=16, choices=FORCE_CHOICES, default="militia")
    agency = models.CharField(_("agency or enterprise"), max_length=200, blank=True)
    component = models.CharField(_("component"), max_length=20, choices=COMPONENT_CHOICES)
    level = models.CharField(_("level"), max_length=12, choices=LEVEL_CHOICES)
    name = models.CharField(_("name"), max_length=160)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    establishment = models.PositiveSmallIntegerField(_("established strength"))
    established_on = models.DateField(_("established on"))
    ended_on = models.DateField(_("dissolved on"), null=True, blank=True)
    decision_ref = models.CharField(_("decision"), max_length=80, blank=True)
    authority = models.CharField(_("decided by"), max_length=40, blank=True)
    legal_citation = models.CharField(_("legal basis"), max_length=255, blank=True)
    end_decision_ref = models.CharField(_("decision dissolving it"), max_length=80, blank=True)
    end_reason = models.CharField(_("reason for dissolution"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("militia unit")
        verbose_name_plural = _("militia units")
        ordering = ("holder_id", "component", "name")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("established_on")),
                name="militiaunit_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(force="militia") | ~Q(agency=""),
                name="militiaunit_selfdefence_names_agency",
            ),
            models.CheckConstraint(
                condition=Q(establishment__gte=1), name="militiaunit_establishment_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def authority_display(self) -> str:
        return _authority_display(self.authority)


class Appointment(models.Model):
    """An appointment to a command post (bổ nhiệm chức vụ chỉ huy, Art 19): of the commune
    military command (``unit`` empty; appointed by the provincial chairman since 01/07/2025)
    or of a unit. ``ended_on`` with ``end_reason`` records the dismissal (miễn nhiệm) or the
    end of the post. ``grassroots_degree``: the commander holds the college or university
    degree in grassroots military science (ngành quân sự cơ sở) the law requires (Law 98/2025
    Art 10(13)). ``without_social_insurance``: the holder takes no part in social insurance (a
    deputy commander so is paid a one-off allowance on leaving after 60 months)."""

    class EndReason(models.TextChoices):
        DISMISSED = "dismissed", _("Dismissed")
        MOVED = "moved", _("Moved to another post")
        TERM = "term", _("End of term")
        OTHER = "other", _("Other")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="militia_appointments"
    )
    holder = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="militia_appointments",
    )
    unit = models.ForeignKey(
        MilitiaUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
    )
    post = models.CharField(_("post"), max_length=32, choices=POST_CHOICES)
    appointed_on = models.DateField(_("appointed on"))
    decision_ref = models.CharField(_("decision"), max_length=80, blank=True)
    authority = models.CharField(_("decided by"), max_length=40, blank=True)
    legal_citation = models.CharField(_("legal basis"), max_length=255, blank=True)
    grassroots_degree = models.BooleanField(
        _("degree in grassroots military science"), default=False
    )
    without_social_insurance = models.BooleanField(
        _("does not take part in social insurance"),
        default=False,
        help_text=_(
            "A deputy commander without social insurance who leaves after 60 months of service "
            "is paid a one-off allowance (Decree 72/2020)."
        ),
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason"), max_length=12, choices=EndReason.choices, blank=True)
    end_decision_ref = models.CharField(_("decision ending it"), max_length=80, blank=True)
    end_note = models.CharField(_("grounds"), max_length=255, blank=True)
    end_authority = models.CharField(_("ended by"), max_length=40, blank=True)
    end_legal_citation = models.CharField(_("legal basis of the end"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ("holder_id", "post", "appointed_on")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("appointed_on")),
                name="appointment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | ~Q(end_reason=""),
                name="appointment_end_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_post_display()}: {self.person}"

    @property
    def authority_display(self) -> str:
        return _authority_display(self.authority)

    @property
    def end_authority_display(self) -> str:
        return _authority_display(self.end_authority)


class CadreRating(models.TextChoices):
    """The yearly rating of a cadre (đánh giá, xếp loại cán bộ)."""

    EXCELLENT = "excellent", _("Excellently fulfilled the duties")
    GOOD = "good", _("Well fulfilled the duties")
    FULFILLED = "fulfilled", _("Fulfilled the duties")
    NOT_FULFILLED = "not_fulfilled", _("Did not fulfil the duties")


class CadreReview(models.Model):
    """The yearly review of a commander in a post (đánh giá cán bộ chỉ huy), one per
    appointment and year."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    appointment = models.ForeignKey(
        Appointment, verbose_name=_("appointment"), on_delete=models.PROTECT, related_name="reviews"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=16, choices=CadreRating.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cadre review")
        verbose_name_plural = _("cadre reviews")
        ordering = ("appointment_id", "year")
        constraints = [
            models.UniqueConstraint(fields=("appointment", "year"), name="cadrereview_one_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.appointment} ({self.year})"
