"""``manage.py run_exports``: render the queued export jobs (the database is the queue).

Run it under cron or a systemd timer (``--once``), or as a long-lived worker (the default loop,
``--interval`` seconds between polls). Several workers may run at once: each job is claimed by
exactly one (conditional UPDATE, see ``muster.reports.services``). Jobs left running by a worker
that died are put back in the queue after ``STALE_AFTER``.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from muster.reports import services


class Command(BaseCommand):
    help = "Render queued report exports (Excel, PDF, Word)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Empty the queue, then stop.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between polls.")
        parser.add_argument("--limit", type=int, default=None, help="Stop after N jobs.")

    def handle(self, *args: Any, **options: Any) -> None:
        worker = services.worker_name("command")
        total = 0
        while True:
            requeued = services.requeue_stale()
            if requeued:
                self.stdout.write(f"{requeued} stale job(s) put back in the queue.")
            remaining = None if options["limit"] is None else options["limit"] - total
            done = services.process_pending(worker=worker, limit=remaining)
            total += done
            if done:
                self.stdout.write(f"{done} export(s) rendered.")
            if options["once"] or (options["limit"] is not None and total >= options["limit"]):
                break
            time.sleep(options["interval"])
        self.stdout.write(f"Done: {total} export(s).")
