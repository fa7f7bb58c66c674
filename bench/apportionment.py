"""Apportion a national-size quota over generated communes and print the time per certificate.

Usage: .venv/bin/python bench/apportionment.py [--communes 10000] [--seed 2026]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from muster.law.callup.apportionment.inputs import Commune, Inputs, Parameters
from muster.law.callup.apportionment.method import apportion


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    communes = []
    for i in range(args.communes):
        pool = rng.randint(0, 400)
        base = pool // 8
        history = {
            "army": {y: max(0, base + rng.randint(-3, 3)) for y in (2022, 2023, 2024)},
            "police": {y: max(0, base // 7 + rng.randint(-1, 1)) for y in (2022, 2023, 2024)},
        }
        communes.append(Commune(code=f"X{i:05d}", name="", pool=pool, history=history))
    total = sum(c.pool for c in communes)
    inputs = Inputs(
        year=2025,
        quotas={"army": total // 8, "police": total // 60},
        communes=tuple(communes),
        parameters=Parameters(stability_fraction=Fraction(1, 4), stability_absolute=1),
    )
    started = time.perf_counter()
    cert = apportion(inputs)
    computed = time.perf_counter() - started
    started = time.perf_counter()
    text = json.dumps(cert.to_json())
    serialised = time.perf_counter() - started
    for service in cert.services:
        print(
            f"{service.service}: quota {service.quota:,} over {len(communes):,} communes, "
            f"{len(service.computed.iterations)} λ iterations, "
            f"relaxations {list(service.computed.relaxations)}"
        )
    print(
        f"certificate computed in {computed:.2f} s; JSON {len(text) / 1e6:.1f} MB in "
        f"{serialised:.2f} s"
    )


if __name__ == "__main__":
    main()
