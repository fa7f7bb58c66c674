"""Every demo user crawls the full demo: pages per user, the slowest HTML pages, and exit 1 if
any HTML page takes over the limit (1 s) or any link shown to a user fails for that user.

The crawl is ``tests/crawler.py``'s, the one the crawl test runs on a small demo: from the home
page, every same-site link shown, GET only, a few samples per (referring pattern, linked pattern,
query shape), downloads not opened. Each user's crawl runs in a transaction that is rolled back,
so the demo database is left as it was (sessions included). Each page is timed once, cold for
that user; the slowest pages and every page over the limit are timed ``--repeat`` more times
and judged on their best time, to tell a slow page from a busy machine or a cold process.

    DEBUG=1 .venv/bin/python manage.py migrate -v0 && DEBUG=1 .venv/bin/python manage.py load_demo
    DEBUG=1 .venv/bin/python bench/crawl.py [--samples 3] [--max-pages 400] [--limit 1.0]
        [--user duchop.clerk ...] [--top 15] [--repeat 3]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402

from muster.accounts.models import User  # noqa: E402
from muster.demo.accounts import DEMO_ACCOUNTS  # noqa: E402
from tests.crawler import Crawl, Page, route_of, run_as  # noqa: E402


def _retime(page: Page, user: User, repeat: int) -> list[float]:
    """``repeat`` more wall times of ``page`` for ``user``, warm."""
    client = Client()
    client.force_login(user)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(page.url)
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=3)
    parser.add_argument("--max-pages", type=int, default=400)
    parser.add_argument("--limit", type=float, default=1.0, help="seconds per HTML page")
    parser.add_argument("--user", action="append", help="only these demo users")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3, help="re-time the slowest pages")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # failures are listed below

    names = args.user or [account.username for account in DEMO_ACCOUNTS]
    crawls: list[tuple[User, Crawl]] = []
    load = os.getloadavg()[0]
    started = time.perf_counter()
    print(f"Crawl of the demo ({settings.DATABASES['default']['NAME']}), load average {load:.1f}")
    print(
        f"{'user':22} {'pages':>5} {'html':>5} {'skipped':>7} {'p50 ms':>7} {'max ms':>7} "
        f"{'max q':>5} {'fail':>4} {'wall s':>6}"
    )
    for name in names:
        user = User.objects.get(username=name)
        began = time.perf_counter()
        with transaction.atomic():
            result = run_as(user, samples=args.samples, max_pages=args.max_pages)
            transaction.set_rollback(True)
        wall = time.perf_counter() - began
        crawls.append((user, result))
        html = result.html
        times = [p.seconds * 1000 for p in html] or [0.0]
        print(
            f"{name:22} {len(result.pages):5} {len(html):5} {result.skipped:7} "
            f"{statistics.median(times):7.0f} {max(times):7.0f} "
            f"{max((p.queries for p in html), default=0):5} {len(result.failures):4} {wall:6.1f}"
        )
    total = time.perf_counter() - started
    pages = sum(len(c.pages) for _, c in crawls)
    print(f"{pages} requests in {total:.0f} s")

    every = [(user, page) for user, c in crawls for page in c.html]
    every.sort(key=lambda item: item[1].seconds, reverse=True)
    # A page is judged on its best time: the first, or one of ``repeat`` more for the slowest
    # pages and for every page over the limit (a busy machine or the process's first use of a
    # template or module slows one request, not the page).
    judged = [item for i, item in enumerate(every) if i < args.top or item[1].seconds > args.limit]
    print(f"\nSlowest HTML pages: first time (CPU), then the best of {args.repeat} more:")
    slow = []
    for user, page in judged:
        best = min([page.seconds, *_retime(page, user, args.repeat)])
        if best > args.limit:
            slow.append((best, user, page))
        print(
            f"  {page.seconds * 1000:6.0f} ms ({page.cpu * 1000:5.0f})  best {best * 1000:6.0f} ms"
            f"  {page.queries:3} q  {user.username:19} {route_of(page.url):32} {page.url}"
        )
    cpu = sorted(p.cpu for _, p in every)
    print(
        f"HTML pages: {len(every)}; CPU per page median {statistics.median(cpu) * 1000:.0f} ms, "
        f"95th percentile {cpu[int(len(cpu) * 0.95)] * 1000:.0f} ms; "
        f"load average now {os.getloadavg()[0]:.1f}"
    )
    failures = [f for _, c in crawls for f in c.failures]
    if failures:
        print(f"\n{len(failures)} links shown to a user that fail for that user:")
        for failure in failures:
            print(f"  {failure}")
    if slow:
        print(f"\n{len(slow)} HTML pages over {args.limit:.1f} s (best time):")
        for best, user, page in slow:
            print(f"  {best:5.2f} s  {user.username:20} {page.url}")
    return 1 if slow or failures else 0


if __name__ == "__main__":
    sys.exit(main())
