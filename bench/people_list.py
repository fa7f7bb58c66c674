"""The registry list with 1,000,000 people on PostgreSQL: a filtered page and a name search.

Creates the people with ``COPY`` when the database holds fewer than ``--people`` (synthetic,
spread over the district's communes, with first registrations, Art 13 / Art 14 statuses and
family ties), then times the real ``person_list`` view through the Django test client as a
logged-in district officer: p50 / p95 over ``--requests`` requests and the queries per page.
The database is vacuumed and analysed first, as autovacuum would keep it. It also prints
the p95 of each parameter set, the load average, and PostgreSQL's plans for two name searches
and the rare filters.

    createdb -h 127.0.0.1 -U postgres muster_bench_list
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/muster_bench_list \\
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/muster_bench_list DEBUG=1 \\
        .venv/bin/python bench/people_list.py [--people 1000000] [--requests 200]
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from muster.accounts.models import Role, User  # noqa: E402
from muster.accounts.services import (  # noqa: E402
    system_actor,
    user_create,
)
from muster.core.text import fold  # noqa: E402
from muster.geo.loading import load_units_fixture  # noqa: E402
from muster.geo.models import Unit  # noqa: E402
from muster.people.models import Person  # noqa: E402
from muster.people.selectors import PersonFilter, people_for_user, search_people  # noqa: E402

FAMILY = ["Nguyễn"] * 38 + ["Trần"] * 11 + ["Lê"] * 10 + ["Phạm"] * 7 + ["Hoàng"] * 5
FAMILY += ["Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan", "Đào", "Đinh"] * 2
MIDDLE_M = ["Văn", "Văn", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Công", "Xuân", "Tiến"]
MIDDLE_F = ["Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Phương"]
GIVEN = [
    "Đức",
    "Hùng",
    "Nam",
    "Long",
    "Tuấn",
    "Dũng",
    "Hải",
    "Sơn",
    "Tùng",
    "Thắng",
    "Phong",
    "Quân",
    "Hiếu",
    "Khánh",
    "Toàn",
    "Trung",
    "Hưng",
    "Việt",
    "Bình",
    "An",
    "Huy",
    "Lâm",
    "Kiên",
    "Hoà",
    "Lộc",
    "Phúc",
    "Thành",
    "Vinh",
    "Hào",
    "Lan",
    "Hương",
    "Hoa",
    "Mai",
    "Linh",
    "Trang",
    "Thảo",
    "Yến",
    "Nga",
    "Hà",
    "Vân",
    "Thư",
    "Hằng",
    "Ngân",
    "Quỳnh",
    "Nhung",
    "Tâm",
    "Oanh",
    "Dung",
    "Giang",
]
LEVELS = ["", "", "", "", "trade", "college", "university", "postgraduate"]


def _person_rows(count: int, communes: list[int], seed: int):
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC)
    start = dt.date(1975, 1, 1)
    for i in range(count):
        male = rng.random() < 0.51
        name = " ".join(
            (
                rng.choice(FAMILY),
                rng.choice(MIDDLE_M if male else MIDDLE_F),
                rng.choice(GIVEN),
            )
        )
        born = start + dt.timedelta(days=rng.randrange(0, 365 * 35))
        yield (
            uuid.uuid4(), name, fold(name), "M" if male else "F", born, f"9{i:011d}",
            rng.choice(communes), None, "01", "", "", "", "", rng.randrange(5, 13), False,
            rng.choice(LEVELS), "", "", "", None, False, False, "single", True, now, now,
        )  # fmt: skip


PERSON_COLUMNS = (
    "public_id, full_name, name_search, sex, date_of_birth, national_id, registration_unit_id, "
    "residence_unit_id, ethnicity, religion, phone, occupation, workplace, school_grade, "
    "in_school, higher_level, field_of_study, study_mode, study_status, study_end_date, "
    "party_member, youth_union_member, marital_status, is_synthetic, created_at, updated_at"
)


def populate(target: int) -> None:
    if not Unit.objects.filter(code="12106").exists():
        load_units_fixture()
    have = Person.objects.count()
    if have >= target:
        print(f"people: {have:,} already present")
        return
    district = Unit.objects.get(kind="district", name__contains="Kim Động")
    communes = list(
        Unit.objects.commune_level()
        .filter(path__startswith=district.path)
        .values_list("pk", flat=True)
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY people_person ({PERSON_COLUMNS}) FROM STDIN") as copy:
            for row in _person_rows(target - have, communes, seed=have):
                copy.write_row(row)
        # First registration for a third, Art 13 / Art 14 for 1% each, martyr parent for 1%.
        cursor.execute(
            "INSERT INTO conscription_registrationevent (public_id, person_id, kind, event_date,"
            " unit_id, certificate_number, is_late, legal_citation, note, created_at)"
            " SELECT gen_random_uuid(), id, 'first_registration', date '2024-04-16',"
            " registration_unit_id, '', false, '', '', now() FROM people_person"
            " WHERE id %% 3 = 0 AND id > %s",
            [have],
        )
        for kind, mod in (("barred_art13", 97), ("exempt_art14", 89)):
            cursor.execute(
                "INSERT INTO conscription_registrationbar (public_id, person_id, kind, ground,"
                " legal_citation, start_date) SELECT gen_random_uuid(), id, %s, 'x',"
                " 'Điều 13(1)(a)', date '2024-01-01' FROM people_person"
                " WHERE id %% %s = 0 AND id > %s",
                [kind, mod, have],
            )
        cursor.execute(
            "INSERT INTO people_familytie (public_id, person_id, relation, relative_name,"
            " is_martyr, serving_as_soldier, heroic_mother, able_to_work)"
            " SELECT gen_random_uuid(), id, 'father', 'x', true, false, false, true"
            " FROM people_person WHERE id %% 101 = 0 AND id > %s",
            [have],
        )
    print(f"people: {target - have:,} created with COPY in {time.perf_counter() - started:.0f} s")


def vacuum() -> None:
    """Statistics and the visibility map, as autovacuum keeps them on a live database (the
    name index's walk is index-only only where the map says the pages are all visible)."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"VACUUM ANALYZE in {time.perf_counter() - started:.0f} s")


def _officer() -> User:
    user = User.objects.filter(username="bench.officer").first()
    if user is None:
        district = Unit.objects.get(kind="district", name__contains="Kim Động")
        user = user_create(
            actor=system_actor(),
            username="bench.officer",
            password="bench-pass-123",
            role=Role.DISTRICT_OFFICER,
            scope_unit=district,
        )
    return user


def _p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def _time(client: Client, url: str, params: list[dict[str, str]], runs: int) -> None:
    timings: list[float] = []
    by_case: dict[int, list[float]] = {}
    queries: set[int] = set()
    cpu = time.process_time()
    for i in range(runs):
        query = params[i % len(params)]
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, query)
        elapsed = (time.perf_counter() - started) * 1000
        timings.append(elapsed)
        by_case.setdefault(i % len(params), []).append(elapsed)
        assert response.status_code == 200, response.status_code
        queries.add(len(ctx.captured_queries))
    cpu_ms = (time.process_time() - cpu) * 1000 / runs
    timings.sort()
    print(
        f"  p50 {statistics.median(timings):.1f} ms, p95 {_p95(timings):.1f} ms, "
        f"max {timings[-1]:.1f} ms over {runs} requests (Django process CPU {cpu_ms:.1f} ms per "
        f"request); queries per page: {sorted(queries)}"
    )
    for case, case_timings in sorted(by_case.items()):
        print(
            f"    {params[case]}: p50 {statistics.median(case_timings):.1f} ms, "
            f"p95 {_p95(case_timings):.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL (DATABASE_URL=postgres://...).")
    populate(args.people)
    vacuum()
    print("load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user = _officer()
    client = Client()
    client.force_login(user)
    url = reverse("people:person_list")
    print(f"people in the database: {Person.objects.count():,}; user {user} (district officer)")
    filtered = [
        {"min_age": str(low), "max_age": str(low + 7), "sex": "M", "status": "registered"}
        for low in (18, 19, 20, 21)
    ] + [
        {"min_age": "18", "max_age": "27", "grade_min": "12", "higher_level": "any"},
        {"min_age": "17", "max_age": "25", "status": "barred"},
        {"martyr_parent": "on", "min_age": "18"},
    ]
    searches = [
        {"q": q}
        for q in ("nguyen van duc", "tran thi lan", "le minh", "hoang", "pham van hung", "duc")
    ]
    client.get(url)  # warm up (sessions, scope cache)
    print("filtered list page (age range, sex, status / education / family facts):")
    _time(client, url, filtered, args.requests)
    print("name search without diacritics (contains):")
    _time(client, url, searches, args.requests)
    print("load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    qs = people_for_user(user).filter(name_search__contains="nguyen van duc")
    print("EXPLAIN name search 'nguyen van duc':")
    print(qs.order_by("name_search", "id")[:51].explain())
    qs = people_for_user(user).filter(name_search__contains="pham van hung")
    print("EXPLAIN name search 'pham van hung':")
    print(qs.order_by("name_search", "id")[:51].explain())
    for label, filters in (
        ("status=barred, age 17-25", PersonFilter(min_age=17, max_age=25, status="barred")),
        ("martyr_parent, age 18+", PersonFilter(min_age=18, martyr_parent=True)),
        ("status=registered, men 18-25", PersonFilter(min_age=18, max_age=25, status="registered")),
    ):
        with CaptureQueriesContext(connection) as ctx:
            search_people(user=user, filters=filters, sex="M" if "men" in label else "")
        sql = max((q["sql"] for q in ctx.captured_queries), key=len)
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " + sql)
            plan = [row[0] for row in cursor.fetchall()]
        print(f"EXPLAIN ANALYZE of the page query, {label}:")
        print("\n".join(plan))


if __name__ == "__main__":
    main()
