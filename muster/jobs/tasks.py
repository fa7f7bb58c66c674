"""The one task of Django's tasks framework that carries every background job to a worker.

The task holds only the job's row id; the job record (``muster.jobs.models.Job``) holds the
rest. Whatever backend ``settings.TASKS`` names delivers it: the database backend
(``django_tasks_db``, drained by ``manage.py db_worker``, ``run_jobs`` or the web process's
thread), or a real queue.
"""

from __future__ import annotations

from django_tasks import TaskContext, task

from muster.jobs import runner


@task(takes_context=True)
def run_job(context: TaskContext, job_id: int) -> str:
    """Claim job ``job_id`` and do it; returns the state it ended in (``"skipped"`` when the
    job was not waiting: another worker took it, or it was already done)."""
    worker_ids = context.task_result.worker_ids
    job = runner.execute(job_id, worker=worker_ids[-1] if worker_ids else "task")
    return job.state if job is not None else "skipped"
