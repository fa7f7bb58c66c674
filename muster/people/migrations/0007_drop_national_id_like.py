"""PostgreSQL only: drop the ``varchar_pattern_ops`` index Django adds beside the unique index
on ``Person.national_id``. It served only ``LIKE 'prefix%'``; the ID search is now a range of
the unique index (``selectors.id_number_prefix``), so the second index cost every insert
~0.1 s per 100,000 rows for nothing (bench/import_people.py --floor)."""

from django.db import migrations

_FIND = """
    SELECT i.relname FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_opclass o ON o.oid = x.indclass[0]
    JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
    WHERE x.indrelid = 'people_person'::regclass AND x.indnatts = 1
      AND a.attname = 'national_id' AND o.opcname = 'varchar_pattern_ops'
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(_FIND)
        names = [row[0] for row in cursor.fetchall()]
    for name in names:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS people_person_national_id_1950311c_like "
        "ON people_person (national_id varchar_pattern_ops)"
    )


class Migration(migrations.Migration):
    dependencies = [("people", "0006_person_name_id_include")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
