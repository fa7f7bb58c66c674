from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from muster.accounts.posts import ended_unit_notice

_CACHE_ATTR = "_muster_ended_unit"


def ended_unit(request: HttpRequest) -> dict[str, Any]:
    """``ended_unit``: the notice for a signed-in user whose unit no longer exists. Lazy and
    read once per request: only the page layout shows it, and fragments rendered with the
    request (cards, htmx parts) run this processor too."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def notice() -> object:
        if not hasattr(request, _CACHE_ATTR):
            setattr(request, _CACHE_ATTR, ended_unit_notice(user))
        return getattr(request, _CACHE_ATTR)

    return {"ended_unit": SimpleLazyObject(notice)}
