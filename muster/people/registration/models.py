"""Military-service registration records (đăng ký nghĩa vụ quân sự, app label ``people``):
the registration lifecycle of a citizen (first registration, transfers, absences, the January
list, additional and reserve registration, removal) and the bars on registering (Art 13 / 14).
Their deadlines and grounds are pure rules in ``muster.law.callup.registration``."""

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
    #: The day the registration certificate was handed over (due ``due_date`` for a first
    #: registration); empty where it was recorded with the registration itself.
    certificate_handed_on = models.DateField(_("certificate handed over on"), null=True, blank=True)
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


class PoliceReport(models.Model):
    """The commune police's quarterly report to the commune military command on people
    detained or released and on residence changes, due on the 25th–30th of the quarter's last
    month (Decree 13/2016 Art 4(8)(b) as amended by Decree 220/2025): ``received_on`` is the day
    the commune command received it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    received_on = models.DateField(_("received on"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("police quarterly report")
        verbose_name_plural = _("police quarterly reports")
        ordering = ["-year", "-quarter", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "quarter"], name="policereport_once"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="policereport_quarter"
            ),
        ]

    def __str__(self) -> str:
        return f"Q{self.quarter}/{self.year}"


class PoliceItemKind(models.TextChoices):
    DETENTION = "detention", _("Detained or prosecuted")
    RELEASE = "release", _("Released")
    RESIDENCE = "residence", _("Residence changed")


class PoliceReportItem(models.Model):
    """One person on a police report, and what applying it wrote: the Art 13 bar it opened or
    ended, or the transfer it recorded (through the registration services)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(PoliceReport, on_delete=models.CASCADE, related_name="items")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=PoliceItemKind.choices)
    event_date = models.DateField(_("date"))
    to_unit = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("new commune"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    art13_point = models.CharField(_("point of Art 13(1)"), max_length=1, blank=True)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    bar = models.ForeignKey(
        RegistrationBar, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    transfer = models.ForeignKey(
        RegistrationEvent, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = _("police report item")
        verbose_name_plural = _("police report items")
        ordering = ["report_id", "event_date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.event_date:%d/%m/%Y}"


class CallKind(models.TextChoices):
    FIRST = "first", _("First registration")
    RESERVE = "reserve", _("Reserve registration")


class RegistrationCall(models.Model):
    """A call to register (lệnh gọi / quyết định gọi đăng ký NVQS, Decree 13/2016 Art 3(2)(a)),
    issued in April to one citizen: it must reach him at least 10 days before the registration
    day (``deliver_by``); ``delivery_late`` flags a later delivery. ``registration`` is the
    first registration the call led to."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="registration_calls"
    )
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=CallKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    issued_on = models.DateField(_("issued on"))
    signer_role = models.CharField(_("signed by (post)"), max_length=24)
    signer_name = models.CharField(_("signed by"), max_length=120)
    signer_citation = models.CharField(_("signer's legal basis"), max_length=400)
    registration_date = models.DateField(_("registration date"))
    registration_place = models.CharField(_("registration place"), max_length=200)
    deliver_by = models.DateField(_("deliver by"))
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    delivery_late = models.BooleanField(_("delivered late"), default=False)
    notice_citation = models.CharField(_("legal basis"), max_length=400)
    registration = models.ForeignKey(
        RegistrationEvent,
        on_delete=models.PROTECT,
        related_name="calls",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration call")
        verbose_name_plural = _("registration calls")
        ordering = ["unit_id", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "number"], name="regcall_number_unique"
            ),
            models.UniqueConstraint(fields=["person", "kind", "year"], name="regcall_one_per_year"),
            models.CheckConstraint(
                condition=Q(deliver_by__lt=models.F("registration_date")),
                name="regcall_deliver_before",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_line} {self.registration_date:%d/%m/%Y}"

    @property
    def number_line(self) -> str:
        return f"Số: {self.number}/{self.year}"


class RegistrationReport(models.Model):
    """The commune's report to the level above on one registration day (báo cáo kết quả đăng ký
    NVQS, Decree 13/2016 Art 4): due 10 days after it, to the recipient in force that day."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    registration_date = models.DateField(_("registration date"))
    number = models.CharField(_("number"), max_length=40)
    reported_on = models.DateField(_("reported on"))
    recipient = models.CharField(_("recipient"), max_length=200)
    registered = models.PositiveIntegerField(_("citizens registered"))
    due_date = models.DateField(_("due date"))
    is_late = models.BooleanField(_("late"), default=False)
    legal_citation = models.CharField(_("legal basis"), max_length=400)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration report")
        verbose_name_plural = _("registration reports")
        ordering = ["unit_id", "registration_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "registration_date"], name="regreport_one_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.registration_date:%d/%m/%Y}"
