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


# ----------------------------------------------------------------------------- campaign


class Service(models.TextChoices):
    ARMY = "army", _("Army")
    POLICE = "police", _("Police (CAND)")


class Campaign(models.Model):
    """A yearly call-up campaign (đợt tuyển quân) of one province, district or regional
    defence command: its calendar and, once split, the allocation certificate."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="campaigns"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    call = models.PositiveSmallIntegerField(_("call"), default=1)
    pool_review_by = models.DateField(_("pool review by"), null=True, blank=True)
    screening_start = models.DateField(_("screening from"), null=True, blank=True)
    screening_end = models.DateField(_("screening to"), null=True, blank=True)
    exam_start = models.DateField(_("examination from"))
    exam_end = models.DateField(_("examination to"))
    nomination_by = models.DateField(
        _("village nomination and council review by"), null=True, blank=True
    )
    decisions_by = models.DateField(_("decisions issued by"), null=True, blank=True)
    handover_start = models.DateField(_("handover day"))
    handover_end = models.DateField(_("last handover day"), null=True, blank=True)
    certificate = models.JSONField(_("allocation certificate"), null=True, blank=True)
    certificate_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("call-up campaign")
        verbose_name_plural = _("call-up campaigns")
        ordering = ["-year", "call", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "call"], name="campaign_once"),
            models.CheckConstraint(condition=Q(call__gte=1), name="campaign_call_positive"),
            models.CheckConstraint(
                condition=Q(exam_end__gte=models.F("exam_start")), name="campaign_exam_order"
            ),
            models.CheckConstraint(
                condition=Q(handover_start__gt=models.F("exam_end")),
                name="campaign_handover_after_exam",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}/{self.call}"


class CampaignCommune(models.Model):
    """A commune taking part in a campaign: its pool as counted for the split."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="communes")
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    #: A pool count reported by the commune when its registry is incomplete.
    stored_pool = models.PositiveIntegerField(_("reported callable pool"), null=True, blank=True)
    #: The pool used by the last split, and where it came from ("registry" or "stored").
    pool_used = models.PositiveIntegerField(null=True, blank=True)
    pool_source = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="campaigncommune_once")
        ]

    def __str__(self) -> str:
        return str(self.unit_id)


class Quota(models.Model):
    """The quota received from above for one service, with its source document."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="quotas")
    service = models.CharField(_("service"), max_length=8, choices=Service.choices)
    value = models.PositiveIntegerField(_("quota"))
    source_document = models.CharField(_("source document"), max_length=255)
    received_on = models.DateField(_("received on"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "service"], name="quota_once")]

    def __str__(self) -> str:
        return f"{self.service} {self.value}"


class Allocation(models.Model):
    """A commune's share of one service's quota: computed, and final after any override."""

    commune = models.ForeignKey(
        CampaignCommune, on_delete=models.CASCADE, related_name="allocations"
    )
    service = models.CharField(max_length=8, choices=Service.choices)
    computed = models.PositiveIntegerField()
    final = models.PositiveIntegerField()
    override_reason = models.CharField(max_length=255, blank=True)
    override_authority = models.CharField(max_length=120, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "service"], name="allocation_once"),
            # An override carries its deciding authority. (``final`` may differ from
            # ``computed`` without one: the other communes share what an override leaves.)
            models.CheckConstraint(
                condition=Q(override_reason="") | ~Q(override_authority=""),
                name="allocation_override_has_authority",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.final}"


class QuotaHistory(models.Model):
    """A past year's result for one commune and service (the demo holds 2024)."""

    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    service = models.CharField(max_length=8, choices=Service.choices)
    quota = models.PositiveIntegerField()
    callable_pool = models.PositiveIntegerField(null=True, blank=True)
    handed_over = models.PositiveIntegerField(null=True, blank=True)
    replacements = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["year", "unit_id", "service"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "service"], name="quotahistory_once")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.service} {self.quota}"


class DecisionStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")
    REPLACED = "replaced", _("Replaced")


class DecisionCounter(models.Model):
    """The next number of a campaign's call-up decisions for one issuing authority; its row is
    locked while a number is taken, so numbers have no gaps and no duplicates."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    authority = models.CharField(max_length=40)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "authority"], name="decisioncounter_once")
        ]

    def __str__(self) -> str:
        return f"{self.authority} {self.last_number}"


class CallupDecision(models.Model):
    """A citizen's call-up (quyết định / lệnh gọi nhập ngũ)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="decisions")
    commune = models.ForeignKey(CampaignCommune, on_delete=models.PROTECT, related_name="decisions")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="callup_decisions"
    )
    service = models.CharField(_("service"), max_length=8, choices=Service.choices)
    authority = models.CharField(max_length=40)
    signer = models.CharField(_("signed by"), max_length=120)
    authority_citation = models.CharField(max_length=255)
    number = models.PositiveIntegerField(_("number"))
    issued_on = models.DateField(_("issued on"))
    enlist_on = models.DateField(_("enlistment day"))
    #: The verification token (secrets.token_urlsafe(24)) printed as QR; the public page finds
    #: the decision by the token's sha256 and compares the token in constant time.
    token = models.CharField(max_length=40)
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.VALID
    )
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    delivered_to = models.CharField(_("delivered to"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign_id", "authority", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "authority", "number"], name="decision_number_once"
            ),
            models.UniqueConstraint(
                fields=["campaign", "person"],
                condition=Q(status="valid"),
                name="decision_one_valid_per_person",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="decision_number_positive"),
            models.CheckConstraint(
                condition=Q(delivered_on__isnull=True) | ~Q(delivered_to=""),
                name="decision_delivery_has_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}"


class VerificationMiss(models.Model):
    """A wrong token on the public verification page, for throttling by client address."""

    ip_address = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["ip_address", "at"], name="verifmiss_ip_at")]

    def __str__(self) -> str:
        return self.ip_address
