"""``core.memo``: a value computed once per GET page view, never across requests, never in a
request that may write, never outside a request."""

from __future__ import annotations

from django.http import HttpResponse
from django.test import RequestFactory

from muster.core.memo import PageMemoMiddleware, remember


def _counting():
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    return calls, compute


def _page(compute):
    def view(request):
        first = remember("k", compute)
        second = remember("k", compute)
        return HttpResponse(f"{first},{second}")

    return PageMemoMiddleware(view)


def test_within_one_get_the_value_is_computed_once_and_not_kept_after():
    calls, compute = _counting()
    page = _page(compute)
    assert page(RequestFactory().get("/")).content == b"1,1"
    assert page(RequestFactory().get("/")).content == b"2,2"  # a new page computes afresh
    assert len(calls) == 2


def test_a_request_that_may_write_and_code_outside_a_request_remember_nothing():
    _calls, compute = _counting()
    assert _page(compute)(RequestFactory().post("/")).content == b"1,2"
    assert remember("k", compute) == 3 and remember("k", compute) == 4
