"""Military-service registration records (đăng ký nghĩa vụ quân sự).

The eligibility engine (law.py, eligibility.py) is pure and stores nothing; the models here hold
the registration lifecycle of a citizen, the bars on registering (Art 13 / Art 14) and the
public-holiday calendar used to count working days.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    JANUARY_LIST = "january_list", _("January list of males reaching 17")
    FIRST_REGISTRATION = "first_registration", _("First registration")
    ADDITIONAL = "additional", _("Additional registration")
    TRANSFER_OUT = "transfer_out", _("Transfer out")
    TRANSFER_IN = "transfer_in", _("Transfer in")
    ABSENCE_START = "absence_start", _("Temporary absence")
    ABSENCE_RETURN = "absence_return", _("Return from absence")
    RESERVE_REGISTRATION = "reserve_registration", _("Reserve registration")
    REMOVAL = "removal", _("Removal from the register")


class RegistrationEvent(models.Model):
    """One step of a citizen's registration history (lịch sử đăng ký NVQS).

    ``due_date`` is the deadline computed from the rule in force on the triggering day (arrival,
    return, first registration); ``legal_citation`` records which rule that was.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="registration_events"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=EventKind.choices)
    event_date = models.DateField(_("date"))
    trigger_date = models.DateField(
        _("triggering date"),
        null=True,
        blank=True,
        help_text=_("The day the deadline counts from (arrival, return, discharge)."),
    )
    unit = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("acting unit"),
        on_delete=models.PROTECT,
        related_name="registration_events",
    )
    certificate_number = models.CharField(_("certificate number"), max_length=40, blank=True)
    from_unit = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("from unit"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    to_unit = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("to unit"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    legal_citation = models.CharField(_("legal basis"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration event")
        verbose_name_plural = _("registration events")
        ordering = ["person_id", "event_date", "id"]
        indexes = [models.Index(fields=["unit", "kind", "event_date"], name="regevent_unit_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(trigger_date__isnull=False),
                name="regevent_due_needs_trigger",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.event_date:%d/%m/%Y}"


class BarKind(models.TextChoices):
    BARRED_ART13 = "barred_art13", _("Not allowed to register (Art 13)")
    EXEMPT_ART14 = "exempt_art14", _("Exempt from registration (Art 14)")


class RegistrationBar(models.Model):
    """A period in which a citizen may not register (Art 13) or is exempt from it (Art 14)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="registration_bars"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=BarKind.choices)
    ground = models.CharField(_("ground"), max_length=255)
    legal_citation = models.CharField(_("legal basis"), max_length=255)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration bar")
        verbose_name_plural = _("registration bars")
        ordering = ["person_id", "start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="regbar_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.ground}"


class Holiday(models.Model):
    """A public holiday or day off (ngày nghỉ lễ, Tết) for counting working days."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class DossierKind(models.TextChoices):
    DEFERRAL = "deferral", _("Deferral (tạm hoãn)")
    EXEMPTION = "exemption", _("Exemption (miễn)")


class DossierState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    REVIEWED = "reviewed", _("Reviewed by the commune council")
    GRANTED = "granted", _("Decided: granted")
    REFUSED = "refused", _("Decided: refused")
    ENDED = "ended", _("Ended")


class Dossier(models.Model):
    """A deferral or exemption dossier (hồ sơ tạm hoãn / miễn gọi nhập ngũ), Art 41–42.

    proposed → reviewed (commune NVQS council) → granted or refused (decision of the authority
    named by the law on the decision date) → ended (a granted deferral whose ground ended).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="dossiers")
    kind = models.CharField(_("kind"), max_length=10, choices=DossierKind.choices)
    ground = models.CharField(_("ground"), max_length=8)
    ground_citation = models.CharField(_("legal basis"), max_length=255)
    state = models.CharField(
        _("state"), max_length=10, choices=DossierState.choices, default=DossierState.PROPOSED
    )
    proposed_on = models.DateField(_("proposed on"))
    evidence = models.TextField(_("evidence"), blank=True)
    #: Resettlement day (41.1.đ): the end date is computed from it.
    ground_start = models.DateField(_("ground applies since"), null=True, blank=True)
    end_date = models.DateField(_("ground ends on"), null=True, blank=True)
    reviewed_on = models.DateField(_("council review date"), null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    decision_number = models.CharField(_("decision number"), max_length=40, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    authority = models.CharField(_("deciding authority"), max_length=40, blank=True)
    authority_citation = models.CharField(_("authority's legal basis"), max_length=255, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_note = models.CharField(_("end note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deferral or exemption dossier")
        verbose_name_plural = _("deferral and exemption dossiers")
        ordering = ["-proposed_on", "-id"]
        indexes = [models.Index(fields=["state", "end_date"], name="dossier_state_end")]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "ground"],
                condition=Q(state__in=["proposed", "reviewed", "granted"]),
                name="dossier_one_open_per_ground",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["reviewed", "granted", "refused", "ended"])
                | Q(reviewed_on__isnull=False),
                name="dossier_reviewed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["granted", "refused", "ended"])
                | (Q(decision_date__isnull=False) & ~Q(authority="")),
                name="dossier_decided_has_authority",
            ),
            models.CheckConstraint(
                condition=~Q(state="ended") | Q(ended_on__isnull=False),
                name="dossier_ended_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.ground}"
