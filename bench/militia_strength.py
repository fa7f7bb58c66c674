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

UNITS = ("MIL", "Tỉnh Thử", "Xã Thử")


def populate(people: int, seed: int) -> None:
    from django.db import connection

    from bench.results_report import bulk_insert
    from muster.geo.models import Unit
    from muster.militia.models import Appointment, Membership, MilitiaUnit
    from muster.people.models import Person

    province = generate(
        UNITS,
        MilitiaUnit,
        people,
        seed,
        id_digit="8",
        extra=lambda r: {
            "party_member": r.random() < 0.03,
            "youth_union_member": r.random() < 0.3,
        },
    )
    if province is None:
        return
    rng, per_commune, communes, villages = province
    Unit.objects.filter(pk__in=[c.pk for c in communes]).update(population=per_commune)
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


def describe(report: Any, people: int) -> str:
    t = report.total
    return (
        f"province: {people:,} people, {len(report.rows)} communes, "
        f"{len(report.regions)} regional commands; members {t.members:,} of "
        f"{t.establishment:,} established ({t.strength_pct} %), ratio {t.ratio_pct} %, "
        f"Party {t.party_pct} %, Youth Union {t.youth_pct} %, cadres {t.cadres} "
        f"({t.cadres_degree} with the degree)"
    )


def main() -> None:
    run_benchmark(__doc__, "militia", populate, UNITS, describe)


if __name__ == "__main__":
    main()
