"""Benchmark: the call-up results report of a district (120,000 people) and of a province
(1,000,000 people in 100 communes), on data of every stage of a campaign.

    # District, SQLite (a file under /tmp):
    DEBUG=1 .venv/bin/python bench/results_report.py --scale district
    # District and province, PostgreSQL (the database is created if missing):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/muster_reports_bench \\
        DEBUG=1 .venv/bin/python bench/results_report.py --scale district
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/muster_reports_bench_province \\
        DEBUG=1 .venv/bin/python bench/results_report.py --scale province

The data is generated once per database (``COPY`` on PostgreSQL, one ``executemany``
transaction on SQLite) and reused on the next run: citizens (men 17–45, women 18–40, as the
registry holds), moves after the handover day, removals and bars, screening and examination
calls with classes, deferral and exemption decisions, volunteers, pools, quotas split by the
apportionment, frozen official lists, call-up decisions, handovers with recruits, returns,
replacements, violations, and last year's quota history. Then it times the real report
computation (``reports.selectors.results_report``, every figure and last year's) as the
campaign's officer: median and p95 over ``--runs`` runs, and the number of queries; it also
prints the machine's load average (the machine is shared).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

from muster.accounts.services import system_actor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

SCALES = {"district": (120_000, None), "province": (1_000_000, 100)}
HANDOVER = dt.date(2025, 2, 13)
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Lan", "Mai", "Nam", "Phúc", "Quân")
LEVELS = ("", "", "", "", "trade", "college", "university")
GROUNDS = ("41.1.a", "41.1.b", "41.1.d", "41.1.g", "41.1.g", "41.1.g", "41.1.h", "41.2.a")
KINDS = ("absent_exam", "absent_screening", "refused_callup", "no_first_registration")


def ensure_postgres_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def bench_user(username: str, scope_unit: Any) -> Any:
    """The benchmark's district officer over ``scope_unit`` (made once per database)."""
    from muster.accounts.models import Role, User
    from muster.accounts.services import user_create

    return User.objects.filter(username=username).first() or user_create(
        actor=system_actor(),
        username=username,
        password="bench-pass-123",
        role=Role.DISTRICT_OFFICER,
        scope_unit=scope_unit,
    )


def print_setting() -> None:
    """The database and the machine the figures were measured on."""
    from django.db import connection

    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    if connection.vendor == "postgresql":
        # The planner settings the figures depend on (deploy/postgresql-muster.conf sets them
        # for production; a bench database takes them with ALTER DATABASE … SET).
        names = ("server_version", "shared_buffers", "work_mem", "random_page_cost",
                 "effective_cache_size", "jit", "autovacuum")  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, setting, unit FROM pg_settings WHERE name = ANY(%s) ORDER BY name",
                [list(names)],
            )
            found = ", ".join(f"{n}={v}{u or ''}" for n, v, u in cursor.fetchall())
        print(f"postgresql: {found}")


def bulk_insert(model: Any, rows: list[dict[str, Any]]) -> None:
    """Insert plain rows into ``model``'s table with the database's bulk path: ``COPY`` on
    PostgreSQL, one ``executemany`` on SQLite. Missing fields take their default."""
    from django.db import connection, transaction

    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = dt.datetime.now(dt.UTC)
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sqlite = connection.vendor == "sqlite"

    def value(field: Any, row: dict[str, Any]) -> Any:
        if field.attname in row:
            v = row[field.attname]
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            v = now
        else:
            v = field.get_default()
        if isinstance(v, list | dict):
            return json.dumps(v)
        if not sqlite:
            return v
        if isinstance(v, uuid.UUID):
            return v.hex
        if isinstance(v, dt.datetime):
            return connection.ops.adapt_datetimefield_value(v)
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, Decimal):
            return str(v)
        return v

    data = [tuple(value(f, row) for f in fields) for row in rows]
    with transaction.atomic(), connection.cursor() as cursor:
        if sqlite:
            marks = ", ".join(["?"] * len(fields))
            cursor.cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", data)
        else:
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in data:
                    copy.write_row(row)


def make_units(scale: str) -> tuple[Any, list[Any]]:
    """The campaign's unit and its communes: the Kim Động fixture (17 campaign communes on
    1/11/2024) for the district, a generated province of 10 districts × 10 communes."""
    from muster.geo.loading import load_units_fixture
    from muster.geo.models import Unit
    from muster.geo.services import unit_create

    if scale == "district":
        units = load_units_fixture()
        district = units["KD"]
        communes = list(
            Unit.objects.filter(path__startswith=district.path)
            .valid_on(dt.date(2024, 11, 1))
            .commune_level()
            .order_by("path")
        )
        return district, communes
    province = Unit.objects.filter(code="BENCH-P").first()
    if province is None:
        start = dt.date(2000, 1, 1)
        province = unit_create(
            actor=system_actor(),
            code="BENCH-P",
            kind="province",
            name="Tỉnh Thử",
            parent=None,
            valid_from=start,
        )
        for d in range(10):
            district = unit_create(
                actor=system_actor(),
                code=f"BENCH-D{d}",
                kind="district",
                name=f"Huyện Thử {d + 1}",
                parent=province,
                valid_from=start,
            )
            for c in range(10):
                unit_create(
                    actor=system_actor(),
                    code=f"BENCH-C{d}{c}",
                    kind="commune",
                    name=f"Xã Thử {d * 10 + c + 1}",
                    parent=district,
                    valid_from=start,
                )
    communes = list(Unit.objects.filter(path__startswith=province.path).commune_level())
    return province, communes


def populate(scale: str, people: int, seed: int) -> None:
    from django.db import connection

    from muster.conscription.campaign.models import (
        Allocation,
        Campaign,
        CampaignCommune,
        Quota,
        QuotaHistory,
    )
    from muster.conscription.decisions.models import CallupDecision
    from muster.conscription.dossiers.models import Dossier
    from muster.conscription.handover.models import (
        Handover,
        ReceivingUnit,
        Recruit,
        RecruitReturn,
        Replacement,
    )
    from muster.conscription.selection.models import SelectionEntry, SelectionList, Volunteer
    from muster.conscription.violations.models import ViolationCase
    from muster.core.text import fold
    from muster.health.models import HealthCall, HealthSession
    from muster.law.callup.apportionment import inputs as apportion_inputs
    from muster.law.callup.apportionment import method as apportion_method
    from muster.people.models import Person
    from muster.people.registration.models import RegistrationBar, RegistrationEvent

    rng = random.Random(seed)
    top, communes = make_units(scale)
    if Campaign.objects.filter(unit=top, year=2025).exists():
        print(f"data: reusing the generated campaign ({Person.objects.count():,} people)")
        return
    started = time.perf_counter()
    # --- people -------------------------------------------------------------------------
    weights = [rng.uniform(0.6, 1.4) for _ in communes]
    total_weight = sum(weights)
    rows: list[dict[str, Any]] = []
    serial = 0
    for commune, weight in zip(communes, weights, strict=True):
        for _ in range(round(people * weight / total_weight)):
            serial += 1
            male = rng.random() < 0.55
            low, high = (17, 45) if male else (18, 40)
            born = HANDOVER - dt.timedelta(days=rng.randrange(low * 365, (high + 1) * 365))
            name = f"{rng.choice(SURNAMES)} {'Văn' if male else 'Thị'} {rng.choice(GIVEN)}"
            level = rng.choice(LEVELS)
            rows.append(
                {
                    "public_id": uuid.uuid4(),
                    "full_name": name,
                    "name_search": fold(name),
                    "sex": "M" if male else "F",
                    "date_of_birth": born,
                    "national_id": f"9{serial:011d}",
                    "registration_unit_id": commune.pk,
                    "ethnicity": "01" if rng.random() < 0.93 else "03",
                    "school_grade": rng.randrange(8, 13),
                    "higher_level": level,
                    "study_status": ("graduated" if rng.random() < 0.7 else "studying")
                    if level
                    else "",
                    "party_member": rng.random() < 0.03,
                    "youth_union_member": rng.random() < 0.4,
                    "is_synthetic": True,
                }
            )
    bulk_insert(Person, rows)
    del rows
    print(f"people: {Person.objects.count():,} in {time.perf_counter() - started:.0f} s")
    men = list(
        Person.objects.filter(
            sex="M",
            date_of_birth__gt=dt.date(1997, 2, 13),
            date_of_birth__lte=dt.date(2007, 2, 13),
        ).values_list("pk", "registration_unit_id")
    )
    rng.shuffle(men)
    by_commune: dict[int, list[int]] = {}
    for pk, unit_id in men:
        by_commune.setdefault(unit_id, []).append(pk)
    # --- registration: removals, bars, moves after the day --------------------------------
    movers = men[len(men) // 200 : len(men) // 200 + len(men) // 500]
    bulk_insert(
        RegistrationEvent,
        [
            {
                "person_id": pk,
                "kind": "removal",
                "event_date": dt.date(2024, 9, 1),
                "unit_id": unit_id,
            }
            for pk, unit_id in men[: len(men) // 200]
        ]
        + [
            {
                "person_id": pk,
                "kind": "transfer_out",
                "event_date": dt.date(2025, 4, 1),
                "unit_id": unit_id,
                "from_unit_id": unit_id,
                "to_unit_id": communes[(i * 7) % len(communes)].pk,
            }
            for i, (pk, unit_id) in enumerate(movers)
        ],
    )
    bulk_insert(
        RegistrationBar,
        [
            {
                "person_id": pk,
                "kind": "barred_art13",
                "ground": "x",
                "legal_citation": "Art 13",
                "start_date": dt.date(2024, 6, 1),
            }
            for pk, _u in men[-len(men) // 100 :]
        ],
    )
    # --- the campaign ---------------------------------------------------------------------
    campaign = Campaign.objects.create(
        unit=top,
        year=2025,
        call=1,
        screening_start=dt.date(2024, 10, 7),
        screening_end=dt.date(2024, 10, 22),
        exam_start=dt.date(2024, 11, 1),
        exam_end=dt.date(2024, 12, 31),
        nomination_by=dt.date(2025, 1, 10),
        handover_start=HANDOVER,
    )
    pools = {c.pk: max(30, len(by_commune.get(c.pk, [])) // 5) for c in communes}
    ccs = CampaignCommune.objects.bulk_create(
        [
            CampaignCommune(
                campaign=campaign,
                unit=c,
                stored_pool=pools[c.pk],
                pool_used=pools[c.pk],
                pool_source="stored",
            )
            for c in communes
        ]
    )
    total_pool = sum(pools.values())
    quotas = {"army": total_pool * 9 // 200, "police": total_pool // 200}
    for service, value in quotas.items():
        Quota.objects.create(
            campaign=campaign,
            service=service,
            value=value,
            source_document="QĐ thử",
            received_on=dt.date(2024, 12, 2),
        )
    certificate = apportion_method.apportion(
        apportion_inputs.Inputs(
            year=2025,
            quotas=quotas,
            communes=tuple(
                apportion_inputs.Commune(code=c.unit.code, name=c.unit.name, pool=pools[c.unit_id])
                for c in ccs
            ),
        )
    )
    by_code = {c.unit.code: c for c in ccs}
    allocations: dict[tuple[int, str], int] = {}
    for service in certificate.services:
        for code, final in service.result.items():
            allocations[(by_code[code].pk, service.service)] = final
    Allocation.objects.bulk_create(
        [
            Allocation(commune_id=pk, service=s, computed=v, final=v)
            for (pk, s), v in allocations.items()
        ]
    )
    QuotaHistory.objects.bulk_create(
        [
            QuotaHistory(
                unit_id=c.unit_id,
                year=2024,
                service=s,
                quota=max(0, v - rng.randint(-1, 1)),
                callable_pool=pools[c.unit_id] - 3,
                handed_over=v,
            )
            for c in ccs
            for s in ("army", "police")
            if (v := allocations.get((c.pk, s), 0))
        ]
    )
    # --- health ---------------------------------------------------------------------------
    exam_sessions = HealthSession.objects.bulk_create(
        [
            HealthSession(kind="examination", unit=top, date=dt.date(2024, 11, 5 + i), place="x")
            for i in range(20)
        ]
    )
    screening = {
        s.unit_id: s
        for s in HealthSession.objects.bulk_create(
            [
                HealthSession(kind="screening", unit=c, date=dt.date(2024, 10, 10), place="x")
                for c in communes
            ]
        )
    }
    calls: list[dict[str, Any]] = []
    examined: dict[int, list[int]] = {}
    for unit_id, pks in by_commune.items():
        called = pks[: len(pks) * 3 // 10]
        for i, pk in enumerate(called):
            calls.append(
                {
                    "session_id": screening[unit_id].pk,
                    "person_id": pk,
                    "notified_on": dt.date(2024, 9, 20),
                    "notice_late": i % 97 == 0,
                }
            )
            if i % 2 == 0:
                klass = rng.choice((1, 2, 2, 2, 3, 3, 4, 4, 5, 6))
                session = exam_sessions[i % len(exam_sessions)]
                calls.append(
                    {
                        "session_id": session.pk,
                        "person_id": pk,
                        "notified_on": session.date - dt.timedelta(days=16),
                        "health_class": klass,
                        "concluded_on": session.date,
                        "notice_late": i % 89 == 0,
                    }
                )
                if klass <= 3:
                    examined.setdefault(unit_id, []).append(pk)
    bulk_insert(HealthCall, calls)
    print(f"health calls: {len(calls):,}")
    # --- deferrals and exemptions, volunteers ---------------------------------------------
    dossiers = [
        {
            "person_id": pk,
            "kind": "exemption" if (g := rng.choice(GROUNDS)).startswith("41.2") else "deferral",
            "ground": g,
            "ground_citation": "Art 41",
            "state": "granted",
            "proposed_on": dt.date(2024, 11, 1),
            "reviewed_on": dt.date(2024, 12, 1),
            "decision_number": "QĐ 1",
            "decision_date": dt.date(2024, 12, 20),
            "authority": "district_chairman",
            "end_date": rng.choice((None, dt.date(2026, 6, 30), dt.date(2024, 12, 31))),
        }
        for pks in by_commune.values()
        for pk in pks[len(pks) * 3 // 10 : len(pks) * 3 // 10 + len(pks) // 12]
    ]
    bulk_insert(Dossier, dossiers)
    print(f"dossiers: {len(dossiers):,}")
    bulk_insert(
        Volunteer,
        [
            {
                "campaign_id": campaign.pk,
                "person_id": pk,
                "service": "army",
                "applied_on": dt.date(2024, 10, 1),
            }
            for pks in examined.values()
            for pk in pks[:3]
        ],
    )
    # --- lists, decisions, handover -------------------------------------------------------
    receiving = {
        "army": ReceivingUnit.objects.create(code="B-E1", name="Trung đoàn thử", service="army"),
        "police": ReceivingUnit.objects.create(code="B-CA", name="Công an thử", service="police"),
    }
    selections = SelectionList.objects.bulk_create(
        [
            SelectionList(
                commune=c,
                service=s,
                state="frozen",
                commitment="c" * 64,
                seed="s" * 64,
                frozen_at=dt.datetime(2025, 1, 15, tzinfo=dt.UTC),
                quota=allocations.get((c.pk, s), 0),
                standby=2,
            )
            for c in ccs
            for s in ("army", "police")
        ]
    )
    entries: list[SelectionEntry] = []
    decisions: list[CallupDecision] = []
    number = 0
    chosen: dict[tuple[int, str], list[int]] = {}
    for selection in selections:
        cc = next(c for c in ccs if c.pk == selection.commune_id)
        fit = examined.get(cc.unit_id, [])
        other = 1 if selection.service == "police" else 0
        pool = fit[other::2]
        wanted = selection.quota
        picked = pool[: wanted + 2]
        chosen[(cc.pk, selection.service)] = picked[:wanted]
        for place, pk in enumerate(picked, 1):
            entries.append(
                SelectionEntry(
                    selection=selection,
                    person_id=pk,
                    place=place,
                    list_kind="official" if place <= wanted else "standby",
                    education=12,
                    health_class=2,
                    draw=f"{place:064d}",
                )
            )
        for pk in picked[:wanted]:
            number += 1
            token = f"bench{number}"
            decisions.append(
                CallupDecision(
                    campaign=campaign,
                    commune=cc,
                    person_id=pk,
                    service=selection.service,
                    authority="district_commander",
                    signer="x",
                    authority_citation="Art 34(6)",
                    number=number,
                    issued_on=dt.date(2025, 1, 20),
                    enlist_on=HANDOVER,
                    token=token,
                    token_hash=uuid.uuid5(uuid.NAMESPACE_OID, token).hex * 2,
                    delivered_on=dt.date(2025, 1, 24 if number % 40 else 30),
                    delivered_to="x",
                )
            )
    SelectionEntry.objects.bulk_create(entries, batch_size=500)
    CallupDecision.objects.bulk_create(decisions, batch_size=500)
    handovers = {
        (h.commune_id, h.receiving_unit.service): h
        for h in Handover.objects.bulk_create(
            [
                Handover(
                    commune=c,
                    receiving_unit=receiving[s],
                    handed_on=HANDOVER,
                    locality_signer="x",
                    unit_signer="y",
                )
                for c in ccs
                for s in ("army", "police")
            ]
        )
    }
    recruits = Recruit.objects.bulk_create(
        [Recruit(handover=handovers[(d.commune_id, d.service)], decision=d) for d in decisions],
        batch_size=500,
    )
    returns = RecruitReturn.objects.bulk_create(
        [
            RecruitReturn(
                recruit=r,
                returned_on=HANDOVER + dt.timedelta(days=5),
                reason_kind="health",
                reason="x",
            )
            for r in recruits[::97]
        ]
    )
    replacement_decisions = []
    for i, returned in enumerate(returns):
        number += 1
        token = f"benchr{number}"
        replacement_decisions.append(
            CallupDecision(
                campaign=campaign,
                commune_id=returned.recruit.handover.commune_id,
                person_id=men[-(i + 1)][0],
                service="army",
                authority="district_commander",
                signer="x",
                authority_citation="Art 34(6)",
                number=number,
                issued_on=HANDOVER + dt.timedelta(days=6),
                enlist_on=HANDOVER + dt.timedelta(days=8),
                token=token,
                token_hash=uuid.uuid5(uuid.NAMESPACE_OID, token).hex * 2,
            )
        )
    CallupDecision.objects.bulk_create(replacement_decisions)
    Replacement.objects.bulk_create(
        [
            Replacement(returned=r, decision=d, replaced_on=HANDOVER + dt.timedelta(days=8))
            for r, d in zip(returns, replacement_decisions, strict=True)
        ]
    )
    bulk_insert(
        ViolationCase,
        [
            {
                "person_id": pk,
                "unit_id": unit_id,
                "campaign_id": campaign.pk,
                "kind": rng.choice(KINDS),
                "occurred_on": dt.date(2024, 11, 20),
                "facts": "x",
                "decree": "218/2025",
                "penalty_citation": "x",
                "fine_min": 1,
                "fine_max": 2,
            }
            for pk, unit_id in men[::300]
        ],
    )
    if connection.vendor == "postgresql":
        # What autovacuum does for a live database: statistics, visibility map, hint bits.
        connection.ensure_connection()
        autocommit = connection.get_autocommit()
        connection.set_autocommit(True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        connection.set_autocommit(autocommit)
    print(
        f"campaign: {len(ccs)} communes, quota {sum(quotas.values()):,}, {len(decisions):,} "
        f"decisions and recruits, {len(returns)} returns; generated in "
        f"{time.perf_counter() - started:.0f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="district")
    parser.add_argument("--people", type=int, default=None)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    default = f"sqlite:////tmp/muster_reports_bench_{args.scale}.sqlite3"
    url = os.environ.setdefault("DATABASE_URL", default)
    if url.startswith("postgres"):
        ensure_postgres_database(url)
    elif args.scale == "province":
        sys.exit("The province benchmark runs on PostgreSQL (set DATABASE_URL).")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from muster.accounts.models import User
    from muster.conscription.campaign.models import Campaign
    from muster.people.models import Person
    from muster.reports import selectors

    call_command("migrate", verbosity=0)
    people = args.people or SCALES[args.scale][0]
    populate(args.scale, people, args.seed)
    top, _communes = make_units(args.scale)
    campaign = Campaign.objects.select_related("unit").get(unit=top, year=2025, call=1)
    username = f"bench.{args.scale}"
    user = bench_user(username, top)

    def run() -> tuple[float, float, int, Any]:
        fresh = User.objects.get(pk=user.pk)  # the area is computed once per request
        reset_queries()
        started, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as ctx:
            report = selectors.results_report(user=fresh, campaign=campaign, unit=campaign.unit)
        wall = (time.perf_counter() - started) * 1000
        return wall, (time.process_time() - cpu) * 1000, len(ctx.captured_queries), report

    run()  # warm up
    timings, cpus, queries = [], [], set()
    for _ in range(args.runs):
        ms, cpu_ms, n, report = run()
        timings.append(ms)
        cpus.append(cpu_ms)
        queries.add(n)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    load = os.getloadavg()
    print_setting()
    print(
        f"{args.scale}: {Person.objects.count():,} people, {len(report.lines)} communes; "
        f"registered {report.total['registered']:,}, examined {report.total['examined']:,}, "
        f"deferred {report.total['deferred']:,}, quota {report.total['quota_total']:,}, "
        f"handed over {report.total['handed_over']:,}, quota met {report.total['percent_met']}%"
    )
    print(
        f"results report: median {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, "
        f"min {timings[0]:.0f} ms over {args.runs} runs; queries per report {sorted(queries)}"
    )
    print(
        f"CPU time of this process per report: median {statistics.median(cpus):.0f} ms "
        "(on SQLite this includes the database's work; on PostgreSQL only Django's)"
    )
    print(f"load average (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
