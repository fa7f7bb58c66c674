"""Export jobs: ask for a report file, and the worker that renders it off the request.

* ``export_request`` (in the request) checks the role and the area, stores a ``queued`` job,
  records the audit event, and starts a worker thread once the transaction commits.
* A worker (that thread, or ``manage.py run_exports``) claims the oldest queued job with a
  conditional UPDATE: ``UPDATE … SET state = 'running' WHERE id = … AND state = 'queued'``.
  One row updated means the job is this worker's; none means another worker took it first,
  so two workers never render the same job. The database is the queue (no broker).
* Rendering writes its progress on the row (the page polls it) and stores the file; a failure
  keeps the error message and never leaves a half-written file behind.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError, close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from muster.accounts.access import require_cap
from muster.accounts.models import User
from muster.accounts.perms import Cap
from muster.audit.services import record_event
from muster.conscription.campaign.models import Campaign
from muster.geo.models import Unit
from muster.geo.scope import scope_of
from muster.reports.models import ExportFormat, ExportJob, ExportKind, ExportState

log = logging.getLogger(__name__)

#: Which formats each report has (the official Word layout only for the results report).
FORMATS: dict[str, tuple[str, ...]] = {
    ExportKind.RESULTS: (ExportFormat.XLSX, ExportFormat.PDF, ExportFormat.DOCX),
    ExportKind.EVENNESS: (ExportFormat.XLSX, ExportFormat.PDF),
    ExportKind.CALLUP_LIST: (ExportFormat.XLSX, ExportFormat.PDF),
    ExportKind.DEFERRAL_LIST: (ExportFormat.XLSX, ExportFormat.PDF),
    ExportKind.EXEMPTION_LIST: (ExportFormat.XLSX, ExportFormat.PDF),
}
#: A running job not finished after this long is taken to be lost (its worker died).
STALE_AFTER = dt.timedelta(minutes=15)
#: A worker that finds the database busy (SQLite: another connection is writing) waits and
#: tries again this many times before leaving the job to the next worker.
BUSY_RETRIES = 50
BUSY_WAIT = 0.1  # seconds


def export_request(
    *, actor: User, campaign: Campaign, unit: Unit, kind: str, fmt: str
) -> ExportJob:
    """Queue an export of ``kind`` in ``fmt`` of ``campaign`` for ``unit`` (in the actor's
    area); the file is rendered by a worker."""
    require_cap(actor, Cap.VIEW_REPORTS)
    area = scope_of(actor)
    errors: dict[str, list[str]] = {}
    if kind not in FORMATS:
        errors.setdefault("kind", []).append(_("Unknown report."))
    elif fmt not in FORMATS[kind]:
        errors.setdefault("fmt", []).append(_("This report is not available in this format."))
    if not area.contains(unit):
        errors.setdefault("unit", []).append(_("This unit is outside your area."))
    if not area.filter(campaign.communes.all(), "unit").exists():
        errors.setdefault("campaign", []).append(_("This campaign is outside your area."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        job = ExportJob.objects.create(
            owner=actor, kind=kind, fmt=fmt, campaign=campaign, unit=unit
        )
        record_event(
            actor=actor,
            action="reports.export",
            obj=job,
            scope_unit=unit,
            changes={"kind": kind, "format": fmt, "campaign": str(campaign.public_id)},
        )
        transaction.on_commit(start_worker)
    return job


# ----------------------------------------------------------------------------- the worker

_threads: list[threading.Thread] = []
_threads_lock = threading.Lock()


def worker_name(tag: str = "worker") -> str:
    return f"{tag}:{os.getpid()}:{threading.get_ident()}:{uuid.uuid4().hex[:6]}"


def claim_next(worker: str) -> ExportJob | None:
    """Take the oldest queued job for ``worker``; ``None`` when the queue is empty."""
    while True:
        candidate = (
            ExportJob.objects.filter(state=ExportState.QUEUED)
            .order_by("created_at", "id")
            .values_list("pk", flat=True)
            .first()
        )
        if candidate is None:
            return None
        won = ExportJob.objects.filter(pk=candidate, state=ExportState.QUEUED).update(
            state=ExportState.RUNNING,
            worker=worker[:80],
            started_at=timezone.now(),
            attempts=F("attempts") + 1,
            progress=1,
        )
        if won:
            return ExportJob.objects.select_related("owner", "campaign__unit", "unit").get(
                pk=candidate
            )
        # Another worker claimed it between our read and our update: try the next one.


def _progress(job: ExportJob) -> Callable[[int, str], None]:
    def report(percent: int, message: str) -> None:
        # Waits like the other writes while SQLite is locked by another connection (seen in
        # the browser test: "database table is locked" failed the whole export).
        _busy_safe(
            lambda: ExportJob.objects.filter(pk=job.pk, state=ExportState.RUNNING).update(
                progress=max(1, min(99, percent)), message=message[:200]
            )
        )

    return report


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


def run_job(job: ExportJob) -> ExportJob:
    """Render a claimed job and store the file (or the error)."""
    from muster.reports.exports import render

    updates: dict[str, object]
    try:
        data, filename, content_type = render(job, _progress(job))
    except Exception as exc:
        log.exception("export %s failed", job.public_id)
        updates = {
            "state": ExportState.FAILED,
            "error": f"{type(exc).__name__}: {exc}"[:2000],
            "finished_at": timezone.now(),
        }
    else:
        updates = {
            "state": ExportState.DONE,
            "progress": 100,
            "message": "",
            "content": data,
            "size": len(data),
            "filename": filename[:200],
            "content_type": content_type,
            "finished_at": timezone.now(),
        }
    _busy_safe(lambda: ExportJob.objects.filter(pk=job.pk).update(**updates))
    job.refresh_from_db()
    return job


def process_pending(*, worker: str | None = None, limit: int | None = None) -> int:
    """Claim and render queued jobs until none is left (or ``limit``); returns how many."""
    worker = worker or worker_name()
    done = 0
    while limit is None or done < limit:
        job = claim_next(worker)
        if job is None:
            break
        run_job(job)
        done += 1
    return done


def requeue_stale(*, now: dt.datetime | None = None) -> int:
    """Put back running jobs whose worker stopped (started over ``STALE_AFTER`` ago)."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    return ExportJob.objects.filter(state=ExportState.RUNNING, started_at__lt=cutoff).update(
        state=ExportState.QUEUED, worker="", progress=0
    )


def _thread_main() -> None:
    close_old_connections()
    worker = worker_name("thread")
    try:
        for _attempt in range(BUSY_RETRIES):
            try:
                process_pending(worker=worker)
            except OperationalError:  # "database is locked" / "table is locked" on SQLite
                connection.close()
                time.sleep(BUSY_WAIT)
                continue
            break
        else:
            log.warning("export worker thread gave up: the database stayed busy")
    except Exception:  # a worker thread must not die loudly in the web process
        log.exception("export worker thread stopped")
    finally:
        connection.close()


def start_worker() -> threading.Thread | None:
    """Start a worker thread in this process (after a job was committed). Turned off by
    ``MUSTER_EXPORT_THREADS = False`` (then ``manage.py run_exports`` does the work)."""
    if not getattr(settings, "MUSTER_EXPORT_THREADS", True):
        return None
    thread = threading.Thread(target=_thread_main, name="muster-export", daemon=True)
    with _threads_lock:
        _threads[:] = [t for t in _threads if t.is_alive()]
        _threads.append(thread)
    thread.start()
    return thread


def wait_for_workers(timeout: float = 30.0) -> bool:
    """Join the worker threads started by this process; False if one is still running."""
    with _threads_lock:
        threads = list(_threads)
    for thread in threads:
        thread.join(timeout)
    return not any(t.is_alive() for t in threads)
