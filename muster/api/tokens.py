"""The token secret: its format ``mst_<prefix>_<secret>``, its keyed hash, and finding the
token a request presents. The secret itself is never stored nor logged.

Use is recorded at most once a minute per token (``USE_GRANULARITY``): a request more than a
minute after the last recorded one moves ``last_used_at`` and adds one to ``use_count`` and to
the day's ``ApiTokenUse.count``; a request within the minute writes nothing. So the counts are
*minutes of use* (requests at least a minute apart), not requests; the rate limit counts
requests (in the cache)."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from muster.api.models import ApiToken, ApiTokenUse

PREFIX = "mst"
#: The purpose of the secret's keyed hash (``salted_hmac``): a hash made for one purpose never
#: verifies another (the login codes use ``muster.accounts.login_code``).
HASH_SALT = "muster.api.token_secret"
#: Use is recorded at most once per token within this time.
USE_GRANULARITY = dt.timedelta(seconds=60)


def new_secret() -> tuple[str, str]:
    """A fresh ``(prefix, whole token)``: 8 hex characters, then 43 random URL-safe ones."""
    prefix = secrets.token_hex(4)
    return prefix, f"{PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"


def hash_secret(raw: str) -> str:
    """HMAC-SHA256 of the whole token, keyed with ``SECRET_KEY`` and the purpose salt."""
    return salted_hmac(HASH_SALT, raw, algorithm="sha256").hexdigest()


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
    """A request of ``token`` at ``moment``: recorded (last use, running count, the day's row)
    only when the last recorded use is a minute old or more; otherwise nothing is written.

    ``token`` is the row the request just read: within the minute no query at all. Past it,
    one conditional UPDATE, so that two requests racing past the minute count once."""
    since = moment - USE_GRANULARITY
    if token.last_used_at is not None and token.last_used_at > since:
        return
    recent = Q(last_used_at__isnull=True) | Q(last_used_at__lte=since)
    counted = ApiToken.objects.filter(recent, pk=token.pk).update(
        use_count=F("use_count") + 1, last_used_at=moment
    )
    if not counted:  # another request recorded this minute
        return
    token.last_used_at = moment
    day = moment.astimezone(dt.UTC).date()
    updated = ApiTokenUse.objects.filter(token=token, day=day).update(count=F("count") + 1)
    if not updated:
        try:
            with transaction.atomic():
                ApiTokenUse.objects.create(token=token, day=day, count=1)
        except IntegrityError:  # another request of the same token created the day's row
            ApiTokenUse.objects.filter(token=token, day=day).update(count=F("count") + 1)


def now() -> dt.datetime:
    return timezone.now()
