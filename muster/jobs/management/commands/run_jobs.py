"""``manage.py run_jobs``: do the queued background jobs (database task backend).

``--once`` empties the queue, then stops (cron, a systemd timer); without it the command is a
long-lived worker polling every ``--interval`` seconds. Each round first puts back the jobs whose
worker died (``services.requeue_stale``), then runs the ready tasks with the library's worker.
Any number may run at once, beside ``manage.py db_worker`` (the library's own command, which
does the same minus putting back stale jobs): a task is claimed by one worker only.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from muster.jobs import runner, services


class Command(BaseCommand):
    help = "Do the queued background jobs (report exports…)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Empty the queue, then stop.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between polls.")
        parser.add_argument("--limit", type=int, default=None, help="Stop after N tasks.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not services.uses_database_queue():
            raise CommandError(
                "The task backend is not the database: run that backend's own worker."
            )
        worker = runner.worker_name("command")
        total = 0
        while True:
            with transaction.atomic():
                requeued = services.requeue_stale()
            if requeued:
                self.stdout.write(f"{requeued} stale job(s) put back in the queue.")
            remaining = None if options["limit"] is None else options["limit"] - total
            done = services.drain(worker=worker, limit=remaining)
            total += done
            if done:
                self.stdout.write(f"{done} job(s) done.")
            if options["once"] or (options["limit"] is not None and total >= options["limit"]):
                break
            time.sleep(options["interval"])
        self.stdout.write(f"Done: {total} job(s).")
