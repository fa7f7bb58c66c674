from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from muster.core.registry import registry


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu for the signed-in user (entries a module shows only to some roles are cut),
    and the module of the page being shown."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_modules": []}
    match = request.resolver_match
    active = ""
    if match is not None:
        active = str(match.kwargs.get("slug") or registry.module_of_namespace(match.namespace))
    return {"nav_modules": registry.menu_for(user), "active_module": active}
