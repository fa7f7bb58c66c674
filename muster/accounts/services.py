"""Account state changes: the login event, user creation, the system actor."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from muster.accounts.models import Post, Role, User
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
