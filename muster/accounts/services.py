"""Account state changes: the login event, user creation, the system actor, one-time login
codes."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from muster.accounts.access import require, require_actor_area
from muster.accounts.models import LoginCode, Post, Role, User
from muster.accounts.perms import can_issue_login_code
from muster.audit.services import record_event
from muster.core.dates import today
from muster.geo.models import Unit

#: The user name of the system actor, reserved: no person may be given it.
SYSTEM_USERNAME = "system"


def system_actor() -> User:
    """The user the system acts as in management commands, the demo loader and data loads.

    Every service takes a real ``actor``; when no person acts, this reserved user does. Its role
    (``Role.SYSTEM``) has every capability and, with no scope unit, the whole system as its
    area; its password is unusable and the login page refuses it. Audit events it writes carry
    the label ``system``.

    Get-or-create on every call (one indexed read): the row is not cached across calls because a
    test database flush or a rolled-back transaction can remove it. Callers that act many times
    fetch it once and pass it on.
    """
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"role": Role.SYSTEM, "full_name": "Hệ thống", "is_active": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    elif user.role != Role.SYSTEM:
        raise ImproperlyConfigured(
            f"The user name {SYSTEM_USERNAME!r} is reserved for the system actor, "
            "but a user with another role holds it."
        )
    return user


@transaction.atomic
def login_success_record(*, user: User, ip_address: str) -> None:
    """The login event (throttling bookkeeping is ``accounts.throttle``)."""
    record_event(
        actor=user,
        action="accounts.login",
        obj=user,
        scope_unit=user.scope_unit,
        changes={"ip_address": [None, ip_address]},
    )


@transaction.atomic
def user_create(
    *,
    actor: User,
    username: str,
    password: str,
    role: Role,
    scope_unit: Unit | None,
    full_name: str = "",
    title: str = "",
    reason: str = "",
    post_from: dt.date | None = None,
) -> User:
    """A new user holding his first post (``accounts.Post``) from ``post_from`` (default
    today): ``role`` in ``scope_unit``."""
    user = User(username=username, role=role, scope_unit=scope_unit, full_name=full_name)
    user.title = title
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    Post.objects.create(
        user=user, role=role, unit=scope_unit, title=title, valid_from=post_from or today()
    )
    record_event(
        actor=actor,
        action="accounts.user_create",
        obj=user,
        scope_unit=scope_unit,
        changes={"username": [None, username], "role": [None, str(role)]},
        reason=reason,
    )
    return user


#: The letters of a login code: no 0/O, 1/I/L, so it can be read out over the telephone.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 10


def _code_hash(code: str) -> str:
    return salted_hmac("muster.accounts.login_code", code, algorithm="sha256").hexdigest()


def normalise_login_code(raw: str) -> str:
    """The code as typed, without spaces and dashes, in capitals ("abcde-fghjk" → "ABCDEFGHJK")."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())[:32]


@transaction.atomic
def login_code_issue(*, actor: User, user: User, now: dt.datetime | None = None) -> str:
    """A new one-time login code for ``user`` (shown once, as "ABCDE-FGHJK"); the user's earlier
    unused codes stop serving. Audited without the code."""
    require(can_issue_login_code(actor, user))
    if user.scope_unit_id is not None:
        require_actor_area(actor, user.scope_unit_id)
    now = now or timezone.now()
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
    LoginCode.objects.filter(user=user, used_at__isnull=True).delete()
    expires = now + dt.timedelta(minutes=settings.LOGIN_CODE_MINUTES)
    LoginCode.objects.create(
        user=user, code_hash=_code_hash(code), issued_by=actor, issued_at=now, expires_at=expires
    )
    record_event(
        actor=actor,
        action="accounts.login_code_issue",
        obj=user,
        scope_unit=user.scope_unit,
        changes={"expires_at": [None, expires.isoformat(timespec="minutes")]},
    )
    return f"{code[:5]}-{code[5:]}"


def login_code_redeem(
    *, username: str, code: str, ip_address: str, now: dt.datetime | None = None
) -> bool:
    """Use a one-time login code: ``True`` when ``code`` is a live code of ``username`` (it is
    then spent, and audited with the user as actor), ``False`` otherwise (nothing is said of
    which part was wrong)."""
    now = now or timezone.now()
    normalised = normalise_login_code(code)
    if len(normalised) != _CODE_LENGTH:
        return False
    with transaction.atomic():
        found = (
            LoginCode.objects.select_related("user", "user__scope_unit")
            .filter(code_hash=_code_hash(normalised), used_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if found is None or found.user.username.lower() != username.strip().lower():
            return False
        # Spent once, even by two concurrent redemptions: only one update finds it unused.
        if not LoginCode.objects.filter(pk=found.pk, used_at__isnull=True).update(used_at=now):
            return False
        if not found.user.is_active or found.user.is_system_actor:
            return False
        record_event(
            actor=found.user,
            action="accounts.login_code_use",
            obj=found.user,
            scope_unit=found.user.scope_unit,
            changes={"ip_address": [None, ip_address]},
        )
    return True
