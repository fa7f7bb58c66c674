"""Account state changes: login bookkeeping (throttling) and user creation."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from muster.accounts.models import FailedLogin, Role, User
from muster.audit.services import record_event
from muster.geo.models import Unit


def login_is_throttled(*, username: str, ip_address: str, now: dt.datetime | None = None) -> bool:
    """True when the user name or the address has failed too often within the window."""
    now = now or timezone.now()
    since = now - dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    recent = FailedLogin.objects.filter(attempted_at__gte=since)
    limit = settings.LOGIN_MAX_FAILURES
    return (
        recent.filter(username=username.lower()).count() >= limit
        or recent.filter(ip_address=ip_address).count() >= limit * 4
    )


def login_failure_record(*, username: str, ip_address: str) -> None:
    FailedLogin.objects.create(
        username=username.lower()[:150], ip_address=ip_address[:64], attempted_at=timezone.now()
    )


@transaction.atomic
def login_success_record(*, user: User, ip_address: str) -> None:
    FailedLogin.objects.filter(username=user.get_username().lower()).delete()
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
    actor: User | None,
    username: str,
    password: str,
    role: Role,
    scope_unit: Unit | None,
    full_name: str = "",
    title: str = "",
    reason: str = "",
) -> User:
    user = User(username=username, role=role, scope_unit=scope_unit, full_name=full_name)
    user.title = title
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    record_event(
        actor=actor,
        action="accounts.user_create",
        obj=user,
        scope_unit=scope_unit,
        changes={"username": [None, username], "role": [None, str(role)]},
        reason=reason,
    )
    return user
