"""Login throttling that cannot lock out other users.

Three limits, each over the last ``LOGIN_FAILURE_WINDOW_SECONDS``:

* **per user name**, ``LOGIN_MAX_FAILURES``: failures for the name from browsers that carry no
  device cookie for it (guessing one user's password from anywhere);
* **per client address**, ``LOGIN_MAX_FAILURES_PER_ADDRESS``: failures from the address, under
  any names, from browsers without a device cookie for the name tried (guessing many names).
  The address is the real client behind a trusted proxy (``core.http.client_address``);
* **per device**, ``LOGIN_MAX_FAILURES``: a browser that has logged in as a user holds a signed
  device cookie for that user (``muster_device``, ``LOGIN_DEVICE_COOKIE_DAYS``); its attempts
  for that user are counted against the device only, so failures made elsewhere (an attacker
  behind the same address, or guessing the user's password) never lock it out.

This is OWASP's "device cookie" scheme. Alone it does not prevent one thing: a user on a
browser they have never logged in with can be refused for the window by someone failing their
name. The second way in closes it: the unit's administrator issues a one-time login code
(``accounts.LoginCode``, ``services.login_code_issue``); redeemed on the unlock page with the
user name (``login_code_redeem``), it makes that browser a known device for the user, whose
attempts then count against the device only. Redeeming is never refused by a limit: a user
behind the same address as an attacker (an office behind one NAT) still gets in with his code.
That is safe because a code is 10 characters of a 31-letter alphabet (about 50 bits), bound to
its user, single-use and short-lived: guessing one is hopeless at any rate a web server
answers. Wrong codes are still counted against the address (up to its limit, so they bound the
rows they write), which throttles the address's password guesses, never a user name.

**Atomic under concurrency.** ``attempt_begin`` writes the attempt as a failure (and commits)
*before* the password is checked, then counts. Of N concurrent attempts, the k-th to commit
counts at least k rows, so no more than the limit ever reach the password check (a close race
may refuse one more than needed, never let one more through). A refused attempt removes its row
again, so hammering a locked name does not extend the lock; a successful one removes its row
and the name's failures.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from muster.accounts.models import FailedLogin

DEVICE_COOKIE = "muster_device"
_DEVICE_SALT = "muster.accounts.device"
#: How many users one browser remembers (a shared office computer).
_DEVICES_PER_BROWSER = 8


def _window() -> dt.timedelta:
    return dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def _devices(cookie: str | None) -> dict[str, str]:
    """``{user name: device id}`` from a valid device cookie; empty when absent or forged."""
    if not cookie:
        return {}
    try:
        data = signing.loads(
            cookie, salt=_DEVICE_SALT, max_age=settings.LOGIN_DEVICE_COOKIE_DAYS * 86400
        )
    except signing.BadSignature:
        return {}
    if not isinstance(data, list):
        return {}
    return {
        str(pair[0]): str(pair[1])
        for pair in data
        if isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
    }


def device_for(cookie: str | None, username: str) -> str:
    """The device id the browser holds for ``username`` (lower case), or ``""``."""
    return _devices(cookie).get(username.lower(), "")[:64]


def device_cookie_after_login(cookie: str | None, username: str, device: str = "") -> str:
    """The new cookie value once ``username`` has logged in (or redeemed a login code, which
    passes the new ``device`` id): its device id kept or made, the most recent users first."""
    username = username.lower()
    devices = _devices(cookie)
    kept = devices.pop(username, "")
    device = device or kept or secrets.token_urlsafe(18)
    pairs = [[username, device], *([u, d] for u, d in devices.items())]
    return signing.dumps(pairs[:_DEVICES_PER_BROWSER], salt=_DEVICE_SALT, compress=True)


def attempt_begin(
    *, username: str, ip_address: str, device: str, now: dt.datetime | None = None
) -> int | None:
    """Count one attempt before its password is checked; the attempt's id, or ``None`` when a
    limit is reached (nothing is then counted)."""
    now = now or timezone.now()
    username = username.lower()[:150]
    with transaction.atomic():
        attempt = FailedLogin.objects.create(
            username=username, ip_address=ip_address[:64], device=device, attempted_at=now
        )
    recent = FailedLogin.objects.filter(attempted_at__gt=now - _window())
    limit = settings.LOGIN_MAX_FAILURES
    if device:
        refused = recent.filter(device=device).count() > limit
    else:
        untrusted = recent.filter(device="")
        refused = (
            untrusted.filter(username=username).count() > limit
            or untrusted.filter(ip_address=attempt.ip_address).count()
            > settings.LOGIN_MAX_FAILURES_PER_ADDRESS
        )
    if refused:
        FailedLogin.objects.filter(pk=attempt.pk).delete()
        return None
    FailedLogin.objects.filter(attempted_at__lt=now - 2 * _window()).delete()
    return attempt.pk


def new_device_id() -> str:
    return secrets.token_urlsafe(18)


def address_attempt_begin(*, ip_address: str, now: dt.datetime | None = None) -> int | None:
    """Count one attempt that names no user (a login code being redeemed) against the
    address's limit only; its id, or ``None`` when the address is already over its limit (the
    attempt is then not written: the caller decides whether it may still go on)."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = FailedLogin.objects.create(
            username="", ip_address=ip_address[:64], device="", attempted_at=now
        )
    recent = FailedLogin.objects.filter(
        attempted_at__gt=now - _window(), device="", ip_address=attempt.ip_address
    )
    if recent.count() > settings.LOGIN_MAX_FAILURES_PER_ADDRESS:
        FailedLogin.objects.filter(pk=attempt.pk).delete()
        return None
    return attempt.pk


def attempt_forget(*, attempt: int) -> None:
    """A right login code: its attempt no longer counts (the name's failures stay)."""
    FailedLogin.objects.filter(pk=attempt).delete()


def attempt_succeeded(*, attempt: int, username: str) -> None:
    """A right password: the attempt and the name's failures no longer count."""
    FailedLogin.objects.filter(pk=attempt).delete()
    FailedLogin.objects.filter(username=username.lower()).delete()
