"""The directive board: time and queries to build it for the demo directive.

Run against a database with the demo loaded (``make demo`` or ``manage.py load_demo``):

    DEBUG=1 .venv/bin/python bench/directive_board.py [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from muster.accounts.models import User  # noqa: E402
from muster.directives import selectors, standing_report  # noqa: E402
from muster.directives.models import Directive  # noqa: E402
from muster.documents import pdf, word  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    import datetime as dt

    user = User.objects.get(username="leader")
    directive = Directive.objects.get(year=2025)
    on = dt.date(2025, 6, 30)
    timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            board = selectors.board(user=user, directive=directive, on=on)
        timings.append(time.perf_counter() - started)
    targets = sum(len(t.targets) for t in board.tasks)
    print(f"board: {targets} targets, {len(board.obligations)} obligations")
    print(f"board: median {statistics.median(timings) * 1000:.1f} ms, {len(queries)} queries")
    report = standing_report.build(
        board=board, period_from=dt.date(2025, 1, 1), period_to=on, reports=[]
    )
    for name, render in (("docx", word.render_report_docx), ("pdf", pdf.render_report_pdf)):
        started = time.perf_counter()
        data = render(report)
        print(
            f"standing report {name}: {(time.perf_counter() - started) * 1000:.0f} ms, "
            f"{len(data):,} bytes"
        )


if __name__ == "__main__":
    main()
