"""The token secret: its format ``mst_<prefix>_<secret>``, its keyed hash, and finding the
token a request presents. The secret itself is never stored nor logged."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from muster.api.models import ApiToken, ApiTokenUse

PREFIX = "mst"


def new_secret() -> tuple[str, str]:
    """A fresh ``(prefix, whole token)``: 8 hex characters, then 43 random URL-safe ones."""
    prefix = secrets.token_hex(4)
    return prefix, f"{PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"


def hash_secret(raw: str) -> str:
    key = str(settings.SECRET_KEY).encode()
    return hmac.new(key, raw.encode(), hashlib.sha256).hexdigest()


def find_token(raw: str) -> ApiToken | None:
    """The token ``raw`` names, whatever its state (the caller checks expiry and revocation);
    None for anything malformed or unknown. The hash is compared in constant time."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or len(parts[1]) != 8 or not parts[2]:
        return None
    token = (
        ApiToken.objects.select_related("owner", "owner__scope_unit", "unit")
        .filter(prefix=parts[1])
        .first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(raw)):
        return None
    return token


def count_use(token: ApiToken, moment: dt.datetime) -> None:
    """One request of ``token``: its running count and last use, and its row of the day."""
    day = moment.astimezone(dt.UTC).date()
    ApiToken.objects.filter(pk=token.pk).update(use_count=F("use_count") + 1, last_used_at=moment)
    updated = ApiTokenUse.objects.filter(token=token, day=day).update(count=F("count") + 1)
    if not updated:
        try:
            with transaction.atomic():
                ApiTokenUse.objects.create(token=token, day=day, count=1)
        except IntegrityError:  # another request of the same token created the day's row
            ApiTokenUse.objects.filter(token=token, day=day).update(count=F("count") + 1)


def now() -> dt.datetime:
    return timezone.now()
