"""The yearly registration books on the 1,000,000-people database of ``bench/people_list.py``.

Times ``people.books.pages.book_page`` (the screen page of a book: its count and one page of rows)
as that script's district officer: the book of men reaching 17 and the January list, for the
whole district and for one commune, median and worst of ``--runs`` pages (pages 1, 4, 7 …),
with the queries per page. Before timing, ``--moved`` men born 17 years before ``--year`` who
are registered in the second commune get a transfer-out event from the first (marked
``note='bench'``, created once), so the first commune's book takes the path that keeps men who
moved away.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/muster_bench_list DEBUG=1 \\
        .venv/bin/python bench/people_list.py          # fills the database, once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/muster_bench_list DEBUG=1 \\
        .venv/bin/python bench/registry_books.py [--year 2025] [--moved 150] [--runs 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from muster.accounts.models import User  # noqa: E402
from muster.people.books.common import BookFilter, communes_for_user  # noqa: E402
from muster.people.books.pages import book_page  # noqa: E402
from muster.people.models import Person, Sex  # noqa: E402
from muster.people.registration.models import EventKind, RegistrationEvent  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--moved", type=int, default=150)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    user = User.objects.get(username="bench.officer")  # made by bench/people_list.py
    first, second = communes_for_user(user)[:2]
    born = args.year - 17
    if not RegistrationEvent.objects.filter(note="bench").exists():
        men = Person.objects.filter(
            registration_unit=second, sex=Sex.MALE, date_of_birth__year=born
        ).values_list("pk", flat=True)[: args.moved]
        RegistrationEvent.objects.bulk_create(
            RegistrationEvent(
                person_id=pk,
                kind=EventKind.TRANSFER_OUT,
                event_date=dt.date(args.year, 5, 2),
                unit=first,
                from_unit=first,
                to_unit=second,
                note="bench",
            )
            for pk in men
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE conscription_registrationevent")
    moved = RegistrationEvent.objects.filter(note="bench").count()
    print(f"people: {Person.objects.count():,}; {moved} moved out of {first.name} in {args.year}")
    print("load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    cases = [
        ("age17", "district", BookFilter(year=args.year)),
        ("age17", first.name, BookFilter(commune=first, year=args.year)),
        ("january", "district", BookFilter(year=args.year)),
        ("january", first.name, BookFilter(commune=first, year=args.year)),
    ]
    for slug, where, f in cases:
        timings, queries = [], set()
        for i in range(args.runs):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as ctx:
                page = book_page(slug, user, f, page=1 + 3 * i)
            timings.append((time.perf_counter() - started) * 1000)
            queries.add(len(ctx.captured_queries))
        median = statistics.median(timings)
        print(
            f"{slug}, {where}: {page.count:,} rows; page median {median:.1f} ms,"
            f" worst {max(timings):.1f} ms; queries per page {sorted(queries)}"
        )
    print("load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
