from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from muster.accounts.perms import Cap, has_cap
from muster.portal.navigation import MODULES

_NAMESPACE_MODULE = {
    "portal": "dashboard",
    "geo": "units",
    "people": "people",
    "dossiers": "people",
    "health": "health",
    "directives": "directives",
    "campaigns": "conscription",
    "reports": "reports",
    "audit": "audit",
}


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_modules": []}
    modules = [m for m in MODULES if m.slug != "audit" or has_cap(user, Cap.VIEW_AUDIT)]
    match = request.resolver_match
    active = ""
    if match is not None:
        active = str(match.kwargs.get("slug") or _NAMESPACE_MODULE.get(match.namespace, ""))
    return {"nav_modules": modules, "active_module": active}
