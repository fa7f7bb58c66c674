"""Benchmark: the reserve strength report of a province of 3,000,000 people (PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/muster_reserve_bench \\
        DEBUG=1 .venv/bin/python bench/reserve_strength.py [--people 3000000] [--runs 20]

Generates once per database (``COPY``; reused on the next run) a province of 10 regional
defence commands × 10 communes × 10 villages, its citizens (all ages, as a registry holds
them) and its reservists: about 2.5 % of the population on the registers, men mostly, of
every kind (officers 5 %, professional soldiers 5 %, NCOs and soldiers 90 % of class 1 or 2),
ages 19 to 50 (so some are past the reserve age on the day), and a share taken off the
register before the day. Then it times the whole report
(``reserve.reports.selectors.strength_report``: every commune's counts by class, group, kind
and sex, and the province's total) as a provincial officer: median and p95 over ``--runs``
runs, the number of queries, the load average, and the ``EXPLAIN ANALYZE`` of the slowest
query.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

DAY = dt.date(2026, 6, 30)
CODE = "RES-P"
REGIONS, COMMUNES, VILLAGES = 10, 10, 10
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Lan", "Mai", "Nam", "Phúc", "Quân")
SHARE = 0.025


def make_units() -> tuple[Any, list[Any], dict[int, list[Any]]]:
    """The province, its communes and their villages (created once, through the services)."""
    from muster.accounts.services import system_actor
    from muster.geo.models import Unit
    from muster.geo.services import unit_create

    start = dt.date(2025, 7, 1)
    province = Unit.objects.filter(code=CODE).first()
    if province is None:
        actor = system_actor()

        def make(code: str, kind: str, name: str, parent: Any) -> Any:
            return unit_create(
                actor=actor, code=code, kind=kind, name=name, parent=parent, valid_from=start
            )

        province = make(CODE, "province", "Tỉnh Dự Bị", None)
        for r in range(REGIONS):
            region = make(f"RES-R{r}", "defence_region", f"Ban CH PTKV {r + 1}", province)
            for c in range(COMMUNES):
                commune = make(f"RES-C{r}{c}", "commune", f"Xã Dự Bị {r * 10 + c + 1}", region)
                for v in range(VILLAGES):
                    make(f"RES-V{r}{c}{v}", "village", f"Thôn {v + 1}", commune)
    communes = list(Unit.objects.filter(path__startswith=province.path, kind="commune"))
    villages: dict[int, list[Any]] = {}
    for village in Unit.objects.filter(path__startswith=province.path, kind="village"):
        villages.setdefault(village.parent_id, []).append(village)
    return province, sorted(communes, key=lambda u: u.path), villages


def populate(people: int, seed: int) -> None:
    from django.db import connection

    from bench.results_report import bulk_insert
    from muster.core.text import fold
    from muster.people.models import Person
    from muster.reserve.models import Reservist

    _province, communes, villages = make_units()
    if Reservist.objects.filter(holder__in=communes).exists():
        print(f"data: reusing the generated province ({Person.objects.count():,} people)")
        return
    rng = random.Random(seed)
    started = time.perf_counter()
    per_commune = people // len(communes)
    serial = 0
    for commune in communes:
        rows: list[dict[str, Any]] = []
        for _ in range(per_commune):
            serial += 1
            male = rng.random() < 0.5
            born = DAY - dt.timedelta(days=rng.randrange(0, 90 * 365))
            name = f"{rng.choice(SURNAMES)} {'Văn' if male else 'Thị'} {rng.choice(GIVEN)}"
            rows.append(
                {
                    "public_id": uuid.uuid4(),
                    "full_name": name,
                    "name_search": fold(name),
                    "sex": "M" if male else "F",
                    "date_of_birth": born,
                    "national_id": f"7{serial:011d}",
                    "registration_unit_id": commune.pk,
                    "residence_unit_id": rng.choice(villages[commune.pk]).pk,
                    "is_synthetic": True,
                }
            )
        bulk_insert(Person, rows)
    print(f"people: {serial:,} in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    reservists: list[dict[str, Any]] = []
    young, old = DAY.replace(year=DAY.year - 19), DAY.replace(year=DAY.year - 51)
    for commune in communes:
        pool = list(
            Person.objects.filter(
                registration_unit=commune, date_of_birth__lte=young, date_of_birth__gt=old
            ).values_list("pk", "sex")
        )
        rng.shuffle(pool)
        men = [pk for pk, sex in pool if sex == "M"]
        women = [pk for pk, sex in pool if sex == "F"]
        count = round(per_commune * SHARE)
        chosen = men[: int(count * 0.95)] + women[: count - int(count * 0.95)]
        for pk in chosen:
            roll = rng.random()
            kind = "officer" if roll < 0.05 else "professional" if roll < 0.10 else "nco_soldier"
            removed = rng.random() < 0.08
            registered = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(0, 8 * 365))
            reservists.append(
                {
                    "public_id": uuid.uuid4(),
                    "person_id": pk,
                    "holder_id": commune.pk,
                    "kind": kind,
                    "reserve_class": (1 if rng.random() < 0.7 else 2)
                    if kind == "nco_soldier"
                    else None,
                    "class_confirmed": True,
                    "registered_on": min(registered, DAY),
                    "certificate_number": f"DB-{pk}",
                    "removed_on": DAY - dt.timedelta(days=rng.randrange(1, 300))
                    if removed
                    else None,
                    "training_months": 0,
                }
            )
    bulk_insert(Reservist, reservists)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"reservists: {len(reservists):,} in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=3_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("The reserve benchmark runs on PostgreSQL (set DATABASE_URL).")
    import django

    django.setup()
    from bench.results_report import ensure_postgres_database

    ensure_postgres_database(url)
    from django.core.management import call_command
    from django.db import connection, reset_queries, transaction
    from django.test.utils import CaptureQueriesContext

    from muster.accounts.models import Role, User
    from muster.accounts.services import system_actor, user_create
    from muster.people.models import Person
    from muster.reserve.reports.selectors import strength_report

    call_command("migrate", verbosity=0)
    populate(args.people, args.seed)
    province, _communes, _villages = make_units()
    user = User.objects.filter(username="bench.reserve").first() or user_create(
        actor=system_actor(),
        username="bench.reserve",
        password="bench-pass-123",
        role=Role.DISTRICT_OFFICER,
        scope_unit=province,
    )

    def run() -> tuple[float, int, Any]:
        fresh = User.objects.select_related("scope_unit").get(pk=user.pk)
        reset_queries()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            report = strength_report(user=fresh, day=DAY)
        return (time.perf_counter() - started) * 1000, len(ctx.captured_queries), (report, ctx)

    run()  # warm up
    timings, queries = [], set()
    for _ in range(args.runs):
        ms, n, (report, ctx) = run()
        timings.append(ms)
        queries.add(n)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    t = report.total
    load = os.getloadavg()
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    print(
        f"province: {Person.objects.count():,} people, {len(report.rows)} communes; "
        f"reservists {t.total:,} (class 1 {t.class_one:,}, class 2 {t.class_two:,}, no class "
        f"{t.no_class:,}; group A {t.group_a:,}, B {t.group_b:,}, past the age {t.over_age:,}; "
        f"men {t.men:,}, women {t.women:,})"
    )
    print(
        f"strength report: median {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, "
        f"min {timings[0]:.0f} ms over {args.runs} runs; queries per report {sorted(queries)}"
    )
    print(f"load average (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    slowest = max(ctx.captured_queries, key=lambda q: float(q["time"]))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")  # as the report runs it
        cursor.execute("EXPLAIN ANALYZE " + slowest["sql"])
        print("slowest query's plan:")
        for (line,) in cursor.fetchall():
            print("   ", line)


if __name__ == "__main__":
    main()
