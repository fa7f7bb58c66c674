"""Issuing and revoking API tokens (audited)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muster.accounts.access import require
from muster.api import perms
from muster.api.models import ApiToken
from muster.api.tokens import hash_secret, new_secret
from muster.audit.services import record_event
from muster.core.dates import today
from muster.core.text import clean_line
from muster.geo.scope import scope_of

if TYPE_CHECKING:
    from muster.accounts.models import User
    from muster.geo.models import Unit

#: The longest life of a token.
MAX_DAYS = 366
#: How many prefixes to draw before giving up: the prefix is 32 bits and unique, so a draw may
#: hit a prefix in use (rarely); five in a row means something else is wrong.
PREFIX_TRIES = 5


def _end_of(day: dt.date) -> dt.datetime:
    """The first instant after ``day`` (local time)."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


@transaction.atomic
def token_issue(
    *, actor: User, owner: User, name: str, unit: Unit, write: bool, expires_on: dt.date
) -> tuple[ApiToken, str]:
    """A new token of ``owner`` over ``unit`` (within the owner's area), valid to the end of
    ``expires_on`` (at most a year ahead). Returns the token and its secret, shown once."""
    require(perms.can_manage_tokens_of(actor, owner))
    errors: dict[str, list[str]] = {}
    name = clean_line(name)
    if not name:
        errors["name"] = [_("Give the token a name.")]
    if not scope_of(owner).contains(unit):
        errors["unit"] = [_("The unit must lie within the owner's area.")]
    start = today()
    if expires_on <= start:
        errors["expires_on"] = [_("The expiry date must be after today.")]
    elif (expires_on - start).days > MAX_DAYS - 1:
        errors["expires_on"] = [_("A token is valid for one year at most.")]
    if errors:
        raise ValidationError(errors)
    token, raw = _create_with_fresh_prefix(
        owner=owner, name=name, unit=unit, write=write, expires_at=_end_of(expires_on)
    )
    record_event(
        actor=actor,
        action="api.token_issue",
        obj=token,
        scope_unit=unit,
        changes={
            "owner": [None, owner.username],
            "name": [None, name],
            "unit": [None, unit.code],
            "write": [None, write],
            "expires_on": [None, expires_on.isoformat()],
        },
        object_repr=str(token),
    )
    return token, raw


def _create_with_fresh_prefix(
    *, owner: User, name: str, unit: Unit, write: bool, expires_at: dt.datetime
) -> tuple[ApiToken, str]:
    """The token row with a newly drawn secret; a prefix (or hash) already taken is drawn
    again, each try in its own savepoint, up to ``PREFIX_TRIES`` times."""
    for _try in range(PREFIX_TRIES):
        prefix, raw = new_secret()
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    owner=owner,
                    name=name,
                    unit=unit,
                    write=write,
                    prefix=prefix,
                    secret_hash=hash_secret(raw),
                    expires_at=expires_at,
                )
        except IntegrityError:
            continue
        return token, raw
    raise ValidationError(_("No free token prefix could be drawn; please try again."))


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke ``token`` at once (revoking a revoked token changes nothing)."""
    require(perms.can_manage_tokens_of(actor, token.owner))
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(
        actor=actor,
        action="api.token_revoke",
        obj=token,
        scope_unit=token.unit,
        changes={"revoked_at": [None, token.revoked_at.isoformat()]},
        object_repr=str(token),
    )
    return token
