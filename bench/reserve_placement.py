"""Reserve placement benchmark: 100,000 generated reservists into 2,000 posts of reserve units
(plus their 10–15 % spare), ~50 military specialties, on one core.

    .venv/bin/python bench/reserve_placement.py [--reservists N] [--posts N] [--seed S]

Pure: runs the law package's engine (muster.law.reserve.placement) without Django."""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from muster.law.reserve.enums import (
    ReserveClass,
    ReservistKind,
    Sex,
    UnitForce,
    UnitRole,
)
from muster.law.reserve.placement import Posts, Reservist, Unit, place

DAY = dt.date(2026, 6, 1)


def generate(
    reservists: int, posts: int, seed: int, specialties: int = 50, areas: int = 200
) -> tuple[list[Reservist], list[Unit], list[Posts], dict[str, set[str]]]:
    rng = random.Random(seed)
    codes = [f"CN{n:02d}" for n in range(1, specialties + 1)]
    weights = [1 / (i + 1) ** 0.7 for i in range(specialties)]  # a few common specialties
    area_codes = [f"X{n:03d}" for n in range(areas)]
    close = {
        code: {codes[(i + 1) % specialties], codes[(i + 7) % specialties]}
        for i, code in enumerate(codes)
    }
    people = []
    for n in range(reservists):
        roll = rng.random()
        kind = (
            ReservistKind.OFFICER
            if roll < 0.04
            else ReservistKind.PROFESSIONAL
            if roll < 0.10
            else ReservistKind.NCO_SOLDIER
        )
        sex = Sex.FEMALE if rng.random() < 0.05 else Sex.MALE
        age = rng.randint(20, 47 if sex is Sex.MALE else 42)
        birth = DAY.replace(year=DAY.year - age) - dt.timedelta(days=rng.randint(1, 364))
        people.append(
            Reservist(
                ident=f"R{n:06d}",
                kind=kind,
                sex=sex,
                birth=birth,
                specialty=rng.choices(codes, weights)[0],
                area=rng.choice(area_codes),
                reserve_class=(ReserveClass.ONE if rng.random() < 0.7 else ReserveClass.TWO)
                if kind is ReservistKind.NCO_SOLDIER
                else None,
                fit=rng.random() > 0.03,
                officer_max_age=51 if kind is ReservistKind.OFFICER else None,
            )
        )
    units, rows = [], []
    per_unit = 25
    for u in range(posts // per_unit):
        ident = f"U{u:03d}"
        units.append(
            Unit(
                ident,
                UnitRole.COMBAT if u % 3 else UnitRole.SUPPORT,
                UnitForce.MAIN if u % 2 else UnitForce.LOCAL,
                rng.choice(area_codes),
                10 + u % 6,
            )
        )
        left = per_unit
        rows.append(Posts(ident, rng.choice(codes), ReservistKind.OFFICER, 2))
        rows.append(Posts(ident, rng.choice(codes), ReservistKind.PROFESSIONAL, 3))
        left -= 5
        while left:
            n = min(left, rng.randint(2, 6))
            rows.append(Posts(ident, rng.choices(codes, weights)[0], ReservistKind.NCO_SOLDIER, n))
            left -= n
    return people, units, rows, close


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reservists", type=int, default=100_000)
    parser.add_argument("--posts", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    started = time.perf_counter()
    people, units, rows, close = generate(args.reservists, args.posts, args.seed)
    generated = time.perf_counter() - started
    cpu, wall = time.process_time(), time.perf_counter()
    result = place(DAY, people, units, rows, close)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    establishment = sum(u.establishment for u in result.units)
    spare_target = sum(u.spare_target for u in result.units)
    strength = sum(u.strength for u in result.units)
    spare = sum(u.spare for u in result.units)
    right = sum(u.right_specialty for u in result.units)
    print(
        f"reservists {len(people):,}, units {len(units):,}, post rows {len(rows):,}, "
        f"specialties 50 (generated in {generated:.1f} s)"
    )
    print(f"establishment {establishment:,} + spare target {spare_target:,}")
    print(
        f"placed: strength {strength:,}, spare {spare:,}, shortfall {establishment - strength:,}, "
        f"spare shortfall {spare_target - spare:,}"
    )
    print(
        f"right-specialty (đúng CNQS) rate {right / max(1, strength + spare):.1%}; "
        f"own area {sum(p.own_area for p in result.placements):,}; "
        f"refused {len(result.refusals):,}; unplaced {len(result.unplaced):,}"
    )
    print(f"placement: {wall:.2f} s wall, {cpu:.2f} s CPU (target < 10 s)")


if __name__ == "__main__":
    main()
