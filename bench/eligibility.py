"""Benchmark: call-up eligibility of 1,000,000 generated citizens, evaluated in batch.

    .venv/bin/python bench/eligibility.py [--cases 1000000] [--seed 2026] [--as-of 2026-01-15]

Cases are generated deterministically (``random.Random(seed)``) in chunks, with a realistic mix
of ages, health classes, BMI, education, political status, volunteers, women and deferral and
exemption grounds. Only ``evaluate_many`` is timed (generation is reported separately), on one
core in this process. The figure to record is "evaluation cases/s".
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from muster.law.callup.eligibility.engine import Evaluator
from muster.law.callup.eligibility.facts import Facts
from muster.law.callup.policy import Policy

D = dt.date


def generate(rng: random.Random, count: int, on: dt.date) -> Iterator[Facts]:
    """``count`` citizens around call-up age on ``on``; deterministic for a given ``rng``."""
    on_ordinal = on.toordinal()
    classes = (1, 1, 2, 2, 2, 3, 3, 3, 4, 5, None)
    politics = ("pass",) * 8 + ("fail", "unknown")
    myopia = (0.0,) * 12 + (0.5, 1.0, 1.5, 1.75, 2.5, 4.0)
    grades = (12,) * 8 + (11, 10, 9, 8, 7, 6, 5, None)
    for _ in range(count):
        r = rng.random
        grounds = r() < 0.35  # about a third of the pool has some ground
        posted = grounds and r() < 0.03
        resettled = grounds and r() < 0.03
        yield Facts(
            sex="female" if r() < 0.08 else "male",
            birth_date=D.fromordinal(on_ordinal - rng.randrange(16 * 365, 30 * 365)),
            volunteer=r() < 0.12,
            registration_bar="a" if r() < 0.01 else None,
            registration_exempt_condition=r() < 0.01,
            hiv_positive=r() < 0.002,
            drug_addiction=r() < 0.005,
            health_class=rng.choice(classes),
            health_class_temporary=r() < 0.05,
            myopia_dioptres=rng.choice(myopia),
            hyperopia_dioptres=1.0 if r() < 0.02 else 0.0,
            bmi=round(rng.uniform(16.5, 32.0), 2) if r() < 0.95 else None,
            school_grade=rng.choice(grades),
            grade7_approved=r() < 0.3,
            primary_allowance_approved=r() < 0.05,
            college_graduate=r() < 0.15,
            deferred_while_studying=r() < 0.15,
            political=rng.choice(politics),
            health_council_unfit=grounds and r() < 0.2,
            sole_breadwinner=grounds and r() < 0.1,
            family_disaster=grounds and r() < 0.02,
            parent_work_capacity_loss=rng.randrange(40, 100) if grounds and r() < 0.05 else None,
            sibling_serving=grounds and r() < 0.1,
            resettled_on=D.fromordinal(on_ordinal - rng.randrange(0, 6 * 365))
            if resettled
            else None,
            posted_since=D.fromordinal(on_ordinal - rng.randrange(0, 4 * 365)) if posted else None,
            in_general_education=grounds and r() < 0.3,
            full_time_higher_education=grounds and r() < 0.3,
            higher_education_deferral_used=grounds and r() < 0.05,
            standing_militia=grounds and r() < 0.05,
            child_of_martyr_or_class1_invalid=grounds and r() < 0.01,
            brother_of_martyr=grounds and r() < 0.005,
            child_of_class2_invalid=grounds and r() < 0.01,
            cipher_worker=grounds and r() < 0.002,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--as-of", default="2026-01-15")
    args = parser.parse_args()
    on = D.fromisoformat(args.as_of)

    rng = random.Random(args.seed)
    compile_start = time.perf_counter()
    evaluator = Evaluator(on, Policy())
    compile_seconds = time.perf_counter() - compile_start

    generate_seconds = evaluate_seconds = 0.0
    done = 0
    outcomes: Counter[str] = Counter()
    while done < args.cases:
        size = min(args.chunk, args.cases - done)
        start = time.perf_counter()
        chunk = list(generate(rng, size, on))
        generate_seconds += time.perf_counter() - start

        start = time.perf_counter()
        verdicts = evaluator.evaluate_many(chunk)
        evaluate_seconds += time.perf_counter() - start

        for verdict in verdicts:
            outcomes["callable" if verdict.callable else "not callable"] += 1
        done += size

    distinct = evaluator.distinct_verdicts
    print(f"python {platform.python_version()} on {platform.machine()}, one core")
    print(f"as of {on.isoformat()}, seed {args.seed}, default policy")
    print(f"cases: {done:,} (callable {outcomes['callable']:,})")
    print(f"distinct verdicts built: {distinct:,}")
    print(f"compile evaluator: {compile_seconds * 1000:.2f} ms")
    print(f"generation: {generate_seconds:.2f} s ({done / generate_seconds:,.0f} cases/s)")
    print(f"evaluation: {evaluate_seconds:.2f} s")
    print(f"evaluation cases/s: {done / evaluate_seconds:,.0f}")


if __name__ == "__main__":
    main()
