"""The audit head only moves forward (no DELETE, and an UPDATE advances ``last_seq`` by one),
and on PostgreSQL TRUNCATE of either audit table is refused (row triggers do not see it)."""

from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_audithead
       BEGIN SELECT RAISE(ABORT, 'the audit head only moves forward'); END;""",
    """CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_audithead
       WHEN NEW.id <> OLD.id OR NEW.last_seq <> OLD.last_seq + 1
       BEGIN SELECT RAISE(ABORT, 'the audit head only moves forward'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS audit_head_no_delete;",
    "DROP TRIGGER IF EXISTS audit_head_forward_only;",
]
PG_UP = [
    """CREATE OR REPLACE FUNCTION audit_refuse_truncate() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit events are append-only: TRUNCATE is refused'; END; $$
       LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();""",
    """CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_audithead
       FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();""",
    """CREATE OR REPLACE FUNCTION audit_head_forward_only() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'DELETE' OR NEW.id <> OLD.id OR NEW.last_seq <> OLD.last_seq + 1 THEN
           RAISE EXCEPTION 'the audit head only moves forward';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_audithead
       FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();""",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;",
    "DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_audithead;",
    "DROP TRIGGER IF EXISTS audit_head_forward_only ON audit_audithead;",
    "DROP FUNCTION IF EXISTS audit_refuse_truncate();",
    "DROP FUNCTION IF EXISTS audit_head_forward_only();",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_UP, "postgresql": PG_UP}.get(vendor, []):
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN}.get(vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]
    operations = [migrations.RunPython(forwards, backwards)]
