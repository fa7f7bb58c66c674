"""The shared part of the province benchmarks (``militia_strength.py``, ``reserve_strength.py``):
a generated province of regional defence commands × communes × villages and its citizens, and
the driver that times a strength report of it as a provincial officer on PostgreSQL.

Imported by the scripts once ``ROOT`` is on ``sys.path``; Django is imported inside the
functions, after ``django.setup()``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from typing import Any, NamedTuple

DAY = dt.date(2026, 6, 30)
REGIONS, COMMUNES, VILLAGES = 10, 10, 10
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Lan", "Mai", "Nam", "Phúc", "Quân")


def make_units(prefix: str, province_name: str, commune_name: str) -> tuple[Any, list[Any], Any]:
    """The province (code ``{prefix}-P``), its communes and their villages (created once,
    through the services): ``(province, communes by path, {commune id: villages})``."""
    from muster.accounts.services import system_actor
    from muster.geo.models import Unit
    from muster.geo.services import unit_create

    start = dt.date(2025, 7, 1)
    province = Unit.objects.filter(code=f"{prefix}-P").first()
    if province is None:
        actor = system_actor()

        def make(code: str, kind: str, name: str, parent: Any) -> Any:
            return unit_create(
                actor=actor, code=code, kind=kind, name=name, parent=parent, valid_from=start
            )

        province = make(f"{prefix}-P", "province", province_name, None)
        for r in range(REGIONS):
            region = make(f"{prefix}-R{r}", "defence_region", f"Ban CH PTKV {r + 1}", province)
            for c in range(COMMUNES):
                name = f"{commune_name} {r * 10 + c + 1}"
                commune = make(f"{prefix}-C{r}{c}", "commune", name, region)
                for v in range(VILLAGES):
                    make(f"{prefix}-V{r}{c}{v}", "village", f"Thôn {v + 1}", commune)
    communes = list(Unit.objects.filter(path__startswith=province.path, kind="commune"))
    villages: dict[int, list[Any]] = {}
    for village in Unit.objects.filter(path__startswith=province.path, kind="village"):
        villages.setdefault(village.parent_id, []).append(village)
    return province, sorted(communes, key=lambda u: u.path), villages


def make_people(
    rng: random.Random,
    communes: list[Any],
    villages: dict[int, list[Any]],
    per_commune: int,
    *,
    id_digit: str,
    extra: Callable[[random.Random], dict[str, Any]] | None = None,
) -> None:
    """``per_commune`` citizens of all ages in each commune (``COPY``), resident in one of its
    villages; national ids ``{id_digit}`` + a serial; ``extra(rng)`` adds fields to each row."""
    from bench.results_report import bulk_insert
    from muster.core.text import fold
    from muster.people.models import Person

    started = time.perf_counter()
    serial = 0
    for commune in communes:
        rows: list[dict[str, Any]] = []
        for _ in range(per_commune):
            serial += 1
            male = rng.random() < 0.5
            born = DAY - dt.timedelta(days=rng.randrange(0, 90 * 365))
            name = f"{rng.choice(SURNAMES)} {'Văn' if male else 'Thị'} {rng.choice(GIVEN)}"
            row = {
                "public_id": uuid.uuid4(),
                "full_name": name,
                "name_search": fold(name),
                "sex": "M" if male else "F",
                "date_of_birth": born,
                "national_id": f"{id_digit}{serial:011d}",
                "registration_unit_id": commune.pk,
                "residence_unit_id": rng.choice(villages[commune.pk]).pk,
                "is_synthetic": True,
            }
            if extra is not None:
                row.update(extra(rng))
            rows.append(row)
        bulk_insert(Person, rows)
    print(f"people: {serial:,} in {time.perf_counter() - started:.0f} s")


class Province(NamedTuple):
    """A freshly generated province, for the force's rows to be added."""

    rng: random.Random
    per_commune: int
    communes: list[Any]
    villages: dict[int, list[Any]]


def generate(
    units: tuple[str, str, str],
    model: Any,
    people: int,
    seed: int,
    *,
    id_digit: str,
    extra: Callable[[random.Random], dict[str, Any]] | None = None,
) -> Province | None:
    """The province ``make_units(*units)`` and its citizens (``make_people``); None when an
    earlier run generated them and the force's rows (``model``, held by the communes), which
    are then reused."""
    from muster.people.models import Person

    _province, communes, villages = make_units(*units)
    if model.objects.filter(holder__in=communes).exists():
        print(f"data: reusing the generated province ({Person.objects.count():,} people)")
        return None
    rng = random.Random(seed)
    per_commune = people // len(communes)
    make_people(rng, communes, villages, per_commune, id_digit=id_digit, extra=extra)
    return Province(rng, per_commune, communes, villages)


def run_benchmark(
    doc: str | None,
    force: str,
    populate: Callable[[int, int], Any],
    units: tuple[str, str, str],
    describe: Callable[[Any, int], str],
) -> None:
    """Parse the arguments, generate the data (``populate(people, seed)``) and time the
    force's ``muster.<force>.reports.selectors.strength_report`` on ``DAY`` as a district
    officer of the province (``make_units(*units)``): median, p95 and min over ``--runs`` runs,
    the queries, the load average, ``describe(report, people)``'s figures and the ``EXPLAIN
    ANALYZE`` of the slowest query. ``doc``: the script's docstring (its first line describes
    it)."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--people", type=int, default=3_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit(f"The {force} benchmark runs on PostgreSQL (set DATABASE_URL).")
    import django

    django.setup()
    from bench.results_report import bench_user, ensure_postgres_database, print_setting

    ensure_postgres_database(url)
    from django.core.management import call_command
    from django.db import connection, reset_queries, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils.module_loading import import_string

    from muster.accounts.models import User
    from muster.people.models import Person

    strength_report = import_string(f"muster.{force}.reports.selectors.strength_report")
    call_command("migrate", verbosity=0)
    populate(args.people, args.seed)
    user = bench_user(f"bench.{force}", make_units(*units)[0])

    def run() -> tuple[float, int, Any]:
        fresh = User.objects.select_related("scope_unit").get(pk=user.pk)
        reset_queries()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            result = strength_report(user=fresh, day=DAY)
        return (time.perf_counter() - started) * 1000, len(ctx.captured_queries), (result, ctx)

    run()  # warm up
    timings, queries = [], set()
    for _ in range(args.runs):
        ms, n, (result, ctx) = run()
        timings.append(ms)
        queries.add(n)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    load = os.getloadavg()
    print_setting()
    print(describe(result, Person.objects.count()))
    print(
        f"strength report: median {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, "
        f"min {timings[0]:.0f} ms over {args.runs} runs; queries per report {sorted(queries)}"
    )
    print(f"load average (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    slowest = max(ctx.captured_queries, key=lambda q: float(q["time"]))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")  # as the reports run it
        cursor.execute("EXPLAIN ANALYZE " + slowest["sql"])
        print("slowest query's plan:")
        for (line,) in cursor.fetchall():
            print("   ", line)
