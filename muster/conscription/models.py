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
    #: Where the figures come from (a campaign of Muster, the units a merged commune came
    #: from, or "synthetic" for demo figures).
    note = models.CharField(_("source of the figures"), max_length=255, blank=True)

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


# ----------------------------------------------------------------------------- selection
#
# The models below are the shared contract of the campaign's later stages (selection, review
# steps, handover, returns and replacements, public postings, violations). Their services,
# pages and rules live in their own modules (selection_*.py, handover_*.py, posting_*.py,
# violation_*.py); the reports read them.


class Volunteer(models.Model):
    """A written application to enlist (đơn tình nguyện nhập ngũ) for one campaign.

    A deferred or exempt citizen who volunteers may still be selected (Art 41(3)); volunteers
    come first in the selection order (docs/campaign.md §2)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="volunteers")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="volunteer_applications"
    )
    service = models.CharField(_("service"), max_length=8, choices=Service.choices)
    applied_on = models.DateField(_("applied on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer application")
        verbose_name_plural = _("volunteer applications")
        ordering = ["campaign_id", "applied_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person"],
                condition=Q(withdrawn_on__isnull=True),
                name="volunteer_once_per_campaign",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.applied_on:%d/%m/%Y}"


class SelectionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMMITTED = "committed", _("Draw committed (seed hash published)")
    FROZEN = "frozen", _("Frozen (seed revealed)")


class SelectionList(models.Model):
    """The ranked list of one commune and service (danh sách tuyển chọn): the first ``quota``
    places are the official list (chính thức), the next ``standby`` the standby list (dự phòng).

    draft → committed (``commitment`` = sha256(seed) published) → frozen (pool fixed, order
    computed by ``selection.rank``, ``seed`` revealed). ``pool`` keeps the candidates exactly as
    ranked, so anyone can re-derive the order from the published pool and seed."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey(
        CampaignCommune, on_delete=models.CASCADE, related_name="selection_lists"
    )
    service = models.CharField(_("service"), max_length=8, choices=Service.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=SelectionState.choices, default=SelectionState.DRAFT
    )
    commitment = models.CharField(_("seed commitment"), max_length=64, blank=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    #: Secret until the list is frozen; shown only once ``state`` is frozen.
    seed = models.CharField(max_length=128, blank=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    quota = models.PositiveIntegerField(_("official places"), default=0)
    standby = models.PositiveIntegerField(_("standby places"), default=0)
    method = models.CharField(max_length=40, blank=True)
    pool = models.JSONField(default=list, blank=True)
    #: How many citizens of the registry were left out of the pool at freezing, by reason
    #: (counts only: {"not_callable": 12, "no_health_class": 40, ...}).
    excluded = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("selection list")
        verbose_name_plural = _("selection lists")
        constraints = [
            models.UniqueConstraint(fields=["commune", "service"], name="selectionlist_once"),
            models.CheckConstraint(
                condition=Q(state="draft") | ~Q(commitment=""),
                name="selectionlist_committed_has_hash",
            ),
            models.CheckConstraint(
                condition=~Q(state="frozen") | (~Q(seed="") & Q(frozen_at__isnull=False)),
                name="selectionlist_frozen_has_seed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.state}"


class ListKind(models.TextChoices):
    OFFICIAL = "official", _("Official list")
    STANDBY = "standby", _("Standby list")
    REMAINING = "remaining", _("Not selected")


class SelectionEntry(models.Model):
    """One place of a frozen selection list, with the facts the order used (as ranked)."""

    selection = models.ForeignKey(SelectionList, on_delete=models.CASCADE, related_name="entries")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="selection_entries"
    )
    place = models.PositiveIntegerField(_("place"))
    list_kind = models.CharField(_("list"), max_length=10, choices=ListKind.choices)
    volunteer = models.BooleanField(_("volunteer"), default=False)
    education = models.PositiveSmallIntegerField(_("school grade"))
    health_class = models.PositiveSmallIntegerField(_("health class"))
    graduate = models.BooleanField(_("college or university graduate"), default=False)
    ethnic_minority = models.BooleanField(_("ethnic minority"), default=False)
    draw = models.CharField(max_length=64)

    class Meta:
        ordering = ["selection_id", "place"]
        constraints = [
            models.UniqueConstraint(fields=["selection", "person"], name="selentry_person_once"),
            models.UniqueConstraint(fields=["selection", "place"], name="selentry_place_once"),
        ]

    def __str__(self) -> str:
        return f"{self.place} {self.list_kind}"


class ReviewKind(models.TextChoices):
    VILLAGE_NOMINATION = "village_nomination", _("Village nomination (bình cử)")
    COUNCIL_REVIEW = "council_review", _("Commune military service council review (xét duyệt)")


class ReviewStep(models.Model):
    """A meeting that nominates or reviews citizens, with its minutes and votes: the village
    nomination (bình cử) or a round of the commune NVQS council's review (xét duyệt)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey(
        CampaignCommune, on_delete=models.CASCADE, related_name="review_steps"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReviewKind.choices)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    village = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    held_on = models.DateField(_("held on"))
    chaired_by = models.CharField(_("chaired by"), max_length=120)
    #: The council's membership (a council review): its resolutions need more than half of
    #: all members (Law 78/2015 Art 36(3)). Empty for a village meeting.
    members = models.PositiveSmallIntegerField(_("council members"), null=True, blank=True)
    present = models.PositiveSmallIntegerField(_("present"), default=0)
    minutes = models.TextField(_("minutes"))
    votes_for = models.PositiveSmallIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), default=0)
    abstained = models.PositiveSmallIntegerField(_("abstained"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["commune_id", "held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="village_nomination") | Q(village__isnull=False),
                name="reviewstep_nomination_has_village",
            ),
            models.CheckConstraint(
                condition=Q(
                    present__gte=models.F("votes_for")
                    + models.F("votes_against")
                    + models.F("abstained")
                ),
                name="reviewstep_votes_within_present",
            ),
            models.CheckConstraint(
                condition=Q(members__isnull=True) | Q(members__gte=models.F("present")),
                name="reviewstep_present_within_members",
            ),
            # One record per round: per village for nominations, per commune for the council
            # (a NULL village would not collide in a plain unique index).
            models.UniqueConstraint(
                fields=["commune", "kind", "round", "village"],
                condition=Q(village__isnull=False),
                name="reviewstep_round_once_per_village",
            ),
            models.UniqueConstraint(
                fields=["commune", "kind", "round"],
                condition=Q(village__isnull=True),
                name="reviewstep_round_once_per_commune",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.held_on:%d/%m/%Y}"


class ReviewOutcome(models.Model):
    """One citizen considered at a review step: approved or not, with the votes on him."""

    step = models.ForeignKey(ReviewStep, on_delete=models.CASCADE, related_name="outcomes")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="review_outcomes"
    )
    approved = models.BooleanField(_("approved"))
    votes_for = models.PositiveSmallIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), default=0)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["step", "person"], name="reviewoutcome_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.approved}"


# ----------------------------------------------------------------------------- handover


class ReceivingUnit(models.Model):
    """A unit that receives recruits (đơn vị nhận quân), of the army or the police."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    service = models.CharField(_("service"), max_length=8, choices=Service.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("receiving unit")
        verbose_name_plural = _("receiving units")
        ordering = ["service", "name"]

    def __str__(self) -> str:
        return self.name


class HandoverPlan(models.Model):
    """How many recruits a receiving unit takes from a commune (chốt quân số)."""

    commune = models.ForeignKey(
        CampaignCommune, on_delete=models.CASCADE, related_name="handover_plans"
    )
    receiving_unit = models.ForeignKey(ReceivingUnit, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("number"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "receiving_unit"], name="handoverplan_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="handoverplan_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.receiving_unit_id} {self.number}"


class Handover(models.Model):
    """The handover record (biên bản giao nhận quân) of one commune's recruits to one
    receiving unit on one day."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey(CampaignCommune, on_delete=models.PROTECT, related_name="handovers")
    receiving_unit = models.ForeignKey(
        ReceivingUnit, on_delete=models.PROTECT, related_name="handovers"
    )
    handed_on = models.DateField(_("handed over on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    locality_signer = models.CharField(_("signed for the locality by"), max_length=120)
    unit_signer = models.CharField(_("signed for the receiving unit by"), max_length=120)
    minutes = models.TextField(_("minutes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("handover record")
        verbose_name_plural = _("handover records")
        ordering = ["handed_on", "id"]

    def __str__(self) -> str:
        return f"{self.handed_on:%d/%m/%Y}"


class Recruit(models.Model):
    """A citizen handed over under his call-up decision (tân binh), with the receiving unit's
    re-examination (khám phúc tra, within 10 days of handover)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    handover = models.ForeignKey(Handover, on_delete=models.PROTECT, related_name="recruits")
    decision = models.OneToOneField(
        CallupDecision, on_delete=models.PROTECT, related_name="recruit"
    )
    rechecked_on = models.DateField(_("re-examined on"), null=True, blank=True)
    recheck_fit = models.BooleanField(_("fit at re-examination"), null=True, blank=True)
    recheck_class = models.PositiveSmallIntegerField(
        _("health class at re-examination"), null=True, blank=True
    )
    recheck_note = models.CharField(_("re-examination note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("recruit")
        verbose_name_plural = _("recruits")
        constraints = [
            models.CheckConstraint(
                condition=Q(recheck_fit__isnull=True) | Q(rechecked_on__isnull=False),
                name="recruit_recheck_has_date",
            ),
            models.CheckConstraint(
                condition=Q(recheck_class__isnull=True)
                | (Q(recheck_class__gte=1) & Q(recheck_class__lte=6)),
                name="recruit_recheck_class_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.decision_id)


class ReturnReason(models.TextChoices):
    HEALTH = "health", _("Health (unfit at re-examination)")
    POLITICAL = "political", _("Political standard (verification)")
    PROCEDURE = "procedure", _("Legal procedure or file")
    OTHER = "other", _("Other")


class RecruitReturn(models.Model):
    """A recruit sent back to the locality (trả về) after handover, with the reason and the two
    health forms the file must hold (TT 105/2023 Art 13(4)(c))."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recruit = models.OneToOneField(Recruit, on_delete=models.PROTECT, related_name="returned")
    returned_on = models.DateField(_("returned on"))
    reason_kind = models.CharField(_("reason"), max_length=10, choices=ReturnReason.choices)
    reason = models.CharField(_("details"), max_length=255)
    council_form_ref = models.CharField(_("council's health form"), max_length=80, blank=True)
    recheck_form_ref = models.CharField(_("unit's re-examination form"), max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("returned recruit")
        verbose_name_plural = _("returned recruits")
        ordering = ["returned_on", "id"]

    def __str__(self) -> str:
        return f"{self.reason_kind} {self.returned_on:%d/%m/%Y}"


class Replacement(models.Model):
    """A replacement after handover (bù đổi): the standby citizen called in place of a returned
    recruit. ``late`` past 15 days of handover, ``over_cap`` beyond 2% of the locality's quota
    with that unit (TT 148/2018 Art 7(3); the locality is the campaign's unit, which hands the
    recruits over: handover_services.replacement_cap_for); both are warnings, kept with the
    record. ``skip_reason``: why the next citizen of the standby list was passed over."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    returned = models.OneToOneField(
        RecruitReturn, on_delete=models.PROTECT, related_name="replacement"
    )
    decision = models.OneToOneField(
        CallupDecision, on_delete=models.PROTECT, related_name="replacing"
    )
    replaced_on = models.DateField(_("replaced on"))
    late = models.BooleanField(_("past the 15-day window"), default=False)
    over_cap = models.BooleanField(_("beyond the 2% cap"), default=False)
    skip_reason = models.CharField(
        _("reason for passing over the next standby citizen"), max_length=255, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("replacement")
        verbose_name_plural = _("replacements")
        ordering = ["replaced_on", "id"]

    def __str__(self) -> str:
        return f"{self.replaced_on:%d/%m/%Y}"


# ----------------------------------------------------------------------------- postings


class PostingKind(models.TextChoices):
    DEFERRAL_EXEMPTION = "deferral_exemption", _("Deferral and exemption list")
    SCREENING_RESULTS = "screening_results", _("Preliminary screening results")
    EXAM_RESULTS = "exam_results", _("Health examination results")
    CALLUP_LIST = "callup_list", _("Call-up list")


class Posting(models.Model):
    """A list posted in public (niêm yết công khai) at a commune for the legal window (20 days).

    ``rows`` is the snapshot as posted, already reduced to what the law requires to be public
    (name, birth year, village, the outcome; no ID number, no health details)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="postings")
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="postings", null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PostingKind.choices)
    title = models.CharField(_("title"), max_length=255)
    posted_on = models.DateField(_("posted on"))
    ends_on = models.DateField(_("posted until"))
    legal_citation = models.CharField(_("legal basis"), max_length=255)
    places = models.CharField(_("posted at"), max_length=255, blank=True)
    rows = models.JSONField(default=list, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("reason for withdrawal"), max_length=255, blank=True)
    #: The posting this one corrects (the old one is withdrawn the day this one is posted).
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replacement",
    )
    #: Where the rows come from: "dossiers", "health", "decisions" or "selection".
    source = models.CharField(max_length=12, blank=True)
    #: Public ids of the records the rows were taken from (staff use only, never shown in
    #: public): tells which records changed or were added after the posting.
    source_ids = models.JSONField(default=list, blank=True)
    #: The underlying decisions or sessions, as printed on the notice ("Căn cứ ...").
    basis = models.TextField(_("underlying decisions"), blank=True)
    signer = models.CharField(_("signed by"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("public posting")
        verbose_name_plural = _("public postings")
        ordering = ["-posted_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("posted_on")), name="posting_window_order"
            ),
            # One current posting per commune, campaign and kind: a correction withdraws the
            # old one in the same transaction as it publishes the new one.
            models.UniqueConstraint(
                fields=["unit", "campaign", "kind"],
                condition=Q(withdrawn_on__isnull=True),
                name="posting_one_current",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | ~Q(withdrawn_reason=""),
                name="posting_withdrawn_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("posted_on")),
                name="posting_withdrawn_after_posted",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ComplaintOutcome(models.TextChoices):
    PENDING = "pending", _("Being handled")
    UPHELD = "upheld", _("Upheld: the list was corrected")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn by the complainant")


class Complaint(models.Model):
    """A complaint (khiếu nại, kiến nghị) received against a posting, and its resolution."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    posting = models.ForeignKey(Posting, on_delete=models.PROTECT, related_name="complaints")
    received_on = models.DateField(_("received on"))
    complainant = models.CharField(_("complainant"), max_length=120)
    content = models.TextField(_("content"))
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=ComplaintOutcome.choices,
        default=ComplaintOutcome.PENDING,
    )
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    #: The corrected posting published after the complaint was upheld.
    correction = models.ForeignKey(
        Posting,
        verbose_name=_("corrected posting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_complaints",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["received_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="pending") | Q(resolved_on__isnull=False),
                name="complaint_resolved_has_date",
            ),
            models.CheckConstraint(
                condition=Q(outcome="pending") | ~Q(resolution=""),
                name="complaint_resolved_has_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.received_on:%d/%m/%Y} {self.outcome}"


# ----------------------------------------------------------------------------- violations


class ViolationKind(models.TextChoices):
    """The acts of Decree 218/2025 Arts 8–10 (and Decree 120/2013 as amended before it)."""

    NO_FIRST_REGISTRATION = "no_first_registration", _("Failed to make the first registration")
    NO_CHANGE_REGISTRATION = (
        "no_change_registration",
        _("Failed to register a change (additional, transfer, absence, reserve)"),
    )
    ABSENT_SCREENING = "absent_screening", _("Absent from preliminary screening")
    REFUSED_SCREENING = "refused_screening", _("Did not accept the screening decision")
    ABSENT_EXAM = "absent_exam", _("Absent from the health examination")
    REFUSED_EXAM = "refused_exam", _("Did not accept the examination decision")
    CHEATED_EXAM = "cheated_exam", _("Cheated to falsify the health classification")
    DEFIED_EXAM = "defied_exam", _("Did not comply with the screening or examination decision")
    ABSENT_CALLUP = "absent_callup", _("Absent at the time and place of the call-up decision")
    EVADED_AFTER_FIT = "evaded_after_fit", _("Cheated to evade service after being found fit")
    REFUSED_CALLUP = "refused_callup", _("Did not comply with the call-up decision")


class ViolationState(models.TextChoices):
    OPEN = "open", _("Open")
    NOTICE_SERVED = "notice_served", _("Notice served")
    GOOD_REASON = "good_reason", _("Closed: good reason")
    PENALISED = "penalised", _("Penalty decided")
    PAID = "paid", _("Fine paid")
    ESCALATED = "escalated", _("Referred for criminal proceedings")
    CLOSED = "closed", _("Closed")


class ViolationCase(models.Model):
    """A case for breaking the Military Service Law (vi phạm Luật NVQS): failing to register,
    to attend screening or examination, or to obey a call-up decision.

    The penalty band (``decree``, ``fine_min``, ``fine_max``, ``penalty_citation``) is the one
    of the decree in force on ``occurred_on`` (Decree 120/2013 as amended by 37/2022 before
    5 Aug 2025, Decree 218/2025 from then), frozen on the case when it is opened."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="violations")
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="violations")
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="violations", null=True, blank=True
    )
    kind = models.CharField(_("violation"), max_length=24, choices=ViolationKind.choices)
    occurred_on = models.DateField(_("occurred on"))
    facts = models.TextField(_("facts"))
    state = models.CharField(
        _("state"), max_length=14, choices=ViolationState.choices, default=ViolationState.OPEN
    )
    decree = models.CharField(_("decree"), max_length=40)
    penalty_citation = models.CharField(_("penalty's legal basis"), max_length=255)
    warning_only = models.BooleanField(_("warning for a first offence"), default=False)
    fine_min = models.PositiveIntegerField(_("lowest fine (VND)"))
    fine_max = models.PositiveIntegerField(_("highest fine (VND)"))
    good_reason = models.CharField(_("good reason"), max_length=40, blank=True)
    good_reason_note = models.CharField(_("good reason details"), max_length=255, blank=True)
    decision_number = models.CharField(_("penalty decision number"), max_length=40, blank=True)
    decided_on = models.DateField(_("penalty decided on"), null=True, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=120, blank=True)
    fine_amount = models.PositiveIntegerField(_("fine decided (VND)"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_amount = models.PositiveIntegerField(_("amount paid (VND)"), null=True, blank=True)
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("repeat of"),
        on_delete=models.PROTECT,
        related_name="repeats",
        null=True,
        blank=True,
    )
    escalated_on = models.DateField(_("referred on"), null=True, blank=True)
    escalation_note = models.CharField(_("referral details"), max_length=255, blank=True)
    #: "art332" when Penal Code Art 332's condition held, "reason" when referred on an
    #: explicit reason instead (violation_rules.escalation_possible).
    escalation_basis = models.CharField(_("basis of the referral"), max_length=8, blank=True)
    #: The band's rule (``violation_rules``) and whether the legal reference confirms it.
    rule_code = models.CharField(_("penalty rule"), max_length=60, blank=True)
    band_confirmed = models.BooleanField(_("band confirmed from the text"), default=True)
    #: The record a case was opened from ("regevent:<uuid>", "healthcall:<uuid>",
    #: "decision:<uuid>", "january:<uuid>"): one case per record.
    source_ref = models.CharField(_("opened from"), max_length=80, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_note = models.CharField(_("closing note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("violation case")
        verbose_name_plural = _("violation cases")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["unit", "kind", "occurred_on"], name="violation_unit_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(fine_max__gte=models.F("fine_min")), name="violation_band_order"
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["penalised", "paid"])
                | (Q(decided_on__isnull=False) & ~Q(decided_by="")),
                name="violation_penalty_has_decision",
            ),
            models.CheckConstraint(
                condition=~Q(state="paid") | Q(paid_on__isnull=False),
                name="violation_paid_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state="good_reason") | ~Q(good_reason=""),
                name="violation_good_reason_named",
            ),
            models.CheckConstraint(
                condition=Q(fine_amount__isnull=True)
                | (
                    Q(fine_amount__gte=models.F("fine_min"))
                    & Q(fine_amount__lte=models.F("fine_max"))
                ),
                name="violation_fine_in_band",
            ),
            models.CheckConstraint(
                condition=Q(paid_amount__isnull=True) | Q(paid_amount__lte=models.F("fine_amount")),
                name="violation_paid_not_above_fine",
            ),
            models.CheckConstraint(
                condition=~Q(state="escalated") | Q(escalated_on__isnull=False),
                name="violation_escalated_has_date",
            ),
            models.UniqueConstraint(
                fields=["source_ref"], condition=~Q(source_ref=""), name="violation_source_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.occurred_on:%d/%m/%Y}"


class ViolationNotice(models.Model):
    """A notice or summons served in a violation case (giấy mời, thông báo), to whom and when."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(ViolationCase, on_delete=models.CASCADE, related_name="notices")
    served_on = models.DateField(_("served on"))
    served_to = models.CharField(_("served to"), max_length=120)
    content = models.CharField(_("content"), max_length=255)
    respond_by = models.DateField(_("to answer by"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["served_on", "id"]

    def __str__(self) -> str:
        return f"{self.served_on:%d/%m/%Y}"
