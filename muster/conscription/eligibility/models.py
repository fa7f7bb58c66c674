"""Models of the call-up sub-domain `eligibility` (app label ``conscription``)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PoliticalOutcome(models.TextChoices):
    PASS = "pass", _("Meets the political standard")
    FAIL = "fail", _("Does not meet the political standard")


class PoliticalVerification(models.Model):
    """A recorded verification of a citizen's political standard (thẩm tra, xác minh tiêu
    chuẩn chính trị; TTLT 50/2016/TTLT-BQP-BCA, amended by TT 97/2025/TT-BQP).

    Who verified (usually the commune police), on which day, with what outcome and on which
    document. The eligibility engine reads the latest verification dated on or before the day
    it judges; without one the political standard stays "not yet verified" and no call-up
    decision can be issued (the decision gate).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="political_verifications"
    )
    verified_on = models.DateField(_("verified on"))
    verified_by = models.CharField(_("verified by"), max_length=200)
    outcome = models.CharField(_("outcome"), max_length=4, choices=PoliticalOutcome.choices)
    document = models.CharField(_("verification document"), max_length=120)
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("political verification")
        verbose_name_plural = _("political verifications")
        ordering = ["-verified_on", "-id"]
        indexes = [models.Index(fields=["person", "verified_on"], name="politicalverif_person_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=["pass", "fail"]), name="politicalverif_outcome"
            ),
            models.CheckConstraint(
                condition=~Q(verified_by="") & ~Q(document=""), name="politicalverif_who_what"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.verified_on:%d/%m/%Y} {self.outcome}"
