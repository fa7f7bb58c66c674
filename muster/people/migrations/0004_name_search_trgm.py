"""PostgreSQL only: a pg_trgm GIN index on ``Person.name_search`` for the diacritic-free
"contains" name search (``LIKE '%nguyen van%'``). SQLite has no such index and skips this."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS person_name_trgm "
        "ON people_person USING gin (name_search gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS person_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("people", "0003_person_name_id_index")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
