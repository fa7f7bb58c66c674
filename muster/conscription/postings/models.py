"""Models of the call-up sub-domain `postings` (app label ``conscription``)."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muster.conscription.campaign.models import Campaign


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
