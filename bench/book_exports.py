"""The registration books as files on the full demo (``load_demo``): each book in each format.

Builds, as the district officer (``kimdong.officer``, the whole of Kim Động), the January list,
the book of men reaching 17 and the year roll-over, for the whole district, as Word, Excel and
PDF, and renders the HTML pages (a page of a book, the roll-over page). Prints the rows, the
queries, the size and the seconds of each; ``--profile NAME`` runs one case under cProfile and
prints its 25 most expensive functions. The HTML rows are the ``<tr>`` of the page.

    DEBUG=1 .venv/bin/python manage.py migrate -v0 && DEBUG=1 .venv/bin/python manage.py load_demo
    DEBUG=1 .venv/bin/python bench/book_exports.py [--year 2026] [--user kimdong.officer]
        [--only january] [--profile january.docx]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from muster.accounts.models import User  # noqa: E402
from muster.people.books.common import BookFilter  # noqa: E402
from muster.people.books.exports import render_book  # noqa: E402


def _measure(name: str, build: Callable[[], tuple[int, int]], profile: str | None) -> None:
    profiler = cProfile.Profile() if profile == name else None
    started, cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as ctx:
        if profiler is not None:
            profiler.enable()
        rows, size = build()
        if profiler is not None:
            profiler.disable()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"{name:<16} {rows:>7,} rows {size / 1024:>7,.0f} KB {seconds:>6.2f} s"
        f" (CPU {cpu:>5.2f} s) {len(ctx.captured_queries):>3} queries",
        flush=True,
    )
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--user", default="kimdong.officer")
    parser.add_argument("--only", default="", help="only the cases whose name contains this")
    parser.add_argument("--profile", default=None, help="a case name, e.g. january.docx")
    parser.add_argument("--html", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    user = User.objects.get(username=args.user)
    f = BookFilter(year=args.year)
    print(f"user {user.username}, year {args.year}")
    print("load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    for book in ("january", "age17", "ready", "rollover"):
        for fmt in ("docx", "xlsx", "pdf"):
            name = f"{book}.{fmt}"
            if args.only and args.only not in name:
                continue

            def build(book: str = book, fmt: str = fmt) -> tuple[int, int]:
                done = render_book(book, user, f, fmt, call_up=None)
                return done.rows, len(done.data)

            _measure(name, build, args.profile)
    if args.html:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        client = Client()
        client.force_login(user)
        pages = {
            "january.html": f"/people/books/january/?year={args.year}",
            "age17.html": f"/people/books/age17/?year={args.year}",
            "ready.html": "/people/books/ready/",
            "rollover.html": f"/people/books/rollover/?year={args.year}",
        }
        for name, url in pages.items():
            if args.only and args.only not in name:
                continue

            def get(url: str = url) -> tuple[int, int]:
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                return response.content.count(b"<tr"), len(response.content)

            get()  # once untimed: the templates are compiled on the first request
            _measure(name, get, args.profile)
    print("load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
