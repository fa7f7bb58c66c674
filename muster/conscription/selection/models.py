"""Models of the call-up sub-domain `selection` (app label ``conscription``)."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muster.conscription.campaign.models import Campaign, CampaignCommune, Service


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
    # The decision approving the list of citizens called (Art 34(3)): the district chairman's
    # before 1 Jul 2025, the provincial chairman's on the provincial council's proposal from
    # then (``campaign.authority.callup_list``). Decisions follow an approved list only.
    approved_on = models.DateField(_("list approved on"), null=True, blank=True)
    approval_number = models.CharField(_("approval decision number"), max_length=60, blank=True)
    approval_authority = models.CharField(_("approving authority"), max_length=40, blank=True)
    council_proposal = models.CharField(
        _("provincial council's proposal"), max_length=120, blank=True
    )

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
                condition=Q(approved_on__isnull=True) | Q(state="frozen"),
                name="selectionlist_approved_is_frozen",
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
    POOL_REVIEW = "pool_review", _("Pool review (phúc tra nắm nguồn)")
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
