"""The export jobs of the former ``reports.ExportJob`` table are copied into ``jobs.Job`` by
migration reports 0002 (and back when it is reversed), with their public ids and files."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from muster.accounts.models import Role
from muster.jobs.models import Job
from tests.conftest import make_user
from tests.conscription.campaign_factories import matrix_campaign

BEFORE = [("reports", "0001_export_jobs"), ("jobs", "0001_initial")]
AFTER = [("reports", "0002_move_exports_to_jobs")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_export_jobs_move_to_jobs_and_back(units):
    owner = make_user("m.officer", Role.DISTRICT_OFFICER, units["KD"])
    campaign = matrix_campaign({"unit_in": units["DHOP"]}, "in")
    try:
        old_apps = migrate(BEFORE)
        ExportJob = old_apps.get_model("reports", "ExportJob")
        done_id, queued_id = uuid.uuid4(), uuid.uuid4()
        created = dt.datetime(2025, 2, 10, 8, 30, tzinfo=dt.UTC)
        ExportJob.objects.create(
            public_id=done_id, owner_id=owner.pk, kind="results", fmt="xlsx",
            campaign_id=campaign.pk, unit_id=units["DHOP"].pk, state="done", progress=100,
            attempts=1, worker="thread:1", filename="bao-cao.xlsx",
            content_type="application/octet-stream", content=b"PK\x03\x04", size=4,
            finished_at=created,
        )  # fmt: skip
        ExportJob.objects.filter(public_id=done_id).update(created_at=created)
        ExportJob.objects.create(
            public_id=queued_id, owner_id=owner.pk, kind="deferral_list", fmt="pdf",
            campaign_id=campaign.pk, unit_id=units["KD"].pk,
        )  # fmt: skip

        new_apps = migrate(AFTER)
        assert "reports_exportjob" not in connection.introspection.table_names()
        NewJob = new_apps.get_model("jobs", "Job")
        done = NewJob.objects.get(public_id=done_id)
        assert done.kind == "reports.results" and done.state == "done"
        assert done.params == {"campaign": str(campaign.public_id), "fmt": "xlsx"}
        assert done.scope_unit_id == units["DHOP"].pk and done.owner_id == owner.pk
        assert bytes(done.content) == b"PK\x03\x04" and done.filename == "bao-cao.xlsx"
        assert done.created_at == created and done.finished_at == created
        queued = NewJob.objects.get(public_id=queued_id)
        assert (queued.kind, queued.state, queued.params["fmt"]) == (
            "reports.deferral_list",
            "queued",
            "pdf",
        )

        old_apps = migrate(BEFORE)
        back = old_apps.get_model("reports", "ExportJob").objects.get(public_id=done_id)
        assert (back.kind, back.fmt, back.campaign_id) == ("results", "xlsx", campaign.pk)
        assert bytes(back.content) == b"PK\x03\x04" and back.created_at == created
        assert not old_apps.get_model("jobs", "Job").objects.exists()
    finally:
        migrate(AFTER)
    assert Job.objects.count() == 2
