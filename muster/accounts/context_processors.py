from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from muster.accounts.posts import ended_unit_notice


def ended_unit(request: HttpRequest) -> dict[str, Any]:
    """``ended_unit``: the notice for a signed-in user whose unit no longer exists."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"ended_unit": ended_unit_notice(user)}
