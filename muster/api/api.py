"""The API instance: its routers, auth, errors and documentation (``/api/v1/``).

A new resource is a router module under ``muster/api/routers/`` (see ``framework``), added to
``ROUTERS`` below."""

from __future__ import annotations

from ninja import Router
from ninja.openapi.docs import Swagger

from muster.api.framework import MusterAPI, TokenAuth, api_urls, install_handlers
from muster.api.routers import callup, citizens, directives, forces, health, units

ROUTERS: list[tuple[str, Router]] = [
    ("/units", units.router),
    ("/citizens", citizens.router),
    ("/health", health.router),
    ("/campaigns", callup.router),
    ("/decisions", callup.decisions_router),
    ("/militia", forces.militia_router),
    ("/reserve", forces.reserve_router),
    ("/directives", directives.router),
]

api = MusterAPI(
    title="Muster API",
    version="1",
    description=(
        "The REST API of Muster. Authenticate with `Authorization: Bearer mst_…` (a token "
        "issued at /api/tokens/). Errors are problem+json (RFC 9457); lists are cursor pages."
    ),
    auth=TokenAuth(),
    urls_namespace="api_v1",
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_handlers(api)
for prefix, router in ROUTERS:
    api.add_router(prefix, router)

urls = api_urls(api)
