"""``manage.py run_exports``: the former name of ``manage.py run_jobs`` (report exports are
background jobs of ``muster.jobs`` now); kept so existing cron lines and units keep working."""

from __future__ import annotations

from muster.jobs.management.commands.run_jobs import Command as RunJobs


class Command(RunJobs):
    help = "Alias of run_jobs: do the queued background jobs (report exports…)."
