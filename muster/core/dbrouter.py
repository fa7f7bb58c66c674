"""Read replicas: which database a query goes to (docs/deployment.md §3).

With ``DATABASE_REPLICA_URL`` set (settings: one alias per URL, ``replica``, ``replica2``…,
listed in ``REPLICA_DATABASES``), reads that a view or selector explicitly opts into go to a
PostgreSQL streaming replica; everything else goes to the primary (``default``):

* opting in: ``with replica_reads(): …`` or ``@replica_reads()`` on a selector, and
  ``@replica_view`` on a view (only its GET and HEAD requests: a POST reads what it writes);
* every write goes to the primary, and pins the rest of the request (thread) to it
  (read-your-writes); so does any read inside a transaction the code opened;
* ``ReplicaMiddleware`` starts each request unpinned, and after a POST (or any unsafe method)
  stamps a cookie for ``REPLICA_STICKY_SECONDS``: the redirect's GET, and whatever the user
  opens next in those seconds, still read the primary;
* lag: a replica is used only while its replay lag is at most ``REPLICA_MAX_LAG_SECONDS``
  (0 when it has replayed all it has received, else ``now() - pg_last_xact_replay_timestamp()``),
  checked at most every ``REPLICA_CHECK_SECONDS``; a replica that does not answer is down and
  the primary serves the read;
* the user and session tables (``SENSITIVE_APPS``: roles, areas, revocations), the job queue and
  Django's own tables are always read on the primary;
* migrations run on the primary only.
"""

from __future__ import annotations

import contextvars
import random
import time
from collections.abc import Callable, Iterator
from contextlib import ContextDecorator, contextmanager
from dataclasses import dataclass
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

P = ParamSpec("P")
R = TypeVar("R")

#: Apps whose rows are never read on a replica (access must follow a change at once).
SENSITIVE_APPS = frozenset(
    {"accounts", "sessions", "auth", "contenttypes", "jobs", "django_tasks_database"}
)
#: The cookie that keeps a browser on the primary for a few seconds after a POST.
STICKY_COOKIE = "muster_primary_until"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_reading: contextvars.ContextVar[int] = contextvars.ContextVar("muster_replica_reads", default=0)
_pinned: contextvars.ContextVar[bool] = contextvars.ContextVar("muster_primary_pin", default=False)

LAG_SQL = (
    "SELECT pg_is_in_recovery(), CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()"
    " THEN 0 ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"
)


@dataclass(frozen=True)
class Health:
    checked: float  # time.monotonic() of the check
    lag: float | None  # seconds behind; None: down or not a replica


_health: dict[str, Health] = {}


class replica_reads(ContextDecorator):
    """Reads inside may go to a replica (nesting allowed). Use on report and list reads only:
    what the code reads here may be up to ``REPLICA_MAX_LAG_SECONDS`` old."""

    def _recreate_cm(self) -> replica_reads:
        return type(self)()  # a fresh token per call: the decorator is shared by threads

    def __enter__(self) -> replica_reads:
        self._token = _reading.set(_reading.get() + 1)
        return self

    def __exit__(self, *exc: object) -> None:
        _reading.reset(self._token)


def replica_view(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """A view whose GET and HEAD requests read through ``replica_reads``."""

    @wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        request = args[0]
        if isinstance(request, HttpRequest) and request.method in SAFE_METHODS:
            with replica_reads():
                return view(*args, **kwargs)
        return view(*args, **kwargs)

    return wrapped


def pin_primary() -> None:
    """Read the primary for the rest of this request (called on every write)."""
    _pinned.set(True)


def is_pinned() -> bool:
    return _pinned.get()


@contextmanager
def fresh_request(*, pinned: bool = False) -> Iterator[None]:
    """A request's routing state: unpinned (or pinned by the cookie), no replica reads."""
    pin_token = _pinned.set(pinned)
    read_token = _reading.set(0)
    try:
        yield
    finally:
        _reading.reset(read_token)
        _pinned.reset(pin_token)


def replica_aliases() -> list[str]:
    return list(getattr(settings, "REPLICA_DATABASES", ()))


def forget_health() -> None:
    """Drop the cached lag checks (the next read checks again)."""
    _health.clear()


def measure(alias: str) -> float | None:
    """Seconds the replica ``alias`` is behind, or None when it is down or not a standby. A
    database that is not PostgreSQL (a test mirror) counts as up to date."""
    conn = connections[alias]
    try:
        if conn.vendor != "postgresql":
            conn.ensure_connection()
            return 0.0
        with conn.cursor() as cursor:
            cursor.execute(LAG_SQL)
            row = cursor.fetchone()
    except DatabaseError:
        conn.close()
        return None
    if row is None or not row[0] or row[1] is None:
        return None
    return max(float(row[1]), 0.0)


def lag_of(alias: str) -> float | None:
    """``measure``, cached for ``REPLICA_CHECK_SECONDS``."""
    now = time.monotonic()
    known = _health.get(alias)
    if known is None or now - known.checked >= float(settings.REPLICA_CHECK_SECONDS):
        known = Health(checked=now, lag=measure(alias))
        _health[alias] = known
    return known.lag


def usable_replicas() -> list[str]:
    limit = float(settings.REPLICA_MAX_LAG_SECONDS)
    usable = []
    for alias in replica_aliases():
        lag = lag_of(alias)
        if lag is not None and lag <= limit:
            usable.append(alias)
    return usable


def in_transaction() -> bool:
    """A transaction the code opened on the primary (a test case's own wrapping does not
    count, as in Django's check of ``atomic(durable=True)``)."""
    conn = connections[DEFAULT_DB_ALIAS]
    return any(not getattr(block, "_from_testcase", False) for block in conn.atomic_blocks)


def read_alias(model: type[Model] | None = None) -> str:
    """Where a read goes now: a usable replica, or the primary."""
    if not _reading.get() or _pinned.get() or not replica_aliases():
        return DEFAULT_DB_ALIAS
    if model is not None and model._meta.app_label in SENSITIVE_APPS:
        return DEFAULT_DB_ALIAS
    if in_transaction():
        return DEFAULT_DB_ALIAS
    usable = usable_replicas()
    return random.choice(usable) if usable else DEFAULT_DB_ALIAS


class ReplicaRouter:
    """``DATABASE_ROUTERS`` entry (always installed; without replicas it routes nothing)."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        return read_alias(model)

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        pin_primary()
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        return True  # replicas hold the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return None if db == DEFAULT_DB_ALIAS else False  # migrations: the primary only


class ReplicaMiddleware:
    """Each request starts unpinned, unless the cookie says a POST was made a few seconds ago;
    an unsafe request (POST…) sets that cookie."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_aliases():
            return self.get_response(request)
        try:
            until = float(request.COOKIES.get(STICKY_COOKIE, "0"))
        except ValueError:
            until = 0.0
        now = time.time()
        with fresh_request(pinned=until > now):
            response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            seconds = int(settings.REPLICA_STICKY_SECONDS)
            response.set_cookie(
                STICKY_COOKIE,
                f"{now + seconds:.0f}",
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
