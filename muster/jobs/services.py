"""Background jobs: ask for one, and the worker side that does it.

* ``submit`` (in the request): the kind cleans the parameters, the job is stored ``queued``
  and handed to Django's tasks framework (``muster.jobs.tasks.run_job``; the database
  backend's task row is written in the same transaction). With the database backend and
  ``MUSTER_JOB_THREADS`` on, a thread of the web process drains the queue once the
  transaction commits, so a single ``runserver`` needs no separate worker. The calling module
  records its own audit event in the same transaction.
* ``execute`` (in a worker): claims the job with a conditional UPDATE (``queued`` →
  ``running``: one row updated means it is this worker's, so a job is never done twice, even
  if its task is delivered twice), runs the kind, writes the progress on the row and stores
  the file; a failure keeps the error and never a half-written file.
* ``drain`` runs the database backend's queue in this thread with the library's own worker
  (``django_tasks_db``); ``requeue_stale`` puts back jobs whose worker died.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError, close_old_connections, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from muster.accounts.models import User
from muster.geo.models import Unit
from muster.jobs import registry
from muster.jobs.models import Job, JobState
from muster.jobs.runner import BUSY_RETRIES, BUSY_WAIT, worker_name
from muster.jobs.tasks import run_job

log = logging.getLogger(__name__)

#: A running job not finished after this long is taken to be lost (its worker died).
STALE_AFTER = dt.timedelta(minutes=15)


def submit(*, owner: User, kind: str, params: Mapping[str, Any], scope_unit: Unit) -> Job:
    """Store a ``queued`` job of ``kind`` for ``owner`` and hand it to the task backend. The
    caller checks access and records the audit event (in the same transaction)."""
    try:
        job_kind = registry.get(kind)
    except LookupError:
        raise ValidationError({"kind": [_("Unknown report.")]}) from None
    cleaned = job_kind.clean(params)
    with transaction.atomic():
        job = Job.objects.create(owner=owner, kind=kind, params=cleaned, scope_unit=scope_unit)
        hand_over(job.pk)
        job.refresh_from_db(fields=["task_id"])
    return job


def hand_over(job_id: int, *, kick: bool = True) -> None:
    """Give the job to the task backend. The database backend's task is written in the
    job's own transaction (both or neither); another backend gets it once the job is
    committed (its worker must find the row). Then, after commit, the web process's worker
    thread is kicked (``kick``; not when a worker command puts back stale jobs: it runs them
    itself)."""
    if uses_database_queue():
        enqueue(job_id)
    else:
        transaction.on_commit(partial(enqueue, job_id))
    if kick:
        transaction.on_commit(start_worker)


def enqueue(job_id: int) -> None:
    """Queue the task that carries the job to a worker."""
    try:
        result = run_job.enqueue(job_id)
    except Exception:
        log.exception("job %s could not be queued", job_id)
        if uses_database_queue():
            raise  # in the job's transaction: no job without its task
        # After commit (another backend): the job stays waiting without a task; it shows as
        # waiting to its owner and is logged (no putting back for other backends yet).
        return
    Job.objects.filter(pk=job_id).update(task_id=str(result.id)[:64])


# ----------------------------------------------------------------------------- the worker side


def requeue_stale(*, now: dt.datetime | None = None) -> int:
    """Hand over again the jobs whose worker stopped (running for over ``STALE_AFTER``) and
    the waiting jobs without a task (copied from the former export table by the migration:
    with the database backend a new job gets its task in its own transaction)."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    stale = list(
        Job.objects.filter(
            Q(state=JobState.RUNNING, started_at__lt=cutoff) | Q(state=JobState.QUEUED, task_id="")
        ).values_list("pk", flat=True)
    )
    for job_id in stale:
        Job.objects.filter(pk=job_id).update(
            state=JobState.QUEUED, worker="", progress=0, task_id=""
        )
        hand_over(job_id, kick=False)
    return len(stale)


def uses_database_queue(backend: str = DEFAULT_TASK_BACKEND_ALIAS) -> bool:
    return isinstance(task_backends[backend], DatabaseBackend)


def drain(*, worker: str | None = None, limit: int | None = None) -> int:
    """Run the database backend's ready tasks in this thread until none is left (or
    ``limit``), with the library's worker (claim with ``SELECT … FOR UPDATE SKIP LOCKED``,
    results and signals as ``manage.py db_worker`` records them); returns how many ran."""
    backend = DEFAULT_TASK_BACKEND_ALIAS
    runner = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=backend,
        startup_delay=False,
        max_tasks=limit,
        worker_id=(worker or worker_name())[:64],
        excluded_queue_names=[],
    )
    done = 0
    while limit is None or done < limit:
        tasks = DBTaskResult.objects.ready().filter(backend_name=backend)
        with exclusive_transaction(tasks.db):
            result = tasks.get_locked()
            if result is not None:
                result.claim(runner.worker_id)
        if result is None:
            break
        runner.run_task(result)
        done += 1
    return done


# ----------------------------------------------------------------------------- the web process

_threads: list[threading.Thread] = []
_threads_lock = threading.Lock()


def _thread_main() -> None:
    close_old_connections()
    worker = worker_name("thread")
    try:
        for _attempt in range(BUSY_RETRIES):
            try:
                drain(worker=worker)
            except OperationalError:  # "database is locked" on SQLite: try again
                connection.close()
                time.sleep(BUSY_WAIT)
                continue
            break
        else:
            log.warning("job worker thread gave up: the database stayed busy")
    except Exception:  # a worker thread must not die loudly in the web process
        log.exception("job worker thread stopped")
    finally:
        connection.close()


_request = threading.local()


def request_started(**kwargs: object) -> None:
    """Signal receiver: this thread serves a request from now on (see ``start_worker``)."""
    _request.active = True
    _request.pending = False


def request_finished(**kwargs: object) -> None:
    """Signal receiver: the response is sent; start the worker a job of it asked for."""
    pending = getattr(_request, "pending", False)
    _request.active = _request.pending = False
    if pending:
        start_worker()


def start_worker() -> threading.Thread | None:
    """Start a thread that drains the database queue in this process. Only with the database
    backend, and not with ``MUSTER_JOB_THREADS = False`` (then a worker command does it).

    Called in a request, it waits for the response to be finished, so the worker's writes never
    compete with the request's last ones (its session: SQLite has one writer at a time)."""
    if not getattr(settings, "MUSTER_JOB_THREADS", True) or not uses_database_queue():
        return None
    if getattr(_request, "active", False):
        _request.pending = True
        return None
    thread = threading.Thread(target=_thread_main, name="muster-jobs", daemon=True)
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
