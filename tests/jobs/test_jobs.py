"""The generic background jobs (muster.jobs) on Django's tasks framework: a kind registered by
a module, parameters cleaned before anything is written, the task written with the job, the
library's worker doing it, progress, failure, a job never done twice, stale jobs put back, the
worker command, and another backend chosen by configuration alone."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from muster.accounts.models import Role
from muster.jobs import registry, runner, services
from muster.jobs.models import Job, JobState
from muster.jobs.registry import JobFile, JobKind, Progress
from tests.conftest import make_user

seen: list[tuple[str, int]] = []


def clean_echo(params: Mapping[str, Any]) -> dict[str, Any]:
    text = params.get("text")
    if not isinstance(text, str) or not text:
        raise ValidationError({"text": ["A text is needed."]})
    return {"text": text, "times": int(params.get("times", 1))}


def run_echo(job: Job, progress: Progress) -> JobFile:
    seen.append((job.params["text"], job.pk))
    progress(40, "halfway")
    # The progress is on the row while the job runs.
    assert Job.objects.values_list("progress", "message").get(pk=job.pk) == (40, "halfway")
    if job.params["text"] == "boom":
        raise RuntimeError("the kind failed")
    data = (job.params["text"] * job.params["times"]).encode()
    return JobFile(data, f"{job.params['text']}.txt", "text/plain")


ECHO = registry.register(JobKind(name="tests.echo", label="Echo", clean=clean_echo, run=run_echo))


@pytest.fixture
def owner(units):
    return make_user("j.officer", Role.DISTRICT_OFFICER, units["KD"])


@pytest.fixture(autouse=True)
def _no_thread(settings):
    settings.MUSTER_JOB_THREADS = False
    seen.clear()


def submit(owner, units, **params: Any) -> Job:
    return services.submit(owner=owner, kind="tests.echo", params=params, scope_unit=units["KD"])


def test_the_registry_knows_the_kinds_modules_register():
    assert registry.get("tests.echo") is ECHO
    assert "reports.results" in registry.names()  # registered by muster.reports on start
    assert registry.label("reports.results") != "reports.results"  # its label, translated
    with pytest.raises(LookupError):
        registry.get("tests.nothing")
    with pytest.raises(ValueError):  # a name is declared once
        registry.register(JobKind(name="tests.echo", label="Other", clean=dict, run=run_echo))


def test_bad_parameters_or_kind_write_nothing(owner, units):
    with pytest.raises(ValidationError) as error:
        submit(owner, units, text="")
    assert "text" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.submit(owner=owner, kind="tests.nothing", params={}, scope_unit=units["KD"])
    assert "kind" in error.value.message_dict
    assert not Job.objects.exists() and not DBTaskResult.objects.exists()


def test_a_job_is_queued_with_its_task_and_done_by_the_library_worker(owner, units):
    job = submit(owner, units, text="ab", times="3")
    assert job.state == JobState.QUEUED and job.params == {"text": "ab", "times": 3}
    task = DBTaskResult.objects.get()
    assert str(task.id) == job.task_id and task.task_path == "muster.jobs.tasks.run_job"
    assert task.args_kwargs == {"args": [job.pk], "kwargs": {}}
    assert task.status == TaskResultStatus.READY

    assert services.drain(worker="w1") == 1
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.progress == 100 and job.message == ""
    assert bytes(job.content) == b"ababab" and job.size == 6
    assert (job.filename, job.content_type) == ("ab.txt", "text/plain")
    assert job.worker == "w1" and job.attempts == 1 and job.finished_at is not None
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL and task.return_value == "done"
    assert services.drain(worker="w1") == 0  # the queue is empty


def test_a_failure_keeps_the_error_and_no_file(owner, units):
    job = submit(owner, units, text="boom")
    services.drain(worker="w1")
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.error == "RuntimeError: the kind failed"
    assert bytes(job.content) == b"" and job.filename == "" and job.size == 0


def test_a_job_is_never_done_twice(owner, units):
    job = submit(owner, units, text="once")
    claimed = runner.claim(job.pk, "a")
    assert claimed is not None and claimed.state == JobState.RUNNING
    assert runner.claim(job.pk, "b") is None
    runner.run(claimed)
    # Its task delivered (twice, even) finds it done: nothing runs again.
    services.enqueue(job.pk)
    assert services.drain(worker="c") == 2
    assert seen == [("once", job.pk)]
    assert set(DBTaskResult.objects.values_list("return_value", flat=True)) == {"skipped"}
    job.refresh_from_db()
    assert job.worker == "a" and job.attempts == 1


def test_stale_jobs_are_put_back_and_done_by_the_command(owner, units):
    job = submit(owner, units, text="late")
    runner.claim(job.pk, "dead-worker")
    DBTaskResult.objects.all().delete()  # the worker died with its task
    now = dt.datetime.now(dt.UTC)
    assert services.requeue_stale(now=now) == 0
    assert services.requeue_stale(now=now + services.STALE_AFTER + dt.timedelta(minutes=1)) == 1
    job.refresh_from_db()
    assert job.state == JobState.QUEUED and job.worker == "" and job.task_id
    out = io.StringIO()
    call_command("run_jobs", "--once", stdout=out)
    assert "Done: 1 job(s)." in out.getvalue()
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.attempts == 2


def test_a_waiting_job_without_a_task_gets_one(owner, units):
    """As the jobs copied from the former export table: queued, no task yet."""
    job = submit(owner, units, text="old")
    DBTaskResult.objects.all().delete()
    Job.objects.filter(pk=job.pk).update(task_id="")
    assert services.drain(worker="w") == 0  # nothing carries it
    call_command("run_jobs", "--once", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.attempts == 1 and job.task_id


def test_another_backend_is_a_matter_of_configuration(owner, units, settings):
    """The immediate backend (as a real queue would, by configuration alone) runs the job once
    the transaction commits; the database worker command refuses to run beside it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        job = submit(owner, units, text="now")
        assert Job.objects.get(pk=job.pk).state == JobState.QUEUED  # not before the commit
    job.refresh_from_db()
    assert job.state == JobState.DONE and bytes(job.content) == b"now" and job.task_id
    assert not DBTaskResult.objects.exists()
    with pytest.raises(CommandError):
        call_command("run_jobs", "--once", stdout=io.StringIO())
