"""Khung B cadre appointments: who holds a command post (squad leader to regiment commander)
of a reserve unit, from when to when, by which decision. The quarterly Khung B allowance
(Decree 79/2020) is computed from these."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from muster.core import lawtext
from muster.law.reserve.training_enums import KHUNG_B_POST_LABELS, KhungBPost

#: The posts as form / model choices (Vietnamese label first).
KHUNG_B_CHOICES = [(post.value, KHUNG_B_POST_LABELS[post].vi) for post in KhungBPost]


class KhungBAppointment(models.Model):
    """``reservist`` holds ``post`` in ``unit`` from ``appointed_on`` to the day before
    ``ended_on`` (the day he leaves the post; empty while he holds it), by ``decision``."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reservist = models.ForeignKey(
        "reserve.Reservist", on_delete=models.PROTECT, related_name="khung_b_posts"
    )
    unit = models.ForeignKey(
        "reserve.ReserveUnit", on_delete=models.PROTECT, related_name="khung_b_cadres"
    )
    post = models.CharField(_("post"), max_length=40, choices=KHUNG_B_CHOICES)
    appointed_on = models.DateField(_("appointed on"))
    ended_on = models.DateField(_("left the post on"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=120, blank=True)
    end_decision = models.CharField(_("decision ending it"), max_length=120, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Khung B cadre appointment")
        verbose_name_plural = _("Khung B cadre appointments")
        ordering = ("unit_id", "-appointed_on", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gt=F("appointed_on")),
                name="khungb_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reservist_id} {self.post} {self.unit_id}"

    @property
    def post_label(self) -> str:
        return lawtext.text(KHUNG_B_POST_LABELS[KhungBPost(self.post)])
