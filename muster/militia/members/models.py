"""The militia's people (app label ``militia``): registration for militia service (đăng ký
nghĩa vụ tham gia dân quân tự vệ, Law 48/2019 Art 9 as amended by Law 98/2025: every April
the citizens turning 18, from the military-service registration results; new residents; new
staff of agencies) and membership (a member of the force in a component, possibly in a unit,
for a term of Art 8, until completion (hoàn thành, Art 13) or leaving)."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from muster.militia.choices import COMPONENT_CHOICES, FORCE_CHOICES


class RegistrationSource(models.TextChoices):
    APRIL = "april", _("April registration of citizens turning 18")
    NEW_RESIDENT = "new_resident", _("New resident")
    WORKPLACE = "workplace", _("New staff of an agency or enterprise")
    OTHER = "other", _("Other")


class MilitiaRegistration(models.Model):
    """A citizen registered for militia service in a commune (or by an agency). ``exempt``
    with ``exempt_reason``: not registered because of a disability or a serious or mental
    illness (Art 9(1)(c)); the row keeps that the citizen was considered."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="militia_registrations"
    )
    holder = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="militia_registrations",
    )
    registered_on = models.DateField(_("registered on"))
    source = models.CharField(_("source"), max_length=16, choices=RegistrationSource.choices)
    agency = models.CharField(_("agency or enterprise"), max_length=200, blank=True)
    exempt = models.BooleanField(_("exempt from registration"), default=False)
    exempt_reason = models.CharField(_("reason for exemption"), max_length=255, blank=True)
    ended_on = models.DateField(_("removed on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for removal"), max_length=255, blank=True)
    legal_citation = models.CharField(_("legal basis"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("militia registration")
        verbose_name_plural = _("militia registrations")
        ordering = ("holder_id", "registered_on")
        constraints = [
            models.UniqueConstraint(
                fields=("person",),
                condition=Q(ended_on__isnull=True),
                name="militiareg_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=Q(exempt=False) | ~Q(exempt_reason=""),
                name="militiareg_exempt_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.registered_on:%d/%m/%Y})"


class MembershipStatus(models.TextChoices):
    SERVING = "serving", _("Serving")
    COMPLETED = "completed", _("Completed")
    LEFT = "left", _("Left the force")


class Membership(models.Model):
    """A member of the militia or self-defence force (dân quân tự vệ): selected by the
    decision of the commune chairman or the agency head (``decision_ref``, ``authority``) into
    a ``component`` (and, once assigned, a ``unit``), serving from ``joined_on`` to
    ``term_ends_on`` (4 years, 2 for standing militia, Art 8), possibly extended to
    ``extended_to``; ``status`` completed (Art 13) or left, with ``ended_on``: the first day
    he no longer serves (the day of the decision; a membership handed to the commune that
    succeeded his on 01/07/2025 ends on 01/07/2025 and the new one starts that day), so he is
    counted on every day ``joined_on <= day < ended_on``.
    ``training_months``: the months of concentrated training done (≥ 3 makes a completed
    member of most components a class-1 reservist, Law 78/2015 Art 24(2)(e))."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="militia_memberships"
    )
    holder = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="militia_memberships",
    )
    force = models.CharField(_("force"), max_length=16, choices=FORCE_CHOICES, default="militia")
    component = models.CharField(_("component"), max_length=20, choices=COMPONENT_CHOICES)
    unit = models.ForeignKey(
        "militia.MilitiaUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    volunteer = models.BooleanField(_("volunteer"), default=False)
    joined_on = models.DateField(_("joined on"))
    term_ends_on = models.DateField(_("term ends on"))
    extended_to = models.DateField(_("extended to"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.SERVING,
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason"), max_length=255, blank=True)
    training_months = models.PositiveSmallIntegerField(
        _("months of concentrated training"), default=0
    )
    decision_ref = models.CharField(_("decision"), max_length=80, blank=True)
    authority = models.CharField(_("decided by"), max_length=40, blank=True)
    legal_citation = models.CharField(_("legal basis"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("militia member")
        verbose_name_plural = _("militia members")
        ordering = ("holder_id", "component", "joined_on")
        constraints = [
            models.UniqueConstraint(
                fields=("person",),
                condition=Q(status="serving"),
                name="membership_one_serving_per_person",
            ),
            models.CheckConstraint(
                condition=Q(term_ends_on__gt=F("joined_on")), name="membership_term_after_join"
            ),
            models.CheckConstraint(
                condition=Q(extended_to__isnull=True) | Q(extended_to__gt=F("term_ends_on")),
                name="membership_extension_after_term",
            ),
            models.CheckConstraint(
                condition=Q(status="serving", ended_on__isnull=True)
                | (~Q(status="serving") & Q(ended_on__isnull=False)),
                name="membership_ended_iff_not_serving",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_component_display()})"


class Absence(models.Model):
    """A member's absence from the place of residence (vắng mặt): from ``left_on`` to
    ``returns_on`` (empty while not known); ``reported_on``: the day the member reported it to
    the commune military command, which an absence of 3 months or more requires (Art 9 as
    amended by Law 98/2025). An unreported absence of 3 months or more is flagged."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="absences", verbose_name=_("member")
    )
    left_on = models.DateField(_("absent from"))
    returns_on = models.DateField(_("absent to"), null=True, blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ("membership_id", "left_on")
        constraints = [
            models.CheckConstraint(
                condition=Q(returns_on__isnull=True) | Q(returns_on__gte=F("left_on")),
                name="militiaabsence_returns_after_leaving",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership.person} ({self.left_on:%d/%m/%Y})"
