"""Models of the call-up sub-domain `decisions` (app label ``conscription``)."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from muster.conscription.campaign.models import Campaign, CampaignCommune, Service

#: The screen title of a call-up by who signs it and the service: the name the printed document
#: carries ("LỆNH GỌI CÔNG DÂN NHẬP NGŨ" is a call-up order, signed by the district commander
#: until 30/06/2025; "QUYẾT ĐỊNH GỌI CÔNG DÂN NHẬP NGŨ" the commune chairman's decision after).
_TITLES = {
    ("district_commander", "army"): _("Call-up order"),
    ("commune_chairman", "army"): _("Decision calling a citizen to enlist"),
    ("district_police_chief", "police"): _("Order calling a citizen to police service"),
    ("commune_chairman", "police"): _("Decision calling a citizen to police service"),
}


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
    #: Where the citizen reports on the enlistment day, printed on the decision (Art 34(6)).
    report_place = models.CharField(_("place of reporting"), max_length=200, blank=True)
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
        return self.printed_number

    @property
    def printed_number(self) -> str:
        """The number as the document prints it after "Số:": number/year of issue ("1/2025").
        The PDF and every page that shows the number use this one formatter."""
        return f"{self.number}/{self.issued_on:%Y}"

    @property
    def number_line(self) -> str:
        """The number line of the printed document: "Số: 1/2025"."""
        return f"Số: {self.printed_number}"

    @property
    def authority_code(self) -> str:
        """Who signed (``district_commander``, ``commune_chairman``, …) without the unit key."""
        return self.authority.split(":", 1)[0]

    @property
    def title(self) -> str:
        """The screen title matching the printed document's title, in the user's language."""
        return str(_TITLES.get((self.authority_code, self.service), _("Call-up decision")))

    @property
    def title_vi(self) -> str:
        """The title in Vietnamese, for texts written into records ("Lệnh gọi công dân nhập
        ngũ số 1/2025 ngày 20/01/2025")."""
        with translation.override("vi"):
            return self.title


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
