"""Values computed once per page: a memo that lives for one GET (or HEAD) request.

Several directive data sources of one module read the same rows (the education groups' figures,
the land of the defence works in ha and in m²): within one page view each is computed once and
shared (``remember``). Outside a request (a command, a test calling a source), and in requests
that may write (POST and the like), nothing is remembered: every call computes afresh, so a
service never reads a figure from before its own write.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")

_store: ContextVar[dict[Hashable, Any] | None] = ContextVar("muster_page_memo", default=None)


def remember(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, once per ``key`` within the current page view."""
    store = _store.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    value: T = store[key]
    return value


class PageMemoMiddleware:
    """Opens the memo for a GET or HEAD request and drops it when the response is made."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _store.set({})
        try:
            return self.get_response(request)
        finally:
            _store.reset(token)
