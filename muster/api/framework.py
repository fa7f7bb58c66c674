"""The conventions of Muster's REST API (``/api/v1/``), shared by every router.

* **Auth** (``TokenAuth``, on the whole API): ``Authorization: Bearer mst_…``. The actor of a
  request is the token's owner, whose scope is narrowed to the token's unit (its subtree and
  lineage, ``muster.geo.scope.pin_scope``), so the pages' selectors, ``get_for_user`` and the
  services' area checks see the token's area. A router reads the actor with
  ``actor(request)``, or ``actor(request, write=True)`` for a write (a read-only token: 403).
* **Errors**: problem+json (RFC 9457: ``type``, ``title``, ``status``, ``detail``, and
  ``errors`` = ``{field: [messages]}`` for field errors), in Vietnamese when Accept-Language
  asks for it, English else. ``Http404`` → 404, ``PermissionDenied`` → 403, Django's or
  ninja's ``ValidationError`` → 422, ``Problem(status, detail)`` for anything else.
* **Pagination**: ``keyset_page(queryset, order=("name_search", "id"), cursor=…, limit=…,
  item=…)`` → ``{items, next_cursor}``; the cursor is opaque (base64 of the last row's keys).
* **ETag** on every 200 GET (hash of the body); ``If-None-Match`` → 304.
* **Rate limit** per token (``API_RATE_PER_MINUTE``, fixed one-minute window in the cache) →
  429 with ``Retry-After``.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import URLPattern
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation.trans_real import parse_accept_lang_header
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer
from pydantic import Field, create_model

from muster.api.models import ApiToken
from muster.api.tokens import count_use, find_token, now
from muster.geo.scope import pin_scope, scope_of, scope_of_unit

if TYPE_CHECKING:
    from muster.accounts.models import User

M = TypeVar("M", bound=Model)

PROBLEM_TYPE = "application/problem+json"
#: The status codes every operation may answer with a problem.
PROBLEM_CODES = (400, 401, 403, 404, 422, 429)
_TITLES = {
    400: gettext_lazy("Bad request"),
    401: gettext_lazy("Not authenticated"),
    403: gettext_lazy("Forbidden"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    409: gettext_lazy("Conflict"),
    422: gettext_lazy("Invalid input"),
    429: gettext_lazy("Too many requests"),
}
_SLUGS = {
    400: "bad-request",
    401: "not-authenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    422: "invalid-input",
    429: "too-many-requests",
}
#: ``limit`` of a page: 1 to MAX_LIMIT, DEFAULT_LIMIT when absent.
DEFAULT_LIMIT = 50
MAX_LIMIT = 200

Errors = dict[str, list[str]]


class ProblemSchema(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: dict[str, list[str]] | None = None


class Problem(Exception):
    """Answer with a problem+json of ``status``: raise it from any operation."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        errors: Errors | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}


def problem_response(
    status: int, detail: str, *, errors: Errors | None = None, headers: dict[str, str] | None = None
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": f"urn:muster:problem:{_SLUGS.get(status, str(status))}",
        "title": str(_TITLES.get(status, _("Error"))),
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _messages(error: DjangoValidationError) -> Errors:
    if hasattr(error, "error_dict"):
        return {
            ("non_field" if field == "__all__" else field): [str(m) for m in messages]
            for field, messages in error.message_dict.items()
        }
    return {"non_field": [str(m) for m in error.messages]}


# ---------------------------------------------------------------------------- auth


class TokenAuth(HttpBearer):
    """The bearer token: valid, unexpired, unrevoked, its unit still in its owner's area;
    counted, rate-limited, and its owner's scope narrowed to the token's unit."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = find_token(token)
        moment = now()
        if found is None:
            raise Problem(401, _("Unknown or malformed API token."))
        if found.revoked_at is not None:
            raise Problem(401, _("This API token was revoked."))
        if moment >= found.expires_at:
            raise Problem(401, _("This API token has expired."))
        owner = found.owner
        area = scope_of(owner)
        if not owner.is_active or not area.contains(found.unit):
            raise Problem(401, _("This API token's unit is no longer in its owner's area."))
        _throttle(found)
        count_use(found, moment)
        # A token over the owner's own unit has the owner's area (its lineage is read once).
        same = found.unit_id == owner.scope_unit_id and not owner.is_system_admin
        pin_scope(owner, area if same else scope_of_unit(found.unit))
        return found


def _throttle(token: ApiToken) -> None:
    limit: int = getattr(settings, "API_RATE_PER_MINUTE", 600)
    clock = time.time()
    window = int(clock // 60)
    key = f"api:rate:{token.pk}:{window}"
    cache.add(key, 0, timeout=90)
    try:
        used = cache.incr(key)
    except ValueError:  # the window's key expired between add and incr
        cache.set(key, 1, timeout=90)
        used = 1
    if used > limit:
        wait = max(1, 60 - int(clock % 60))
        raise Problem(
            429,
            _("Too many requests for this token; try again in %(s)d seconds.") % {"s": wait},
            headers={"Retry-After": str(wait)},
        )


def token_of(request: HttpRequest) -> ApiToken:
    token = getattr(request, "auth", None)
    if not isinstance(token, ApiToken):  # pragma: no cover - every operation is authenticated
        raise Problem(401, _("Unknown or malformed API token."))
    return token


def actor(request: HttpRequest, *, write: bool = False) -> User:
    """The acting user (the token's owner, scope narrowed); ``write``: refuse a read-only
    token with a 403 before anything else."""
    token = token_of(request)
    if write and not token.write:
        raise Problem(403, _("This API token is read-only."))
    return token.owner


# ---------------------------------------------------------------------------- pagination


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps([v if isinstance(v, int | str) else str(v) for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[Any]:
    """The keys a cursor holds; a cursor not made by ``encode_cursor`` is a 400."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        values = None
    if (
        not isinstance(values, list)
        or len(values) != size
        or not all(isinstance(v, int | str) and not isinstance(v, bool) for v in values)
    ):
        raise Problem(400, _("The cursor is not valid."), errors={"cursor": [_("Invalid.")]})
    return values


def after_q(order: Sequence[str], values: Sequence[Any]) -> Q:
    """Rows strictly after ``values`` in the ascending order ``order`` (keyset)."""
    condition = Q()
    for i, field in enumerate(order):
        step = Q(**{f"{field}__gt": values[i]})
        for prior, value in zip(order[:i], values[:i], strict=True):
            step &= Q(**{prior: value})
        condition |= step
    return condition


def keyset_page(
    queryset: QuerySet[M],
    *,
    order: Sequence[str],
    cursor: str | None,
    limit: int,
    item: Callable[[M], Any],
) -> dict[str, Any]:
    """One page ``{items, next_cursor}`` of ``queryset`` in the ascending, unique ``order``
    (its last field the primary key)."""
    if cursor:
        queryset = queryset.filter(after_q(order, decode_cursor(cursor, len(order))))
    rows = list(queryset.order_by(*order)[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor([_key(rows[-1], field) for field in order])
    return {"items": [item(row) for row in rows], "next_cursor": next_cursor}


def _key(row: Model, field: str) -> Any:
    value: Any = row
    for part in field.split("__"):
        value = getattr(value, "pk" if part == "id" else part)
    return value


class PageQuery(Schema):
    """The query of a list with nothing else to filter by: ``cursor`` and ``limit``."""

    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """The schema of a page of ``item``: ``{items: [...], next_cursor: str | null}``."""
    items: Any = list[item]  # type: ignore[valid-type]
    page: type[Schema] = create_model(
        name, __base__=Schema, items=(items, ...), next_cursor=(str | None, None)
    )
    return page


def responses(ok: Any, status: int = 200) -> dict[int, Any]:
    """An operation's ``response=``: ``ok`` for ``status`` and a problem for the rest."""
    return {status: ok, **dict.fromkeys(PROBLEM_CODES, ProblemSchema)}


# ---------------------------------------------------------------------------- the API


def api_language(request: HttpRequest) -> str:
    """Vietnamese when Accept-Language ranks it above English, English else."""
    for code, _q in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = code.split("-")[0].lower()
        if base in ("vi", "en"):
            return base
    return "en"


class MusterAPI(NinjaAPI):
    """NinjaAPI with problem+json errors documented as such in the OpenAPI schema."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                for code, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {})
                    if int(code) >= 400 and "application/json" in content:
                        content[PROBLEM_TYPE] = content.pop("application/json")
        return schema


def install_handlers(api: NinjaAPI) -> None:
    def problem(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(exc.status, exc.detail, errors=exc.errors, headers=exc.headers)

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(404, _("Not found, or outside your area."))

    def denied(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(403, str(exc) or _("Your role does not allow this."))

    def invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(
            422, _("The request could not be processed; see errors."), errors=_messages(exc)
        )

    def schema_invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        errors: Errors = {}
        for error in exc.errors:
            where = ".".join(str(p) for p in error.get("loc", ()))
            errors.setdefault(where or "body", []).append(str(error.get("msg", "")))
        return problem_response(422, _("The request does not match the schema."), errors=errors)

    def unauthenticated(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(
            401,
            _("Send a valid API token: Authorization: Bearer mst_…"),
            headers={"WWW-Authenticate": 'Bearer realm="muster"'},
        )

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        detail = str(_TITLES.get(exc.status_code, exc.message))
        return problem_response(exc.status_code, detail)

    def crash(request: HttpRequest, exc: Any) -> HttpResponse:
        raise exc

    api.add_exception_handler(Problem, problem)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, denied)
    api.add_exception_handler(DjangoValidationError, invalid)
    api.add_exception_handler(NinjaValidationError, schema_invalid)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Exception, crash)


def _wrap(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Every API view: exempt from the pages' login redirect, in the language the client asks
    for, its 200 GETs tagged with an ETag (304 when ``If-None-Match`` matches)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = api_language(request)
        with translation.override(language):
            response = view(request, *args, **kwargs)
        response["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language", "Authorization"))
        ok = response.status_code == 200 and not response.streaming
        if request.method in ("GET", "HEAD") and ok:
            tag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            response["ETag"] = tag
            response["Cache-Control"] = "private, no-cache"
            asked = request.headers.get("If-None-Match", "")
            if tag in [t.strip() for t in asked.split(",")] or asked.strip() == "*":
                unchanged = HttpResponseNotModified()
                unchanged["ETag"] = tag
                unchanged["Cache-Control"] = "private, no-cache"
                return unchanged
        return response

    wrapped.login_required = False  # type: ignore[attr-defined]
    return wrapped


def api_urls(api: NinjaAPI) -> tuple[list[Any], str, str]:
    """``api.urls`` with every view wrapped by ``_wrap``: for ``path("api/v1/", …)``."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _wrap(pattern.callback)
    return patterns, app_name, namespace
