"""Typed request for views behind login, the "as of" day a page shows, the client address."""

from __future__ import annotations

import datetime as dt
import ipaddress
from functools import lru_cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from muster.core.dates import parse_user_date, today

if TYPE_CHECKING:
    from muster.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
    htmx: HtmxDetails


def reference_date(request: AuthenticatedHttpRequest) -> dt.date:
    """The "as of" day of a page: ``?on=dd/mm/yyyy``, else today, or the last day of the
    user's scope unit when that unit has ended (a 2025 district officer sees 30/06/2025)."""
    default = today()
    scope = request.user.scope_unit
    if scope is not None and scope.valid_to is not None and scope.valid_to < default:
        default = scope.valid_to
    return parse_user_date(request.GET.get("on")) or default


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    try:
        return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)
    except ValueError as exc:
        raise ValueError(f"TRUSTED_PROXIES: {exc}") from exc


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The address of the client, for throttling and the audit log.

    ``REMOTE_ADDR``, unless that is one of ``settings.TRUSTED_PROXIES`` (addresses or networks):
    then ``X-Forwarded-For`` is read from the right, skipping trusted proxies, and the first
    address a trusted proxy did not write is the client. The left part of the header is the
    client's own to forge and is never used while an untrusted address stands to its right.
    """
    remote = str(request.META.get("REMOTE_ADDR", "") or "unknown")
    trusted = _trusted_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    remote_ip = _ip(remote)
    if not trusted or remote_ip is None or not any(remote_ip in net for net in trusted):
        return remote
    client = remote_ip
    for part in reversed(str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")):
        hop = _ip(part)
        if hop is None:
            break  # garbage: stop at the last address a trusted proxy vouched for
        client = hop
        if not any(hop in net for net in trusted):
            break
    return str(client)
