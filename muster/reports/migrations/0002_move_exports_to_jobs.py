"""Export jobs become background jobs of ``muster.jobs``.

A new table plus a data migration rather than ``SeparateDatabaseAndState``: the record changes
shape (no foreign key to the campaign any more: its public id goes in ``params`` with the
format; ``kind`` becomes ``reports.<kind>``; ``unit`` becomes ``scope_unit``), so keeping the
old table would need as many schema steps as a copy, and would leave the generic table named
after reports. Every row is copied with its public id (the links in the audit trail and the
users' bookmarks keep working), its state, progress and file; then ``reports_exportjob`` is
dropped. Reversible: going back copies the report jobs back into a recreated table.
"""

import uuid

from django.db import migrations

FIELDS = (
    "public_id",
    "owner_id",
    "state",
    "progress",
    "message",
    "attempts",
    "worker",
    "filename",
    "content_type",
    "content",
    "size",
    "error",
    "created_at",
    "started_at",
    "finished_at",
)


def forwards(apps, schema_editor):
    ExportJob = apps.get_model("reports", "ExportJob")
    Job = apps.get_model("jobs", "Job")
    db = schema_editor.connection.alias
    for old in ExportJob.objects.using(db).select_related("campaign").order_by("pk").iterator():
        job = Job(
            kind=f"reports.{old.kind}",
            params={"campaign": str(old.campaign.public_id), "fmt": old.fmt},
            scope_unit_id=old.unit_id,
            **{name: getattr(old, name) for name in FIELDS},
        )
        job.save(using=db)
        # auto_now_add replaced the creation time on save: put the original back.
        Job.objects.using(db).filter(pk=job.pk).update(created_at=old.created_at)


def backwards(apps, schema_editor):
    ExportJob = apps.get_model("reports", "ExportJob")
    Job = apps.get_model("jobs", "Job")
    Campaign = apps.get_model("conscription", "Campaign")
    db = schema_editor.connection.alias
    campaigns = dict(Campaign.objects.using(db).values_list("public_id", "pk"))
    for job in Job.objects.using(db).filter(kind__startswith="reports.").order_by("pk"):
        old = ExportJob(
            kind=job.kind.removeprefix("reports."),
            fmt=job.params.get("fmt", ""),
            campaign_id=campaigns[uuid.UUID(job.params["campaign"])],
            unit_id=job.scope_unit_id,
            **{name: getattr(job, name) for name in FIELDS},
        )
        old.save(using=db)
        ExportJob.objects.using(db).filter(pk=old.pk).update(created_at=job.created_at)
        job.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_export_jobs"),
        ("jobs", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="ExportJob"),
    ]
