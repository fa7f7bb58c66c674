"""Muster at province scale, on the synthetic province of ``bench/synthetic_province.py``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/muster_scale DEBUG=1 \\
        nice -n 19 .venv/bin/python bench/province_scale.py [--runs 20] \\
        [--only list,report,pool,dashboard] [--read-only]

Run after the generator (it reads the province ``--prefix``-P and its 2026 campaign). As a
staff officer whose area is the province (made once per database), it times:

* ``list``: the registry list page (``people:person_list``, through the Django test client):
  the plain list, one commune's list, filtered pages (age, sex, status, education),
  diacritics-insensitive name searches ("nguyen van hung"), and pages 2–5 of a filter (through
  the "Next page" cursor); p50 / p95 / max and the queries per page.
  Target: p95 < 150 ms.
* ``report``: the province's call-up results report (``reports.selectors.results_report`` and
  its page ``reports:results``). Target < 1 s.
* ``pool``: the eligibility engine's verdict on every man of the province's call-up pool on
  the handover day (``conscription.campaign.pool.pool_judged`` for each commune: the
  registry's facts read as rows and evaluated in the engine's batch path; the campaign's
  pool counts use it). Target < 10 s at ~300,000 men. The process's own CPU time is printed
  beside the wall time (the rest is the database, or waiting for a CPU on a shared machine).
* ``dashboard``: the campaign dashboard of the province (``reports:dashboard``). Target
  < 500 ms.

Each timing is p50 / p95 over ``--runs`` runs after a warm-up; the pool is timed ``--pool-runs``
times (it is long). The load average is printed (the machine may be shared).
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import statistics
import sys
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

TARGETS_MS = {"list": 150, "report": 1000, "pool": 10_000, "dashboard": 500}


def p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[max(0, int(len(ordered) * 0.95 + 0.5) - 1)]


def line(label: str, timings: list[float], queries: set[int], target: int) -> str:
    verdict = "ok" if p95(timings) < target else "OVER"
    return (
        f"  {label}: p50 {statistics.median(timings):.0f} ms, p95 {p95(timings):.0f} ms, "
        f"max {max(timings):.0f} ms over {len(timings)} runs; queries {sorted(queries)}; "
        f"target {target} ms: {verdict}"
    )


def timed(work: Callable[[], Any], runs: int) -> tuple[list[float], set[int], Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    work()  # warm-up
    timings: list[float] = []
    queries: set[int] = set()
    result = None
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            result = work()
            timings.append((time.perf_counter() - started) * 1000)
        queries.add(len(ctx.captured_queries))
    return timings, queries, result


def get(client: Any, url: str, params: dict[str, str] | None = None) -> Any:
    response = client.get(url, params or {})
    assert response.status_code == 200, (url, params, response.status_code)
    return response


def _next_pages(client: Any, url: str, params: dict[str, str], pages: int) -> list[dict[str, str]]:
    """The query strings of pages 2 to ``pages + 1`` of ``params``, following the page's
    "Next page" cursor (``after``) as a user would."""
    found: list[dict[str, str]] = []
    cursor = _cursor(get(client, url, params))
    while cursor and len(found) < pages:
        found.append({**params, "after": cursor})
        cursor = _cursor(get(client, url, found[-1]))
    return found


def _cursor(response: Any) -> str | None:
    """The ``after`` cursor of a list page's "Next page" link (None on the last page)."""
    # The last link with a cursor is "Next page" (the page's own cursor can come earlier, in
    # the links that keep the current query); ``+`` is a space in a query string.
    found = re.findall(r"[?&;]after=([^\"&]+)", response.content.decode())
    return urllib.parse.unquote_plus(found[-1]) if found else None


def bench_list(client: Any, runs: int, prefix: str) -> None:
    from django.urls import reverse

    from muster.geo.models import Unit

    url = reverse("people:person_list")
    commune = Unit.objects.filter(code=f"{prefix}-C001").first()
    paged = {"min_age": "18", "max_age": "27", "sex": "M"}
    cases: dict[str, list[dict[str, str]]] = {
        "plain list": [{}],
        "one commune": [{"unit": str(commune.public_id)}] if commune else [],
        "filtered list": [
            {"min_age": "18", "max_age": "25", "sex": "M", "status": "registered"},
            {"min_age": "18", "max_age": "27", "grade_min": "12", "higher_level": "any"},
            {"min_age": "17", "max_age": "25", "status": "barred"},
            {"sex": "F", "min_age": "60"},
        ],
        "name search (no diacritics)": [
            {"q": q} for q in ("nguyen van", "nguyen van hung", "tran thi lan", "le minh", "phuong")
        ],
        "paging (pages 2-5, next-page cursor)": _next_pages(client, url, paged, 4),
    }
    for label, params in cases.items():
        timings: list[float] = []
        queries: set[int] = set()
        if not params:
            continue
        for query in params:
            each = runs if len(params) == 1 else max(1, runs // 2)
            t, q, _r = timed(functools.partial(get, client, url, query), each)
            timings += t
            queries |= q
        print(line(label, timings, queries, TARGETS_MS["list"]))


class ReadOnlyClient:
    """``get`` calls the list view directly as an unsaved province officer, with a session
    that is never saved, so the database is only read (``--read-only``)."""

    def __init__(self, province: Any) -> None:
        self.province = province

    def get(self, url: str, params: dict[str, str]) -> Any:
        from django.contrib.sessions.backends.signed_cookies import SessionStore
        from django.test import RequestFactory
        from django.urls import resolve
        from django_htmx.middleware import HtmxDetails

        from muster.accounts.models import Role, User

        request = RequestFactory().get(url, params)
        request.user = User(
            username="bench.readonly", role=Role.DISTRICT_OFFICER, scope_unit=self.province
        )
        request.session = SessionStore()
        request.htmx = HtmxDetails(request)  # type: ignore[attr-defined]
        return resolve(url).func(request)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--prefix", default="SYN")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--pool-runs", type=int, default=2)
    parser.add_argument("--only", default="list,report,pool,dashboard")
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="the list only, writing nothing (no VACUUM, no bench user, no session): for a "
        "database another process owns",
    )
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from bench.results_report import bench_user, print_setting
    from muster.conscription.campaign.models import Campaign
    from muster.conscription.campaign.pool import pool_judged
    from muster.geo.models import Unit
    from muster.people.models import Person
    from muster.reports.selectors import results_report

    only = set(args.only.split(","))
    province = Unit.objects.get(code=f"{args.prefix}-P")
    campaign = Campaign.objects.filter(unit=province).order_by("-year").first()
    people = Person.objects.filter(registration_unit__path__startswith=province.path).count()
    print_setting()
    print(f"province {province.code}: {people:,} people; campaign {campaign}")
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if args.read_only:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET default_transaction_read_only = on")
        print("registry list, read-only (the view called directly, no middleware):")
        bench_list(ReadOnlyClient(province), args.runs, args.prefix)
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    user = bench_user("bench.province", province)
    client = Client()
    client.force_login(user)
    if "list" in only:
        print("registry list (people:person_list):")
        bench_list(client, args.runs, args.prefix)
    if campaign is None:
        print("no campaign: report, pool and dashboard skipped")
        return
    if "report" in only:
        print("province results report:")
        t, q, _r = timed(
            lambda: results_report(user=user, campaign=campaign, unit=province), args.runs
        )
        print(line("selector", t, q, TARGETS_MS["report"]))
        url = reverse("reports:results", args=[campaign.public_id])
        t, q, _r = timed(lambda: get(client, url), args.runs)
        print(line("page", t, q, TARGETS_MS["report"]))
    if "pool" in only:
        communes = [c.unit for c in campaign.communes.select_related("unit").order_by("unit__code")]

        def pool() -> int:
            return sum(len(pool_judged(u, campaign.handover_start)) for u in communes)

        cpu = time.process_time()
        t, q, men = timed(pool, args.pool_runs)
        cpu = (time.process_time() - cpu) / (args.pool_runs + 1)
        print(f"call-up pool of the province: {men:,} men in {len(communes)} communes")
        print(f"  this process's CPU: {cpu:.1f} s a run")
        print(line("evaluation", t, q, TARGETS_MS["pool"]))
        rate = men / (statistics.median(t) / 1000)
        print(f"  {rate:,.0f} men/s; at 300,000 men: {300_000 / rate:.1f} s")
    if "dashboard" in only:
        url = reverse("reports:dashboard", args=[campaign.public_id])
        t, q, _r = timed(lambda: get(client, url), args.runs)
        print("province dashboard:")
        print(line("page", t, q, TARGETS_MS["dashboard"]))
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
