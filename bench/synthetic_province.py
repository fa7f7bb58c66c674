"""A synthetic province of the 2025 map, loaded through the real import path and services.

    createdb -h 127.0.0.1 -U postgres muster_scale
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/muster_scale DEBUG=1 \\
        nice -n 19 .venv/bin/python bench/synthetic_province.py [--people 3500000] [--seed 2026]

What it builds (deterministic for a given ``--seed``, ``--people`` and ``--communes``):

* **Units** (``geo.services.unit_create``, valid from 01/07/2025 like the fixture's new map):
  one province ``{prefix}-P``, ``--regions`` regional defence commands (Ban CH PTKV; 0: the
  communes hang under the province directly), ``--communes`` communes, ``--villages`` villages
  each.
* **People**, commune by commune, as a generated commune spreadsheet (CSV, the template's
  Vietnamese headers) fed to ``people.imports.services.import_people``: the very service the
  upload's confirmation calls, with every check (ID number against sex and birth year, dates,
  villages, duplicates), the batch record and its audit event. Ages and sexes follow Vietnam's
  2024 pyramid (5-year bands, fewer men among the old); communes vary in size (×0.6–1.4).
* **Family ties** of every man 16–27 (father and mother by name and birth year; a spouse for
  the married): ``FamilyTie`` rows by ``bulk_create`` (the spreadsheet has no tie column).
* **Registration**: the men reaching 17 in 2026 are called, the calls delivered and the men
  registered through ``people.registration.services`` (``issue_calls``, ``record_delivery``,
  ``register_called``, commune chairman's authority); the older men of call-up age (18–27)
  get their first registration in the April of their 17th year as bulk history (their
  commune did not exist before 01/07/2025, so no service can record it there).

Each commune is one transaction, marked done by its import batch (file name
``synthetic-{code}.csv``): a re-run skips the communes already loaded, so a multi-hour load can
be stopped and restarted. Throughput is printed after every commune.

* **The 2026 call-up campaign** of the province (``bench/synthetic_campaign.py``, run after the
  people unless ``--no-campaign``): see that module.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

#: The day the generated registry describes (ages are counted on it).
DAY = dt.date(2026, 6, 30)
NEW_MAP = dt.date(2025, 7, 1)
ID_PROVINCE = "033"  # a real province code (the import checks it); serials are synthetic
#: Vietnam 2024, thousands of people per 5-year band (0–4 … 75–79, 80+), and men's share.
BANDS = (7400, 8000, 7700, 6900, 6600, 7400, 8000, 7900, 7300, 6600, 5900, 5300, 4500,
         3400, 2200, 1200, 1600)  # fmt: skip
MEN_SHARE = (0.52, 0.52, 0.52, 0.51, 0.51, 0.51, 0.50, 0.50, 0.50, 0.50, 0.49, 0.48, 0.47,
             0.45, 0.43, 0.40, 0.36)  # fmt: skip
SURNAMES = ("Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh",
            "Vũ", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý")  # fmt: skip
MALE_MIDDLE = ("Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Xuân", "Công")
FEMALE_MIDDLE = ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Minh", "Thanh", "Hồng")
MALE_GIVEN = ("An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khánh", "Long",
              "Mạnh", "Nam", "Phúc", "Quân", "Sơn", "Thắng", "Tuấn", "Việt")  # fmt: skip
FEMALE_GIVEN = ("Anh", "Chi", "Dung", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai",
                "Nga", "Nhung", "Phương", "Thảo", "Trang", "Yến")  # fmt: skip
JOBS = ("Làm ruộng", "Làm ruộng", "Công nhân", "Buôn bán", "Lao động tự do", "Thợ xây")
HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Thôn", "Dân tộc",
           "Trình độ văn hóa", "Nghề nghiệp", "Đảng viên", "Đoàn viên",
           "Tình trạng hôn nhân"]  # fmt: skip
REG_ISSUED, REG_DELIVERED, REG_DAY = dt.date(2026, 3, 20), dt.date(2026, 3, 25), dt.date(2026, 4, 6)


def file_name(code: str) -> str:
    return f"synthetic-{code}.csv"


def commune_sizes(people: int, communes: int, seed: int) -> list[int]:
    """People per commune (×0.6–1.4 around the mean), summing to ``people``."""
    rng = random.Random(f"{seed}:sizes")
    weights = [rng.uniform(0.6, 1.4) for _ in range(communes)]
    total = sum(weights)
    sizes = [int(people * w / total) for w in weights]
    sizes[0] += people - sum(sizes)
    return sizes


def _birth_date(rng: random.Random, band: int) -> dt.date:
    low = band * 5
    high = 95 if band == len(BANDS) - 1 else low + 5
    return DAY - dt.timedelta(days=rng.randrange(low * 365 + 1, high * 365 - 1))


def _name(rng: random.Random, male: bool) -> str:
    middle = rng.choice(MALE_MIDDLE if male else FEMALE_MIDDLE)
    return f"{rng.choice(SURNAMES)} {middle} {rng.choice(MALE_GIVEN if male else FEMALE_GIVEN)}"


def commune_csv(*, seed: int, code: str, index: int, slot: int, size: int, villages: int) -> bytes:
    """The commune's spreadsheet: ``size`` citizens. ID serials are unique in the province:
    ``index * slot`` + a counter per sex and birth year."""
    from muster.people import national_id

    rng = random.Random(f"{seed}:{code}")
    serials: dict[tuple[bool, int], int] = {}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    bands = rng.choices(range(len(BANDS)), weights=BANDS, k=size)
    for n, band in enumerate(bands, start=1):
        male = rng.random() < MEN_SHARE[band]
        born = _birth_date(rng, band)
        count = serials.get((male, born.year), 0)
        serials[(male, born.year)] = count + 1
        if count >= slot:
            raise SystemExit(f"{code}: more than {slot} people of one sex and birth year")
        number = national_id.make(
            province_code=ID_PROVINCE, male=male, birth_year=born.year, serial=index * slot + count
        )
        age = (DAY - born).days // 365
        adult = age >= 18
        grade = "" if age < 16 else f"{rng.choice((9, 12, 12, 12) if age < 60 else (5, 7, 9))}/12"
        writer.writerow(
            [
                n,
                _name(rng, male),
                born.strftime("%d/%m/%Y"),
                "Nam" if male else "Nữ",
                number,
                f"Thôn {rng.randrange(villages) + 1}",
                "Kinh" if rng.random() < 0.9 else rng.choice(("Tày", "Mường", "Thái", "Nùng")),
                grade,
                rng.choice(JOBS) if adult and age < 65 else "",
                "x" if adult and rng.random() < 0.06 else "",
                "x" if 16 <= age <= 30 and rng.random() < 0.45 else "",
                ("Đã kết hôn" if rng.random() < min(0.9, (age - 18) / 12) else "Độc thân")
                if adult
                else "",
            ]
        )
    return out.getvalue().encode("utf-8")


def make_units(*, prefix: str, regions: int, communes: int, villages: int) -> tuple[Any, list[Any]]:
    """The province and its communes (created through ``unit_create`` once)."""
    from muster.accounts.services import system_actor
    from muster.geo.models import Unit
    from muster.geo.services import unit_create

    province = Unit.objects.filter(code=f"{prefix}-P").first()
    if province is None:
        actor = system_actor()

        def make(code: str, kind: str, name: str, parent: Any) -> Any:
            return unit_create(
                actor=actor, code=code, kind=kind, name=name, parent=parent, valid_from=NEW_MAP
            )

        province = make(f"{prefix}-P", "province", "Tỉnh Tổng Hợp", None)
        parents = [
            make(f"{prefix}-R{r + 1:02d}", "defence_region", f"Ban CH PTKV {r + 1}", province)
            for r in range(regions)
        ] or [province]
        for c in range(communes):
            parent = parents[c * len(parents) // communes]
            commune = make(f"{prefix}-C{c + 1:03d}", "commune", f"Xã Tổng Hợp {c + 1}", parent)
            for v in range(villages):
                make(f"{prefix}-C{c + 1:03d}-V{v + 1:02d}", "village", f"Thôn {v + 1}", commune)
    found = Unit.objects.filter(path__startswith=province.path, kind="commune").order_by("code")
    return province, list(found)


def ties_and_registration(*, commune: Any, seed: int) -> tuple[int, int]:
    """Family ties of the commune's men 16–27 and their first registrations (see the module
    doc). Returns (ties, registrations)."""
    from muster.accounts.services import system_actor
    from muster.people.models import FamilyTie, Person
    from muster.people.registration.models import RegistrationEvent
    from muster.people.registration.services import calls as registration

    rng = random.Random(f"{seed}:{commune.code}:ties")
    men = list(
        Person.objects.filter(
            registration_unit=commune,
            sex="M",
            date_of_birth__gt=dt.date(1998, 12, 31),
            date_of_birth__lte=dt.date(2010, 12, 31),
        ).order_by("id")
    )
    ties: list[FamilyTie] = []
    for man in men:
        surname = man.full_name.split()[0]
        born = man.date_of_birth.year
        father = f"{surname} {rng.choice(MALE_MIDDLE)} {rng.choice(MALE_GIVEN)}"
        ties.append(FamilyTie(person=man, relation="father", relative_name=father,
                              relative_birth_year=born - rng.randrange(22, 36)))  # fmt: skip
        ties.append(FamilyTie(person=man, relation="mother", relative_name=_name(rng, False),
                              relative_birth_year=born - rng.randrange(20, 34)))  # fmt: skip
        if man.marital_status == "married":
            ties.append(FamilyTie(person=man, relation="spouse", relative_name=_name(rng, False),
                                  relative_birth_year=born + rng.randrange(-2, 4)))  # fmt: skip
    FamilyTie.objects.bulk_create(ties, batch_size=2000)
    history = [
        RegistrationEvent(
            person=man,
            kind="first_registration",
            event_date=dt.date(man.date_of_birth.year + 17, 4, 10),
            unit=commune,
            note="Đăng ký lần đầu trước khi lập xã (dữ liệu tổng hợp)",
        )
        for man in men
        if 1999 <= man.date_of_birth.year <= 2008
    ]
    RegistrationEvent.objects.bulk_create(history, batch_size=2000)
    reaching = [m for m in men if m.date_of_birth.year == 2009]
    registered = 0
    if reaching:
        actor = system_actor()
        calls = registration.issue_calls(
            actor=actor,
            commune=commune,
            people=reaching,
            kind="first",
            issued_on=REG_ISSUED,
            registration_date=REG_DAY,
            registration_place=f"Trụ sở Ban Chỉ huy quân sự {commune.name}",
            signer_name="Nguyễn Văn Thành",
        )
        registration.record_delivery(actor=actor, calls=calls, delivered_on=REG_DELIVERED)
        came = [c for c in calls if rng.random() < 0.97]
        if came:
            registered = len(
                registration.register_called(
                    actor=actor, calls=came, registered_on=REG_DAY, certificate_on=REG_DAY
                )
            )
    return len(ties), len(history) + registered


def load_people(args: argparse.Namespace) -> tuple[Any, list[Any]]:
    """Units, then each commune not yet loaded: import, ties, registration (one transaction)."""
    from django.db import connection, transaction

    from muster.accounts.services import system_actor
    from muster.people.imports.services import ImportRejected, import_people
    from muster.people.models import ImportBatch

    province, communes = make_units(
        prefix=args.prefix, regions=args.regions, communes=args.communes, villages=args.villages
    )
    sizes = commune_sizes(args.people, len(communes), args.seed)
    slot = 1_000_000 // len(communes)
    done = set(
        ImportBatch.objects.filter(unit__in=communes, status="applied").values_list(
            "file_name", flat=True
        )
    )
    started, loaded = time.perf_counter(), 0
    for index, (commune, size) in enumerate(zip(communes, sizes, strict=True)):
        if file_name(commune.code) in done:
            continue
        t0 = time.perf_counter()
        data = commune_csv(seed=args.seed, code=commune.code, index=index, slot=slot,
                           size=size, villages=args.villages)  # fmt: skip
        t1 = time.perf_counter()
        with transaction.atomic():
            try:
                outcome = import_people(
                    actor=system_actor(), unit=commune, data=data, file_name=file_name(commune.code)
                )
            except ImportRejected as exc:
                bad = [r for r in exc.report.rows if r.action == "error"][:5]
                problem = f"{commune.code}: rejected {exc.report.file_errors} {bad}"
                raise SystemExit(problem) from exc
            t2 = time.perf_counter()
            ties, registered = ties_and_registration(commune=commune, seed=args.seed)
        t3 = time.perf_counter()
        loaded += outcome.batch.created_count
        rate = loaded / (t3 - started)
        print(
            f"{commune.code}: {outcome.batch.created_count:,} people (csv {t1 - t0:.1f} s, "
            f"import {t2 - t1:.1f} s = {size / (t2 - t1):,.0f} rows/s), {ties:,} ties, "
            f"{registered:,} registrations ({t3 - t2:.1f} s); total {loaded:,} at {rate:,.0f}/s",
            flush=True,
        )
    if loaded and connection.vendor == "postgresql" and not connection.in_atomic_block:
        # VACUUM too: without it the visibility map is empty and every "index-only" walk of the
        # name index (the registry list) fetches each row from the table (~2 s for 250,000
        # rows at 3.5 M people) until autovacuum gets to it, if it is on at all. VACUUM
        # cannot run in a transaction: a caller inside one (a test) goes without.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return province, communes


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--people", type=int, default=3_500_000)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--regions", type=int, default=10, help="0: no regional commands")
    parser.add_argument("--villages", type=int, default=8)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--prefix", default="SYN")
    parser.add_argument("--no-campaign", action="store_true")
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    province, _communes = load_people(args)
    print(f"people done in {time.perf_counter() - started:.0f} s", flush=True)
    if not args.no_campaign:
        from bench.synthetic_campaign import load_campaign

        t0 = time.perf_counter()
        print(load_campaign(province=province, seed=args.seed))
        print(f"campaign done in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
