"""Benchmark: import of 100,000 generated rows of a commune spreadsheet (CSV), validation included.

    .venv/bin/python bench/import_people.py [--rows 100000] [--seed 2026]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/muster_bench_import \\
        .venv/bin/python bench/import_people.py

SQLite runs in a fresh file under /tmp; PostgreSQL in the named database (created if missing,
its people table emptied). Timed, each on an empty registry of the commune:

Each figure is the best of ``--runs`` runs (the machine is shared), with the CPU seconds of
the client (this process) and of the PostgreSQL backend, and the load average.

1. ``import_people`` end to end: read the CSV, check every row (ID number against sex and
   birth year, dates, villages, duplicates), pre-load existing people, bulk insert, one audit
   event, the batch record. This is the figure to record (rows/s).
2. The database's own bulk path with the very same rows already converted to tuples:
   ``COPY … FROM STDIN`` in text and binary format (PostgreSQL, psycopg) or one
   ``executemany`` transaction (SQLite).
   The ratio 1 / 2 is what our checking and bookkeeping cost on top of the raw load.
3. Re-importing the same file (every row "unchanged").
4. PostgreSQL only, ``--floor``: where the server's time goes. The same binary ``COPY`` into a
   scratch copy of the table: bare (no index, no foreign key), then with the primary key and
   each of the real table's other indexes or foreign keys alone, then with all of them (the
   real table's shape), logged and unlogged. Each line's cost over the primary key alone is
   what that index or constraint adds to every import.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import io
import os
import platform
import random
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from muster.accounts.services import system_actor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/muster_bench_import.sqlite3")

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Ngọc")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Lan", "Mai", "Nam", "Phúc", "Quân")
VILLAGES = tuple(f"Thôn Bench {i}" for i in range(1, 13))
HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Thôn", "Dân tộc",
           "Trình độ văn hóa", "Nghề nghiệp", "Đảng viên", "Đoàn viên",
           "Tình trạng hôn nhân"]  # fmt: skip


def generate_csv(rows: int, seed: int) -> bytes:
    from muster.people import national_id

    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for n in range(1, rows + 1):
        male = rng.random() < 0.55
        born = dt.date(1981, 1, 1) + dt.timedelta(days=rng.randrange(0, 27 * 365))
        name = f"{rng.choice(SURNAMES)} {'Văn' if male else 'Thị'} {rng.choice(MIDDLE)} "
        name += rng.choice(GIVEN)
        writer.writerow(
            [
                n,
                name,
                born.strftime("%d/%m/%Y"),
                "Nam" if male else "Nữ",
                national_id.make(province_code="033", male=male, birth_year=born.year, serial=n),
                rng.choice(VILLAGES),
                "Kinh",
                f"{rng.choice((9, 12, 12, 12))}/12",
                rng.choice(("Làm ruộng", "Công nhân", "Học sinh", "")),
                "x" if rng.random() < 0.05 else "",
                "x" if rng.random() < 0.4 else "",
                rng.choice(("Độc thân", "Đã kết hôn")),
            ]
        )
    return out.getvalue().encode("utf-8")


def ensure_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=3, help="timed runs; the best is reported")
    parser.add_argument(
        "--floor", action="store_true", help="PostgreSQL: also time COPY per index (item 4)"
    )
    args = parser.parse_args()
    load_before = os.getloadavg()
    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    else:
        ensure_postgres_database(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from muster.geo.loading import load_units_fixture
    from muster.geo.models import UnitKind
    from muster.geo.services import unit_create
    from muster.people.imports.services import import_people
    from muster.people.imports.writes import insert_columns
    from muster.people.models import Person

    call_command("migrate", verbosity=0)
    units = load_units_fixture()
    commune = units["DHOP25"]
    existing = set(commune.children.values_list("name", flat=True))
    for i, name in enumerate(VILLAGES, start=1):
        if name not in existing:
            unit_create(
                actor=system_actor(),
                code=f"BENCH-{i}",
                kind=UnitKind.VILLAGE,
                name=name,
                parent=commune,
                valid_from=dt.date(2025, 7, 1),
            )
    table = connection.ops.quote_name(Person._meta.db_table)

    def empty() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")

    empty()
    started = time.perf_counter()
    data = generate_csv(args.rows, args.seed)
    generated = time.perf_counter() - started
    postgres = connection.vendor == "postgresql"
    server_pid = None
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            server_pid = cursor.fetchone()[0]

    def server_cpu() -> float:
        """CPU seconds of this session's PostgreSQL backend (same machine), 0 on SQLite."""
        if server_pid is None:
            return 0.0
        fields = Path(f"/proc/{server_pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def timed(work: Callable[[], None]) -> tuple[float, float, float]:
        """(wall, client CPU, server CPU) seconds of ``work()``."""
        cpu, srv, started = time.process_time(), server_cpu(), time.perf_counter()
        work()
        wall = time.perf_counter() - started
        return wall, time.process_time() - cpu, server_cpu() - srv

    def run_import() -> None:
        outcome = import_people(
            actor=system_actor(), unit=commune, data=data, file_name="bench.csv"
        )
        assert outcome.batch.created_count == args.rows, outcome.batch.created_count

    imports = []
    for _ in range(args.runs):
        empty()
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {table}")  # as autovacuum would after DELETE
        imports.append(timed(run_import))
        assert Person.objects.count() == args.rows

    def run_reimport() -> None:
        again = import_people(
            actor=system_actor(), unit=commune, data=data, file_name="bench.csv"
        ).batch
        assert again.unchanged_count == args.rows

    reimport = timed(run_reimport)

    # The database's own bulk path, with the same rows already as tuples of column values.
    fields = insert_columns()
    columns = [f.attname for f in fields]
    rows = list(Person.objects.order_by("id").values_list(*columns))  # the file's order
    if connection.vendor == "sqlite":
        rows = [
            tuple(
                v.hex
                if isinstance(v, uuid.UUID)
                else connection.ops.adapt_datetimefield_value(v)
                if isinstance(v, dt.datetime)
                else v.isoformat()
                if isinstance(v, dt.date)
                else v
                for v in row
            )
            for row in rows
        ]
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    types = [f.db_type(connection).split("(")[0] for f in fields]

    def raw_load(fmt: str) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            if postgres:
                suffix = " (FORMAT BINARY)" if fmt == "binary" else ""
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN{suffix}") as copy:
                    if fmt == "binary":
                        copy.set_types(types)
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["?"] * len(fields))
                cursor.cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)

    raws: dict[str, list[tuple[float, float, float]]] = {}
    for fmt in ("text", "binary") if postgres else ("executemany",):
        for _ in range(args.runs):
            empty()
            if postgres:
                with connection.cursor() as cursor:
                    cursor.execute(f"VACUUM ANALYZE {table}")
            raws.setdefault(fmt, []).append(timed(functools.partial(raw_load, fmt)))
            assert Person.objects.count() == args.rows

    def line(label: str, runs: list[tuple[float, float, float]]) -> float:
        best = min(runs)
        walls = ", ".join(f"{wall:.2f}" for wall, _c, _s in runs)
        print(
            f"{label}: best {best[0]:.2f} s = {args.rows / best[0]:,.0f} rows/s "
            f"(runs: {walls} s; best run's CPU: client {best[1]:.2f} s, server {best[2]:.2f} s)"
        )
        return best[0]

    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*load_before))
    print(f"rows: {args.rows:,}; CSV {len(data) / 1e6:.1f} MB generated in {generated:.2f} s")
    ours = line("import_people (read + check + insert + audit)", imports)
    bests = {fmt: line(f"raw {'COPY ' + fmt if postgres else fmt}", r) for fmt, r in raws.items()}
    for fmt, best in bests.items():
        print(f"ratio import / raw {fmt}: {ours / best:.2f}x the time")
    line("re-import, all unchanged", [reimport])
    if postgres and args.floor:
        server_floor(connection, table, names, types, rows, args.runs, timed)
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


def server_floor(
    connection: Any,
    table: str,
    names: str,
    types: list[str],
    rows: list[tuple[Any, ...]],
    runs: int,
    timed: Callable[[Callable[[], None]], tuple[float, float, float]],
) -> None:
    """Item 4: binary COPY of the ready rows into a scratch table, one index or FK at a time."""
    from django.db import transaction

    scratch = "bench_person_floor"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid), indisprimary "
            "FROM pg_index WHERE indrelid = %s::regclass ORDER BY indisprimary DESC, 1",
            [table.strip('"')],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY 1",
            [table.strip('"')],
        )
        foreign_keys = cursor.fetchall()
    primary = [(n, d) for n, d, is_pk in indexes if is_pk]
    others = [(n, d) for n, d, is_pk in indexes if not is_pk]

    def ddl(index: tuple[str, str]) -> str:
        name, definition = index
        on = definition.index(" ON ")
        using = definition.index(" USING ")
        return f"{definition[:on].replace(name, name + '_floor')} ON {scratch}{definition[using:]}"

    def fk(constraint: tuple[str, str]) -> str:
        return f"ALTER TABLE {scratch} ADD CONSTRAINT {constraint[0]}_floor {constraint[1]}"

    def measure(label: str, statements: list[str], unlogged: bool = False) -> float:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {scratch}")
            kind = "UNLOGGED " if unlogged else ""
            like = f"LIKE {table} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS"
            cursor.execute(f"CREATE {kind}TABLE {scratch} ({like})")
            for statement in statements:
                cursor.execute(statement)

        def load() -> None:
            with transaction.atomic(), connection.cursor() as cursor:
                copy_sql = f"COPY {scratch} ({names}) FROM STDIN (FORMAT BINARY)"
                with cursor.cursor.copy(copy_sql) as copy:
                    copy.set_types(types)
                    for row in rows:
                        copy.write_row(row)

        results = []
        for _ in range(runs):
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {scratch}")
            results.append(timed(load))
        wall, _client, server = min(results)
        rate = len(rows) / wall
        print(f"  {label}: {wall:.2f} s = {rate:,.0f} rows/s (server CPU {server:.2f} s)")
        return wall

    print("server floor: binary COPY of the ready rows into a scratch copy of the table")
    measure("bare table (no index, no foreign key)", [])
    base = measure(f"+ primary key ({primary[0][0]})", [ddl(primary[0])])
    for index in others:
        cost = measure(f"+ {index[0]}", [ddl(primary[0]), ddl(index)]) - base
        print(f"    adds {cost:+.2f} s")
    for constraint in foreign_keys:
        cost = measure(f"+ foreign key {constraint[0]}", [ddl(primary[0]), fk(constraint)]) - base
        print(f"    adds {cost:+.2f} s")
    every = [ddl(i) for i in primary + others] + [fk(c) for c in foreign_keys]
    measure("all indexes and foreign keys (the real table's shape)", every)
    measure("the same, UNLOGGED (no WAL)", every, unlogged=True)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {scratch}")


if __name__ == "__main__":
    main()
