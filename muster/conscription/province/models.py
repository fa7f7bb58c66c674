"""Models of the province's part of the call-up (from 01/07/2025; app label ``conscription``).

The provincial military command receives the army and police quotas from above
(``QuotaReceipt``, with the document and its scan), splits them to communes with the campaign's
apportionment, and the provincial military service council proposes, the provincial chairman
decides (``ProvinceDecision``): the communes' quotas, the call-up lists, the deferrals and
exemptions (Law 78/2015 Arts 34(3), 37, 42 as amended by Law 98/2025)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ProvinceFile(models.Model):
    """A PDF, JPEG or PNG scan of a document the province received or issued."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(
        "conscription.Campaign", on_delete=models.CASCADE, related_name="province_files"
    )
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.filename


class QuotaReceipt(models.Model):
    """A quota received from above (the Military Region for the army, the Ministry of Public
    Security for the police): the document that assigns it. The campaign's ``Quota`` holds the
    figure in force; the receipts are its history."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(
        "conscription.Campaign", on_delete=models.CASCADE, related_name="quota_receipts"
    )
    service = models.CharField(_("service"), max_length=8)
    value = models.PositiveIntegerField(_("quota"))
    issuer = models.CharField(_("issued by"), max_length=160)
    number = models.CharField(_("document number"), max_length=60)
    issued_on = models.DateField(_("document date"))
    received_on = models.DateField(_("received on"))
    file = models.ForeignKey(
        ProvinceFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "service", "-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.service} {self.value} ({self.number})"


class DecisionKind(models.TextChoices):
    QUOTA = "quota", _("Communes' call-up quotas")
    CALLUP_LIST = "callup_list", _("List of citizens called")
    DEFERRAL = "deferral", _("Deferrals and exemptions")


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed by the provincial council")
    DECIDED = "decided", _("Decided by the provincial chairman")


class ProvinceDecision(models.Model):
    """A decision of the provincial chairman on the provincial military service council's
    proposal: proposed (the council's submission, its items frozen) → decided (number, date,
    signer, the signed scan, the authority and its legal basis of the decision day)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(
        "conscription.Campaign", on_delete=models.PROTECT, related_name="province_decisions"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=DecisionKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default="proposed"
    )
    proposal_number = models.CharField(_("council's proposal number"), max_length=60)
    proposed_on = models.DateField(_("proposed on"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("decision number"), max_length=60, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    file = models.ForeignKey(
        ProvinceFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    authority = models.CharField(_("deciding authority"), max_length=40, blank=True)
    citation = models.CharField(_("legal basis"), max_length=500, blank=True)
    citation_vi = models.CharField(_("legal basis"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "-proposed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "kind"],
                condition=Q(status="proposed"),
                name="provincedecision_one_open",
            ),
            models.CheckConstraint(
                condition=Q(status="proposed")
                | (~Q(number="") & Q(decided_on__isnull=False) & ~Q(authority="")),
                name="provincedecision_decided_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.number or self.proposal_number}"


class ProvinceDecisionItem(models.Model):
    """What a decision covers: a commune's quota for a service, or a citizen (on the list of
    citizens called, or deferred or exempt on a ground, unless the chairman refused it)."""

    decision = models.ForeignKey(ProvinceDecision, on_delete=models.CASCADE, related_name="items")
    commune = models.ForeignKey(
        "conscription.CampaignCommune", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    service = models.CharField(_("service"), max_length=8, blank=True)
    value = models.PositiveIntegerField(_("quota"), null=True, blank=True)
    ground = models.CharField(_("ground"), max_length=12, blank=True)
    #: The chairman did not accept this item of the council's proposal (a deferral or an
    #: exemption he refuses); the decision refuses the dossier.
    refused = models.BooleanField(_("refused by the chairman"), default=False)

    class Meta:
        ordering = ["decision", "commune__unit__path", "id"]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.commune_id}"
