"""API tokens: a bearer secret bound to its owner and to one unit (its scope), stored only as
a keyed hash (HMAC-SHA256 with ``SECRET_KEY``); its use counted per day."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=80)
    unit = models.ForeignKey(
        "geo.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    write = models.BooleanField(_("may write"), default=False)
    #: The first 8 characters of the secret, shown to tell tokens apart (``mst_<prefix>_…``).
    prefix = models.CharField(max_length=8, unique=True)
    #: HMAC-SHA256 (key: ``SECRET_KEY``) of the whole token, hex.
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    use_count = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} (mst_{self.prefix}_…)"

    def is_active_at(self, moment: dt.datetime) -> bool:
        return self.revoked_at is None and moment < self.expires_at


class ApiTokenUse(models.Model):
    """How many requests a token made on one day (UTC)."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="uses")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "day"], name="api_tokenuse_token_day")
        ]

    def __str__(self) -> str:
        return f"{self.token_id} {self.day}: {self.count}"
