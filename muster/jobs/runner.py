"""Doing one job: claim it (a conditional UPDATE, so a job runs once even when its task
arrives twice), run its kind with progress, record the result or the error."""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Callable

from django.db import OperationalError
from django.db.models import F
from django.utils import timezone

from muster.jobs import registry
from muster.jobs.models import Job, JobState

log = logging.getLogger(__name__)

#: A write that finds the database busy (SQLite: another connection is writing) waits and
#: tries again this many times.
BUSY_RETRIES = 50


BUSY_WAIT = 0.1  # seconds


def worker_name(tag: str = "worker") -> str:
    return f"{tag}:{os.getpid()}:{threading.get_ident()}:{uuid.uuid4().hex[:6]}"


def claim(job_id: int, worker: str) -> Job | None:
    """Take job ``job_id`` for ``worker`` if it is waiting; ``None`` if another has it."""
    won = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING,
        worker=worker[:80],
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
        progress=1,
    )
    if not won:
        return None
    return Job.objects.select_related("owner", "scope_unit").get(pk=job_id)


def _busy_safe(write: Callable[[], object]) -> None:
    """Run a write, waiting while the database is busy (SQLite: another connection writes)."""
    for _attempt in range(BUSY_RETRIES - 1):
        try:
            write()
        except OperationalError:
            time.sleep(BUSY_WAIT)
        else:
            return
    write()


def _progress(job: Job) -> Callable[[int, str], None]:
    def report(percent: int, message: str) -> None:
        _busy_safe(
            lambda: Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
                progress=max(1, min(99, percent)), message=message[:200]
            )
        )

    return report


def run(job: Job) -> Job:
    """Do a claimed job and store its file (or its error)."""
    updates: dict[str, object]
    try:
        data, filename, content_type = registry.get(job.kind).run(job, _progress(job))
    except Exception as exc:
        log.exception("job %s (%s) failed", job.public_id, job.kind)
        updates = {
            "state": JobState.FAILED,
            "error": f"{type(exc).__name__}: {exc}"[:2000],
            "finished_at": timezone.now(),
        }
    else:
        updates = {
            "state": JobState.DONE,
            "progress": 100,
            "message": "",
            "content": data,
            "size": len(data),
            "filename": filename[:200],
            "content_type": content_type,
            "finished_at": timezone.now(),
        }
    _busy_safe(lambda: Job.objects.filter(pk=job.pk).update(**updates))
    job.refresh_from_db()
    return job


def execute(job_id: int, *, worker: str) -> Job | None:
    """What the task does: claim the job, then run it (``None`` if it was not waiting)."""
    job = claim(job_id, worker)
    return run(job) if job is not None else None
