"""Benchmark: the militia strength report of a province of 3,000,000 people (PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/muster_militia_bench \\
        DEBUG=1 .venv/bin/python bench/militia_strength.py [--people 3000000] [--runs 20]

Generates once per database (``COPY``; reused on the next run) a province of 10 regional
defence commands × 10 communes × 10 villages, its citizens (all ages, as a registry holds
them; about 3 % Party and 30 % Youth Union members), and its militia as the demo builds it
(``muster.demo.militia``'s shape): per commune an on-site squad per village and a mobile
platoon with their established strength, about 1.2 % of the population serving (18–45, men
mostly), a share of members who completed or left before the day, and the commune military
command's cadres with and without the grassroots degree. Then it times the whole report
(``militia.reports.selectors.strength_report``: every commune's figures, the regional and
provincial roll-ups) as a provincial officer: median and p95 over ``--runs`` runs, the
number of queries, the load average; and the ``EXPLAIN ANALYZE`` of the slowest query.
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
CODE = "MIL-P"
REGIONS, COMMUNES, VILLAGES = 10, 10, 10
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Lan", "Mai", "Nam", "Phúc", "Quân")
CHUNK = 100_000


def make_units() -> tuple[Any, list[Any], dict[int, list[Any]]]:
    """The province, its communes and their villages (created once, through the services)."""
    from muster.accounts.services import system_actor
    from muster.geo.models import Unit
    from muster.geo.services import unit_create

    start = dt.date(2025, 7, 1)
    province = Unit.objects.filter(code=CODE).first()
    if province is None:
        actor = system_actor()

        def make(code: str, kind: str, name: str, parent: Any, population: int | None = None):
            return unit_create(
                actor=actor,
                code=code,
                kind=kind,
                name=name,
                parent=parent,
                valid_from=start,
                population=population,
            )

        province = make(CODE, "province", "Tỉnh Thử", None)
        for r in range(REGIONS):
            region = make(f"MIL-R{r}", "defence_region", f"Ban CH PTKV {r + 1}", province)
            for c in range(COMMUNES):
                commune = make(f"MIL-C{r}{c}", "commune", f"Xã Thử {r * 10 + c + 1}", region)
                for v in range(VILLAGES):
                    make(f"MIL-V{r}{c}{v}", "village", f"Thôn {v + 1}", commune)
    communes = list(Unit.objects.filter(path__startswith=province.path, kind="commune"))
    villages: dict[int, list[Any]] = {}
    for village in Unit.objects.filter(path__startswith=province.path, kind="village"):
        villages.setdefault(village.parent_id, []).append(village)
    return province, sorted(communes, key=lambda u: u.path), villages


def populate(people: int, seed: int) -> None:
    from django.db import connection

    from bench.results_report import bulk_insert
    from muster.core.text import fold
    from muster.geo.models import Unit
    from muster.militia.models import Appointment, Membership, MilitiaUnit
    from muster.people.models import Person

    _province, communes, villages = make_units()
    if MilitiaUnit.objects.filter(holder__in=communes).exists():
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
                    "national_id": f"8{serial:011d}",
                    "registration_unit_id": commune.pk,
                    "residence_unit_id": rng.choice(villages[commune.pk]).pk,
                    "party_member": rng.random() < 0.03,
                    "youth_union_member": rng.random() < 0.3,
                    "is_synthetic": True,
                }
            )
        bulk_insert(Person, rows)
        Unit.objects.filter(pk=commune.pk).update(population=per_commune)
    print(f"people: {serial:,} in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    units: list[dict[str, Any]] = []
    for commune in communes:
        for village in villages[commune.pk]:
            units.append(
                {
                    "public_id": uuid.uuid4(),
                    "holder_id": commune.pk,
                    "village_id": village.pk,
                    "force": "militia",
                    "component": "on_site",
                    "level": "squad",
                    "name": f"Tiểu đội dân quân tại chỗ {village.name}",
                    "establishment": 24,
                    "established_on": dt.date(2025, 7, 1),
                }
            )
        units.append(
            {
                "public_id": uuid.uuid4(),
                "holder_id": commune.pk,
                "force": "militia",
                "component": "mobile",
                "level": "platoon",
                "name": "Trung đội dân quân cơ động",
                "establishment": 120,
                "established_on": dt.date(2025, 7, 1),
            }
        )
    bulk_insert(MilitiaUnit, units)
    by_holder: dict[tuple[int, str], list[int]] = {}
    for pk, holder, component in MilitiaUnit.objects.filter(holder__in=communes).values_list(
        "pk", "holder_id", "component"
    ):
        by_holder.setdefault((holder, component), []).append(pk)
    members: list[dict[str, Any]] = []
    appointments: list[dict[str, Any]] = []
    young, old = DAY.replace(year=DAY.year - 18), DAY.replace(year=DAY.year - 46)
    for commune in communes:
        pool = list(
            Person.objects.filter(
                registration_unit=commune, date_of_birth__lte=young, date_of_birth__gt=old
            ).values_list("pk", "sex")
        )
        rng.shuffle(pool)
        men = [pk for pk, sex in pool if sex == "M"]
        women = [pk for pk, sex in pool if sex == "F"]
        serving = round(per_commune * 0.012)
        chosen = men[: int(serving * 0.9)] + women[: serving - int(serving * 0.9)]
        history = men[int(serving * 0.9) : int(serving * 0.9) + serving // 4]
        for i, pk in enumerate(chosen + history):
            mobile = i % 3 == 0
            component = "mobile" if mobile else "on_site"
            joined = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 5 * 365))
            ended = i >= len(chosen)
            members.append(
                {
                    "public_id": uuid.uuid4(),
                    "person_id": pk,
                    "holder_id": commune.pk,
                    "force": "militia",
                    "component": component,
                    "unit_id": rng.choice(by_holder[(commune.pk, component)]),
                    "volunteer": rng.random() < 0.05,
                    "joined_on": joined,
                    "term_ends_on": joined.replace(year=joined.year + 4) - dt.timedelta(days=1),
                    "status": "completed" if ended else "serving",
                    "ended_on": DAY - dt.timedelta(days=rng.randrange(1, 300)) if ended else None,
                }
            )
        for n, post in enumerate(
            ("commander", "commissar", "deputy_commander", "deputy_commissar")
        ):
            appointments.append(
                {
                    "public_id": uuid.uuid4(),
                    "person_id": men[-1 - n],
                    "holder_id": commune.pk,
                    "post": post,
                    "appointed_on": dt.date(2025, 7, 1),
                    "grassroots_degree": rng.random() < 0.6,
                }
            )
    bulk_insert(Membership, members)
    bulk_insert(Appointment, appointments)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"militia: {len(units):,} units, {len(members):,} memberships, "
        f"{len(appointments)} appointments in {time.perf_counter() - started:.0f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=3_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("The militia benchmark runs on PostgreSQL (set DATABASE_URL).")
    import django

    django.setup()
    from bench.results_report import ensure_postgres_database

    ensure_postgres_database(url)
    from django.core.management import call_command
    from django.db import connection, reset_queries, transaction
    from django.test.utils import CaptureQueriesContext

    from muster.accounts.models import Role, User
    from muster.accounts.services import system_actor, user_create
    from muster.militia.reports.selectors import strength_report
    from muster.people.models import Person

    call_command("migrate", verbosity=0)
    populate(args.people, args.seed)
    province, _communes, _villages = make_units()
    user = User.objects.filter(username="bench.militia").first() or user_create(
        actor=system_actor(),
        username="bench.militia",
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
        f"province: {Person.objects.count():,} people, {len(report.rows)} communes, "
        f"{len(report.regions)} regional commands; members {t.members:,} of "
        f"{t.establishment:,} established ({t.strength_pct} %), ratio {t.ratio_pct} %, "
        f"Party {t.party_pct} %, Youth Union {t.youth_pct} %, cadres {t.cadres} "
        f"({t.cadres_degree} with the degree)"
    )
    print(
        f"strength report: median {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, "
        f"min {timings[0]:.0f} ms over {args.runs} runs; queries per report {sorted(queries)}"
    )
    print(f"load average (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    slowest = max(ctx.captured_queries, key=lambda q: float(q["time"]))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")  # as the report runs it (reports.figures)
        cursor.execute("EXPLAIN ANALYZE " + slowest["sql"])
        print("slowest query's plan:")
        for (line,) in cursor.fetchall():
            print("   ", line)


if __name__ == "__main__":
    main()
