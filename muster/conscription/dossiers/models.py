"""Models of the call-up sub-domain `dossiers` (app label ``conscription``)."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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
