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

import datetime as dt
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

from bench._province import DAY, generate, run_benchmark  # noqa: E402

UNITS = ("RES", "Tỉnh Dự Bị", "Xã Dự Bị")
SHARE = 0.025


def populate(people: int, seed: int) -> None:
    from django.db import connection

    from bench.results_report import bulk_insert
    from muster.people.models import Person
    from muster.reserve.models import Reservist

    province = generate(UNITS, Reservist, people, seed, id_digit="7")
    if province is None:
        return
    rng, per_commune, communes, _villages = province
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


def describe(report: Any, people: int) -> str:
    t = report.total
    return (
        f"province: {people:,} people, {len(report.rows)} communes; "
        f"reservists {t.total:,} (class 1 {t.class_one:,}, class 2 {t.class_two:,}, no class "
        f"{t.no_class:,}; group A {t.group_a:,}, B {t.group_b:,}, past the age {t.over_age:,}; "
        f"men {t.men:,}, women {t.women:,})"
    )


def main() -> None:
    run_benchmark(__doc__, "reserve", populate, UNITS, describe)


if __name__ == "__main__":
    main()
